/**
 * coverage.html in a real browser: headless Debian Chromium driven by puppeteer-core loads the
 * committed sample from file:// with the network off, shows every account, filters and sorts,
 * and leaves a screenshot; its control view lists, filters and draws each control's heat map; at a
 * laptop's 1000 x 800 it keeps the account columns and every row in view; printed to PDF
 * (Chromium's print-to-PDF) it is landscape and cuts no column off. Without Chromium this fails
 * (`.ci/run` installs it): a browser test that skips proves nothing.
 *
 * One browser with one page serves the file: it is started as on a fresh machine (no
 * XDG_RUNTIME_DIR, its own TMPDIR), and the last test closes it and checks that it left nothing
 * there. A load of the sample costs Chromium about 0.5 s of CPU, so each describe block loads the
 * page once and its tests run in order on that load: each sets what it relies on (the filters it
 * reads are cleared first), and the one that changes what the others read (sorting) comes last.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page, Viewport } from "puppeteer-core";
import { parseReport, renderHtml, type CoverageReport } from "../modules/coverage";
import { controlStatus } from "../modules/coverage/controls-report";
import { STATUS_LABELS } from "../modules/coverage/markdown";
import { gridOutcome, isGap, isManual, SOURCE_TITLES, SOURCES } from "../modules/coverage/model";
import { launchChromium, type Chromium } from "../tools/coverage-browser";
import { PROJECT_ROOT } from "./support/project";
import { temporaryDirectory } from "./support/temp";

const SAMPLE = join(PROJECT_ROOT, "examples", "coverage");
const SAMPLE_PAGE = join(SAMPLE, "coverage.html");
const report: CoverageReport = parseReport(JSON.parse(readFileSync(join(SAMPLE, "sample.json"), "utf8")), "sample.json");
const DESKTOP: Viewport = { width: 1440, height: 900 };
const LAPTOP: Viewport = { width: 1000, height: 800 };

let chromium: Chromium | undefined;
let browserTmp: string;
let page: Page;
let requests: string[] = [];

beforeAll(async () => {
  // A fresh machine has no login session, so no XDG_RUNTIME_DIR: Chromium's audio client
  // (libpulse) then made a `pulse-*` folder in TMPDIR that nothing removed, and the
  // temporary-folder guard failed every `npm test` (issue 24). launchChromium's profile and the
  // browser's environment both follow TMPDIR (os.tmpdir()) when it starts.
  browserTmp = temporaryDirectory("chromium-tmpdir");
  const saved = { TMPDIR: process.env.TMPDIR, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR };
  process.env.TMPDIR = browserTmp;
  delete process.env.XDG_RUNTIME_DIR;
  try {
    chromium = await launchChromium();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  page = chromium.page;
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    requests.push(request.url());
    // Only the file itself may load; anything else would need the network an email attachment does not have.
    if (request.url().startsWith("file:")) void request.continue();
    else void request.abort();
  });
});
afterAll(() => chromium?.close());

/** Loads `file` on screen at `viewport`, recording every request the page makes from now on. */
async function load(file: string, viewport = DESKTOP): Promise<void> {
  requests = [];
  await page.emulateMediaType(undefined);
  await page.setViewport(viewport);
  await page.goto(pathToFileURL(file).href);
}

const visibleAccounts = (page: Page) => page.$$eval("#map tbody tr", (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => (r as HTMLTableRowElement).cells[0].textContent));

/** Every filter of the matrix back to showing all accounts, as a reader resets them: each list to its first choice, the account field emptied. */
async function clearFilters(page: Page): Promise<void> {
  for (const filter of ["#f-ou", "#f-status", "#f-source"]) await page.select(filter, "");
  await page.$eval("#f-account", (input) => {
    (input as HTMLInputElement).value = "";
    input.dispatchEvent(new Event("input"));
  });
}

describe("the account matrix", () => {
  beforeAll(() => load(SAMPLE_PAGE));

  test("the page shows one row per account, one column per source and Region, and loads nothing but itself", async () => {
    expect(await visibleAccounts(page)).toEqual(report.accounts.map((a) => a.id));
    expect(await page.$eval("#shown", (e) => e.textContent)).toBe(`${report.accounts.length} of ${report.accounts.length} accounts shown`);
    expect(await page.$$eval("#map tbody tr:first-child td.c", (cells) => cells.length)).toBe(SOURCES.length * report.regions.length);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith("file:"))).toEqual([]);
  });

  test("the gaps table gives one row per account, source and identical reason, its Regions listed together", async () => {
    const expected = SOURCES.flatMap((source) =>
      report.accounts.flatMap((account) => {
        const rows = new Map<string, string[]>();
        for (const region of report.regions.filter((r) => isGap(account.cells[source][r]))) {
          const cell = account.cells[source][region];
          const row = [`${account.id} ${account.name}`, SOURCE_TITLES[source], "", STATUS_LABELS[cell.status], cell.reason, cell.fix ?? ""];
          const key = row.join("\n");
          rows.set(key, [...(rows.get(key) ?? []), region]);
        }
        return [...rows].map(([key, regions]) => key.split("\n").map((text, i) => (i === 2 ? regions.join(", ") : text)));
      }),
    );
    expect(expected.some((row) => row[2]!.includes(", "))).toBe(true);
    expect(await page.$$eval("section.gaps tbody tr", (rows) => rows.map((row) => [...(row as HTMLTableRowElement).cells].map((cell) => cell.textContent)))).toEqual(expected);
  });

  test("clicking a cell shows its reason and fix; a screenshot is written", async () => {
    const gap = report.accounts.find((a) => a.cells.awsConfig["us-east-1"].status === "not-covered")!;
    const row = report.accounts.indexOf(gap) + 1;
    const column = 3 + 2 * report.regions.length + report.regions.indexOf("us-east-1") + 1;
    // A DOM click: the sticky detail panel may cover the cell where a mouse would land.
    await page.$eval(`#map tbody tr:nth-child(${row}) td:nth-child(${column})`, (cell) => (cell as HTMLElement).click());
    const detail = await page.$eval("#detail", (e) => e.textContent);
    expect(detail).toContain(`Reason: ${gap.cells.awsConfig["us-east-1"].reason}`);
    expect(detail).toContain(`Fix: ${gap.cells.awsConfig["us-east-1"].fix}`);
    const screenshot = join(temporaryDirectory("coverage-html"), "coverage.png");
    await page.screenshot({ path: screenshot });
    expect(statSync(screenshot).size).toBeGreaterThan(20_000);
  });

  test("filtering by status shows exactly the accounts with a cell in that status", async () => {
    await clearFilters(page);
    for (const status of ["not-covered", "unknown", "excluded"] as const) {
      await page.select("#f-status", status);
      const expected = report.accounts.filter((a) => SOURCES.some((s) => report.regions.some((r) => a.cells[s][r].status === status))).map((a) => a.id);
      expect([status, await visibleAccounts(page)]).toEqual([status, expected]);
    }
    await page.select("#f-source", "awsConfig");
    await page.select("#f-status", "unknown");
    expect(await visibleAccounts(page)).toEqual(report.accounts.filter((a) => report.regions.some((r) => a.cells.awsConfig[r].status === "unknown")).map((a) => a.id));
  });

  test("filtering by OU and by account name", async () => {
    await clearFilters(page);
    await page.select("#f-ou", "Root/Sandbox");
    expect(await visibleAccounts(page)).toEqual(report.accounts.filter((a) => a.ou === "Root/Sandbox").map((a) => a.id));
    await page.select("#f-ou", "");
    await page.type("#f-account", "payments");
    expect(await visibleAccounts(page)).toEqual(report.accounts.filter((a) => a.name.includes("payments")).map((a) => a.id));
  });

  test("clearing the filters shows every account again", async () => {
    await clearFilters(page);
    expect(await visibleAccounts(page)).toEqual(report.accounts.map((a) => a.id));
    expect(await page.$eval("#shown", (e) => e.textContent)).toBe(`${report.accounts.length} of ${report.accounts.length} accounts shown`);
  });

  // Last: it reorders the rows the tests above find by position.
  test("sorting by name, and by a Region column with the gaps first", async () => {
    await clearFilters(page);
    await page.click("#map thead th[data-col='1']");
    const byName = [...report.accounts].sort((a, b) => (a.name < b.name ? -1 : 1)).map((a) => a.id);
    expect(await visibleAccounts(page)).toEqual(byName);
    await page.click("#map thead th[data-col='1']");
    expect(await visibleAccounts(page)).toEqual([...byName].reverse());
    // Columns: Account, Name, OU, then Audit Manager's Regions, then Security Hub CSPM's.
    const column = 3 + report.regions.length + report.regions.indexOf("us-west-2");
    await page.click(`#map thead th[data-col='${column}']`);
    const firstRows = (await visibleAccounts(page)).slice(0, 3);
    for (const id of firstRows) expect(report.accounts.find((a) => a.id === id)!.cells.securityHub["us-west-2"].status).toBe("not-covered");
  });
});

describe("the control view", () => {
  beforeAll(() => load(SAMPLE_PAGE));
  const controls = report.controls.assessments.flatMap((a) => a.controlSets.flatMap((set) => set.controls.map((control) => ({ assessment: a.name, control }))));
  const visibleControls = (page: Page) => page.$$eval("#cv-list tr.ctl", (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.cells[0].textContent));
  const select = (page: Page, index: number) => page.$eval(`#cv-list tr.ctl[data-control="${index}"]`, (row) => (row as HTMLElement).click());

  test("lists every control of every assessment, and the filter keeps exactly those with a missing or unknown source", async () => {
    expect(await visibleControls(page)).toEqual(controls.map((c) => c.control.id));
    expect(await page.$eval("#cv-shown", (e) => e.textContent)).toBe(`${controls.length} of ${controls.length} controls shown`);
    await page.click("#cv-gaps");
    const gaps = controls.filter((c) => c.control.counts["not-covered"] + c.control.counts.unknown > 0).map((c) => c.control.id);
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.length).toBeLessThan(controls.length);
    expect(await visibleControls(page)).toEqual(gaps);
  });

  test("a control's heat map has one row per account and one cell per Region, each the worst status of its sources", async () => {
    const index = controls.findIndex((c) => c.control.sources.length > 1 && c.control.sources.every((s) => s.grid !== undefined));
    await select(page, index);
    const drawn = await page.$$eval("#cv-map tbody tr", (rows) => rows.map((r) => [...(r as HTMLTableRowElement).cells].slice(2).map((td) => td.className.replace(/^c s-/, ""))));
    const { control } = controls[index];
    expect(drawn).toEqual(report.accounts.map((_, i) => report.regions.map((region) => controlStatus(report, control, region, i))));
    // Each status shows the same symbol as in the account x Region matrix.
    for (const status of ["covered", "not-covered", "excluded"]) {
      const symbol = await page.$eval(`#map td.c.s-${status}`, (td) => td.textContent);
      expect([status, await page.$$eval(`#cv-map td.c.s-${status}`, (cells) => [...new Set(cells.map((td) => td.textContent))])]).toEqual([status, [symbol]]);
    }
  });

  test("a cell of the heat map shows each source's reason and fix: an account outside the assessment is red with the deploy that adds it", async () => {
    const index = controls.findIndex((c) => c.control.sources.length === 1 && c.control.sources[0].type === "AWS_API_Call");
    await select(page, index);
    const scope = report.controls.grids[report.controls.assessments[0].scope];
    const region = report.regions[0];
    const account = report.accounts.findIndex((_, i) => report.controls.outcomes[scope.outcomes[gridOutcome(scope, region, i)]].status === "not-covered");
    const outcome = report.controls.outcomes[scope.outcomes[gridOutcome(scope, region, account)]];
    await page.$eval(`#cv-map tbody tr:nth-child(${account + 1}) td:nth-child(3)`, (cell) => (cell as HTMLElement).click());
    expect(await page.$eval(`#cv-map tbody tr:nth-child(${account + 1}) td:nth-child(3)`, (cell) => cell.className)).toContain("s-not-covered");
    const detail = await page.$eval("#cv-detail", (e) => e.textContent);
    expect(detail).toContain(`not covered: ${outcome.reason}`);
    expect(detail).toContain(`Fix: ${outcome.fix}`);
  });

  test("a manual control has no heat map: it says the evidence is uploaded by a person", async () => {
    await select(page, controls.findIndex((c) => isManual(c.control)));
    expect(await page.$$("#cv-map")).toHaveLength(0);
    expect(await page.$eval("#cv-heat", (e) => e.textContent)).toContain("Manual control");
  });
});

describe("on a laptop, 1000 x 800", () => {
  beforeAll(() => load(SAMPLE_PAGE, LAPTOP));

  test("the header and the summary cards take at most a third of the height", async () => {
    expect(await page.$eval(".cards", (cards) => cards.getBoundingClientRect().bottom)).toBeLessThanOrEqual(LAPTOP.height / 3);
  });

  test("the account and name columns stay in view when the matrix scrolls sideways", async () => {
    const seen = await page.$eval(".wrap", (wrap) => {
      wrap.scrollLeft = wrap.scrollWidth;
      const row = (wrap.querySelector("tbody tr") as HTMLTableRowElement).cells;
      const visibleAt = (cell: Element) => {
        const box = cell.getBoundingClientRect();
        return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === cell;
      };
      return { scrolled: wrap.scrollLeft, left: row[0]!.getBoundingClientRect().left - wrap.getBoundingClientRect().left - wrap.clientLeft, account: visibleAt(row[0]!), name: visibleAt(row[1]!), nameAfterAccount: row[1]!.getBoundingClientRect().left - row[0]!.getBoundingClientRect().right };
    });
    expect(seen.scrolled).toBeGreaterThan(100);
    expect(seen).toEqual({ scrolled: seen.scrolled, left: 0, account: true, name: true, nameAfterAccount: 0 });
  });

  test("clicking a cell with the mouse shows its detail without hiding a row of the matrix", async () => {
    // The lowest gap cell on screen: where a panel over the bottom of the window would sit.
    const cells = await page.$$("#map tbody td.c.s-not-covered");
    const onScreen = [];
    for (const cell of cells) if ((await cell.boundingBox())!.y + 10 < LAPTOP.height) onScreen.push(cell);
    await onScreen.at(-1)!.click();
    expect(await page.$eval("#detail", (e) => e.textContent)).toContain("Reason: ");
    const overlap = await page.$eval("#detail", (detail) => {
      const panel = detail.getBoundingClientRect();
      const wrap = document.querySelector(".wrap")!.getBoundingClientRect();
      const shown = [...document.querySelectorAll("#map tbody tr")].map((row) => row.getBoundingClientRect()).filter((row) => row.bottom > Math.max(0, wrap.top) && row.top < Math.min(innerHeight, wrap.bottom));
      return { panelInWindow: panel.top >= 0 && panel.bottom <= innerHeight + 0.5, rowsShown: shown.length, hidden: shown.filter((row) => row.bottom > panel.top && row.top < panel.bottom).length };
    });
    expect(overlap.rowsShown).toBeGreaterThan(5);
    expect(overlap).toEqual({ panelInWindow: true, rowsShown: overlap.rowsShown, hidden: 0 });
  });
});

describe("on paper", () => {
  /** A PDF's pages and their sizes in points, read from its page objects. */
  const pdfPages = (pdf: Uint8Array) => {
    const text = Buffer.from(pdf).toString("latin1");
    return [...text.matchAll(/\/Type\s*\/Page\b[^]*?\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
  };

  /** The sample with 17 Regions (the cells of its Regions repeated): wider than a page. */
  function wideReport(): CoverageReport {
    const regions = Array.from({ length: 17 }, (_, i) => `xx-region-${i + 1}`);
    const copy = (cells: Record<string, unknown>) => Object.fromEntries(regions.map((r, i) => [r, cells[report.regions[i % report.regions.length]!]]));
    return { ...report, regions, accounts: report.accounts.map((a) => ({ ...a, cells: Object.fromEntries(SOURCES.map((s) => [s, copy(a.cells[s])])) as never })) };
  }

  /**
   * Prints the page to PDF as Chromium prints it (the stylesheet's page size), then lays it out
   * again with print media emulated at the PDF's printable width and returns what lies beyond it.
   */
  async function print(page: Page) {
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = pdfPages(pdf);
    // 10 mm margins (the stylesheet's @page), 96 CSS pixels per inch, 72 points per inch.
    const margin = (10 / 25.4) * 96;
    const width = (pages[0]!.width / 72) * 96 - 2 * margin;
    const height = (pages[0]!.height / 72) * 96 - 2 * margin;
    await page.setViewport({ width: Math.floor(width), height: Math.floor(height) });
    await page.emulateMediaType("print");
    // What the browser does when printing starts (emulated media alone does not fire it).
    await page.evaluate(() => dispatchEvent(new Event("beforeprint")));
    const layout = await page.evaluate((printable) => {
      const visible = (e: Element) => (e as HTMLElement).offsetParent !== null;
      const cells = [...document.querySelectorAll("table th, table td")].filter(visible);
      return {
        cells: cells.length,
        cutOff: cells.filter((cell) => cell.getBoundingClientRect().right > printable + 0.5).map((cell) => cell.textContent),
        tables: [...document.querySelectorAll("table.map")].filter(visible).map((table) => ({ rows: (table as HTMLTableElement).tBodies[0]!.rows.length, header: getComputedStyle((table as HTMLTableElement).tHead!).display, sticky: [...(table as HTMLTableElement).tHead!.querySelectorAll("th")].filter((th) => getComputedStyle(th).position !== "static").length })),
        height: document.documentElement.scrollHeight,
      };
    }, width);
    return { pdf, pages, pageHeight: height, ...layout };
  }

  test("the sample prints landscape on every page, its matrix fits the page width, its table headers repeat", async () => {
    await load(SAMPLE_PAGE);
    const printed = await print(page);
    expect(printed.pdf.length).toBeGreaterThan(10_000);
    // As many pages as the printed layout is tall, give or take the rows kept whole across a page break.
    expect(printed.pages.length).toBeGreaterThanOrEqual(Math.ceil(printed.height / printed.pageHeight));
    expect(printed.pages.length).toBeLessThanOrEqual(Math.ceil(printed.height / printed.pageHeight) + 2);
    for (const size of printed.pages) expect(size.width).toBeGreaterThan(size.height);
    expect(printed.cells).toBeGreaterThan(report.accounts.length * 3);
    expect(printed.cutOff).toEqual([]);
    expect(printed.tables).toEqual([{ rows: report.accounts.length, header: "table-header-group", sticky: 0 }]);
  });

  test("a matrix wider than the page prints as one table per evidence source, no column cut off", async () => {
    const file = join(temporaryDirectory("coverage-html"), "wide.html");
    writeFileSync(file, renderHtml(wideReport()));
    await load(file);
    expect(await page.$eval("#map", (table) => table.scrollWidth)).toBeGreaterThan(1100);
    const printed = await print(page);
    for (const size of printed.pages) expect(size.width).toBeGreaterThan(size.height);
    expect(printed.pages.length).toBeGreaterThanOrEqual(SOURCES.length);
    expect(printed.cutOff).toEqual([]);
    expect(printed.tables).toEqual(SOURCES.map(() => ({ rows: report.accounts.length, header: "table-header-group", sticky: 0 })));
    expect(await page.$$eval(".print-sources h2", (titles) => titles.map((t) => t.textContent))).toEqual(SOURCES.map((s) => SOURCE_TITLES[s]));
  });
});

// Last: it closes the file's browser.
describe("closed", () => {
  test("Chromium started without XDG_RUNTIME_DIR leaves nothing in its TMPDIR once closed", async () => {
    await chromium!.close();
    chromium = undefined;
    expect(readdirSync(browserTmp)).toEqual([]);
  });
});

