import { Fn, Op, Token } from "cdktf";
import type { Partition } from "../kit/regions";
import type { StandardName, Standards } from "./config";

/**
 * The ARN Security Hub CSPM knows a standard by, in one partition and Region (Security Hub CSPM API,
 * DescribeStandards). CIS 1.2.0 predates Region-scoped standards and alone keeps a Region-less
 * `ruleset/` ARN; every other standard is `standards/<name>/v/<version>` in its Region. A version
 * known only at plan time (a Terraform module's variable) makes Terraform choose between the two.
 */
export function standardArn(partition: Partition, region: string, name: StandardName, version: string): string {
  const regional = `arn:${partition}:securityhub:${region}::standards/${name}/v/${version}`;
  if (name !== "cis-aws-foundations-benchmark") return regional;
  const ruleset = `arn:${partition}:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0`;
  if (Token.isUnresolved(version)) return Token.asString(Fn.conditional(Op.eq(version, "1.2.0"), ruleset, regional));
  return version === "1.2.0" ? ruleset : regional;
}

/** The ARNs of every configured standard, in one partition and Region. */
export function standardArns(partition: Partition, region: string, standards: Standards): { name: StandardName; arn: string }[] {
  return (Object.keys(standards) as StandardName[]).map((name) => ({ name, arn: standardArn(partition, region, name, standards[name]) }));
}
