// axe-core on every page type: zero WCAG 2.1 A/AA violations, at phone width.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { launch, NHZ, phone, screenshot, startServer } from "./helpers.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const PAGES = {
  start: "/",
  "regio-zoeken": "/regio?q=Hoofd",
  regio: `/r/${NHZ}`,
  "wie-bel-ik": `/r/${NHZ}/wie-bel-ik`,
  nu: `/r/${NHZ}/nu`,
  contact: `/r/${NHZ}/contact/consultatie-palliatieve-zorg`,
  hospices: `/r/${NHZ}/hospices`,
  "hospices-voorbeeld": "/r/zuidoost-brabant/hospices",
  zorgpad: `/r/${NHZ}/zorgpad`,
  fase: `/r/${NHZ}/zorgpad/markeren?rol=ziekenhuis`,
  onderwerp: `/r/${NHZ}/onderwerp/onderwerp-overdracht`,
  "beslisboom-vraag": `/r/${NHZ}/beslisboom`,
  "beslisboom-eind": `/r/${NHZ}/beslisboom/nhz-bb-eind-spaarne-gasthuis`,
  hulpmiddelen: `/r/${NHZ}/hulpmiddelen?voor=patient`,
  zoeken: `/r/${NHZ}/zoeken?q=hospice`,
  documenten: "/documenten",
  document: "/documenten/levenswensenkaart",
  begrippen: "/begrippen",
  coordinator: "/coordinator",
  "niet-gevonden": "/bestaat-niet",
  "fout-verzoek": `/r/${NHZ}/zorgpad/markeren?rol=tandarts`,
};

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test("every page type has zero WCAG 2.1 AA violations", async () => {
  // The page's CSP forbids injected scripts (as it should); axe runs with it bypassed.
  const { page, context } = await phone(browser, { bypassCSP: true });
  const failures = [];
  for (const [name, path] of Object.entries(PAGES)) {
    await page.goto(server.url + path);
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    assert.ok(result.passes.length >= 10, `${name}: axe checked only ${result.passes.length} rules`);
    for (const v of result.violations) {
      failures.push(`${name} (${path}): ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n    ")}`);
    }
    await screenshot(page, `axe-${name}`);
  }
  assert.deepEqual(failures, [], failures.join("\n"));
  await context.close();
});
