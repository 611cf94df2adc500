import type { Construct } from "constructs";
import type { AppConfig } from "../config/schema";
import { AuditManagerIamPolicy } from "../iam-policy/audit-manager-iam-policy";
import { OrganizationsIntegration } from "../organizations/organizations-integration";
import { AccountStack } from "./account-stack";

export const ORGANIZATION_STACK_NAME = "organization";

export interface OrganizationStackProps {
  readonly config: AppConfig;
}

/**
 * Global resources, acting from the home Region: AWS Organizations trusted access and
 * delegated administrators, and IAM.
 */
export class OrganizationStack extends AccountStack {
  constructor(scope: Construct, props: OrganizationStackProps) {
    super(scope, ORGANIZATION_STACK_NAME, { config: props.config, region: props.config.homeRegion });
    new OrganizationsIntegration(this, "organizations", { config: props.config, managementProvider: this.providers.management });
    const { iamPolicy, partition } = props.config;
    if (iamPolicy.enabled) new AuditManagerIamPolicy(this, "iam-policy", { settings: iamPolicy, partition, providers: this.providers });
  }
}
