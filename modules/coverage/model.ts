/**
 * The evidence coverage report: one row per ACTIVE account, one cell per evidence source and
 * configured Region. This shape is what `coverage.json` holds (teams archive it as audit
 * evidence), so it is versioned: a change that removes or renames a field raises
 * SCHEMA_VERSION, and `--from` refuses a file of another version instead of misreading it.
 */

/** 2: the control view (`controls`) was added, and the Audit Manager cell now requires an ACTIVE assessment's scope. */
export const SCHEMA_VERSION = 2;

/** The evidence sources Audit Manager collects from, in the order every output shows them. */
export const SOURCES = ["auditManager", "securityHub", "awsConfig"] as const;
export type Source = (typeof SOURCES)[number];

/** "Security Hub CSPM" is AWS's name for the service since the new "AWS Security Hub" launched in 2025. */
export const SOURCE_TITLES: Record<Source, string> = { auditManager: "Audit Manager", securityHub: "Security Hub CSPM", awsConfig: "AWS Config" };

export const STATUSES = ["covered", "not-covered", "excluded", "unknown"] as const;
export type CellStatus = (typeof STATUSES)[number];

export interface Cell {
  readonly status: CellStatus;
  /** What was found: the evidence for covered, AWS's reason for not-covered, the configuration field for excluded, the failed call for unknown. */
  readonly reason: string;
  /** What to do; set on not-covered and unknown cells. */
  readonly fix?: string;
}

export interface AccountRow {
  readonly id: string;
  readonly name: string;
  /** The OU path from the root, e.g. "Root/Workloads/Prod"; "(unknown)" when the OU tree could not be read there. */
  readonly ou: string;
  /** Per source, per configured Region. */
  readonly cells: Record<Source, Record<string, Cell>>;
}

export interface CoverageReport {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The configuration the run was made against (parsed, defaults filled in, external IDs redacted). */
  readonly configuration: { readonly file: string; readonly settings: unknown };
  readonly organizationId: string;
  readonly managementAccountId: string;
  readonly delegatedAdministratorAccountId: string;
  readonly regions: readonly string[];
  /** How each source was read, e.g. "central configuration" or "StackSet audit-manager-config-recorder + aggregator aws-config-organization". */
  readonly sources: Record<Source, string>;
  /** ACTIVE accounts, sorted by account ID. */
  readonly accounts: readonly AccountRow[];
  /** Accounts that are not ACTIVE (suspended, pending closure): listed, never part of the matrix. */
  readonly inactiveAccounts: readonly { readonly id: string; readonly name: string; readonly status: string }[];
  /** Problems that affected whole sources or Regions, e.g. an aggregator that could not be read. */
  readonly notes: readonly string[];
  /** API calls sent (each page counts; retries inside the SDK do not). */
  readonly apiCalls: number;
  /** The control view: every configured assessment's controls and their sources, account by account and Region by Region. */
  readonly controls: ControlCoverage;
}

/**
 * The control view, kept compact: a source's status in an account and Region is one of a few
 * outcomes, so each distinct source state is one grid (per Region, one character per account,
 * in `accounts` order) that every control with that source shares, never one object per account
 * x Region x control. A control's own status in a cell is the worst of its sources' (controlStatus).
 */
export interface ControlCoverage {
  /** Every outcome a grid refers to: a Cell, read as present (covered), missing (not-covered), not applicable (excluded) or unknown. */
  readonly outcomes: readonly Cell[];
  readonly grids: readonly Grid[];
  readonly assessments: readonly AssessmentView[];
}

/**
 * One source state across the organization: `rows[region]` holds `width` characters per account,
 * each a digit in GRID_ALPHABET indexing `outcomes`, which indexes ControlCoverage.outcomes.
 */
export interface Grid {
  readonly outcomes: readonly number[];
  readonly width: 1 | 2;
  readonly rows: Readonly<Record<string, string>>;
}

/** Printable ASCII without "\\" and "<", so a grid row needs no escaping in JSON or in an HTML script element. */
export const GRID_ALPHABET = Array.from({ length: 0x7f - 0x23 }, (_, i) => String.fromCharCode(0x23 + i))
  .filter((c) => c !== "\\" && c !== "<")
  .join("");

/** The local outcome of `grid` for the account at `index` in `region`. */
export function gridOutcome(grid: Grid, region: string, index: number): number {
  const row = grid.rows[region];
  const at = index * grid.width;
  const digit = GRID_ALPHABET.indexOf(row[at]);
  return grid.width === 1 ? digit : digit * GRID_ALPHABET.length + GRID_ALPHABET.indexOf(row[at + 1]);
}

export interface AssessmentView {
  /** auditManager.assessments[].name */
  readonly name: string;
  readonly framework: string;
  /** Where the framework's map came from (the evidence map's `source`), or why there is none. */
  readonly map: string;
  /** The grid of the assessment's scope: covered where the account is in an ACTIVE assessment's scope, else why not. */
  readonly scope: number;
  readonly controlSets: readonly { readonly name: string; readonly controls: readonly ControlView[] }[];
}

export interface ControlView {
  readonly id: string;
  readonly name: string;
  /** Each source with the grid of its state; MANUAL sources have none: a person uploads their evidence. */
  readonly sources: readonly { readonly type: string; readonly keyword?: string; readonly grid?: number }[];
  /** Account x Region cells by the control's status (all zero for a manual control). */
  readonly counts: Counts;
}

/** Rank of a status when sources combine, worst first: a cell is as good as its worst source. */
export const STATUS_RANK: Readonly<Record<CellStatus, number>> = { "not-covered": 0, unknown: 1, covered: 2, excluded: 3 };

/** A control with no automated source collects manual evidence only: shown as manual, never a gap. */
export const isManual = (control: ControlView): boolean => control.sources.every((s) => s.grid === undefined);

/**
 * coverage.json's text: indented, except that each account is one line (with 5,000 accounts an
 * indented matrix is hundreds of MB); keys in the order the report builds them; one trailing newline.
 *
 * Built for memory: most cells are shared objects (equal cells are interned), so each one's JSON
 * is made once and every account line is a concatenation of those shared pieces; the text is
 * joined once at the end. Stringifying each account and joining twice held three flat copies of
 * the 45 MB account lines at once for 5,000 accounts in 17 Regions.
 */
export function reportJson(report: CoverageReport): string {
  const cellJson = new Map<Cell, string>();
  const cellText = (cell: Cell) => cellJson.get(cell) ?? cellJson.set(cell, JSON.stringify(cell)).get(cell)!;
  const accountLine = (account: AccountRow): string => {
    let line = `{"id":${JSON.stringify(account.id)},"name":${JSON.stringify(account.name)},"ou":${JSON.stringify(account.ou)},"cells":{`;
    Object.entries(account.cells).forEach(([source, byRegion], s) => {
      line += `${s ? "," : ""}${JSON.stringify(source)}:{`;
      Object.entries(byRegion).forEach(([region, cell], r) => (line += `${r ? "," : ""}${JSON.stringify(region)}:${cellText(cell)}`));
      line += "}";
    });
    return `${line}}}`;
  };
  const parts = ["{\n"];
  Object.entries(report).forEach(([key, value], index) => {
    parts.push(`${index ? ",\n" : ""}  ${JSON.stringify(key)}: `);
    if (key !== "accounts") parts.push(JSON.stringify(value, null, 2).replace(/\n/g, "\n  "));
    else {
      const accounts = value as AccountRow[];
      parts.push("[");
      accounts.forEach((account, i) => parts.push(`${i ? "," : ""}\n    `, accountLine(account)));
      parts.push(accounts.length ? "\n  ]" : "]");
    }
  });
  parts.push("\n}\n");
  return parts.join("");
}

export class ReportFormatError extends Error {
  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.name = "ReportFormatError";
  }
}

/**
 * Checks that a parsed coverage.json is one this version renders: the schema version first (the
 * one thing a future format is guaranteed to keep), then the fields the renderers read.
 */
export function parseReport(raw: unknown, source: string): CoverageReport {
  if (raw === null || typeof raw !== "object") throw new ReportFormatError(source, "is not a coverage report (expected a JSON object written by npm run coverage -- --output)");
  const report = raw as Record<string, unknown>;
  if (report.schemaVersion !== SCHEMA_VERSION) {
    throw new ReportFormatError(
      source,
      `schemaVersion ${JSON.stringify(report.schemaVersion)} is not ${SCHEMA_VERSION}; this version of npm run coverage renders schema version ${SCHEMA_VERSION} only; render the file with the version of this project that wrote it, or run npm run coverage again`,
    );
  }
  const missing = ["startedAt", "finishedAt", "configuration", "organizationId", "regions", "sources", "accounts", "inactiveAccounts", "notes", "apiCalls", "controls"].filter((key) => !(key in report));
  if (missing.length) throw new ReportFormatError(source, `is missing ${missing.join(", ")}; allowed: a file written by npm run coverage -- --output`);
  const regions = report.regions as string[];
  (report.accounts as AccountRow[]).forEach((account, index) => {
    for (const sourceId of SOURCES) {
      for (const region of regions) {
        const cell = account.cells?.[sourceId]?.[region];
        if (!cell || !(STATUSES as readonly string[]).includes(cell.status)) {
          throw new ReportFormatError(source, `accounts[${index}] (${account.id}): cells.${sourceId}.${region} is ${JSON.stringify(cell?.status)}; allowed: ${STATUSES.join(", ")}`);
        }
      }
    }
  });
  return report as unknown as CoverageReport;
}

export type Counts = Record<CellStatus, number>;

export const emptyCounts = (): Counts => ({ covered: 0, "not-covered": 0, excluded: 0, unknown: 0 });

/** Cell counts per source and Region, the summary both renderers show. */
export function countCells(report: CoverageReport): Record<Source, Record<string, Counts>> {
  const counts = Object.fromEntries(SOURCES.map((s) => [s, Object.fromEntries(report.regions.map((r) => [r, emptyCounts()]))])) as Record<Source, Record<string, Counts>>;
  for (const account of report.accounts) for (const s of SOURCES) for (const r of report.regions) counts[s][r][account.cells[s][r].status]++;
  return counts;
}

/** Gaps are cells that are neither covered nor excluded by configuration. */
export const isGap = (cell: Cell): boolean => cell.status === "not-covered" || cell.status === "unknown";

/** 0 when every cell is covered or excluded, 1 when there is a gap (exit code 2 is for a run that could not happen). */
export function exitCodeOf(report: CoverageReport): 0 | 1 {
  const controlGap = report.controls.assessments.some((a) => a.controlSets.some((set) => set.controls.some((c) => c.counts["not-covered"] + c.counts.unknown > 0)));
  return controlGap || report.accounts.some((a) => SOURCES.some((s) => report.regions.some((r) => isGap(a.cells[s][r])))) ? 1 : 0;
}
