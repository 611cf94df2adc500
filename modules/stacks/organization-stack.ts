import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";
import { accessLogBucketName, deliveryBucketName, recordsWithStackSet } from "../aws-config/config";
import { ConfigDeliveryBucket, type ConfigDeliveryBucketProps } from "../aws-config/delivery-bucket";
import type { AppConfig } from "../config/schema";
import { assessmentsIn } from "../audit-manager/assessments-config";
import { reportBucketName } from "../audit-manager/assessments-config";
import { auditManagerKeyAccess, auditManagerRegions } from "../audit-manager/config";
import { AuditManagerIamPolicy } from "../iam-policy/audit-manager-iam-policy";
import { OrganizationsIntegration, type OrganizationsIntegrationProps } from "../organizations/organizations-integration";
import { delegatedAdministratorPrincipals, requiredTrustedAccessPrincipals } from "../organizations/principals";
import { AccountStack } from "./account-stack";

import { ORGANIZATION_STACK_NAME } from "../kit/stack-names";

export interface OrganizationStackProps {
  readonly config: AppConfig;
}

/**
 * Global resources, acting from the home Region: AWS Organizations trusted access and
 * delegated administrators, IAM, and the organization's one AWS Config bucket.
 */
export class OrganizationStack extends AccountStack {
  constructor(scope: Construct, props: OrganizationStackProps) {
    super(scope, ORGANIZATION_STACK_NAME, { config: props.config, region: props.config.homeRegion });
    const { config } = props;
    new OrganizationsIntegration(this, "organizations", organizationsIntegrationProps(config, this.providers.management));
    const { iamPolicy, partition } = config;
    if (iamPolicy.enabled) {
      const auditManagerKeys = auditManagerKeyAccess(config.auditManager, { partition, regions: config.regions, managementAccountId: config.accounts.management.accountId });
      const { accounts, policies, document, name, path, description, attachTo } = iamPolicy;
      new AuditManagerIamPolicy(this, "iam-policy", { accounts, policies, document, name, path, description, attachTo, partition, providers: this.providers, auditManagerKeys, assessmentReports: assessmentReportBuckets(config) });
    }

    // One bucket for every Region's recorders; here so that it exists before any Region stack runs.
    if (recordsWithStackSet(config.awsConfig) && config.awsConfig.deliveryBucket.create) {
      new ConfigDeliveryBucket(this, "config_delivery_bucket", configDeliveryBucketProps(config, this.providers.delegatedAdministrator));
    }
  }
}

/** The awsConfig section as the props of the bucket every Region's recorders deliver to, in the delegated administrator account. */
export function configDeliveryBucketProps(config: AppConfig, delegatedAdministratorProvider: AwsProvider): ConfigDeliveryBucketProps {
  const { deliveryBucket } = config.awsConfig;
  return {
    bucketName: deliveryBucketName(config.awsConfig, config.organizationId),
    keyPrefix: deliveryBucket.keyPrefix,
    kmsKeyArn: deliveryBucket.kmsKeyArn,
    organizationId: config.organizationId,
    partition: config.partition,
    provider: delegatedAdministratorProvider,
    accountId: config.accounts.delegatedAdministrator.accountId,
    accessLogs: { ...deliveryBucket.accessLogs, bucketName: accessLogBucketName(config.awsConfig, config.organizationId) },
    lifecycle: deliveryBucket.lifecycle,
  };
}

/** The report buckets of every Region with assessments (the Region stacks create or name them) and their key prefix. */
function assessmentReportBuckets(config: AppConfig): { bucketNames: string[]; keyPrefix: string } {
  const { assessments, assessmentReports } = config.auditManager;
  const managed = auditManagerRegions(config.auditManager, config.regions);
  const regions = managed.filter((region) => assessmentsIn(assessments, managed, region).length);
  return { bucketNames: [...new Set(regions.map((region) => reportBucketName(assessmentReports, region, config.accounts.delegatedAdministrator.accountId)!))], keyPrefix: assessmentReports.keyPrefix };
}

/** The organizations section, the two accounts and the capabilities turned on, as the construct's props. */
export function organizationsIntegrationProps(config: AppConfig, managementProvider: AwsProvider): OrganizationsIntegrationProps {
  const { organizations } = config;
  return {
    organizationId: config.organizationId,
    managementAccountId: config.accounts.management.accountId,
    delegatedAdministratorAccountId: config.accounts.delegatedAdministrator.accountId,
    trustedAccessPrincipals: requiredTrustedAccessPrincipals(config).map((need) => need.principal),
    delegatedAdministratorPrincipals: delegatedAdministratorPrincipals(config).map((need) => need.principal),
    trustedAccessMode: organizations.trustedAccess.mode,
    trustedAccessDisable: organizations.trustedAccess.disable,
    adoptDelegatedAdministrators: organizations.delegatedAdministrators.adopt,
    deregisterDelegatedAdministratorsOnDestroy: organizations.delegatedAdministrators.deregisterOnDestroy,
    release: organizations.release,
    managementProvider,
  };
}
