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
import { configSourcesOf, CUSTOM_RULE_PREFIX, type EvidenceFramework } from "./evidence-map";
import { conformancePackName } from "./names";
import { ruleAvailableIn } from "./rule-availability";

/**
 * AWS Config's quotas that bind these packs (AWS General Reference, "AWS Config endpoints and
 * quotas", https://docs.aws.amazon.com/general/latest/gr/awsconfig.html, and the AWS Config
 * developer guide's "Service Limits", configlimits.html; none adjustable), and the limits of
 * PutOrganizationConformancePack that hashicorp/aws checks too
 * (internal/service/configservice/organization_conformance_pack.go: template_body 1 to 51,200
 * characters, excluded_accounts at most 1,000 items).
 */
export const CONFIG_QUOTAS = {
  rulesPerConformancePack: 130,
  conformancePacksPerOrganization: 50,
  /** Rules of organization conformance packs count in every member account's quota. */
  rulesPerAccountAndRegion: 1000,
  templateBodyCharacters: 51_200,
  excludedAccounts: 1000,
  /** PutConfigRule InputParameters: a JSON string of at most 1,024 characters (AWS Config API reference, ConfigRule). */
  inputParametersCharacters: 1024,
} as const;

export interface EvidenceRule {
  /** The managed rule identifier: the keyword Audit Manager matches (e.g. "S3_BUCKET_PUBLIC_READ_PROHIBITED"). */
  readonly identifier: string;
  /** The rule's name in the pack: the identifier in kebab case, "-2", "-3", … for further parameter sets. */
  readonly name: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly resourceTypes?: readonly string[];
  /** IDs of the controls that name it. */
  readonly controls: readonly string[];
}

export interface FrameworkRules {
  /** Managed rules, each (identifier, parameters) once, with the configuration's overrides applied. */
  readonly rules: readonly EvidenceRule[];
  /** Custom_ keywords: rules the customer deploys ("external" by nature). */
  readonly custom: readonly string[];
}

/**
 * The rules a framework's map names. `overrides` (the assessment's `evidenceRuleParameters`) replace
 * or add parameters of every instance of a rule identifier.
 */
export function frameworkRules(framework: EvidenceFramework, overrides: Readonly<Record<string, Readonly<Record<string, string>>>> = {}): FrameworkRules {
  const rules: EvidenceRule[] = [];
  const custom: string[] = [];
  const seen = new Set<string>();
  for (const source of configSourcesOf(framework)) {
    if (source.keyword.startsWith(CUSTOM_RULE_PREFIX)) {
      if (!custom.includes(source.keyword)) custom.push(source.keyword);
      continue;
    }
    const parameters = { ...source.parameters, ...overrides[source.keyword] };
    const key = `${source.keyword} ${JSON.stringify(sortedEntries(parameters))}`;
    const same = rules.find((rule) => `${rule.identifier} ${JSON.stringify(sortedEntries(rule.parameters))}` === key);
    if (same) {
      // Two parameter sets an override made equal: one rule serves both.
      (same.controls as string[]).push(...source.controls.filter((control) => !same.controls.includes(control)));
      continue;
    }
    const base = source.keyword.toLowerCase().replace(/_/g, "-");
    let name = base;
    for (let n = 2; seen.has(name); n++) name = `${base}-${n}`;
    seen.add(name);
    rules.push({ identifier: source.keyword, name, parameters, resourceTypes: source.resourceTypes, controls: [...source.controls] });
  }
  return { rules, custom };
}

/** The rules AWS Config offers in `region`, and those it does not (left out: rule-availability.ts). */
export function rulesIn(rules: readonly EvidenceRule[], region: string): { deployed: EvidenceRule[]; skipped: EvidenceRule[] } {
  return { deployed: rules.filter((rule) => ruleAvailableIn(rule.identifier, region)), skipped: rules.filter((rule) => !ruleAvailableIn(rule.identifier, region)) };
}

/**
 * The conformance pack's template: CloudFormation JSON with one AWS::Config::ConfigRule per rule
 * (AWS Config developer guide, "Conformance Pack Templates"; a template holds only Config rules and
 * remediations). Sorted by rule name, so the same rules always give the same text.
 */
export function conformancePackTemplate(rules: readonly EvidenceRule[]): string {
  const resources: Record<string, unknown> = {};
  for (const rule of [...rules].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    resources[logicalId(rule.name)] = {
      Type: "AWS::Config::ConfigRule",
      Properties: {
        ConfigRuleName: rule.name,
        Source: { Owner: "AWS", SourceIdentifier: rule.identifier },
        ...(Object.keys(rule.parameters).length ? { InputParameters: Object.fromEntries(sortedEntries(rule.parameters)) } : {}),
        ...(rule.resourceTypes?.length ? { Scope: { ComplianceResourceTypes: [...rule.resourceTypes] } } : {}),
      },
    };
  }
  return JSON.stringify({ Resources: resources });
}

/** CloudFormation logical IDs are alphanumeric: "s3-bucket-public-read-prohibited-2" → "S3BucketPublicReadProhibited2". */
const logicalId = (name: string) => name.split("-").map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("");

const sortedEntries = (record: Readonly<Record<string, string>>) => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

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
      const outside = `[for account in ${props.organizationAccounts} : account.id if !contains(${assessment.accountsInScope}, account.id)]`;
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
