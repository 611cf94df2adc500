import { z } from "zod";
import type { ConfigCheck } from "../kit/checks";
import { accountId, following, matching, oneOf, show, strictObject, uniqueList } from "../kit/fields";
import { ROOT_OU_OR_ACCOUNT_ID, SECURITY_CONTROL_ID } from "../kit/rules";
import { isOptInRegion } from "../kit/regions";

/**
 * Versions of each standard this project can enable, as Security Hub CSPM names them in standards
 * ARNs (Security Hub CSPM user guide, "Standards reference"). The first is the default. CIS 1.2.0 and
 * FSBP are the two default standards "Setting up AWS Audit Manager" (https://docs.aws.amazon.com/audit-manager/latest/userguide/setting-up.html) says are "already enabled by default"; PCI DSS is the
 * one it asks to add, v4.0.1 by default, v3.2.1 for estates still assessed against it.
 */
export const STANDARD_VERSIONS = {
  "aws-foundational-security-best-practices": ["1.0.0"],
  "cis-aws-foundations-benchmark": ["1.2.0", "1.4.0", "3.0.0"],
  "pci-dss": ["4.0.1", "3.2.1"],
} as const;

export type StandardName = keyof typeof STANDARD_VERSIONS;

const standardVersion = <N extends StandardName>(name: N) => oneOf(STANDARD_VERSIONS[name], `Version of ${name} to enable; the first allowed value is the default.`);

const standards = strictObject(
  {
    "aws-foundational-security-best-practices": standardVersion("aws-foundational-security-best-practices").default("1.0.0"),
    "cis-aws-foundations-benchmark": standardVersion("cis-aws-foundations-benchmark").default("1.2.0"),
    "pci-dss": standardVersion("pci-dss").default("4.0.1"),
  },
  "Version of each standard; all three are always enabled.",
);

export type Standards = z.output<typeof standards>;

/**
 * Configuration policy targets (Security Hub CSPM API, StartConfigurationPolicyAssociation TargetId; the
 * ID patterns are those of AWS Organizations: root `r-` + 4-32, OU `ou-` + 4-32 + `-` + 8-32, account 12 digits).
 */
const associationTarget = following(
  ROOT_OU_OR_ACCOUNT_ID,
  "A root, OU or account the configuration policy is associated with.",
);

/** Security control IDs as Security Hub CSPM names them with consolidated control findings, e.g. IAM.1, EC2.10. */
const securityControlId = following(SECURITY_CONTROL_ID, "A Security Hub CSPM control ID.");

/** Configuration of Security Hub CSPM across the organization. */
export const securityHubSection = strictObject(
  {
    enabled: z.boolean().default(true).describe("Whether this project manages Security Hub CSPM across the organization."),
    mode: oneOf(
      ["central", "local"],
      "central: one configuration policy from the home Region configures every account and linked Region; local: designation and organization configuration in every Region, standards in the delegated administrator only.",
    ).default("central"),
    administratorAccountId: accountId(
      "Security Hub CSPM delegated administrator; must be accounts.delegatedAdministrator.accountId (Setting up AWS Audit Manager: the same account as for Audit Manager). Omit to use that account.",
    ).optional(),
    standards: standards.prefault({}),
    disabledControls: uniqueList(securityControlId, "Controls the configuration policy disables in every account (central mode only).").default([]),
    associationTargets: uniqueList(associationTarget, "Where the configuration policy applies (central mode only); omit for the organization root.")
      .min(1, { error: "is empty; allowed: at least one target, or omit the field for the organization root" })
      .optional(),
    adoptExisting: z
      .boolean()
      .default(false)
      .describe("Import the existing administrator designation and the delegated administrator's Security Hub CSPM (each Region this project manages them in) instead of creating them."),
    findingAggregatorArn: matching(
      /^arn:aws(-cn|-us-gov)?:securityhub:[a-z0-9-]+:\d{12}:finding-aggregator\/[0-9a-f-]+$/,
      'a finding aggregator ARN; allowed: "arn:<partition>:securityhub:<home Region>:<delegated administrator>:finding-aggregator/<id>"',
      "Central mode: ARN of the delegated administrator's existing finding aggregator, imported instead of created (an account has at most one).",
    ).optional(),
    deregisterOnDestroy: z
      .boolean()
      .default(false)
      .describe("Allow `cdktf destroy` to remove the administrator designation and disable Security Hub CSPM in the delegated administrator account; false makes such a destroy fail at plan."),
  },
  "Security Hub CSPM across the organization.",
).prefault({});

export type SecurityHubConfig = z.output<typeof securityHubSection>;

export const securityHubChecks: ConfigCheck<SecurityHubConfig>[] = [
  {
    reads: ["securityHub.administratorAccountId", "accounts.management.accountId", "accounts.delegatedAdministrator.accountId"],
    run: (hub, shared, report) => {
      const administrator = hub.administratorAccountId;
      const expected = shared.accounts.delegatedAdministrator.accountId;
      if (administrator === undefined || administrator === expected) return;
      const why =
        administrator === shared.accounts.management.accountId
          ? "is the management account, which can never be the Security Hub CSPM delegated administrator under central configuration (Security Hub CSPM user guide, \"Enabling central configuration\": prerequisites)"
          : "differs from accounts.delegatedAdministrator.accountId; Security Hub CSPM's delegated administrator must be the Audit Manager one (\"Setting up AWS Audit Manager\", \"Configure your organization's AWS Security Hub settings\")";
      report(["securityHub", "administratorAccountId"], `${show(administrator)} ${why}; allowed: ${show(expected)}, or omit the field`);
    },
  },
  {
    reads: ["securityHub.mode", "securityHub.enabled", "homeRegion", "partition"],
    run: (hub, shared, report) => {
      if (!hub.enabled || hub.mode !== "central" || !isOptInRegion(shared.partition, shared.homeRegion)) return;
      report(
        ["homeRegion"],
        `${show(shared.homeRegion)} is an opt-in Region, which Security Hub CSPM refuses as the home Region of central configuration and cross-Region aggregation (Security Hub CSPM user guide, "Cross-Region aggregation"); allowed: a Region enabled by default, or securityHub.mode "local"`,
      );
    },
  },
  {
    reads: ["securityHub.mode", "securityHub.disabledControls", "securityHub.associationTargets", "securityHub.findingAggregatorArn"],
    run: (hub, _shared, report) => {
      if (hub.mode !== "local") return;
      const centralOnly = { disabledControls: hub.disabledControls.length > 0, associationTargets: hub.associationTargets !== undefined, findingAggregatorArn: hub.findingAggregatorArn !== undefined };
      for (const [field, set] of Object.entries(centralOnly)) {
        if (set) report(["securityHub", field], `is set in local mode, where no configuration policy or aggregator exists; allowed: omit it, or securityHub.mode "central"`);
      }
    },
  },
  {
    reads: ["securityHub.findingAggregatorArn", "partition", "homeRegion", "accounts.delegatedAdministrator.accountId"],
    run: (hub, shared, report) => {
      const arn = hub.findingAggregatorArn;
      if (arn === undefined) return;
      const [, partition, , region, account] = arn.split(":");
      const expected = { partition: shared.partition, region: shared.homeRegion, account: shared.accounts.delegatedAdministrator.accountId };
      if (partition !== expected.partition || region !== expected.region || account !== expected.account) {
        report(
          ["securityHub", "findingAggregatorArn"],
          `${show(arn)} is not an aggregator of the delegated administrator in the home Region; allowed: "arn:${expected.partition}:securityhub:${expected.region}:${expected.account}:finding-aggregator/<id>"`,
        );
      }
    },
  },
];

/**
 * The name of the central configuration policy: the construct creates it and coverage finds it by
 * this name, so it lives beside the configuration, which loads no cdktf.
 */
export const CONFIGURATION_POLICY_NAME = "audit-manager-organization";
