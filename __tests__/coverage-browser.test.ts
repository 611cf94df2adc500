/**
 * The project's Chromium (tools/coverage-browser.ts) on a fresh machine: no login session, so no
 * XDG_RUNTIME_DIR. Chromium's audio client (libpulse) then made a `pulse-*` folder in TMPDIR that
 * nothing removed, and the temporary-folder guard failed every `npm test` (issue 24).
 */
import { readdirSync } from "node:fs";
import { launchChromium } from "../tools/coverage-browser";
import { temporaryDirectory } from "./support/temp";

test("Chromium started without XDG_RUNTIME_DIR leaves nothing in its TMPDIR once closed", async () => {
  const tmp = temporaryDirectory("chromium-tmpdir");
  const saved = { TMPDIR: process.env.TMPDIR, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR };
  // launchChromium's profile and the browser's environment both follow TMPDIR (os.tmpdir()).
  process.env.TMPDIR = tmp;
  delete process.env.XDG_RUNTIME_DIR;
  try {
    const chromium = await launchChromium();
    try {
      const page = await chromium.browser.newPage();
      await page.setContent("<p>audio is initialised with the first page</p>");
    } finally {
      await chromium.close();
    }
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  expect(readdirSync(tmp)).toEqual([]);
});
