/**
 * The evidence map: for each Audit Manager framework an assessment uses, every control and the
 * data sources Audit Manager collects its automated evidence from. It is read from Audit Manager
 * once (GetAssessmentFramework, GetControl for core and common controls) by a read-only command,
 * and committed beside the configuration, so that synthesis stays offline and deterministic and a
 * change of framework shows up as a diff in review. Synthesis deploys the AWS Config rules it
 * names; the coverage report checks every source of every control against the organization.
 *
 * Source types and keywords are Audit Manager's own (API reference, `ControlMappingSource`,
 * `SourceKeyword`; user guide, "Supported data source types for automated evidence"):
 * - AWS_Config: the keyword is a managed rule identifier (e.g. "S3_BUCKET_PUBLIC_READ_PROHIBITED")
 *   or `Custom_<rule name>` for a customer rule;
 * - AWS_Security_Hub: the keyword is a Security Hub CSPM control ID (e.g. "S3.1");
 * - AWS_Cloudtrail: the keyword is a CloudTrail event name;
 * - AWS_API_Call: the keyword is the API call Audit Manager makes itself;
 * - MANUAL: evidence a person uploads; never a gap.
 * Core and common controls (source types Core_Control, Common_Control) are resolved to these
 * before the map is written: the map holds only the five types above.
 */
import { z } from "zod";

export const EVIDENCE_MAP_VERSION = 1;

export const SOURCE_TYPES = ["AWS_Config", "AWS_Security_Hub", "AWS_Cloudtrail", "AWS_API_Call", "MANUAL"] as const;
export type EvidenceSourceType = (typeof SOURCE_TYPES)[number];

const source = z.strictObject({
  type: z.enum(SOURCE_TYPES),
  /** Absent only for MANUAL. */
  keyword: z.string().min(1).optional(),
  /** AWS_Config managed rules: the input parameters the control requires (PutConfigRule InputParameters), as strings. */
  parameters: z.record(z.string(), z.string()).optional(),
  /**
   * AWS_Config managed rules: the resource types the rule evaluates (its Scope's
   * ComplianceResourceTypes), as the rule's page lists them. Optional: without it the deployed
   * rule has no scope, which for a change-triggered rule means every recorded change triggers it.
   */
  resourceTypes: z.array(z.string().regex(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/)).optional(),
});

const control = z.strictObject({
  /** The control's ID in Audit Manager (a UUID for a live framework; the sample may use a stable name). */
  id: z.string().min(1),
  name: z.string().min(1),
  sources: z.array(source),
});

const controlSet = z.strictObject({
  name: z.string().min(1),
  controls: z.array(control),
});

const framework = z.strictObject({
  /** The framework's ID where it was read from Audit Manager. */
  id: z.string().optional(),
  /** Where the entry came from: "GetAssessmentFramework <region> <date>", or the public pages a sample was built from. */
  source: z.string().min(1),
  controlSets: z.array(controlSet),
});

export const evidenceMapSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(EVIDENCE_MAP_VERSION),
  /** true for a map built from AWS's public documentation rather than read from an organization. */
  sample: z.boolean().default(false),
  /** Keyed by the framework name or framework ID exactly as `auditManager.assessments[].framework` names it. */
  frameworks: z.record(z.string(), framework),
});

export type EvidenceMap = z.infer<typeof evidenceMapSchema>;
export type EvidenceFramework = EvidenceMap["frameworks"][string];
export type EvidenceControl = z.infer<typeof control>;
export type EvidenceSource = z.infer<typeof source>;

/** Reads and validates a map file; the messages name the file and the field, as the configuration's do. */
export function parseEvidenceMap(text: string, file: string): { map?: EvidenceMap; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problems: [`${file}: is not valid JSON (${(error as Error).message}); allowed: the file npm run evidence-map writes`] };
  }
  const result = evidenceMapSchema.safeParse(raw);
  if (result.success) return { map: result.data, problems: [] };
  return { problems: result.error.issues.map((issue) => `${file}: ${issue.path.join(".") || "(top level)"}: ${issue.message}; allowed: the format of docs/evidence-rules.md (npm run evidence-map writes it)`) };
}

/** The prefix Audit Manager gives a customer rule's keyword (API reference, `SourceKeyword.keywordValue`). */
export const CUSTOM_RULE_PREFIX = "Custom_";

/** The AWS Config sources of a framework: every (keyword, parameters) pair once, with the controls that name it, in map order. */
export function configSourcesOf(framework: EvidenceFramework): { keyword: string; parameters: Record<string, string>; resourceTypes?: string[]; controls: string[] }[] {
  const found = new Map<string, { keyword: string; parameters: Record<string, string>; resourceTypes?: string[]; controls: string[] }>();
  for (const set of framework.controlSets) {
    for (const control of set.controls) {
      for (const source of control.sources) {
        if (source.type !== "AWS_Config" || !source.keyword) continue;
        const parameters = source.parameters ?? {};
        const key = `${source.keyword}\u0000${JSON.stringify(Object.entries(parameters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;
        const entry = found.get(key) ?? found.set(key, { keyword: source.keyword, parameters, resourceTypes: source.resourceTypes, controls: [] }).get(key)!;
        if (!entry.controls.includes(control.id)) entry.controls.push(control.id);
      }
    }
  }
  return [...found.values()];
}
