import type { Construct } from "constructs";
import { AuditManager } from "../audit-manager/audit-manager";
import { auditManagerRegions } from "../audit-manager/config";
import type { AppConfig } from "../config/schema";
import { AccountStack } from "./account-stack";
import type { OrganizationStack } from "./organization-stack";

export const regionStackName = (region: string) => `region-${region}`;

export interface RegionStackProps {
  readonly config: AppConfig;
  readonly region: string;
  /** Trusted access and delegated administrators must exist before any Region uses them. */
  readonly organizationStack: OrganizationStack;
}

/** Everything that exists once per Region: Audit Manager, Security Hub and Config. */
export class RegionStack extends AccountStack {
  readonly isHomeRegion: boolean;

  constructor(scope: Construct, props: RegionStackProps) {
    super(scope, regionStackName(props.region), { config: props.config, region: props.region });
    this.isHomeRegion = props.region === props.config.homeRegion;
    this.addDependency(props.organizationStack);
    const { config, region } = props;
    if (auditManagerRegions(config).includes(region)) {
      new AuditManager(this, "audit_manager", {
        settings: config.auditManager,
        partition: config.partition,
        region,
        managementAccountId: config.accounts.management.accountId,
        delegatedAdministratorAccountId: config.accounts.delegatedAdministrator.accountId,
        managementProvider: this.providers.management,
      });
    }
  }
}
