// Offline after the first visit: load once, lose the network, open another page; it renders
// from the stored copy and says that it is an offline copy and how old.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, NHZ, phone, savedForOffline, screenshot, startServer } from "./helpers.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test("another page renders offline and states its age", async () => {
  const { page, context } = await phone(browser);
  await page.goto(server.url + "/");
  await savedForOffline(page);

  await server.stop();
  await context.setOffline(true);
  await page.goto(`${server.url}/r/${NHZ}/zorgpad/markeren?rol=wijkverpleegkundige`);
  assert.equal(await page.locator("h1").textContent(), "Markeren");
  assert.equal(await page.locator("nav.rollen [aria-current=page]").textContent(), "Wijkverpleegkundige");
  const freshness = await page.locator("#versheid").textContent();
  assert.match(freshness, /Offline: opgeslagen kopie van .* \((minder dan een minuut|1 minuut|([2-9]|[1-5]\d) minuten) oud\)/);
  assert.match(freshness, /Pagina gemaakt op \d+ \w+ \d{4} om \d\d:\d\d/);
  await screenshot(page, "07-offline-fase");
  await page.goto(`${server.url}/r/${NHZ}/wie-bel-ik`);
  assert.equal(await page.locator("#c-consultatie-palliatieve-zorg a.bel").getAttribute("href"), "tel:+31886051444");
  await context.close();
});
