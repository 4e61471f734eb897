// Opens the demo page in headless Chromium for the browser tests: the demo
// server on a free port, a fresh browser (Debian's /usr/bin/chromium, or
// $SALESPLAN_CHROMIUM) and a page that notes every console error or
// warning, uncaught error and failed request in `problems`.
import { chromium } from "playwright-core";

import { packageDir } from "./helpers.mjs";
import { DATA_MOUNTS, serve } from "./server.mjs";

const CHROMIUM = process.env.SALESPLAN_CHROMIUM || "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Serves the package (with the server's data folders, or `mounts`), opens
 * `/demo/index.html` and waits until the page says whether it loaded
 * (`html[data-state]`). Resolves to `{server, browser, page, problems, close}`.
 */
export async function openDemo({ mounts = DATA_MOUNTS } = {}) {
  const server = await serve(packageDir, 0, mounts);
  const problems = [];
  let browser;
  try {
    // Playwright gives the browser a fresh, temporary user data dir.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (message) => {
      if (["error", "warning"].includes(message.type())) problems.push(`${message.type()}: ${message.text()} (${message.location().url})`);
    });
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`requestfailed: ${request.url()}`));
    await page.goto(`${server.url}/demo/index.html`);
    await page.waitForSelector("html[data-state]", { timeout: 30_000 });
    const close = async () => {
      await browser.close();
      await server.close();
    };
    return { server, browser, page, problems, close };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}
