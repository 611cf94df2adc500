/**
 * Headless Chromium for the coverage HTML: Debian's `chromium` package (`.ci/run` installs it)
 * driven by puppeteer-core, which downloads no browser. The profile lives in a fresh temporary
 * folder that is removed afterwards, and the flags keep the browser off the network.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function withChromium<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (.ci/run does), or set CHROMIUM_PATH`);
  const profile = mkdtempSync(join(tmpdir(), "coverage-chromium-"));
  try {
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      userDataDir: profile,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    try {
      return await work(browser);
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
