/**
 * The package entry point for other cdktf apps: every capability construct with its props type,
 * the stacks this project deploys, and the configuration helpers that turn one JSON file into the
 * typed settings the constructs take. A consumer composes these with its own stacks and providers:
 *
 *   import { AuditManager, parseConfig } from "auditmanager-org-cdktf";
 *
 * Constructs take the providers they act through as props and read no global state, so they fit
 * any stack that owns a management-account and a delegated-administrator provider.
 */

// Capabilities
export { OrganizationsIntegration, ORGANIZATION_ADDRESS, ORGANIZATION_DATA_ADDRESS, type OrganizationsIntegrationProps } from "./organizations/organizations-integration";
export { AuditManager, type AuditManagerProps } from "./audit-manager/audit-manager";
export { AuditManagerKey, type AuditManagerKeyProps } from "./audit-manager/audit-manager-key";
export { auditManagerKeyPolicy, type AuditManagerKeyPolicyProps } from "./audit-manager/key-policy";
export { AuditManagerAssessments, type AuditManagerAssessmentsProps } from "./audit-manager/assessments";
export { Assessment, type AssessmentProps } from "./audit-manager/assessment";
export { AssessmentReportsBucket, type AssessmentReportsBucketProps } from "./audit-manager/reports-bucket";
export { KeptEvidence, forgottenAddresses, type KeptEvidenceProps } from "./audit-manager/kept-evidence";
export { shardOf } from "./audit-manager/sharding";
export { SecurityHub, SECURITY_HUB_RESOURCES, type SecurityHubProps } from "./security-hub/security-hub";
export { standardArns } from "./security-hub/standards";
export { ConfigRecording, CONFIG_RECORDING_RESOURCES, type ConfigRecordingProps } from "./aws-config/config-recording";
export { ManagementConfigRecorder, MANAGEMENT_RECORDER_RESOURCES, type ManagementConfigRecorderProps } from "./aws-config/management-recorder";
export { ConfigDeliveryBucket, deliveryBucketPolicy, type ConfigDeliveryBucketProps } from "./aws-config/delivery-bucket";
export { OrganizationConfigAggregator, ORGANIZATION_AGGREGATOR_RESOURCES, aggregatorPolicyArn, type OrganizationConfigAggregatorProps } from "./aws-config/organization-aggregator";
export { AuditManagerIamPolicy, type AuditManagerIamPolicyProps } from "./iam-policy/audit-manager-iam-policy";
export { auditManagerPolicyDocument, type PolicyDocumentVariant } from "./iam-policy/policy-document";

// Stacks, as `cdktf deploy` runs them
export { addStacks, type Deployment } from "./stacks";
export { AccountStack, AWS_PROVIDER_VERSIONS, type AccountStackProps } from "./stacks/account-stack";
export type { AccountProviders } from "./kit/account-providers";
export { createAccountProviders } from "./stacks/account-providers";
export { ORGANIZATION_STACK_NAME, regionStackName } from "./kit/stack-names";
export { OrganizationStack, type OrganizationStackProps } from "./stacks/organization-stack";
export { RegionStack, type RegionStackProps } from "./stacks/region-stack";

// Configuration: parse and check one JSON document, then hand its sections to the constructs
export { ConfigError, loadConfig, parseConfig } from "./config/load";
export { configSchema, type AppConfig, type ConfigInput } from "./config/schema";
export { PARTITIONS, AUDIT_MANAGER_REGIONS, type Partition } from "./kit/regions";
export { auditManagerSection, auditManagerRegions, type AuditManagerSettings } from "./audit-manager/config";
export { securityHubSection, type SecurityHubConfig, type Standards } from "./security-hub/config";
export { awsConfigSection, aggregatesOrganization, deliveryBucketName, recordsWithStackSet, type AwsConfigConfig } from "./aws-config/config";
export { iamPolicySection, type IamPolicySettings, type PolicyAccount } from "./iam-policy/config";
export { organizationsSection, type OrganizationsConfig } from "./organizations/config";
