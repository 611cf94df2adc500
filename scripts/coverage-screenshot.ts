/**
 * docs/images/coverage.png: the committed sample's HTML (examples/coverage/coverage.html) as a
 * reader sees it, one cell selected so its reason and fix show, for docs/coverage.md.
 *
 *   npm run --silent build && node dist/scripts/coverage-screenshot.js
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { withChromium } from "./coverage-browser";

const root = join(__dirname, "..", "..");

withChromium(async (browser) => {
  const page = await browser.newPage();
  await page.setViewport({ width: 1440, height: 900, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(join(root, "examples", "coverage", "coverage.html")).href);
  await page.select("#f-status", "gap");
  await page.click("#map tbody tr:not([hidden]) td.c.s-not-covered");
  await page.screenshot({ path: join(root, "docs", "images", "coverage.png") });
  process.stdout.write("wrote docs/images/coverage.png\n");
}).catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
