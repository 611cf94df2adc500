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
