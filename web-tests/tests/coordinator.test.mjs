// A hospice coordinator on a phone: from the login screen to saved in at most 4 taps after
// the password, under 30 seconds; everyone then sees the new state with its age.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { addAccount, launch, NHZ, phone, screenshot, startServer, stateDir } from "./helpers.mjs";

const FACILITY = "nhz-hospice-bardo";
const PASSWORD = "een lang en goed wachtwoord";
let server, browser;
before(async () => {
  const state = join(stateDir(), "state.sqlite");
  await addAccount(state, FACILITY, "bardo-coordinator", PASSWORD);
  server = await startServer([], state);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

test("login to saved in 4 taps after the password, under 30 seconds", async () => {
  const { page, context } = await phone(browser);
  let taps = 0;
  const tap = async (locator) => { taps += 1; await locator.click(); };
  await page.goto(server.url + "/coordinator");
  const started = Date.now();
  await screenshot(page, "08-coordinator-login");
  await page.getByLabel("Gebruikersnaam").fill("bardo-coordinator");
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await tap(page.getByRole("button", { name: "Inloggen" }));
  await page.waitForURL(/\/coordinator\/beschikbaarheid$/);
  await tap(page.getByLabel("Plek vrij"));
  await tap(page.getByRole("button", { name: "Eén bed meer" }));
  await screenshot(page, "09-coordinator-form");
  await tap(page.getByRole("button", { name: "Opslaan" }));
  await page.waitForURL(/opgeslagen=1/);
  const seconds = (Date.now() - started) / 1000;
  assert.match(await page.locator(".gelukt").textContent(), /Opgeslagen om \d\d:\d\d/);
  assert.ok(taps <= 4, `${taps} taps`);
  assert.ok(seconds < 30, `${seconds} s`);
  await screenshot(page, "10-coordinator-opgeslagen");

  // A district nurse sees it, with its age.
  await page.goto(`${server.url}/r/${NHZ}/hospices`);
  const row = page.locator(`#v-${FACILITY}`);
  assert.match(await row.locator(".regel-status").textContent(), /^Plek vrij · 1 van \d+ bedden vrij$/);
  assert.match(await row.textContent(), /zojuist bijgewerkt/);
  const first = await page.locator("article.facility").first().getAttribute("id");
  assert.equal(first, `v-${FACILITY}`, "a free bed comes first");
  await screenshot(page, "11-hospices-met-plek");
  await context.close();
});

test("a wrong password says so and stores nothing", async () => {
  const { page, context } = await phone(browser);
  await page.goto(server.url + "/coordinator");
  await page.getByLabel("Gebruikersnaam").fill("bardo-coordinator");
  await page.getByLabel("Wachtwoord").fill("niet het wachtwoord");
  await page.getByRole("button", { name: "Inloggen" }).click();
  assert.equal(await page.getByRole("alert").textContent(), "Onjuiste gebruikersnaam of wachtwoord.");
  await context.close();
});

test("the coordinator's form is never kept: no-store, and not in the offline copy", async () => {
  const { page, context } = await phone(browser);
  await page.goto(server.url + "/");
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.goto(server.url + "/coordinator");
  await page.getByLabel("Gebruikersnaam").fill("bardo-coordinator");
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/coordinator/beschikbaarheid")),
    page.getByRole("button", { name: "Inloggen" }).click(),
  ]);
  assert.equal(res.headers()["cache-control"], "no-store");
  const kept = await page.evaluate(async () => {
    const urls = [];
    for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) urls.push(r.url);
    return urls.filter((u) => u.includes("/coordinator"));
  });
  assert.deepEqual(kept, []);
  await context.close();
});
