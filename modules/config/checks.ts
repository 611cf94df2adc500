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

/** Reports a role ARN of another partition, or of another account than `account` (`where` names that account for the fix). */
export function checkRoleArn(arn: string, account: string, partition: Partition, path: (string | number)[], report: ReportProblem, where = "the account it reaches") {
  const [, arnPartition, , , arnAccount] = arn.split(":");
  if (arnPartition !== partition) report(path, `${show(arn)} is in partition ${arnPartition}, not ${partition}; allowed: a role ARN starting "arn:${partition}:iam::"`);
  if (arnAccount !== account) report(path, `${show(arn)} is a role in account ${arnAccount}, not ${account}; allowed: a role in ${where}`);
}

/** True when a problem at `issuePath` makes the field at dotted `read` unusable. */
export function overlaps(issuePath: readonly PropertyKey[], read: string): boolean {
  const readPath = read.split(".");
  const length = Math.min(issuePath.length, readPath.length);
  for (let i = 0; i < length; i++) if (String(issuePath[i]) !== readPath[i]) return false;
  return true;
}
