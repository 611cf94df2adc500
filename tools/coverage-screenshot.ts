/**
 * docs/images/coverage.png: the committed sample's HTML (examples/coverage/coverage.html) as a
 * reader sees it, one cell selected so its reason and fix show; docs/images/coverage-controls.png:
 * its control view filtered to the controls with a missing source, one selected with its heat
 * map and one red cell's reasons and fixes. Both for docs/coverage.md.
 *
 *   npm run --silent build && node dist/tools/coverage-screenshot.js
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { withChromium } from "./coverage-browser";

const root = join(__dirname, "..", "..");

withChromium(async (browser) => {
  const page = await browser.newPage();
  // Tall enough for the header, the cards, the filtered matrix and the detail panel below it at
  // once: the click scrolls the panel into view, which would push the header out of a shorter window.
  await page.setViewport({ width: 1440, height: 1200, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(join(root, "examples", "coverage", "coverage.html")).href);
  await page.select("#f-status", "gap");
  await page.click("#map tbody tr:not([hidden]) td.c.s-not-covered");
  await page.screenshot({ path: join(root, "docs", "images", "coverage.png") });
  await page.click("#cv-gaps");
  await page.$eval("#cv-list tr.ctl:not([hidden])", (row) => (row as unknown as { click(): void }).click());
  await page.$eval("#cv-map td.c.s-not-covered", (cell) => (cell as unknown as { click(): void }).click());
  await page.$eval("section.controls-view", (section) => (section as unknown as { scrollIntoView(): void }).scrollIntoView());
  await page.screenshot({ path: join(root, "docs", "images", "coverage-controls.png") });
  process.stdout.write("wrote docs/images/coverage.png and docs/images/coverage-controls.png\n");
}).catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
