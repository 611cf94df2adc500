import type { Partition } from "../config/regions";
import type { StandardName, Standards } from "./config";

/**
 * The ARN Security Hub knows a standard by, in one partition and Region (Security Hub API,
 * DescribeStandards). CIS 1.2.0 predates Region-scoped standards and alone keeps a Region-less
 * `ruleset/` ARN; every other standard is `standards/<name>/v/<version>` in its Region.
 */
export function standardArn(partition: Partition, region: string, name: StandardName, version: string): string {
  if (name === "cis-aws-foundations-benchmark" && version === "1.2.0") {
    return `arn:${partition}:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0`;
  }
  return `arn:${partition}:securityhub:${region}::standards/${name}/v/${version}`;
}

/** The ARNs of every configured standard, in one partition and Region. */
export function standardArns(partition: Partition, region: string, standards: Standards): { name: StandardName; arn: string }[] {
  return (Object.keys(standards) as StandardName[]).map((name) => ({ name, arn: standardArn(partition, region, name, standards[name]) }));
}
