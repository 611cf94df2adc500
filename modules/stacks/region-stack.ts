import { DataAwsOrganizationsOrganization } from "@cdktf/provider-aws/lib/data-aws-organizations-organization";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { AuditManager, type AuditManagerProps } from "../audit-manager/audit-manager";
import { AuditManagerAssessments, type AuditManagerAssessmentsProps } from "../audit-manager/assessments";
import { assessmentsIn, reportBucketName, reportsDestination } from "../audit-manager/assessments-config";
import { adopts, auditManagerRegions } from "../audit-manager/config";
import { KeptEvidence, type KeptEvidenceProps } from "../audit-manager/kept-evidence";
import { aggregatesOrganization, deliveryBucketName, globalResourcesRegion, recordsWithStackSet } from "../aws-config/config";
import { ConfigRecording, type ConfigRecordingProps } from "../aws-config/config-recording";
import { ManagementConfigRecorder, type ManagementConfigRecorderProps } from "../aws-config/management-recorder";
import { ORGANIZATION_AGGREGATOR_ADDRESS, OrganizationConfigAggregator, type OrganizationConfigAggregatorProps } from "../aws-config/organization-aggregator";
import type { AppConfig } from "../config/schema";
import { AssessmentEvidenceRules } from "../evidence/evidence-rules";
import { frameworkRules } from "../evidence/framework-rules";
import { RemovedBlock } from "../organizations/removed-block";
import { SecurityHub, type SecurityHubProps } from "../security-hub/security-hub";
import { standardArns } from "../security-hub/standards";
import { AccountStack } from "./account-stack";
import type { OrganizationStack } from "./organization-stack";

import { regionStackName } from "../kit/stack-names";
import type { AccountProviders } from "../kit/account-providers";

export interface RegionStackProps {
  readonly config: AppConfig;
  readonly region: string;
  /** Trusted access and delegated administrators must exist before any Region uses them. */
  readonly organizationStack: OrganizationStack;
}

/** Everything that exists once per Region: Audit Manager, Security Hub CSPM and Config. */
export class RegionStack extends AccountStack {
  readonly isHomeRegion: boolean;
  private organization?: DataAwsOrganizationsOrganization;

  constructor(scope: Construct, props: RegionStackProps) {
    super(scope, regionStackName(props.region), { config: props.config, region: props.region });
    this.isHomeRegion = props.region === props.config.homeRegion;
    this.addDependency(props.organizationStack);
    const { config, region } = props;
    const auditManagerManaged = auditManagerRegions(config.auditManager, config.regions);
    if (auditManagerManaged.includes(region)) {
      const auditManager = new AuditManager(this, "audit_manager", auditManagerProps(config, region, this.providers.management));
      const assessmentsHere = assessmentsIn(config.auditManager.assessments, auditManagerManaged, region);
      if (assessmentsHere.length) {
        const assessments = new AuditManagerAssessments(this, "audit_manager_assessments", auditManagerAssessmentsProps(config, region, this.providers, () => this.organizationData(), auditManager.registration));
        const deploying = assessmentsHere.filter((entry) => entry.evidenceRules === "deploy");
        if (deploying.length) {
          new AssessmentEvidenceRules(this, "evidence_rules", {
            region,
            assessments: deploying.map((entry) => ({
              name: entry.name,
              framework: entry.framework,
              // load.ts refused a configuration whose deploying assessments' frameworks are not in the map.
              rules: frameworkRules(config.evidenceMap!.frameworks[entry.framework]!, entry.evidenceRuleParameters),
              accountsInScope: assessments.accountsInScope[entry.name]!,
              accountsField: `auditManager.assessments[${config.auditManager.assessments.indexOf(entry)}].accounts`,
            })),
            organizationAccounts: `data.aws_organizations_organization.${this.organizationData().friendlyUniqueId}.accounts`,
            provider: this.providers.delegatedAdministrator,
          });
        }
      }
    }
    // What this stack no longer declares is forgotten, never deleted (kept-evidence.ts).
    new KeptEvidence(this, "audit_manager_kept_evidence", keptEvidenceProps(config, region));

    if (config.securityHub.enabled) {
      new SecurityHub(this, "security_hub", securityHubProps(config, region, this.providers, () => this.organizationData().roots.get(0).id));
    }
    if (recordsWithStackSet(config.awsConfig)) {
      new ConfigRecording(this, "aws_config", configRecordingProps(config, region, this.providers, () => this.organizationData()));
      if (config.awsConfig.recordManagementAccount) {
        new ManagementConfigRecorder(this, "aws_config_management_account", managementConfigRecorderProps(config, region, this.providers.management));
      }
    }
    if (this.isHomeRegion) this.organizationAggregator(config);
  }

  /**
   * The organization-wide Config aggregator lives in the home Region, beside Security Hub's finding
   * aggregator. An adopted one that is no longer wanted is forgotten, not deleted: it existed
   * before this project (modules/aws-config/organization-aggregator.ts).
   */
  private organizationAggregator(config: AppConfig): void {
    if (aggregatesOrganization(config.awsConfig)) {
      new OrganizationConfigAggregator(this, "aws_config_aggregator", organizationAggregatorProps(config, this.providers.delegatedAdministrator));
    } else if (config.awsConfig.organizationAggregator.adopt) {
      new RemovedBlock(this, "aws_config_aggregator_removed", ORGANIZATION_AGGREGATOR_ADDRESS);
    }
  }

  /** The organization as the management account sees it (root ID, trusted access), read at plan time; created on first use. */
  private organizationData(): DataAwsOrganizationsOrganization {
    this.organization ??= new DataAwsOrganizationsOrganization(this, "current_organization", { provider: this.providers.management });
    return this.organization;
  }
}

/** What every recorder in the Region of a stack shares: where it records global types and where it delivers. */
function recordingInRegion(config: AppConfig, region: string) {
  const { awsConfig } = config;
  return {
    partition: config.partition,
    region,
    globalResourcesRegion: globalResourcesRegion(awsConfig, config)!,
    bucketName: deliveryBucketName(awsConfig, config.organizationId),
    keyPrefix: awsConfig.deliveryBucket.keyPrefix,
    kmsKeyArn: awsConfig.deliveryBucket.kmsKeyArn,
  };
}

/** The awsConfig section, in the Region of a stack, as the props of the StackSet that records in the member accounts. */
export function configRecordingProps(config: AppConfig, region: string, providers: AccountProviders, organization: () => DataAwsOrganizationsOrganization): ConfigRecordingProps {
  return {
    ...recordingInRegion(config, region),
    deploymentTargets: config.awsConfig.deploymentTargets,
    providers,
    organization,
  };
}

/** The awsConfig section, in the Region of a stack, as the props of the management account's own recorder. */
export function managementConfigRecorderProps(config: AppConfig, region: string, managementProvider: AwsProvider): ManagementConfigRecorderProps {
  return {
    ...recordingInRegion(config, region),
    managementAccountId: config.accounts.management.accountId,
    provider: managementProvider,
  };
}

/** awsConfig.organizationAggregator as the props of the aggregator the home Region's stack holds, in the delegated administrator account. */
export function organizationAggregatorProps(config: AppConfig, delegatedAdministratorProvider: AwsProvider): OrganizationConfigAggregatorProps {
  const { name, roleArn, adopt } = config.awsConfig.organizationAggregator;
  return { partition: config.partition, name, roleArn, adopt, provider: delegatedAdministratorProvider };
}

/**
 * The auditManager section's assessments in the Region of a stack (the entries created there, each
 * with the field its plan errors name) and the Region's report bucket, as the construct's props.
 */
export function auditManagerAssessmentsProps(
  config: AppConfig,
  region: string,
  providers: AccountProviders,
  organization: () => DataAwsOrganizationsOrganization,
  registration: ITerraformDependable,
): AuditManagerAssessmentsProps {
  const { assessments, assessmentReports: reports } = config.auditManager;
  const delegatedAdministratorAccountId = config.accounts.delegatedAdministrator.accountId;
  return {
    assessments: assessmentsIn(assessments, auditManagerRegions(config.auditManager, config.regions), region).map((entry) => ({ ...entry, field: `auditManager.assessments[${assessments.indexOf(entry)}]` })),
    reports: {
      createBucket: reports.bucket.create,
      bucketName: reportBucketName(reports, region, delegatedAdministratorAccountId)!,
      destination: reportsDestination(reports, region, delegatedAdministratorAccountId),
    },
    region,
    partition: config.partition,
    delegatedAdministratorAccountId,
    providers,
    organization,
    registration,
  };
}

/** The auditManager section, in the Region of a stack, as the construct's props. */
export function auditManagerProps(config: AppConfig, region: string, managementProvider: AwsProvider): AuditManagerProps {
  const { auditManager } = config;
  const key = auditManager.kmsKey;
  const existingArn = key.type === "existing" ? key.keyArns[region] : undefined;
  return {
    kmsKey: key.type === "create" ? { createWithAlias: key.alias } : existingArn !== undefined ? { existingArn } : undefined,
    deregisterOnDestroy: auditManager.deregisterOnDestroy,
    adopt: adopts(auditManager, region),
    partition: config.partition,
    region,
    managementAccountId: config.accounts.management.accountId,
    delegatedAdministratorAccountId: config.accounts.delegatedAdministrator.accountId,
    managementProvider,
  };
}

/** What the auditManager section declares in the Region of a stack, for the construct that keeps the rest. */
export function keptEvidenceProps(config: AppConfig, region: string): KeptEvidenceProps {
  const { auditManager } = config;
  const managedRegions = auditManagerRegions(auditManager, config.regions);
  const created = assessmentsIn(auditManager.assessments, managedRegions, region);
  return {
    registered: managedRegions.includes(region),
    createsKey: auditManager.kmsKey.type === "create",
    createsReportBuckets: auditManager.assessmentReports.bucket.create,
    assessments: auditManager.assessments.map((entry) => ({ name: entry.name, createdHere: created.includes(entry), allowDeletion: entry.allowDeletion })),
    retiredAssessments: auditManager.retiredAssessments.map((entry) => ({ name: entry.name, keepEvidence: entry.evidence === "keep" })),
  };
}

/** The securityHub section, in the Region of a stack, as the construct's props. */
export function securityHubProps(config: AppConfig, region: string, providers: AccountProviders, organizationRootId: () => string): SecurityHubProps {
  const { securityHub } = config;
  return {
    mode: securityHub.mode,
    // A central policy names the home Region's standards ARNs; local mode subscribes this Region's.
    standards: standardArns(config.partition, securityHub.mode === "central" ? config.homeRegion : region, securityHub.standards),
    disabledControls: securityHub.disabledControls,
    associationTargets: securityHub.associationTargets,
    adoptExisting: securityHub.adoptExisting,
    findingAggregatorArn: securityHub.findingAggregatorArn,
    preventDestroy: !securityHub.deregisterOnDestroy,
    region,
    homeRegion: config.homeRegion,
    regions: config.regions,
    administratorAccountId: config.accounts.delegatedAdministrator.accountId,
    providers,
    organizationRootId,
  };
}
