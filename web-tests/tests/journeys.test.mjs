// The three jobs this product exists for, walked end to end at phone size (360x800) the way
// the users work, offline included: a GP at 23:00 whose signal drops, a district nurse who
// needs a bed today, a practice nurse in Eindhoven who prints the levenswensenkaart.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { addAccount, launch, NHZ, phone, savedForOffline, screenshot, shots, startServer, stateDir } from "./helpers.mjs";

const FACILITY = "nhz-hospice-bardo";
const PASSWORD = "een lang en goed wachtwoord";
let server, browser;
before(async () => {
  const state = join(stateDir(), "state.sqlite");
  await addAccount(state, FACILITY, "bardo", PASSWORD);
  server = await startServer([], state);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

async function noSidewaysScroll(page, what) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${what}: page is ${scroll}px wide in a ${client}px window`);
}

test("GP at 23:00 in Haarlem: postcode once, signal drops, still a number to call", async () => {
  const { page, context } = await phone(browser);
  await page.goto(server.url + "/");
  await page.getByLabel("Postcode of plaatsnaam").fill("2031");
  await page.getByRole("button", { name: "Zoek regio" }).click();
  await page.waitForURL(/\/r\/noord-holland-zuid$/);
  const saved = await savedForOffline(page);
  assert.ok(saved > 50, `${saved} pages saved`);
  // Saving every region's pages in the background must not change the chosen region.
  const cookie = (await context.cookies()).find((c) => c.name === "regio");
  assert.equal(cookie?.value, NHZ);

  await context.setOffline(true);
  await page.goto(server.url + "/");
  const verder = page.getByRole("link", { name: "Verder met Noord-Holland Zuid" });
  await verder.waitFor();
  await screenshot(page, "20-gp-offline-start");
  await verder.click();
  await page.waitForURL(/\/r\/noord-holland-zuid$/);
  await page.getByRole("link", { name: /Wie bel ik nu\?/ }).click();
  await page.waitForURL(/\/nu$/);
  // At the top: a saved copy, and how old; the order says when it was computed.
  const top = page.locator("#kopie-melding");
  await top.waitFor({ state: "visible" });
  assert.match(await top.textContent(), /^Offline: opgeslagen kopie van .* \((minder dan een minuut|1 minuut|([2-9]|[1-5]\d) minuten) oud\)\.$/);
  // The copy's time is Dutch time, as the page's own, even on a device set to another zone.
  const made = (await page.locator("#versheid").textContent()).match(/\d{1,2}:\d\d/)[0];
  assert.ok((await top.textContent()).includes(` om ${made} `), `${await top.textContent()} vs page made at ${made}`);
  assert.match(await page.locator(".berekend").textContent(), /^Volgorde berekend voor \w+ \d+ \w+ \d{4} om \d\d:\d\d\.$/);
  // Above the first card the moment is said once (the banner says how old the copy is).
  const intro = await page.locator("main").evaluate((m) => {
    const first = m.querySelector(".nu-rij");
    let text = "";
    for (const el of m.querySelectorAll("p:not(#kopie-melding)")) if (first.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) text += el.textContent + "\n";
    return text;
  });
  assert.equal((intro.match(/\d\d:\d\d/g) || []).length, 1, intro);
  // The huisartsenpost and the consultation line can be called, each with its hours.
  const post = page.locator("#c-nhz-huisartsenpost");
  assert.equal(await post.locator("a.bel").getAttribute("href"), "tel:+31232242526");
  assert.match(await post.locator(".uren").textContent(), /^Bereikbaar: /);
  assert.equal(await page.locator("#c-consultatie-palliatieve-zorg a.bel").getAttribute("href"), "tel:+31886051444");
  // Roles in the patient's own team are not lines to call now.
  assert.equal(await page.locator("#c-eigen-zorgverleners").count(), 0);
  await screenshot(page, "21-gp-offline-nu");

  // The beslisboom ends in a number, offline too.
  await page.goto(`${server.url}/r/${NHZ}/beslisboom`);
  await page.locator("ul.antwoorden a").first().click();
  while (await page.locator("ul.antwoorden a").count() > 0) await page.locator("ul.antwoorden a").first().click();
  assert.ok(await page.locator("a.bel").count() >= 1, "an end with a number to call");
  await screenshot(page, "22-gp-offline-beslisboom-einde");

  // A page that was never saved says so and links to what was.
  await page.goto(`${server.url}/r/${NHZ}/zoeken?q=morfine`);
  assert.equal(await page.locator("h1").textContent(), "Offline niet beschikbaar");
  assert.ok(await page.getByRole("link", { name: /Wie bel ik nu\?/ }).count() >= 1);
  await screenshot(page, "23-gp-offline-niet-opgeslagen");
  await context.close();
});

test("district nurse: a contradictory availability is refused, a real one shows with its age and a number", async () => {
  const { page, context } = await phone(browser);
  await page.goto(server.url + "/coordinator");
  await page.getByLabel("Gebruikersnaam").fill("bardo");
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL(/\/coordinator\/beschikbaarheid$/);
  await page.getByLabel("Vol").check();
  await page.locator("#vrije-bedden").fill("3");
  await page.getByRole("button", { name: "Opslaan" }).click();
  assert.match(await page.getByRole("alert").textContent(), /Bij 'vol' horen geen vrije bedden/);
  await screenshot(page, "24-verpleegkundige-tegenstrijdig");
  await page.getByLabel("Plek vrij").check();
  await page.locator("#vrije-bedden").fill("2");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await page.waitForURL(/opgeslagen=1/);

  await page.goto(`${server.url}/r/${NHZ}/hospices`);
  const first = page.locator("article.facility").first();
  assert.equal(await first.getAttribute("id"), `v-${FACILITY}`, "the free bed first");
  assert.match(await first.locator(".regel-status").textContent(), /^Plek vrij · 2 van \d+ bedden vrij$/);
  assert.match(await first.textContent(), /zojuist bijgewerkt/);
  // Every card has a number to call: its own, or the consultation line said as such.
  for (const card of await page.locator("article.facility").all()) {
    assert.ok(await card.locator("a.bel").count() >= 1, await card.locator("h3").textContent());
  }
  assert.doesNotMatch(await page.locator("main").textContent(), /seed \d{3}/);
  await screenshot(page, "25-verpleegkundige-hospices");
  await noSidewaysScroll(page, "hospices");
  // A region with no hospice in the content: the message comes with the number to call.
  await page.goto(`${server.url}/r/zuidoost-brabant/hospices`);
  assert.equal(await page.locator("main p.melding", { hasText: "nog geen hospices" }).count(), 1);
  assert.equal(await page.locator('main a.bel[href="tel:+31886051444"]').count(), 1);
  assert.doesNotMatch(await page.locator("main").textContent(), /Stand van|elke regel/);
  await screenshot(page, "25b-hospices-geen-bron");
  await context.close();
});

test("practice nurse in Eindhoven: region by place name, the levenswensenkaart printed large with room to write", async () => {
  const { page, context } = await phone(browser);
  await page.goto(server.url + "/");
  await page.getByLabel("Postcode of plaatsnaam").fill("Eindhoven");
  await page.getByRole("button", { name: "Zoek regio" }).click();
  await page.waitForURL(/\/r\/zuidoost-brabant$/);
  await screenshot(page, "26-poh-eindhoven");
  await page.getByRole("link", { name: /Voor de patiënt/ }).first().click();
  await page.getByRole("link", { name: "Levenswensenkaart" }).click();
  await page.waitForURL(/\/documenten\/levenswensenkaart$/);
  await screenshot(page, "27-poh-levenswensenkaart");
  assert.equal(await page.getByRole("button", { name: "Afdrukken" }).count(), 1);
  assert.equal(await page.getByRole("button", { name: "Delen" }).count(), 1);
  // Both on the first screen, as in the apps: nobody scrolls through the card to print it.
  for (const name of ["Afdrukken", "Delen"]) {
    const box = await page.getByRole("button", { name }).boundingBox();
    assert.ok(box && box.y + box.height <= 800, `${name} at ${box?.y}px`);
  }
  const text = await page.locator("main").textContent();
  assert.doesNotMatch(text, /seed \d{3}/, "sources by their name");
  assert.match(text, /Naam van de praktijk/);
  await page.emulateMedia({ media: "print" });
  const size = await page.locator("article.document .tekst p").first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  assert.ok(size >= 16, `patient print is ${size}px (${(size * 0.75).toFixed(1)}pt)`); // 12pt = 16px
  const room = await page.locator("article.document .tekst ol li").first().evaluate((li) => li.getBoundingClientRect().height);
  assert.ok(room >= 60, `room to write under a question: ${room}px`);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  writeFileSync(join(shots, "print-levenswensenkaart-poh.pdf"), pdf);
  await page.emulateMedia({ media: "screen" });
  await context.close();
});

test("nothing scrolls sideways at 320 px or at 200 % zoom", async () => {
  for (const options of [{ viewport: { width: 320, height: 640 } }, { viewport: { width: 180, height: 400 }, deviceScaleFactor: 2 }]) {
    const { page, context } = await phone(browser, options);
    for (const path of ["/", `/r/${NHZ}`, `/r/${NHZ}/nu`, `/r/${NHZ}/wie-bel-ik`, `/r/${NHZ}/hospices`, "/documenten/levenswensenkaart", "/begrippen"]) {
      await page.goto(server.url + path);
      await noSidewaysScroll(page, `${path} at ${options.viewport.width}px`);
    }
    await screenshot(page, `28-smal-${options.viewport.width}`);
    await context.close();
  }
});

test("no dead ends: a region without a beslisboom neither links to one nor loses the region on its address", async () => {
  const { page, context } = await phone(browser);
  await page.goto(server.url + "/r/gooi-en-vechtstreek");
  assert.equal(await page.locator("a[href='/r/gooi-en-vechtstreek/beslisboom']").count(), 0, "no link to a beslisboom that does not exist");
  const res = await page.goto(server.url + "/r/gooi-en-vechtstreek/beslisboom");
  assert.equal(res.status(), 404);
  assert.equal(await page.locator("header.top a.regio").textContent(), "Gooi en Vechtstreek");
  assert.ok(await page.getByRole("link", { name: /Wie bel ik nu\?/ }).count() >= 1, "the region's jobs, not a dead end");
  await screenshot(page, "29-geen-doodlopende-weg");
  await context.close();
});

test("no dead ends: hulpmiddelen filters that leave nothing say so and offer a wider choice that shows what it says", async () => {
  const { page, context } = await phone(browser);
  await page.goto(`${server.url}/r/${NHZ}/hulpmiddelen`);
  await page.locator("#fase").selectOption("markeren");
  await page.locator("#voor").selectOption("patient");
  await page.getByRole("button", { name: "Toon" }).click();
  await page.waitForURL(/fase=markeren/);
  assert.equal(await page.getByRole("status").textContent(), "Geen hulpmiddelen voor Patiënt en naasten in de fase Markeren.");
  await screenshot(page, "29b-hulpmiddelen-niets");
  const wider = page.getByRole("link", { name: /^Alle fasen voor Patiënt en naasten \(\d+\)$/ });
  const promised = (await wider.textContent()).match(/\((\d+)\)/)[1];
  await wider.click();
  await page.waitForURL(/voor=patient/);
  assert.equal(await page.getByRole("status").textContent(), `${promised} hulpmiddelen`);
  assert.equal(await page.locator("#voor").inputValue(), "patient");
  assert.equal(await page.locator("#fase").inputValue(), "");
  await context.close();
});

test("GP looks up a medicine: the guideline named for it comes before what only mentions it", async () => {
  const { page, context } = await phone(browser);
  await page.goto(`${server.url}/r/${NHZ}`);
  await page.getByLabel("Zoeken in Palliwijzer").fill("morfine");
  await page.getByRole("button", { name: "Zoek", exact: true }).click();
  await page.waitForURL(/zoeken\?q=morfine/);
  const guideline = page.getByRole("link", { name: /^Richtlijn Pijn bij patiënten met kanker/ });
  const mentions = page.getByRole("heading", { name: "Ook genoemd in de tekst" });
  assert.equal(await mentions.count(), 1);
  const before = await guideline.evaluate((a, h) => !!(a.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING), await mentions.elementHandle());
  assert.ok(before, "the guideline is drawn above the mentions");
  assert.match(await guideline.getAttribute("href"), /^https:\/\//);
  await screenshot(page, "29c-gp-zoekt-morfine");
  await noSidewaysScroll(page, "zoeken");
  await context.close();
});

test("practice nurse shares a leaflet: closing the share sheet says nothing, a real failure says what to do", async () => {
  for (const [error, expected] of [["AbortError", ""], ["NotAllowedError", "Delen lukte niet. Kopieer het adres uit de adresbalk."]]) {
    const { page, context } = await phone(browser);
    // The system share sheet, closed by the user or refused by the device.
    await page.addInitScript((name) => {
      Object.defineProperty(navigator, "share", { value: async () => { throw new DOMException("test", name); } });
    }, error);
    await page.goto(`${server.url}/documenten/levenswensenkaart`);
    await page.getByRole("button", { name: "Delen" }).click();
    await page.waitForTimeout(200);
    assert.equal((await page.locator(".deel-status").textContent()).trim(), expected, error);
    await context.close();
  }
});

test("district nurse types the town, not the municipality: Hoofddorp finds Noord-Holland Zuid", async () => {
  const { page, context } = await phone(browser);
  await page.goto(server.url + "/");
  await page.getByLabel("Postcode of plaatsnaam").fill("Hoofddorp");
  await page.getByRole("button", { name: "Zoek regio" }).click();
  await page.waitForURL(/\/r\/noord-holland-zuid$/);
  assert.match(await page.locator("main").textContent(), /Hospice met plek/);
  await context.close();
});
