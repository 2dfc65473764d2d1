// The beslisboom with JavaScript off: one question per page, down to the TOPZ contact, and back.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, NHZ, phone, screenshot, startServer } from "./helpers.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test("from the first question to TOPZ Spaarne Gasthuis and back, without JavaScript", async () => {
  const { page, context } = await phone(browser, { javaScriptEnabled: false });
  await page.goto(`${server.url}/r/${NHZ}/beslisboom`);
  const visited = [page.url()];
  assert.equal(await page.locator("h1").textContent(), "Is er een centrale zorgverlener?");
  assert.equal(await page.getByRole("link", { name: /Vorige vraag/ }).count(), 0, "no back link at the start");
  await screenshot(page, "05-beslisboom-start");
  for (const answer of ["Nee", /Medisch-inhoudelijke vraag/, "Ja"]) {
    await page.getByRole("link", { name: answer, exact: typeof answer === "string" }).click();
    visited.push(page.url());
  }
  assert.match(await page.locator("h1").textContent(), /TOPZ/);
  const topz = page.locator("#c-nhz-topz-spaarne-gasthuis");
  assert.equal(await topz.count(), 1, "the end point shows the TOPZ contact");
  await screenshot(page, "06-beslisboom-topz");
  // Back, step by step, to where we started.
  for (let i = visited.length - 2; i >= 0; i--) {
    await page.getByRole("link", { name: /Vorige vraag|Terug naar het begin/ }).click();
    assert.equal(page.url(), visited[i]);
  }
  assert.equal(await page.locator("h1").textContent(), "Is er een centrale zorgverlener?");
  await context.close();
});

test("the hospice end point leads to the hospice list", async () => {
  const { page, context } = await phone(browser, { javaScriptEnabled: false });
  await page.goto(`${server.url}/r/${NHZ}/beslisboom`);
  await page.getByRole("link", { name: "Nee", exact: true }).click();
  await page.getByRole("link", { name: /Opname in een hospice/ }).click();
  await page.getByRole("link", { name: /Hospices en palliatieve units in/ }).click();
  assert.match(page.url(), /\/hospices$/);
  assert.ok(await page.locator("article.facility").count() >= 1);
  await context.close();
});
