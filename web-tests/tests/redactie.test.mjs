// The people who know the numbers keep them true, in a real browser at phone size: editor A
// changes a phone number, the public pages keep the old one, editor B approves, the national
// editor publishes, and an app's store synced from that publication shows the new number with
// who checked it when. A visitor's "Klopt dit niet?" reaches the region's editors.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addEditor, binary, launch, NHZ, phone, root, screenshot, startServer, stateDir } from "./helpers.mjs";

const PASSWORD = "een lang en goed wachtwoord";
const HAP = "nhz-huisartsenpost";
const HAP_NAME = "Huisartsen-Spoedpost (Haarlem-Noord en Haarlem-Zuid)";
// A made-up number of the right shape, only in this test's temporary copy of the content.
const NEW_PHONE = "023 123 4567";
const NEW_TEL = "tel:+31231234567";
const OLD_TEL = "tel:+31232242526";

let server, browser, work, content, keys, publication;
const git = (...args) => execFileSync("git", ["-C", content, ...args], {
  env: { ...process.env, GIT_AUTHOR_NAME: "test", GIT_AUTHOR_EMAIL: "t@example.invalid", GIT_COMMITTER_NAME: "test", GIT_COMMITTER_EMAIL: "t@example.invalid" },
}).toString();

before(async () => {
  work = mkdtempSync(join(tmpdir(), "palliwijzer-redactie-"));
  content = join(work, "content");
  cpSync(join(root, "content"), content, { recursive: true });
  git("init", "-q");
  git("add", ".");
  git("-c", "commit.gpgsign=false", "commit", "-q", "-m", "start");
  keys = join(work, "keys");
  publication = join(work, "publicatie");
  execFileSync(binary, ["keys", "generate", "--out", keys]);
  // What the apps have before the change: a first publication of the same content.
  execFileSync(binary, ["publish", "--content", content, "--key", join(keys, "publish.key"), "--out", publication]);
  const state = join(stateDir(), "state.sqlite");
  await addEditor(state, NHZ, "anna", PASSWORD, content);
  await addEditor(state, NHZ, "bram", PASSWORD, content);
  await addEditor(state, null, "landelijk", PASSWORD, content);
  server = await startServer(["--content", content, "--publish", publication, "--publish-key", join(keys, "publish.key")], state);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

async function logIn(user) {
  const { page, context } = await phone(browser);
  await page.goto(server.url + "/redactie");
  await page.getByLabel("Gebruikersnaam").fill(user);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL(/\/redactie$/);
  return { page, context };
}

async function publicTel() {
  const { page, context } = await phone(browser);
  await page.goto(`${server.url}/r/${NHZ}/contact/${HAP}`);
  const tel = await page.locator("a.bel").first().getAttribute("href");
  await context.close();
  return tel;
}

test("editor A proposes, editor B approves, publish, a synced store shows the new number", async () => {
  const store = join(work, "app.sqlite");
  const sync = () => execFileSync(binary, ["sync", `${server.url}/sync`, "--store", store, "--trust", join(keys, "root.pub")]).toString();
  sync(); // the app as it was before the change
  const a = await logIn("anna");
  await screenshot(a.page, "30-redactie-overzicht");
  await a.page.getByRole("link", { name: HAP_NAME }).first().click();
  await a.page.getByLabel("Telefoonnummer").fill("12345");
  await a.page.getByLabel("Gebeld").check();
  await a.page.getByRole("button", { name: "Opslaan als voorstel" }).click();
  assert.match(await a.page.locator(".veldfout").first().textContent(), /geen geldig Nederlands telefoonnummer/);
  assert.equal(await a.page.getByLabel("Telefoonnummer").inputValue(), "12345", "what was typed stays");
  await screenshot(a.page, "31-redactie-fout-bij-veld");
  await a.page.getByLabel("Telefoonnummer").fill(NEW_PHONE);
  await a.page.getByRole("button", { name: "Opslaan als voorstel" }).click();
  await a.page.waitForURL(/\/redactie\/voorstel\/\d+$/);
  assert.match(await a.page.locator("main").textContent(), /tweede redacteur/);
  assert.ok(await a.page.locator(`.voorbeeld a[href="${NEW_TEL}"]`).count() >= 1, "the preview shows the new number in Wie bel ik nu");
  assert.equal(await a.page.getByRole("button", { name: "Goedkeuren en vastleggen" }).count(), 0, "not by the proposer");
  await screenshot(a.page, "32-redactie-voorstel");
  assert.equal(await publicTel(), OLD_TEL, "the public still sees the old number");

  const b = await logIn("bram");
  await b.page.getByRole("link", { name: /^Voorstel \d+:/ }).first().click();
  const approvedAt = Date.now();
  await b.page.getByRole("button", { name: "Goedkeuren en vastleggen" }).click();
  assert.match(await b.page.locator(".gelukt").textContent(), /Goedgekeurd door bram/);
  await screenshot(b.page, "33-redactie-goedgekeurd");
  assert.match(git("log", "-1", "--format=%an %cn %s"), /^anna bram contact nhz-huisartsenpost: Telefoonnummer gewijzigd en gecontroleerd/);
  assert.equal(await publicTel(), OLD_TEL, "approved is not yet published");

  const n = await logIn("landelijk");
  await n.page.getByRole("button", { name: "Publiceren" }).click();
  const published = await n.page.locator(".gelukt").textContent();
  assert.match(published, /staat klaar voor de apps/);
  assert.equal(await publicTel(), NEW_TEL, "from the publication on, the website shows the new number");
  await screenshot(n.page, "34-redactie-gepubliceerd");

  const synced = sync();
  const seconds = (Date.now() - approvedAt) / 1000;
  const list = execFileSync(binary, ["wie-bel-ik", NHZ, "--db", store]).toString();
  const entry = list.slice(list.indexOf(HAP_NAME));
  const [card, rest] = [entry.split("Bron:")[0], entry.split("Bron:")[1].split("\n")[0]];
  assert.match(card, new RegExp(`Bel ${NEW_PHONE}`));
  assert.match(rest, /gecontroleerd op \d+ \w+ \d{4} door Netwerk Palliatieve Zorg Noord-Holland Zuid \(gebeld\)/);
  console.log(`approval to synced store: ${seconds.toFixed(1)} s; ${published.trim()}; sync: ${synced.trim()}`);

  // A second sync of the same publication moves almost nothing.
  const bytes = Number(synced.match(/(\d+) bytes ontvangen/)[1]);
  assert.ok(bytes < 20000, `one changed number cost ${bytes} bytes`);
  assert.match(sync(), /geen wijzigingen/);
  for (const x of [a, b, n]) await x.context.close();
});

test("a visitor's report reaches the region's editors, and a bad one keeps what was typed", async () => {
  const { page, context } = await phone(browser);
  await page.goto(`${server.url}/r/${NHZ}/contact/${HAP}`);
  await page.getByRole("link", { name: "Klopt dit niet?" }).click();
  await page.getByLabel("Wat klopt er niet?").fill("x".repeat(10) + "\u200b");
  await page.getByLabel("Wat is het juiste gegeven?").fill("023 000 0000?");
  await page.getByRole("button", { name: "Melding versturen" }).click();
  assert.match(await page.getByRole("alert").textContent(), /^Uw beschrijving bevat een onzichtbaar teken/);
  assert.equal(await page.getByLabel("Wat is het juiste gegeven?").inputValue(), "023 000 0000?");
  await page.getByLabel("Wat klopt er niet?").fill("Het nummer op de site van de post is anders.");
  await screenshot(page, "35-klopt-dit-niet");
  await page.getByRole("button", { name: "Melding versturen" }).click();
  assert.match(await page.locator(".gelukt").textContent(), /Dank u/);
  await screenshot(page, "36-melding-ontvangen");
  await context.close();

  const a = await logIn("anna");
  const report = a.page.locator("article.melding-redactie");
  assert.equal(await report.count(), 1);
  assert.match(await report.textContent(), /Het nummer op de site van de post is anders\./);
  await screenshot(a.page, "37-redactie-melding");
  await report.getByRole("button", { name: "Gecontroleerd, klopt" }).click();
  await a.page.waitForURL(/\/redactie$/);
  assert.equal(await a.page.locator("article.melding-redactie").count(), 0);
  await a.context.close();
});

test("a sociale kaart with a bad line: the preview names the line, keeps the text, stores nothing", async () => {
  const a = await logIn("anna");
  await a.page.getByRole("link", { name: /sociale kaart \(CSV\)/ }).click();
  const csv = [
    "id;naam;soort;waarvoor;telefoon;bron;gecontroleerd_op",
    "nhz-wijkteam-test;Wijkteam Test;wijkverpleging;Thuiszorg in de wijk;023 123 4567;Sociale kaart van het netwerk;30-11-2026",
    "nhz-fout;Fout;wijkverpleging;Thuiszorg;12345;Sociale kaart;30-11-2026",
  ].join("\n");
  await a.page.getByLabel(/De sociale kaart als CSV/).fill(csv);
  await a.page.getByRole("button", { name: "Bekijk wat er verandert" }).click();
  assert.match(await a.page.locator("main").textContent(), /Voorbeeld: er is nog niets opgeslagen/);
  assert.match(await a.page.locator("ul.problemen").textContent(), /Regel 3: ‘12345’ is geen geldig Nederlands telefoonnummer/);
  assert.match(await a.page.locator("table.import").textContent(), /nhz-wijkteam-test.*nieuw contact/);
  assert.equal((await a.page.getByLabel(/De sociale kaart als CSV/).inputValue()).trim(), csv, "nothing pasted is lost");
  await screenshot(a.page, "38-redactie-import-voorbeeld");
  await a.page.goto(server.url + "/redactie");
  assert.match(await a.page.locator("main").textContent(), /Voorstellen die wachten \(0\)/, "the preview stored nothing");
  await a.context.close();
});
