/**
 * Audit Manager's per-Region quotas on assessments, by Service Quotas code: the Region stacks check
 * them at plan time (assessment-quotas.ts) and `npm run doctor` reads them. Kept apart from the
 * construct so doctor loads no cdktf.
 *
 * AWS General Reference, "AWS Audit Manager endpoints and quotas"
 * (https://docs.aws.amazon.com/general/latest/gr/audit-manager.html), "Service quotas".
 */

/** Audit Manager's service code in Service Quotas (the quotas' console addresses: servicequotas/home/services/auditmanager/quotas/<code>). */
export const AUDIT_MANAGER_SERVICE_CODE = "auditmanager";

/** The two quotas an assessment counts against, by quota code, with their names and defaults (General Reference, above). */
export const ASSESSMENT_QUOTAS = {
  accountsInScope: { code: "L-BEA222D4", name: "Accounts in scope across all assessments", defaultValue: 250 },
  runningAssessments: { code: "L-92B50F18", name: "Running assessments", defaultValue: 100 },
} as const;

export type AssessmentQuota = (typeof ASSESSMENT_QUOTAS)[keyof typeof ASSESSMENT_QUOTAS];

/** How to raise a quota: the Service Quotas console page, or the CLI in the account and Region named. */
export function quotaIncrease(quota: AssessmentQuota, desired: string, accountId: string, region: string): string {
  return (
    `request an increase of ${quota.code} in account ${accountId}, ${region}: Service Quotas console (https://console.aws.amazon.com/servicequotas/home/services/${AUDIT_MANAGER_SERVICE_CODE}/quotas/${quota.code}) ` +
    `or aws service-quotas request-service-quota-increase --service-code ${AUDIT_MANAGER_SERVICE_CODE} --quota-code ${quota.code} --desired-value ${desired} --region ${region}`
  );
}
