/**
 * Audit Manager's per-Region quotas on assessments, read at plan time in the delegated
 * administrator account (where the assessments are created) and checked against what the Region
 * stack would create, so a plan that passes them fails before the apply instead of half-way
 * through it.
 *
 * AWS General Reference, "AWS Audit Manager endpoints and quotas"
 * (https://docs.aws.amazon.com/general/latest/gr/audit-manager.html), "Service quotas":
 * - "Accounts in scope across all assessments", default 250 in each supported Region, adjustable:
 *   "The maximum number of accounts in scope across all assessments per region" (L-BEA222D4);
 * - "Running assessments", default 100 in each supported Region, adjustable: "The maximum number
 *   of running assessments per account per region" (L-92B50F18).
 *
 * The data source's `value` is the quota applied to the account, or the default where none was
 * applied (hashicorp/terraform-provider-aws, internal/service/servicequotas/service_quota_data_source.go:
 * GetAWSDefaultServiceQuota first, then GetServiceQuota, whose NoSuchResourceException keeps the
 * default).
 *
 * The accounts in scope are known only at plan time ("organization" and OU scopes are read from
 * AWS Organizations then), so the check is a postcondition on the quota's data source rather than
 * a synthesis rule. It counts this configuration's assessments only: assessments created outside
 * it use the same quotas, which `npm run doctor` shows (modules/doctor/checks.ts).
 */
import { DataAwsServicequotasServiceQuota } from "@cdktf/provider-aws/lib/data-aws-servicequotas-service-quota";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { ASSESSMENT_QUOTAS, AUDIT_MANAGER_SERVICE_CODE, quotaIncrease, type AssessmentQuota } from "./quota-codes";

export interface AssessmentQuotasProps {
  readonly region: string;
  readonly delegatedAdministratorAccountId: string;
  /** HCL of each entry's ACTIVE account IDs in scope (a list of strings each), for every entry created in this Region. */
  readonly accountScopes: readonly string[];
  /** How many assessments this Region stack runs: the shards of its entries together. */
  readonly runningAssessments: number;
  /** The delegated administrator's provider: the quotas that count are those of the account that holds the assessments. */
  readonly provider: AwsProvider;
}

export class AssessmentQuotas extends Construct {
  constructor(scope: Construct, id: string, props: AssessmentQuotasProps) {
    super(scope, id);
    const { region, delegatedAdministratorAccountId: account } = props;
    // An account in two entries' scopes is in scope once: the quota counts accounts, not memberships.
    const accounts = new TerraformLocal(this, "accounts_in_scope", `\${distinct(concat(${props.accountScopes.join(", ")}))}`);
    accounts.overrideLogicalId("audit_manager_accounts_in_scope");
    const inScope = "length(local.audit_manager_accounts_in_scope)";
    const { accountsInScope, runningAssessments } = ASSESSMENT_QUOTAS;

    this.quota("accounts_in_scope_quota", accountsInScope, props.provider, {
      condition: `\${self.value >= ${inScope}}`,
      errorMessage:
        `Audit Manager quota ${accountsInScope.code} "${accountsInScope.name}" is \${self.value} in ${account}, ${region}, and this configuration's assessments would have \${${inScope}} distinct accounts in scope there; ` +
        `the apply would fail half-way. Narrow auditManager.assessments[].accounts, or ${quotaIncrease(accountsInScope, `\${${inScope}}`, account, region)}.`,
    });
    this.quota("running_assessments_quota", runningAssessments, props.provider, {
      condition: `\${self.value >= ${props.runningAssessments}}`,
      errorMessage:
        `Audit Manager quota ${runningAssessments.code} "${runningAssessments.name}" is \${self.value} in ${account}, ${region}, and this configuration runs ${props.runningAssessments} assessments there (the shards of its entries together); ` +
        `the apply would fail half-way. Lower auditManager.assessments[].shards or remove ${region} from an entry's regions, or ${quotaIncrease(runningAssessments, String(props.runningAssessments), account, region)}.`,
    });
  }

  private quota(id: string, quota: AssessmentQuota, provider: AwsProvider, postcondition: { condition: string; errorMessage: string }): void {
    const data = new DataAwsServicequotasServiceQuota(this, id, {
      provider,
      serviceCode: AUDIT_MANAGER_SERVICE_CODE,
      quotaCode: quota.code,
      // A postcondition, not a check block: a check block only warns, and the plan must stop.
      lifecycle: { postcondition: [postcondition] },
    });
    data.overrideLogicalId(`audit_manager_${id}`);
  }
}
