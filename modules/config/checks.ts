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

/** True when a problem at `issuePath` makes the field at dotted `read` unusable. */
export function overlaps(issuePath: readonly PropertyKey[], read: string): boolean {
  const readPath = read.split(".");
  const length = Math.min(issuePath.length, readPath.length);
  for (let i = 0; i < length; i++) if (String(issuePath[i]) !== readPath[i]) return false;
  return true;
}
