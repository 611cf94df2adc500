/**
 * Which resource types a configuration recorder records, from its recording group as the
 * aggregator's advanced query returns it for the AWS::Config::ConfigurationRecorder resource type
 * (awslabs/aws-config-resource-schema, config/properties/resource-types/
 * AWS::Config::ConfigurationRecorder.properties.json: `configuration.RecordingGroup.AllSupported`,
 * `.IncludeGlobalResourceTypes`, `.ResourceTypes`, `.ExclusionByResourceTypes.ResourceTypes` and
 * `.RecordingStrategy.UseOnly`). AWS Config rules evaluate only the resources the recorder records
 * (AWS Config developer guide, "Recording AWS resources",
 * https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html), so a rule of a
 * type the recorder leaves out collects no evidence.
 *
 * The strategies (AWS Config API reference, RecordingGroup and RecordingStrategy,
 * https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingStrategy.html):
 * - ALL_SUPPORTED_RESOURCE_TYPES (or no strategy with AllSupported true): every supported type,
 *   the global IAM types only with IncludeGlobalResourceTypes;
 * - INCLUSION_BY_RESOURCE_TYPES (or no strategy with a ResourceTypes list): only the listed types;
 * - EXCLUSION_BY_RESOURCE_TYPES: every supported type but the excluded ones, the global IAM types
 *   included unless excluded, whatever IncludeGlobalResourceTypes says (API reference,
 *   ExclusionByResourceTypes, "Global resource types and the exclusion recording strategy").
 * In every strategy, AWS Config cannot record the global IAM types in a Region it added after
 * February 2022 (modules/kit/regions.ts).
 */
import { recordsGlobalIamResources } from "../kit/regions";

/** The global IAM resource types onboarded before February 2022: recorded once per account, in the Region chosen for them. */
export const GLOBAL_IAM_TYPES: readonly string[] = ["AWS::IAM::Group", "AWS::IAM::Policy", "AWS::IAM::Role", "AWS::IAM::User"];

export const RECORDING_STRATEGIES = ["ALL_SUPPORTED_RESOURCE_TYPES", "INCLUSION_BY_RESOURCE_TYPES", "EXCLUSION_BY_RESOURCE_TYPES"] as const;
export type RecordingStrategy = (typeof RECORDING_STRATEGIES)[number];

export interface RecordingGroup {
  readonly strategy: RecordingStrategy;
  readonly includeGlobalResourceTypes: boolean;
  /** The listed types: those recorded (inclusion) or those left out (exclusion); empty for all supported. */
  readonly resourceTypes: readonly string[];
}

/** The recording group fields of an advanced query row (`configuration.RecordingGroup`). */
export interface RecordingGroupRow {
  readonly AllSupported?: boolean;
  readonly IncludeGlobalResourceTypes?: boolean;
  readonly ResourceTypes?: readonly string[];
  readonly ExclusionByResourceTypes?: { readonly ResourceTypes?: readonly string[] };
  readonly RecordingStrategy?: { readonly UseOnly?: string };
}

/** The query's select list for the recording group, in the resource schema's names. */
export const RECORDING_GROUP_FIELDS = ["AllSupported", "IncludeGlobalResourceTypes", "ResourceTypes", "ExclusionByResourceTypes.ResourceTypes", "RecordingStrategy.UseOnly"].map((field) => `configuration.RecordingGroup.${field}`);

/**
 * The recording group a row describes, or undefined when the row has none (the answer then says
 * nothing of the types). Equal groups are one object (`intern`), so cells judged on them can be shared.
 */
export function recordingGroupOf(row: RecordingGroupRow | undefined, intern: (group: RecordingGroup) => RecordingGroup): RecordingGroup | undefined {
  if (!row) return undefined;
  const useOnly = RECORDING_STRATEGIES.find((s) => s === row.RecordingStrategy?.UseOnly);
  const strategy: RecordingStrategy = useOnly ?? (row.AllSupported ? "ALL_SUPPORTED_RESOURCE_TYPES" : "INCLUSION_BY_RESOURCE_TYPES");
  const listed = strategy === "EXCLUSION_BY_RESOURCE_TYPES" ? row.ExclusionByResourceTypes?.ResourceTypes : strategy === "INCLUSION_BY_RESOURCE_TYPES" ? row.ResourceTypes : [];
  return intern({ strategy, includeGlobalResourceTypes: row.IncludeGlobalResourceTypes === true, resourceTypes: [...new Set(listed ?? [])].sort() });
}

/** A memo of equal recording groups, keyed by their content. */
export function recordingGroups(): (group: RecordingGroup) => RecordingGroup {
  const seen = new Map<string, RecordingGroup>();
  return (group) => {
    const key = `${group.strategy} ${group.includeGlobalResourceTypes} ${group.resourceTypes.join(" ")}`;
    return seen.get(key) ?? seen.set(key, group).get(key)!;
  };
}

/** What this project's recorders record (the StackSet template and ManagementConfigRecorder): every supported type, the global IAM types only in `globalResourcesRegion`. */
export const projectRecordingGroup = (region: string, globalResourcesRegion: string | undefined): RecordingGroup => ({
  strategy: "ALL_SUPPORTED_RESOURCE_TYPES",
  includeGlobalResourceTypes: region === globalResourcesRegion,
  resourceTypes: [],
});

/** Whether a recorder with `group` in `region` records `type`. */
export function records(group: RecordingGroup, type: string, region: string): boolean {
  const global = GLOBAL_IAM_TYPES.includes(type);
  if (global && !recordsGlobalIamResources(region)) return false;
  if (group.strategy === "INCLUSION_BY_RESOURCE_TYPES") return group.resourceTypes.includes(type);
  if (group.strategy === "EXCLUSION_BY_RESOURCE_TYPES") return !group.resourceTypes.includes(type);
  return !global || group.includeGlobalResourceTypes;
}

/** The group in a few words, for a cell's reason. */
export function describeGroup(group: RecordingGroup): string {
  if (group.strategy === "INCLUSION_BY_RESOURCE_TYPES") return `records only ${group.resourceTypes.length ? group.resourceTypes.join(", ") : "no resource type"}`;
  if (group.strategy === "EXCLUSION_BY_RESOURCE_TYPES") return `records every supported type except ${group.resourceTypes.join(", ")}`;
  return `records every supported type${group.includeGlobalResourceTypes ? ", global IAM types included" : ", global IAM types not included"}`;
}
