/**
 * Partitions and Regions this project can deploy to.
 *
 * Sources: botocore `endpoints.json` (partition/Region membership) and the AWS General Reference
 * "AWS Regions" page (which commercial Regions are opt-in, i.e. disabled until an account enables
 * them). Audit Manager's list comes from docs.aws.amazon.com/general/latest/gr/audit-manager.html:
 * 12 Regions, all in the `aws` partition, none in GovCloud or China.
 */

import { show } from "./fields";
import { closest } from "./suggest";

export const PARTITIONS = ["aws", "aws-cn", "aws-us-gov"] as const;
export type Partition = (typeof PARTITIONS)[number];

/** Regions enabled in every account by default, per partition. */
const DEFAULT_REGIONS: Record<Partition, readonly string[]> = {
  aws: [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    "ca-central-1", "sa-east-1",
    "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
    "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
    "ap-south-1", "ap-southeast-1", "ap-southeast-2",
  ],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
};

/**
 * Opt-in Regions (launched after March 2019): disabled until the account enables them. Services
 * that aggregate across Regions (Security Hub CSPM's finding aggregator, central configuration) cannot
 * use one as their home Region (Security Hub CSPM user guide, "Cross-Region aggregation").
 */
const OPT_IN_REGIONS: Record<Partition, readonly string[]> = {
  aws: [
    "af-south-1", "ap-east-1", "ap-east-2", "ap-south-2",
    "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2",
    "il-central-1", "me-central-1", "me-south-1", "mx-central-1",
  ],
  "aws-cn": [],
  "aws-us-gov": [],
};

/** The 12 Regions where AWS Audit Manager exists (all in the `aws` partition). */
export const AUDIT_MANAGER_REGIONS: readonly string[] = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  "ca-central-1",
  "eu-central-1", "eu-west-1", "eu-west-2",
  "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1",
];

export function regionsOf(partition: Partition): readonly string[] {
  return [...DEFAULT_REGIONS[partition], ...OPT_IN_REGIONS[partition]];
}

export function isOptInRegion(partition: Partition, region: string): boolean {
  return OPT_IN_REGIONS[partition].includes(region);
}

export function isAuditManagerRegion(region: string): boolean {
  return AUDIT_MANAGER_REGIONS.includes(region);
}

/** The entries of `regions` that are Regions of `partition`, each once: what an "allowed:" list may offer. */
export function validRegions(regions: readonly string[], partition: Partition): string[] {
  const known = regionsOf(partition);
  return [...new Set(regions)].filter((region) => known.includes(region));
}

/**
 * The message for a value that is not an acceptable Region: "<value> is not <what>; allowed: …",
 * with "did you mean" the nearest of `candidates`: the same Region written in another case or with
 * spaces around it ("EU-WEST-1", " eu-west-1"), or one a letter or two away ("us-est-1",
 * "eu-wset-1"), the mistakes a person makes (suggest.ts). A value that is a Region, only not one
 * allowed here, gets no guess: "us-east-2" is meant as it is written, not as "us-east-1". Every
 * Region check uses it.
 */
export function notARegion(value: string, what: string, candidates: readonly string[], allowed: string): string {
  const meant = PARTITIONS.some((partition) => regionsOf(partition).includes(value)) ? undefined : closest(value, candidates);
  return `${show(value)} is not ${what}${meant ? `; did you mean ${show(meant)}?` : ""}; allowed: ${allowed}`;
}

/**
 * Regions where AWS Config cannot record the global IAM resource types (AWS::IAM::User, Group,
 * Role, Policy): every Region AWS Config added after February 2022. AWS lists ap-south-2,
 * ap-southeast-4, ca-west-1, eu-south-2, eu-central-2, il-central-1 and me-central-1 (AWS Config
 * API reference, RecordingGroup.IncludeGlobalResourceTypes; CloudFormation reference,
 * AWS::Config::ConfigurationRecorder RecordingGroup). The Regions launched after that list was
 * written (ap-southeast-5, ap-southeast-6, ap-southeast-7, ap-east-2, mx-central-1, all from 2024
 * on) are Regions AWS Config added after February 2022 too (inferred from their launch dates).
 * GovCloud and China Regions all predate February 2022.
 */
export const REGIONS_WITHOUT_GLOBAL_IAM_RECORDING: readonly string[] = [
  "ap-south-2", "ap-southeast-4", "ca-west-1", "eu-central-2", "eu-south-2", "il-central-1", "me-central-1",
  "ap-east-2", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "mx-central-1",
];

/** Whether AWS Config can record the global IAM resource types in `region`. */
export function recordsGlobalIamResources(region: string): boolean {
  return !REGIONS_WITHOUT_GLOBAL_IAM_RECORDING.includes(region);
}
