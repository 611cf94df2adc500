/** coverage.md: the run, summary counts per source and Region, then every gap with its reason and fix. */
import { countCells, isGap, SOURCE_TITLES, SOURCES, STATUSES, type CellStatus, type CoverageReport } from "./model";

export const STATUS_LABELS: Record<CellStatus, string> = { covered: "covered", "not-covered": "not covered", excluded: "excluded", unknown: "unknown" };

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
const row = (cells: readonly (string | number)[]) => `| ${cells.map((c) => cell(String(c))).join(" | ")} |`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One line that says how the run went, for the terminal and the top of both documents. */
export function verdict(report: CoverageReport): string {
  const cells = report.accounts.length * report.regions.length * SOURCES.length;
  const gaps = report.accounts.reduce((n, a) => n + SOURCES.reduce((m, s) => m + report.regions.filter((r) => isGap(a.cells[s][r])).length, 0), 0);
  const scope = `${plural(report.accounts.length, "active account")} x ${plural(report.regions.length, "Region")} x ${SOURCES.length} evidence sources`;
  return gaps ? `${plural(gaps, "gap")} in ${cells} cells (${scope}).` : `Every cell is covered or excluded by configuration (${scope}).`;
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
  if (report.inactiveAccounts.length) {
    lines.push("## Accounts not in the matrix", "", "Only ACTIVE accounts can be covered; these are listed so that none goes unaccounted for.", "", row(["Account", "Name", "State"]), "|---|---|---|");
    lines.push(...report.inactiveAccounts.map((a) => row([a.id, a.name, a.status])), "");
  }
  return lines.join("\n");
}
