/**
 * Reads the evidence map of the configured assessments' frameworks from Audit Manager in the
 * delegated administrator account (read-only): `npm run evidence-map`.
 *
 * - A standard framework named in the configuration is found by its exact name among
 *   ListAssessmentFrameworks(frameworkType Standard) (the user guide's page titles are resolved to
 *   names first, as synthesis does: standard-frameworks.ts); a custom framework is named by its ID.
 * - GetAssessmentFramework gives the control sets, the controls and each control's
 *   `controlMappingSources`.
 * - A source of type Core_Control or Common_Control is an AWS managed grouping of data sources
 *   (API reference, `ControlMappingSource.sourceType`); its keyword names the control that holds
 *   the underlying sources, which GetControl reads (a common control's sources are core controls,
 *   read the same way). Each control is read once.
 *
 * Frameworks differ between Regions only by ID, so the map is read in one Region: the home Region
 * when Audit Manager is managed there, else the first managed Region.
 */
import { GetAssessmentFrameworkCommand, GetControlCommand, ListAssessmentFrameworksCommand, type ControlMappingSource, type GetAssessmentFrameworkResponse, type GetControlResponse, type ListAssessmentFrameworksResponse } from "@aws-sdk/client-auditmanager";
import { FRAMEWORK_ID } from "../audit-manager/assessments-config";
import { standardFrameworkName } from "../audit-manager/standard-frameworks";
import { read, type AwsClients } from "../aws-clients/clients";
import { EVIDENCE_MAP_VERSION, SOURCE_TYPES, type EvidenceFramework, type EvidenceMap, type EvidenceSource, type EvidenceSourceType } from "./evidence-map";

/** Core and common controls nest at most two levels (a common control's core controls); deeper means a cycle. */
const MAX_DEPTH = 3;

export interface ReadMapOptions {
  /** The configured frameworks, names or IDs exactly as `auditManager.assessments[].framework` writes them. */
  readonly frameworks: readonly string[];
  readonly region: string;
  /** The delegated administrator's clients. */
  readonly clients: AwsClients;
  /** The date written into each framework's `source`. */
  readonly today: string;
  /** The map committed so far: its reviewed parameters and resource types are kept for the same framework and keyword. */
  readonly previous?: EvidenceMap;
}

export class FrameworkNotFoundError extends Error {}

export async function readEvidenceMap(options: ReadMapOptions): Promise<EvidenceMap> {
  const auditManager = options.clients.auditManager(options.region);
  let standard: { id?: string; name?: string }[] | undefined;
  const standardFrameworks = async () => {
    if (standard) return standard;
    standard = [];
    let nextToken: string | undefined;
    do {
      const page = await read<ListAssessmentFrameworksResponse>("auditmanager", auditManager, new ListAssessmentFrameworksCommand({ frameworkType: "Standard", nextToken }));
      standard.push(...(page.frameworkMetadataList ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return standard;
  };
  const controls = new Map<string, Promise<ControlMappingSource[]>>();
  const controlSources = (id: string) => {
    if (!controls.has(id)) controls.set(id, read<GetControlResponse>("auditmanager", auditManager, new GetControlCommand({ controlId: id })).then((response) => response.control?.controlMappingSources ?? []));
    return controls.get(id)!;
  };
  const resolve = async (sources: readonly ControlMappingSource[], depth: number): Promise<EvidenceSource[]> => {
    const resolved: EvidenceSource[] = [];
    for (const source of sources) {
      const type = source.sourceType;
      if (type === "Core_Control" || type === "Common_Control") {
        const id = controlIdOf(source.sourceKeyword?.keywordValue);
        if (!id || depth >= MAX_DEPTH) throw new Error(`a ${type} source (${source.sourceName ?? "unnamed"}) names no control Audit Manager can read (keyword ${JSON.stringify(source.sourceKeyword?.keywordValue)})`);
        resolved.push(...(await resolve(await controlSources(id), depth + 1)));
      } else if (type && (SOURCE_TYPES as readonly string[]).includes(type)) {
        const keyword = type === "MANUAL" ? undefined : source.sourceKeyword?.keywordValue;
        resolved.push(keyword ? { type: type as EvidenceSourceType, keyword } : { type: type as EvidenceSourceType });
      }
    }
    // One entry per (type, keyword): a core control may repeat what another source names.
    return resolved.filter((source, index) => resolved.findIndex((other) => other.type === source.type && other.keyword === source.keyword) === index);
  };

  const frameworks: Record<string, EvidenceFramework> = {};
  for (const configured of [...new Set(options.frameworks)].sort()) {
    let id = configured;
    if (!FRAMEWORK_ID.test(configured)) {
      const name = standardFrameworkName(configured);
      const found = (await standardFrameworks()).find((framework) => framework.name === name);
      if (!found?.id) {
        const names = (await standardFrameworks()).map((framework) => framework.name).filter(Boolean);
        throw new FrameworkNotFoundError(`${JSON.stringify(configured)} is not a standard framework in ${options.region}; allowed: ${names.map((n) => JSON.stringify(n)).join(", ") || "(none listed)"}`);
      }
      id = found.id;
    }
    const { framework } = await read<GetAssessmentFrameworkResponse>("auditmanager", auditManager, new GetAssessmentFrameworkCommand({ frameworkId: id }));
    const previous = options.previous?.frameworks[configured];
    const controlSets = [];
    for (const set of framework?.controlSets ?? []) {
      const setControls = [];
      for (const control of set.controls ?? []) {
        const sources = (await resolve(control.controlMappingSources ?? [], 0)).map((source) => withReviewed(source, previous));
        setControls.push({ id: control.id ?? control.name ?? "unnamed", name: control.name ?? control.id ?? "unnamed", sources });
      }
      controlSets.push({ name: set.name ?? set.id ?? "unnamed", controls: setControls });
    }
    frameworks[configured] = { id: framework?.id ?? id, source: `GetAssessmentFramework ${options.region} ${options.today}`, controlSets };
  }
  return { version: EVIDENCE_MAP_VERSION, sample: false, frameworks };
}

/** A control's ID from a keyword: the ID itself, or the last part of the control's ARN. */
function controlIdOf(keyword: string | undefined): string | undefined {
  const id = keyword?.split("/").pop();
  return id && FRAMEWORK_ID.test(id) ? id : undefined;
}

/** The parameters and resource types a reviewer set for the same Config keyword in the map so far. */
function withReviewed(source: EvidenceSource, previous: EvidenceFramework | undefined): EvidenceSource {
  if (source.type !== "AWS_Config" || !previous) return source;
  for (const set of previous.controlSets) {
    for (const control of set.controls) {
      const match = control.sources.find((other) => other.type === "AWS_Config" && other.keyword === source.keyword && (other.parameters || other.resourceTypes));
      if (match) return { ...source, ...(match.parameters ? { parameters: match.parameters } : {}), ...(match.resourceTypes ? { resourceTypes: match.resourceTypes } : {}) };
    }
  }
  return source;
}

/** The evidence map as committed: two-space JSON, a final newline. */
export const evidenceMapJson = (map: EvidenceMap) => `${JSON.stringify(map, null, 2)}\n`;
