// OWASP XSS filter-evasion payloads placed in a content fixture (contact, document, glossary)
// and in every reflected parameter: none may execute.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, NHZ, phone, root, startServer } from "./helpers.mjs";

// From the OWASP XSS Filter Evasion Cheat Sheet, each setting a flag instead of alerting too.
const PAYLOADS = [
  "<script>window.__xss=1;alert(1)</script>",
  "<IMG SRC=\"javascript:window.__xss=1\">",
  "<IMG SRC=javascript:alert('XSS')>",
  "<img src=x onerror=\"window.__xss=1\">",
  "<svg/onload=window.__xss=1>",
  "<a href=\"javascript:window.__xss=1\">klik</a>",
  "\"><script>window.__xss=1</script>",
  "<IMG \"\"\"><SCRIPT>window.__xss=1</SCRIPT>\">",
  "<iframe src=\"javascript:window.__xss=1\"></iframe>",
  "<BODY ONLOAD=window.__xss=1>",
  "<div style=\"background-image: url(javascript:window.__xss=1)\">x</div>",
  "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__xss=1\">x</a>",
  "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
  "<details open ontoggle=window.__xss=1>",
  "<input onfocus=window.__xss=1 autofocus>",
  "<object data=\"javascript:window.__xss=1\"></object>",
  "</title><script>window.__xss=1</script>",
  "<math><mi xlink:href=\"javascript:window.__xss=1\">x</mi></math>",
  "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=1\">",
  "';window.__xss=1;//",
];
const ALL = PAYLOADS.join(" ");

let server, browser, dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), "palliwijzer-xss-"));
  cpSync(join(root, "content"), join(dir, "content"), { recursive: true });
  const c = join(dir, "content");
  appendFileSync(join(c, "national/contacts.toml"), `
[[contact]]
id = "xss-contact"
name = ${JSON.stringify("XSS " + PAYLOADS.slice(0, 6).join(" "))}
kind = "netwerk"
call_for = ${JSON.stringify(ALL)}
source = ${JSON.stringify(PAYLOADS[6])}
source_note = ${JSON.stringify(ALL)}
verified_on = 2026-11-23
`);
  appendFileSync(join(c, "national/glossary.toml"), `
[[term]]
id = "xss-term"
term = ${JSON.stringify("XSS" + PAYLOADS[3])}
meaning = ${JSON.stringify(PAYLOADS[4])}
explanation = ${JSON.stringify(ALL)}
synonyms = ${JSON.stringify(PAYLOADS)}
source = "seed 002"
`);
  writeFileSync(join(c, "national/documenten/xss-document.md"), `+++
id = "xss-document"
title = ${JSON.stringify("XSS " + PAYLOADS[0])}
kind = "folder"
audience = ["poh"]
paper = "A4"
summary = ${JSON.stringify(ALL)}
source = ${JSON.stringify(PAYLOADS[5])}
written_on = 2026-11-23
owner = "Test"
review_by = 2099-01-01
+++
## Payloads in Markdown

${PAYLOADS.map((p) => "- " + p).join("\n")}

[klik hier](javascript:window.__xss=1)

${ALL}
`);
  server = await startServer(["--content", c]);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); rmSync(dir, { recursive: true, force: true }); });

test("no payload executes on pages that show them", async () => {
  const { page, context } = await phone(browser);
  const enc = encodeURIComponent(ALL);
  const pages = [
    `/r/${NHZ}/wie-bel-ik`,
    `/r/${NHZ}/contact/xss-contact`,
    "/documenten",
    "/documenten/xss-document",
    "/begrippen",
    `/r/${NHZ}/zoeken?q=${enc}`,
    `/r/${NHZ}/zoeken?q=${encodeURIComponent("XSS")}`,
    `/regio?q=${encodeURIComponent(PAYLOADS[0])}`,
    `/r/${NHZ}/zorgpad/markeren?rol=${encodeURIComponent(PAYLOADS[0])}`,
    `/${encodeURIComponent(PAYLOADS[0])}`,
  ];
  const violations = [];
  page.on("console", (m) => { if (/Content Security Policy/.test(m.text())) violations.push(m.text()); });
  for (const p of pages) {
    const res = await page.goto(server.url + p);
    assert.ok(res.status() < 500, `${p}: status ${res.status()}`);
    await page.waitForTimeout(50);
    assert.equal(await page.evaluate(() => window.__xss), undefined, `payload ran on ${p}`);
    assert.equal(page.__dialogs || 0, 0, `a dialog opened on ${p}`);
    const injected = await page.evaluate(() =>
      [...document.querySelectorAll("main script, main iframe, main object, main [onerror], main [onload], main [onfocus], main [ontoggle], main a[href^='javascript' i]")].length);
    assert.equal(injected, 0, `active elements from content on ${p}`);
  }
  // The payloads are shown as text, so an editor can see and remove them.
  await page.goto(server.url + `/r/${NHZ}/contact/xss-contact`);
  assert.match(await page.locator("main").textContent(), /<script>window.__xss=1;alert\(1\)<\/script>/);
  await context.close();
});
