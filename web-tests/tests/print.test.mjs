// Every document prints as one clean page of its paper size, without navigation.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, phone, shots, startServer } from "./helpers.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

function pageCount(pdf) {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

test("each document prints on one page (patients': front and back) with no navigation", async () => {
  const { page, context } = await phone(browser);
  await page.goto(server.url + "/documenten");
  const links = await page.locator("main a[href^='/documenten/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(links.length >= 6, `found ${links.length} documents`);
  for (const href of links) {
    await page.goto(server.url + href);
    await page.emulateMedia({ media: "print" });
    for (const sel of ["header.top", "footer.bottom", ".deel-acties"]) {
      assert.equal(await page.locator(sel).evaluate((el) => getComputedStyle(el).display), "none", `${href}: ${sel} prints`);
    }
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
    const name = href.split("/").pop();
    writeFileSync(join(shots, `print-${name}.pdf`), pdf);
    // Patient documents print at 12 pt with room to write: front and back of the paper at most.
    const patient = await page.locator("body.voor-patient").count();
    const most = patient ? 2 : 1;
    assert.ok(pageCount(pdf) >= 1 && pageCount(pdf) <= most, `${href} prints on ${pageCount(pdf)} pages (at most ${most})`);
    await page.emulateMedia({ media: "screen" });
  }
  await context.close();
});
