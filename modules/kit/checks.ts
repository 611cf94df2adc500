import { show } from "./fields";
import type { Partition } from "./regions";

/** Reports one problem: the path of the field and a message "<value> is not …; allowed: …". */
export type ReportProblem = (path: (string | number)[], message: string) => void;

/**
 * The few top-level values a capability's checks may read besides their own section. A capability
 * never sees the whole configuration, so `config/` depends on the capabilities in one direction
 * only: it composes their sections and hands each check its section and these values.
 */
export interface SharedSettings {
  readonly organizationId: string;
  readonly partition: Partition;
  readonly homeRegion: string;
  readonly regions: readonly string[];
  readonly accounts: {
    readonly management: { readonly accountId: string };
    readonly delegatedAdministrator: { readonly accountId: string };
  };
}

/**
 * A rule across fields. `reads` names the fields the rule looks at, as dotted paths from the top of
 * the file ("regions", "awsConfig.deliveryBucket"): the rule runs only when none of them has a type
 * or shape problem, so it never sees a half-parsed value, and every other problem in the file is
 * still reported in the same run. `run` receives the capability's own section and the shared values;
 * it reports paths from the top of the file.
 */
export interface ConfigCheck<Section, Shared extends SharedSettings = SharedSettings> {
  readonly reads: readonly string[];
  readonly run: (section: Section, shared: Shared, report: ReportProblem) => void;
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

/** Reports a role ARN of another partition, or of another account than `account` (`where` names that account for the fix). */
export function checkRoleArn(arn: string, account: string, partition: Partition, path: (string | number)[], report: ReportProblem, where = "the account it reaches") {
  const [, arnPartition, , , arnAccount] = arn.split(":");
  if (arnPartition !== partition) report(path, `${show(arn)} is in partition ${arnPartition}, not ${partition}; allowed: a role ARN starting "arn:${partition}:iam::"`);
  if (arnAccount !== account) report(path, `${show(arn)} is a role in account ${arnAccount}, not ${account}; allowed: a role in ${where}`);
}
