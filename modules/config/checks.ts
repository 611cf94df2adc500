import type { AppConfig } from "./schema";

/** Reports one problem: the path of the field and a message "<value> is not …; allowed: …". */
export type ReportProblem = (path: (string | number)[], message: string) => void;

/**
 * A rule across fields. `reads` names the fields the rule looks at, as dotted paths
 * ("regions", "stateBackend.region"): the rule runs only when none of them has a type or shape
 * problem, so it never sees a half-parsed value, and every other problem in the file is still
 * reported in the same run.
 */
export interface ConfigCheck {
  readonly reads: readonly string[];
  readonly run: (config: AppConfig, report: ReportProblem) => void;
}

interface Issue {
  readonly code: string;
  readonly path?: readonly PropertyKey[];
}

/**
 * The problem paths that can block a rule, without repeats: each path up to its first list index
 * (a rule reads whole fields, never single items). A hundred thousand bad list items are then one
 * entry, and deciding for every rule costs no more than a single bad field. Kept per issue list
 * and extended as the list grows.
 */
const blockingPaths = new WeakMap<readonly Issue[], { seen: number; paths: Map<string, readonly string[]> }>();

/**
 * True when a type or shape problem in `issues` makes one of the fields `reads` names (dotted
 * paths) unusable: the problem is at that field, inside it, or at an object containing it.
 * Problems found by other rules and unknown keys leave the known fields well-typed, so they never block.
 */
export function blocksRule(issues: readonly Issue[], reads: readonly string[]): boolean {
  let summary = blockingPaths.get(issues);
  if (!summary) blockingPaths.set(issues, (summary = { seen: 0, paths: new Map() }));
  for (; summary.seen < issues.length; summary.seen++) {
    const issue = issues[summary.seen]!;
    if (issue.code === "custom" || issue.code === "unrecognized_keys") continue;
    const path = issue.path ?? [];
    const index = path.findIndex((key) => typeof key === "number");
    // A path that goes on into a list item only overlaps reads of the list or of its ancestors.
    const fields = (index < 0 ? path : path.slice(0, index)).map(String);
    summary.paths.set(`${index < 0 ? "" : "[]"}${fields.join(".")}`, fields);
  }
  for (const [key, fields] of summary.paths) {
    const intoList = key.startsWith("[]");
    for (const read of reads) {
      const readPath = read.split(".");
      if (intoList && readPath.length > fields.length) continue;
      const length = Math.min(fields.length, readPath.length);
      let same = true;
      for (let i = 0; i < length && same; i++) same = fields[i] === readPath[i];
      if (same) return true;
    }
  }
  return false;
}
