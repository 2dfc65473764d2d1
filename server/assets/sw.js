// Palliwijzer service worker: on the first visit it stores the app shell and every content
// page (the list is /offline-lijst.json), so the site keeps working without a network. Online, pages come fresh from the
// network (and refresh the copy); offline, the stored copy is shown and the page says how old
// it is. A new content version ships a new worker and a new cache.
const VERSION = "__VERSION__";
const CACHE = "palliwijzer-" + VERSION;
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const res = await fetch("/offline-lijst.json", { cache: "no-store" });
    const list = await res.json();
    // One at a time keeps a phone on a weak connection responsive; failures are retried on use.
    for (const url of list.urls) {
      try {
        // Without cookies, both ways: saving every region's pages must not change the region
        // the user chose (each region page would otherwise set it anew).
        const page = await fetch(url, { cache: "no-store", credentials: "omit" });
        if (page.ok) await cache.put(url, page);
      } catch (e) { /* stays uncached; fetched on first online use */ }
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith("palliwijzer-") && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  // Pages behind a login and the live API are never saved: an offline copy would outlive the
  // session (and show its form) or pass off old figures as current.
  if (["/coordinator", "/redactie", "/melden", "/api/"].some((p) => url.pathname.startsWith(p))) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const res = await Promise.race([fetch(req), timeout(NETWORK_TIMEOUT_MS)]);
      if (res.ok && res.type === "basic") cache.put(req, res.clone());
      return res;
    } catch (e) {
      const hit = await cache.match(req, { ignoreVary: true });
      if (hit) return hit;
      // Never the start page under another page's address: say this page was not saved,
      // and link to what was.
      const missing = req.mode === "navigate" ? await cache.match("/offline") : null;
      if (missing) {
        return new Response(await missing.blob(), {
          status: 503, headers: { "content-type": "text/html; charset=utf-8" },
        });
      }
      return new Response("Offline niet beschikbaar: deze pagina is niet opgeslagen.", {
        status: 503, headers: { "content-type": "text/plain; charset=utf-8" },
      });
    }
  })());
});
