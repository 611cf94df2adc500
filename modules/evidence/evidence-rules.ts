/**
 * The AWS Config rules an assessment's framework names, deployed where Audit Manager collects
 * from them: one organization conformance pack per assessment and Region, created by the
 * delegated administrator.
 *
 * Why this form: Audit Manager does not create or manage AWS Config rules, and it ignores
 * service-linked rules except those of conformance packs and of AWS Organizations (organization
 * rules); rules Security Hub CSPM creates for its own controls therefore feed no AWS_Config source
 * (Audit Manager user guide, "AWS Config rules supported by AWS Audit Manager",
 * https://docs.aws.amazon.com/audit-manager/latest/userguide/control-data-sources-config.html).
 * A conformance pack rather than one organization rule per identifier: one resource per assessment
 * and Region whatever the number of rules, one place to read its per-account status, and its
 * excluded accounts limit it to the assessment's scope (PutOrganizationConformancePack,
 * ExcludedAccounts). Only the management account or a delegated administrator registered for
 * config-multiaccountsetup.amazonaws.com may call it (same page); the organization stack registers
 * that delegated administrator whenever awsConfig.enabled is on.
 *
 * Custom_ keywords name rules a customer wrote (a Lambda or Guard policy this project does not
 * have): they are "external" by nature and never deployed here.
 *
 * Deleting a conformance pack deletes its rules and their evaluation results in the member
 * accounts, but not the evidence Audit Manager already collected from them: evidence is the
 * assessment's, kept two years from its creation (Audit Manager API reference,
 * DeregistrationPolicy), and deleted early only with the assessment (user guide, "Deleting an
 * assessment in AWS Audit Manager"), which this construct never touches.
 */
import { ConfigOrganizationConformancePack } from "@cdktf/provider-aws/lib/config-organization-conformance-pack";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { CONFIG_QUOTAS, conformancePackTemplate, rulesIn, type FrameworkRules } from "./framework-rules";
import { conformancePackName } from "./names";

/** Terraform names: the assessment name with "_" for "-". */
export const conformancePackResourceName = (assessmentName: string) => `evidence_rules_${assessmentName.replace(/-/g, "_")}`;

export interface AssessmentRules {
  /** The assessment's configured name. */
  readonly name: string;
  readonly framework: string;
  readonly rules: FrameworkRules;
  /** HCL list of the account IDs in the assessment's scope in this Region. */
  readonly accountsInScope: string;
  /** The configuration field that sets the scope, for the plan-time message. */
  readonly accountsField: string;
}

export interface AssessmentEvidenceRulesProps {
  readonly region: string;
  readonly assessments: readonly AssessmentRules[];
  /** HCL of the organization's accounts (objects with `id`), read by the management account. */
  readonly organizationAccounts: string;
  /** The delegated administrator's provider in this Region. */
  readonly provider: AwsProvider;
}

/** One organization conformance pack per assessment whose rules this project deploys, in one Region. */
export class AssessmentEvidenceRules extends Construct {
  constructor(scope: Construct, id: string, props: AssessmentEvidenceRulesProps) {
    super(scope, id);
    const outputs: Record<string, unknown> = {};
    for (const assessment of props.assessments) {
      const { deployed, skipped } = rulesIn(assessment.rules.rules, props.region);
      // One set difference, not a contains() per account: Terraform evaluates a function call in a
      // `for` body once per item, so `keys(…)` was listed and searched for every account, and an
      // organization of 1,000 accounts cost its plan about 3 s of CPU in the three places below.
      const outside = `setsubtract([for account in ${props.organizationAccounts} : account.id], ${assessment.accountsInScope})`;
      const pack = new ConfigOrganizationConformancePack(this, conformancePackResourceName(assessment.name), {
        provider: props.provider,
        name: conformancePackName(assessment.name),
        templateBody: conformancePackTemplate(deployed),
        // Every account of the organization outside the assessment's scope: the pack evaluates (and
        // costs) only where the assessment collects evidence.
        excludedAccounts: `\${${outside}}` as unknown as string[],
        lifecycle: {
          precondition: [
            {
              condition: `\${length(${outside}) <= ${CONFIG_QUOTAS.excludedAccounts}}`,
              errorMessage:
                `The conformance pack ${conformancePackName(assessment.name)} in ${props.region} would exclude \${length(${outside})} accounts outside the assessment's scope; an organization conformance pack excludes at most ${CONFIG_QUOTAS.excludedAccounts} (PutOrganizationConformancePack, ExcludedAccounts). ` +
                `Widen ${assessment.accountsField} (e.g. "organization"), or set its evidenceRules to "external" and deploy the rules to those accounts yourself (docs/evidence-rules.md, "Quotas").`,
            },
          ],
        },
      });
      pack.overrideLogicalId(conformancePackResourceName(assessment.name));
      outputs[assessment.name] = {
        conformance_pack: conformancePackName(assessment.name),
        framework: assessment.framework,
        rules: deployed.map((rule) => rule.identifier),
        skipped_not_in_region: skipped.map((rule) => rule.identifier),
        custom_rules_external: [...assessment.rules.custom],
      };
    }
    new TerraformOutput(this, "evidence_rules", {
      staticId: true,
      description: `AWS Config rules deployed for Audit Manager evidence in ${props.region}, by assessment: the conformance pack, its managed rules, those left out because AWS Config does not offer them in this Region, and the Custom_ rules the customer deploys.`,
      value: outputs,
    });
  }
}
