/**
 * The configured assessments of one Region, with their report bucket: what a Region stack holds
 * for `auditManager.assessments`.
 *
 * Assessments are created in every Region where Audit Manager is managed, because an assessment
 * collects evidence only in its own Region (see docs/assessments.md, "Regions"), and in the
 * delegated administrator account, which is where assessments of an organization live once one is
 * designated ("Setting up AWS Audit Manager", https://docs.aws.amazon.com/audit-manager/latest/userguide/setting-up.html, "Warning").
 */
import { AuditmanagerAssessment } from "@cdktf/provider-aws/lib/auditmanager-assessment";
import { DataAwsAuditmanagerFramework } from "@cdktf/provider-aws/lib/data-aws-auditmanager-framework";
import type { DataAwsOrganizationsOrganization } from "@cdktf/provider-aws/lib/data-aws-organizations-organization";
import { DataAwsOrganizationsOrganizationalUnitDescendantAccounts } from "@cdktf/provider-aws/lib/data-aws-organizations-organizational-unit-descendant-accounts";
import { TerraformOutput, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { AccountProviders } from "../kit/account-providers";
import { Assessment, isActive } from "./assessment";
import { AssessmentQuotas } from "./assessment-quotas";
import { FRAMEWORK_ID, OU_ID, resourceNameOf, shardNames, type AssessmentSettings } from "./assessments-config";
import { standardFrameworkName } from "./standard-frameworks";
import { AssessmentReportsBucket } from "./reports-bucket";
import { terraformList } from "../kit/terraform-text";

export interface AuditManagerAssessmentsProps {
  /** The entries whose assessments this Region holds (assessmentsIn), in configuration order. */
  readonly assessments: readonly AssessmentEntry[];
  /** Where reports go in this Region: the bucket (created here when `createBucket`) and its "s3://bucket/prefix" destination. */
  readonly reports: { readonly createBucket: boolean; readonly bucketName: string; readonly destination: string };
  readonly region: string;
  readonly partition: string;
  readonly delegatedAdministratorAccountId: string;
  readonly providers: AccountProviders;
  /** The organization read by the management account (the stack's shared data source). */
  readonly organization: () => DataAwsOrganizationsOrganization;
  /** The registration that designates the delegated administrator, which must exist first. */
  readonly registration: ITerraformDependable;
}

/** One configured assessment entry, as this construct uses it. */
export interface AssessmentEntry {
  readonly name: string;
  readonly description?: string;
  /** A standard framework's name (standard-frameworks.ts) or a custom framework's ID. */
  readonly framework: string;
  readonly processOwnerRoleArns: readonly string[];
  readonly shards: number;
  /** "organization", or account and OU IDs. */
  readonly accounts: "organization" | readonly string[];
  /** Off keeps prevent_destroy on the assessments. */
  readonly allowDeletion: boolean;
  /** Existing assessments imported instead of created: by Region, then by shard name, their IDs. */
  readonly adopt: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The entry's configuration field, e.g. "auditManager.assessments[0]", which the plan's errors name. */
  readonly field: string;
}

/** The Terraform address of an entry's assessments (one resource, an instance per shard). */
export const assessmentAddress = (entry: Pick<AssessmentSettings, "name">) => `${AuditmanagerAssessment.tfResourceType}.${resourceNameOf(entry)}`;

export class AuditManagerAssessments extends Construct {
  /** HCL of the account IDs in each entry's scope in this Region (all its shards), by configured name. */
  readonly accountsInScope: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: AuditManagerAssessmentsProps) {
    super(scope, id);
    const { region, providers } = props;
    const entries = props.assessments;
    const { bucketName, destination } = props.reports;
    if (props.reports.createBucket) new AssessmentReportsBucket(this, "reports_bucket", { bucketName, partition: props.partition, provider: providers.delegatedAdministrator });

    const organization = props.organization();
    const organizationAccounts = `data.${organization.terraformResourceType}.${organization.friendlyUniqueId}.accounts`;
    const frameworks = new Map<string, string>();
    const frameworkId = (configured: string) => {
      if (FRAMEWORK_ID.test(configured)) return configured;
      const framework = standardFrameworkName(configured);
      if (!frameworks.has(framework)) {
        // Standard frameworks are read where the assessments are created: the delegated
        // administrator account, in this Region (framework IDs differ between Regions).
        const data = new DataAwsAuditmanagerFramework(this, `framework_${frameworks.size}`, { provider: providers.delegatedAdministrator, name: framework, frameworkType: "Standard" });
        // Numbered, not named after the framework: configuration text never becomes a Terraform
        // identifier, and a data source's address holds no state, so renumbering costs nothing.
        data.overrideLogicalId(`framework_${frameworks.size}`);
        frameworks.set(framework, data.id);
      }
      return frameworks.get(framework)!;
    };
    const organizationalUnits = new Map<string, string>();
    const descendants = (ou: string) => {
      if (!organizationalUnits.has(ou)) {
        const data = new DataAwsOrganizationsOrganizationalUnitDescendantAccounts(this, `accounts_${ou}`, { provider: providers.management, parentId: ou });
        data.overrideLogicalId(`accounts_${ou.replace(/-/g, "_")}`);
        organizationalUnits.set(ou, `data.${data.terraformResourceType}.${data.friendlyUniqueId}.accounts`);
      }
      return organizationalUnits.get(ou)!;
    };

    const accountScopes: string[] = [];
    const accountsInScope: Record<string, string> = {};
    for (const entry of entries) {
      const listed = entry.accounts === "organization" ? [] : entry.accounts.filter((account) => !OU_ID.test(account));
      const accountIds = entry.accounts === "organization" ? activeIds(organizationAccounts) : scopeOfList(entry.accounts, listed, organizationAccounts, descendants);
      accountScopes.push(accountIds);
      const names = shardNames(entry);
      const adopted = entry.adopt[region] ?? {};
      const assessment = new Assessment(this, resourceNameOf(entry), {
        resourceName: resourceNameOf(entry),
        name: JSON.stringify(entry.name),
        description: entry.description,
        frameworkId: frameworkId(entry.framework),
        processOwnerRoleArns: entry.processOwnerRoleArns,
        shards: String(entry.shards),
        accountIds,
        sources: { organizationAccounts },
        listedAccountIds: JSON.stringify(listed),
        reportsDestination: destination,
        preventDestroy: !entry.allowDeletion,
        fields: { shards: `${entry.field}.shards`, accounts: `${entry.field}.accounts` },
        region,
        adopt: Object.fromEntries(Object.entries(adopted).map(([name, assessmentId]) => [String(names.indexOf(name) + 1), assessmentId])),
        dependsOn: [props.registration],
        provider: providers.delegatedAdministrator,
      });
      accountsInScope[entry.name] = `keys(local.${assessment.shardOf.friendlyUniqueId})`;
    }
    this.accountsInScope = accountsInScope;

    new AssessmentQuotas(this, "quotas", {
      region,
      delegatedAdministratorAccountId: props.delegatedAdministratorAccountId,
      accountScopes,
      runningAssessments: entries.reduce((sum, entry) => sum + entry.shards, 0),
      provider: providers.delegatedAdministrator,
    });

    new TerraformOutput(this, "audit_manager_assessments", {
      staticId: true,
      description: `Assessments in ${region} by configured name: each assessment's name, ID and accounts.`,
      value: Object.fromEntries(
        entries.map((entry) => [entry.name, `\${{ for shard, assessment in aws_auditmanager_assessment.${resourceNameOf(entry)} : assessment.name => { id = assessment.id, accounts = local.${resourceNameOf(entry)}_shards[shard].accounts } }}`]),
      ),
    });
    new TerraformOutput(this, "audit_manager_assessment_shard_of_account", {
      staticId: true,
      description: `The shard (1, 2, …) of every account in scope, by configured assessment name, in ${region}.`,
      value: Object.fromEntries(entries.map((entry) => [entry.name, `\${local.${resourceNameOf(entry)}_shard_of}`])),
    });
  }
}

/** The ACTIVE account IDs of an `accounts` list of Terraform objects. */
const activeIds = (accounts: string) => `[for account in ${accounts} : account.id if ${isActive("account")}]`;

/** A list of OU and account IDs: the ACTIVE descendants of each OU and the named accounts that are ACTIVE members. */
function scopeOfList(entries: readonly string[], listed: readonly string[], organizationAccounts: string, descendants: (ou: string) => string): string {
  const parts = entries.filter((entry) => OU_ID.test(entry)).map((ou) => activeIds(descendants(ou)));
  if (listed.length) parts.push(`[for account in ${organizationAccounts} : account.id if contains(${terraformList(listed)}, account.id) && ${isActive("account")}]`);
  return `distinct(concat(${parts.join(", ")}))`;
}
