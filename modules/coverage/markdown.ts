/** coverage.md: the run, summary counts per source and Region, every gap with its reason and fix, then the controls and every missing source. */
import { count } from "../kit/text";
import { gridProblems, hasGap, scopeOutcomes, sourceLabel, type Problem } from "./controls-report";
import { countCells, isGap, isManual, SOURCE_TITLES, SOURCES, STATUSES, type CellStatus, type CoverageReport } from "./model";

export const STATUS_LABELS: Record<CellStatus, string> = { covered: "covered", "not-covered": "not covered", excluded: "excluded", unknown: "unknown" };

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
const row = (cells: readonly (string | number)[]) => `| ${cells.map((c) => cell(String(c))).join(" | ")} |`;

/** One line that says how the run went, for the terminal and the top of both documents. */
export function verdict(report: CoverageReport): string {
  const cells = report.accounts.length * report.regions.length * SOURCES.length;
  const gaps = report.accounts.reduce((n, a) => n + SOURCES.reduce((m, s) => m + report.regions.filter((r) => isGap(a.cells[s][r])).length, 0), 0);
  const scope = `${count(report.accounts.length, "active account")} x ${count(report.regions.length, "Region")} x ${SOURCES.length} evidence sources`;
  return gaps ? `${count(gaps, "gap")} in ${cells} cells (${scope}).` : `Every cell is covered or excluded by configuration (${scope}).`;
}

export function renderMarkdown(report: CoverageReport): string {
  const counts = countCells(report);
  const lines = [
    `# Evidence coverage: ${report.organizationId}`,
    "",
    `Read ${report.startedAt} to ${report.finishedAt} with ${report.configuration.file}; management account ${report.managementAccountId}, delegated administrator ${report.delegatedAdministratorAccountId}; ${report.apiCalls} API calls.`,
    "",
    `**${verdict(report)}**`,
    "",
    "| Source | How it was read |",
    "|---|---|",
    ...SOURCES.map((s) => row([SOURCE_TITLES[s], report.sources[s]])),
    "",
    "## Summary",
    "",
    row(["Source", "Region", ...STATUSES.map((s) => STATUS_LABELS[s])]),
    "|---|---|---:|---:|---:|---:|",
    ...SOURCES.flatMap((s) => report.regions.map((r) => row([SOURCE_TITLES[s], r, ...STATUSES.map((status) => counts[s][r][status])]))),
    "",
  ];
  if (report.notes.length) lines.push("## Notes", "", ...report.notes.map((n) => `- ${n}`), "");
  lines.push("## Gaps", "");
  let any = false;
  for (const source of SOURCES) {
    const gaps = report.accounts.flatMap((a) => report.regions.filter((r) => isGap(a.cells[source][r])).map((r) => ({ account: a, region: r, cell: a.cells[source][r] })));
    if (!gaps.length) continue;
    any = true;
    lines.push(`### ${SOURCE_TITLES[source]} (${gaps.length})`, "", row(["Account", "OU", "Region", "Status", "Reason", "Fix"]), "|---|---|---|---|---|---|");
    lines.push(...gaps.map((g) => row([`${g.account.id} ${g.account.name}`, g.account.ou, g.region, STATUS_LABELS[g.cell.status], g.cell.reason, g.cell.fix ?? ""])), "");
  }
  if (!any) lines.push("None.", "");
  lines.push(...controlLines(report));
  if (report.inactiveAccounts.length) {
    lines.push("## Accounts not in the matrix", "", "Only ACTIVE accounts can be covered; these are listed so that none goes unaccounted for.", "", row(["Account", "Name", "State"]), "|---|---|---|");
    lines.push(...report.inactiveAccounts.map((a) => row([a.id, a.name, a.status])), "");
  }
  return lines.join("\n");
}

const problemCells = (p: Problem) => [STATUS_LABELS[p.cell.status], p.cells, `${p.examples.join(", ")}${p.cells > p.examples.length ? ", …" : ""}`, p.cell.reason, p.cell.fix ?? ""];

/** Per assessment: its controls counted, the cells outside its scope, then every missing source of every control with its fix. */
function controlLines(report: CoverageReport): string[] {
  const { assessments } = report.controls;
  const lines = ["## Controls", ""];
  if (!assessments.length) return [...lines, "No assessment with an evidence map to check (see Notes).", ""];
  lines.push(
    "A control is covered in an account and Region when every automated source of it is present there; manual controls collect evidence a person uploads and are never gaps.",
    "",
    row(["Assessment", "Framework", "Controls", "Manual", "With a missing or unknown source", "Evidence map"]),
    "|---|---|---:|---:|---:|---|",
  );
  for (const a of assessments) {
    const controls = a.controlSets.flatMap((set) => set.controls);
    lines.push(row([a.name, a.framework, controls.length, controls.filter(isManual).length, controls.filter(hasGap).length, a.map]));
  }
  lines.push("");
  for (const a of assessments) {
    const scope = gridProblems(report, report.controls.grids[a.scope]);
    lines.push(`### ${a.name}: accounts and Regions outside the assessment (${scope.length})`, "");
    if (scope.length) lines.push(row(["Status", "Cells", "For example", "Reason", "Fix"]), "|---|---:|---|---|---|", ...scope.map((p) => row(problemCells(p))));
    else lines.push("None: every account is in the scope of an ACTIVE assessment in every Region where it is created.");
    lines.push("");
    // Controls whose sources share a state share its problems: one row per state and problem, naming every control and source it affects.
    const shared = scopeOutcomes(report, a);
    const uses = new Map<number, string[]>();
    for (const set of a.controlSets) for (const control of set.controls) for (const source of control.sources) if (source.grid !== undefined) (uses.get(source.grid) ?? uses.set(source.grid, []).get(source.grid)!).push(`${control.id} ${sourceLabel(source)}`);
    const states = [...uses].map(([grid, names]) => ({ names: [...new Set(names)], problems: gridProblems(report, report.controls.grids[grid], shared) })).filter((state) => state.problems.length);
    lines.push(`### ${a.name}: missing sources (${states.reduce((n, state) => n + state.problems.length, 0)})`, "");
    if (!states.length) lines.push("None.", "");
    for (const state of states) {
      lines.push(`Affects ${state.names.join("; ")}:`, "", row(["Status", "Cells", "For example", "Reason", "Fix"]), "|---|---:|---|---|---|", ...state.problems.map((p) => row(problemCells(p))), "");
    }
  }
  return lines;
}
