/** The doctor's findings as a plain-text table, with the fix under each row that needs one. */
import type { Finding, Status } from "./checks";

const LABEL: Record<Status, string> = { ok: "OK", info: "INFO", warn: "WARN", fail: "FAIL" };

export function renderFindings(findings: readonly Finding[]): string {
  const rows = findings.map((f) => [LABEL[f.status], f.check, f.scope, f.detail]);
  const header = ["STATUS", "CHECK", "WHERE", "RESULT"];
  const widths = [0, 1, 2].map((i) => Math.max(header[i].length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join("  ").trimEnd();
  const indent = " ".repeat(widths[0] + 2);
  const body = findings.flatMap((f, i) => [line(rows[i]), ...(f.fix ? [`${indent}fix: ${f.fix}`] : [])]);
  const failures = findings.filter((f) => f.status === "fail").length;
  const warnings = findings.filter((f) => f.status === "warn").length;
  const verdict = failures ? `${failures} problem${failures === 1 ? "" : "s"} would make the deploy fail.` : `Nothing found that would make the deploy fail${warnings ? ` (${warnings} warning${warnings === 1 ? "" : "s"} to read)` : ""}.`;
  return [line(header), ...body, "", verdict].join("\n") + "\n";
}

export function exitCodeOf(findings: readonly Finding[]): number {
  return findings.some((f) => f.status === "fail") ? 1 : 0;
}
