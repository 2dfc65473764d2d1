// Palliwijzer: small, optional improvements. Every page works without this script.
"use strict";

// Offline after the first visit.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => {});
  });
}

// Say how old this copy is when it may not be fresh: offline, or older than two minutes.
function describeAge() {
  const el = document.getElementById("versheid");
  if (!el) return;
  const shown = new Date(el.dataset.weergegeven);
  if (isNaN(shown)) return;
  const minutes = Math.max(0, Math.round((Date.now() - shown.getTime()) / 60000));
  const stale = !navigator.onLine || minutes >= 2;
  const out = el.querySelector(".leeftijd");
  if (!out) return;
  const top = document.getElementById("kopie-melding");
  if (!stale) { out.textContent = ""; el.classList.remove("oud"); if (top) top.hidden = true; return; }
  // Dutch time, as on the page itself, whatever zone this device is set to.
  const when = shown.toLocaleString("nl-NL", { timeZone: "Europe/Amsterdam", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
  let age;
  if (minutes < 1) age = "minder dan een minuut";
  else if (minutes === 1) age = "1 minuut";
  else if (minutes < 60) age = minutes + " minuten";
  else if (minutes < 48 * 60) age = Math.round(minutes / 60) + " uur";
  else age = Math.round(minutes / 1440) + " dagen";
  const prefix = navigator.onLine ? "Opgeslagen kopie" : "Offline: opgeslagen kopie";
  out.textContent = prefix + " van " + when + " (" + age + " oud).";
  el.classList.add("oud");
  if (top) { top.textContent = out.textContent; top.hidden = false; }
}
document.addEventListener("DOMContentLoaded", describeAge);
window.addEventListener("online", describeAge);
window.addEventListener("offline", describeAge);

// Offline start page: the saved copy was made without the region cookie; offer the region
// this browser remembers, as the live page would.
document.addEventListener("DOMContentLoaded", () => {
  const slot = document.getElementById("verder-kopie");
  if (!slot) return;
  const m = document.cookie.match(/(?:^|;\s*)regio=([a-z0-9-]+)/);
  const region = m && document.querySelector(`a[data-regio="${m[1]}"]`);
  if (!region) return;
  const link = slot.querySelector("a");
  link.href = region.getAttribute("href");
  link.textContent = link.dataset.voorvoegsel + " " + region.querySelector("strong").textContent;
  slot.hidden = false;
});

// Print and share on document pages.
document.addEventListener("DOMContentLoaded", () => {
  const status = document.querySelector(".deel-status");
  for (const button of document.querySelectorAll("[data-actie]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      if (button.dataset.actie === "print") { window.print(); return; }
      const data = { title: button.dataset.titel, text: button.dataset.tekst, url: location.href };
      try {
        if (navigator.share) { await navigator.share(data); return; }
        await navigator.clipboard.writeText(location.href);
        if (status) status.textContent = "Link gekopieerd.";
      } catch (e) {
        // Closing the share sheet is a choice, not a failure.
        if (e && e.name === "AbortError") return;
        if (status) status.textContent = "Delen lukte niet. Kopieer het adres uit de adresbalk.";
      }
    });
  }
});

// Coordinator screen: plus and minus for free beds, within 0 and the capacity.
document.addEventListener("DOMContentLoaded", () => {
  const beds = document.getElementById("vrije-bedden");
  if (!beds) return;
  for (const b of document.querySelectorAll("[data-stap]")) {
    b.addEventListener("click", () => {
      const max = Number(beds.max || 200);
      const next = Math.min(max, Math.max(0, (Number(beds.value) || 0) + Number(b.dataset.stap)));
      beds.value = String(next);
      if (next > 0) {
        const free = document.querySelector("input[name=status][value=plek-vrij]");
        if (free && !document.querySelector("input[name=status]:checked")) free.checked = true;
      }
    });
  }
});

// Redactie import: a chosen CSV file is read into the text field (which also takes pasted text).
document.querySelectorAll("input[type=file][data-vul]").forEach((input) => {
  input.hidden = false;
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    const target = document.getElementById(input.dataset.vul);
    if (file && target) target.value = await file.text();
  });
});
