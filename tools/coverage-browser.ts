/**
 * Headless Chromium for the coverage HTML: Debian's `chromium` package (`.ci/run` installs it)
 * driven by puppeteer-core, which downloads no browser. The profile lives in a fresh temporary
 * folder that is removed afterwards, and the flags keep the browser off the network. The browser
 * runs as one process (--single-process): the page is a local file with no other origin to
 * isolate, and on 2 cores five page loads cost 3.8 s of CPU instead of 6.5 s.
 *
 * The browser gets a runtime folder of its own inside the profile (XDG_RUNTIME_DIR): a fresh
 * machine has none, and then Chromium's audio client (libpulse) makes a `pulse-*` folder in TMPDIR
 * that nothing removes.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface Chromium {
  readonly browser: Browser;
  /** The tab the browser starts with: a page of its own (browser.newPage()) costs about 0.7 s more of CPU. */
  readonly page: Page;
  /** Closes the browser and removes its profile folder. */
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (.ci/run does), or set CHROMIUM_PATH`);
  const profile = mkdtempSync(join(tmpdir(), "coverage-chromium-"));
  const runtime = join(profile, "runtime");
  let browser: Browser | undefined;
  try {
    mkdirSync(runtime, { mode: 0o700 });
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      userDataDir: profile,
      env: { ...process.env, XDG_RUNTIME_DIR: runtime },
      args: ["--no-sandbox", "--single-process", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const started = browser;
    const page = (await started.pages())[0] ?? (await started.newPage());
    return {
      browser: started,
      page,
      close: async () => {
        try {
          await started.close();
        } finally {
          rmSync(profile, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    try {
      await browser?.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    throw error;
  }
}

export async function withChromium<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const chromium = await launchChromium();
  try {
    return await work(chromium.browser);
  } finally {
    await chromium.close();
  }
}
