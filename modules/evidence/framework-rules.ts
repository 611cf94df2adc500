/**
 * Which AWS Config rules an assessment's framework names, where AWS Config offers them, and the
 * conformance pack template that deploys them (evidence-rules.ts creates the packs). Kept apart
 * from the construct so the configuration checks (evidence/config.ts), which every command loads,
 * load no cdktf.
 */
import { configSourcesOf, CUSTOM_RULE_PREFIX, type EvidenceFramework } from "./evidence-map";
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
