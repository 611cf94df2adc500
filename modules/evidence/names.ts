/**
 * The names under which an assessment's AWS Config rules are deployed, shared by the deployment
 * (synthesis) and the control-level coverage that reads their status back. One function, so the
 * two can never disagree.
 *
 * An organization conformance pack name is 1 to 128 characters, a letter first, then letters,
 * digits and hyphens (AWS Config API reference, PutOrganizationConformancePack,
 * OrganizationConformancePackName: pattern `[a-zA-Z][-a-zA-Z0-9]*`). An assessment name is
 * already lowercase letters, digits and hyphens starting with a letter, at most 64 characters
 * (modules/audit-manager/assessments-config.ts), so the prefixed name always fits.
 */
export const EVIDENCE_RULES_PREFIX = "audit-manager-evidence-";

/** The organization conformance pack that holds the AWS Config rules of assessment `assessmentName`. */
export const conformancePackName = (assessmentName: string): string => `${EVIDENCE_RULES_PREFIX}${assessmentName}`;
