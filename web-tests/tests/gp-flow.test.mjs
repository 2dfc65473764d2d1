// A GP on a house visit: postcode, "Wie bel ik?", and a tel: link with the number from the content.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { contentTelOfNationalLine, demoContent, launch, phone, screenshot, startServer } from "./helpers.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test("postcode → region → wie bel ik → tel: link of the national line", async () => {
  const { page, context } = await phone(browser);
  await page.goto(server.url + "/");
  await screenshot(page, "01-start");
  await page.getByLabel("Postcode of plaatsnaam").fill("2031 AB");
  await page.getByRole("button", { name: "Zoek regio" }).click();
  await page.waitForURL(/\/r\/noord-holland-zuid$/);
  assert.equal(await page.locator("h1").textContent(), "Noord-Holland Zuid");
  await screenshot(page, "02-regio");
  await page.getByRole("link", { name: /Wie bel ik\?/ }).click();
  await page.waitForURL(/wie-bel-ik$/);
  await screenshot(page, "03-wie-bel-ik");
  const call = page.locator("#c-consultatie-palliatieve-zorg a.bel");
  assert.equal(await call.getAttribute("href"), contentTelOfNationalLine());
  assert.equal(await call.textContent(), "Bel 088 605 1444");
  const box = await call.boundingBox();
  assert.ok(box.height >= 48, `touch target is ${box.height}px high`);
  // Its number was checked in a stored copy of the page, not live: the source says so.
  const source = await page.locator("#c-consultatie-palliatieve-zorg .bron").textContent();
  assert.match(source, /nagekeken in een opgeslagen kopie op \d+ \w+ \d{4}; nog niet live gecontroleerd/);
  assert.doesNotMatch(source, /gecontroleerd op/);
  // The source reads by its name and the site it is on, not as a page address.
  assert.match(source, /^Bron: Palliaweb, themapagina Consultatie \(palliaweb\.nl\) · /);
  // The region is remembered: the start page offers to continue with it.
  await page.goto(server.url + "/");
  assert.equal(await page.getByRole("link", { name: "Verder met Noord-Holland Zuid" }).count(), 1);
  await context.close();
});

test("demo data is impossible to miss, and never in the bundled content", async () => {
  const { page, context } = await phone(browser);
  for (const region of ["noord-holland-zuid", "gooi-en-vechtstreek", "zuidoost-brabant"]) {
    await page.goto(`${server.url}/r/${region}/hospices`);
    assert.equal(await page.locator(".is-voorbeeld").count(), 0, region);
  }
  const demo = await startServer(["--content", demoContent()]);
  try {
    await page.goto(demo.url + "/r/voorbeeldregio/hospices");
    const card = page.locator("#v-voorbeeld-hospice-met-nummer");
    assert.match(await card.getAttribute("class"), /is-voorbeeld/);
    assert.equal(await card.locator(".badge.voorbeeld").textContent(), "VOORBEELD");
    assert.match(await card.locator("a.bel").textContent(), /\(VOORBEELD\)$/);
    await screenshot(page, "04-hospices-voorbeeld");
  } finally {
    await demo.stop();
  }
  await context.close();
});
