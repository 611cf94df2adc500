/**
 * Reading the control view back for the renderers: the problems of each source, grouped by
 * outcome, and a control's status in one cell. Problems that come from the assessment's scope
 * (an account outside it, a Region without the assessment) are listed once per assessment, not
 * once per source of every control.
 */
import { gridOutcome, isGap, STATUS_RANK, type AssessmentView, type Cell, type CellStatus, type ControlView, type CoverageReport, type Grid } from "./model";

export interface Problem {
  readonly cell: Cell;
  /** Account x Region cells with this outcome. */
  readonly cells: number;
  /** "<account> <region>" of the first few, for the reader to start with. */
  readonly examples: readonly string[];
}

const EXAMPLES = 5;

/** Every gap outcome of a grid with how many cells have it; `skip` are global outcome indices already listed elsewhere. */
export function gridProblems(report: CoverageReport, grid: Grid, skip: ReadonlySet<number> = new Set()): Problem[] {
  const { outcomes } = report.controls;
  const found = new Map<number, { cells: number; examples: string[] }>();
  for (const region of report.regions) {
    for (let i = 0; i < report.accounts.length; i++) {
      const global = grid.outcomes[gridOutcome(grid, region, i)];
      if (skip.has(global) || !isGap(outcomes[global])) continue;
      const entry = found.get(global) ?? found.set(global, { cells: 0, examples: [] }).get(global)!;
      entry.cells++;
      if (entry.examples.length < EXAMPLES) entry.examples.push(`${report.accounts[i].id} ${region}`);
    }
  }
  return [...found].sort(([a], [b]) => a - b).map(([global, { cells, examples }]) => ({ cell: outcomes[global], cells, examples }));
}

/** The global outcomes of the assessment's scope grid: what every source of every control shares. */
export const scopeOutcomes = (report: CoverageReport, assessment: AssessmentView): Set<number> => new Set(report.controls.grids[assessment.scope].outcomes);

/** A control's status in one account and Region: the worst of its automated sources'; undefined for a manual control. */
export function controlStatus(report: CoverageReport, control: ControlView, region: string, accountIndex: number): CellStatus | undefined {
  let worst: CellStatus | undefined;
  for (const source of control.sources) {
    if (source.grid === undefined) continue;
    const grid = report.controls.grids[source.grid];
    const status = report.controls.outcomes[grid.outcomes[gridOutcome(grid, region, accountIndex)]].status;
    if (worst === undefined || STATUS_RANK[status] < STATUS_RANK[worst]) worst = status;
  }
  return worst;
}

/** Whether any account x Region cell of the control has a missing or unknown source. */
export const hasGap = (control: ControlView): boolean => control.counts["not-covered"] + control.counts.unknown > 0;

/** "keyword (type)", how a source is named everywhere. */
export const sourceLabel = (source: { type: string; keyword?: string }): string => (source.keyword ? `${source.keyword} (${source.type})` : source.type);
