// Shared by the browser tests: start the real `palliwijzer serve` on a free loopback port,
// launch Debian's Chromium headless through playwright-core, save screenshots to look at.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const target = process.env.CARGO_TARGET_DIR || join(root, "target");
export const binary = process.env.PALLIWIJZER_BIN || join(target, "debug", "palliwijzer");
export const shots = join(target, "screenshots");
mkdirSync(shots, { recursive: true });

export const NHZ = "noord-holland-zuid";

/** A fresh folder for a server's state file. */
export function stateDir() {
  return mkdtempSync(join(tmpdir(), "palliwijzer-state-"));
}

/** The bundled content with the demo fixture's regions laid over it (tests/fixtures/demo):
 * for tests that show VOORBEELD data, which never ships. Returns the folder. */
export function demoContent() {
  const dir = mkdtempSync(join(tmpdir(), "palliwijzer-demo-"));
  cpSync(join(root, "content"), dir, { recursive: true });
  cpSync(join(root, "tests/fixtures/demo/regions"), join(dir, "regions"), { recursive: true });
  return dir;
}

/** Starts the server on a free port; resolves with { url, stop, log }. */
export async function startServer(args = [], state = join(stateDir(), "state.sqlite")) {
  const child = spawn(binary, ["serve", "--port", "0", "--state", state, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("server did not start in 20 s:\n" + log)), 20000);
    const onData = (chunk) => {
      log += chunk;
      const m = log.match(/draait op (http:\/\/[0-9.:]+)\//);
      if (m) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (c) => { log += c; });
    child.on("exit", (code) => { clearTimeout(timer); fail(new Error(`server exited (${code}):\n${log}`)); });
  });
  child.removeAllListeners("exit");
  const stop = () => new Promise((done) => {
    const clean = () => { rmSync(dirname(state), { recursive: true, force: true }); done(); };
    if (child.exitCode !== null) return clean();
    child.once("exit", clean);
    child.kill("SIGKILL");
  });
  return { url, stop, log: () => log };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
}

/** A phone-sized page (360x800), as a GP holds it. Its clock is set to a zone other than
 * Dutch time (Bonaire, where phones speak Dutch too): every time a page shows must be Dutch
 * time all the same, whatever zone the test machine is in. */
export async function phone(browser, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 800 }, locale: "nl-NL", timezoneId: "America/Kralendijk", ...options,
  });
  const page = await context.newPage();
  page.on("dialog", async (d) => { page.__dialogs = (page.__dialogs || 0) + 1; await d.dismiss(); });
  return { context, page };
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
}

/** The national consultation line as the content writes it, turned into its tel: link. */
export function contentTelOfNationalLine() {
  const toml = readFileSync(join(root, "content/national/contacts.toml"), "utf8");
  const block = toml.split("[[contact]]").find((b) => /id\s*=\s*"consultatie-palliatieve-zorg"/.test(b));
  const phone = block.match(/phone\s*=\s*"([^"]+)"/)[1];
  return "tel:+31" + phone.replace(/\D/g, "").replace(/^0/, "");
}

/** Waits until the service worker has stored every page of the offline list; returns how many. */
export async function savedForOffline(page) {
  const expected = await page.evaluate(async () => (await (await fetch("/offline-lijst.json")).json()).urls.length);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(async (n) => {
    const keys = await caches.keys();
    if (keys.length === 0) return false;
    return (await (await caches.open(keys[0])).keys()).length >= n;
  }, expected, { timeout: 90000, polling: 250 });
  return expected;
}

/** `palliwijzer hospice add-account`, with the password on standard input. */
export function addAccount(state, facility, user, password) {
  return new Promise((ok, fail) => {
    const child = spawn(binary, ["hospice", "add-account", "--facility", facility, "--user", user, "--state", state], { cwd: root });
    let err = "";
    child.stderr.on("data", (c) => { err += c; });
    child.on("exit", (code) => (code === 0 ? ok() : fail(new Error(`add-account exited ${code}: ${err}`))));
    child.stdin.end(password + "\n");
  });
}

/** `palliwijzer editor add-account`, with the password on standard input; `region` null for national. */
export function addEditor(state, region, user, password, content = join(root, "content")) {
  const scope = region ? ["--region", region] : ["--national"];
  return new Promise((ok, fail) => {
    const child = spawn(binary, ["editor", "add-account", ...scope, "--user", user, "--state", state, "--content", content], { cwd: root });
    let err = "";
    child.stderr.on("data", (c) => { err += c; });
    child.on("exit", (code) => (code === 0 ? ok() : fail(new Error(`editor add-account exited ${code}: ${err}`))));
    child.stdin.end(password + "\n");
  });
}
