/**
 * The evidence map a configuration names (`auditManager.evidenceMap`), read when an assessment
 * deploys its rules (`evidenceRules: "deploy"`), and the rules that hold between the two: every
 * such assessment's framework is in the map, its parameter overrides name rules of that framework,
 * and the packs fit AWS Config's quotas in every Region. Each problem names the field to change.
 */
import { readFileSync } from "node:fs";
import { assessmentRegions, type AssessmentSettings } from "../audit-manager/assessments-config";
import { show } from "../kit/fields";
import { parseEvidenceMap, type EvidenceMap } from "./evidence-map";
import { CONFIG_QUOTAS, conformancePackTemplate, frameworkRules, rulesIn } from "./framework-rules";

export interface EvidenceSettings {
  readonly evidenceMap: string;
  readonly assessments: readonly AssessmentSettings[];
  /** Regions where Audit Manager is managed. */
  readonly managedRegions: readonly string[];
  readonly awsConfigEnabled: boolean;
}

/** Whether any assessment deploys its rules, so synthesis needs the map. */
export const deploysEvidenceRules = (assessments: readonly AssessmentSettings[]) => assessments.some((entry) => entry.evidenceRules === "deploy");

/** The map, read only when an assessment deploys its rules, and every problem found. */
export function loadEvidenceMap(settings: EvidenceSettings, readText: (file: string) => string = (file) => readFileSync(file, "utf8")): { map?: EvidenceMap; problems: string[] } {
  if (!deploysEvidenceRules(settings.assessments)) return { problems: [] };
  let text: string;
  try {
    text = readText(settings.evidenceMap);
  } catch (error) {
    return {
      problems: [
        `auditManager.evidenceMap: cannot read ${show(settings.evidenceMap)} (${(error as Error).message}); allowed: an existing evidence map: run npm run evidence-map to write it, or set the assessments' evidenceRules to "external"`,
      ],
    };
  }
  const { map, problems } = parseEvidenceMap(text, settings.evidenceMap);
  if (!map) return { problems: problems.map((problem) => `auditManager.evidenceMap: ${problem}`) };
  return { map, problems: checkEvidenceRules(settings, map) };
}

/** Problems of the assessments that deploy their rules, against the map and AWS Config's quotas. */
export function checkEvidenceRules(settings: EvidenceSettings, map: EvidenceMap): string[] {
  const problems: string[] = [];
  const field = (index: number, name: string) => `auditManager.assessments[${index}].${name}`;
  if (!settings.awsConfigEnabled) {
    problems.push(
      `awsConfig.enabled: is false while an assessment sets evidenceRules "deploy"; organization conformance packs need AWS Config's delegated administrator (config-multiaccountsetup.amazonaws.com) and recorders in the accounts; allowed: true, or evidenceRules "external" or "off"`,
    );
  }
  const perRegion = new Map<string, { packs: string[]; rules: number }>();
  settings.assessments.forEach((entry, index) => {
    if (entry.evidenceRules !== "deploy") return;
    const framework = map.frameworks[entry.framework];
    if (!framework) {
      const known = Object.keys(map.frameworks);
      problems.push(`${field(index, "framework")}: ${show(entry.framework)} is not in ${settings.evidenceMap}; allowed: ${known.length ? known.map((name) => show(name)).join(", ") : "(the map has no framework)"}, or run npm run evidence-map to add it`);
      return;
    }
    const { rules } = frameworkRules(framework, entry.evidenceRuleParameters);
    for (const identifier of Object.keys(entry.evidenceRuleParameters)) {
      if (!rules.some((rule) => rule.identifier === identifier)) {
        const names = [...new Set(rules.map((rule) => rule.identifier))];
        problems.push(`${field(index, "evidenceRuleParameters")}.${identifier}: is not a managed rule of ${show(entry.framework)} in ${settings.evidenceMap}; allowed: ${names.join(", ") || "(none)"}`);
      }
    }
    for (const rule of rules) {
      const length = JSON.stringify(rule.parameters).length;
      if (length > CONFIG_QUOTAS.inputParametersCharacters) {
        problems.push(`${field(index, "evidenceRuleParameters")}.${rule.identifier}: makes input parameters of ${length} characters; AWS Config takes at most ${CONFIG_QUOTAS.inputParametersCharacters} (API reference, ConfigRule.InputParameters); allowed: shorter values`);
      }
    }
    for (const region of assessmentRegions(entry, settings.managedRegions)) {
      const { deployed } = rulesIn(rules, region);
      const where = `${entry.name} in ${region}`;
      if (deployed.length > CONFIG_QUOTAS.rulesPerConformancePack) {
        problems.push(
          `${field(index, "evidenceRules")}: "deploy" makes a conformance pack of ${deployed.length} rules for ${where}; an organization conformance pack holds at most ${CONFIG_QUOTAS.rulesPerConformancePack} (AWS Config service limits, not adjustable); allowed: "external" (deploy them yourself in several packs), or a map with fewer rules`,
        );
      }
      const characters = conformancePackTemplate(deployed).length;
      if (characters > CONFIG_QUOTAS.templateBodyCharacters) {
        problems.push(`${field(index, "evidenceRules")}: "deploy" makes a conformance pack template of ${characters} characters for ${where}; PutOrganizationConformancePack takes at most ${CONFIG_QUOTAS.templateBodyCharacters}; allowed: "external", or a map with fewer rules`);
      }
      const totals = perRegion.get(region) ?? perRegion.set(region, { packs: [], rules: 0 }).get(region)!;
      totals.packs.push(field(index, "evidenceRules"));
      totals.rules += deployed.length;
    }
  });
  for (const [region, { packs, rules }] of perRegion) {
    if (packs.length > CONFIG_QUOTAS.conformancePacksPerOrganization) {
      problems.push(`${packs[CONFIG_QUOTAS.conformancePacksPerOrganization]}: "deploy" makes ${packs.length} organization conformance packs in ${region}; an organization holds at most ${CONFIG_QUOTAS.conformancePacksPerOrganization} (AWS Config service limits); allowed: "external" or "off" for all but ${CONFIG_QUOTAS.conformancePacksPerOrganization} assessments there`);
    }
    if (rules > CONFIG_QUOTAS.rulesPerAccountAndRegion) {
      problems.push(
        `${packs[packs.length - 1]}: "deploy" puts ${rules} rules into an account in scope of every pack in ${region}; an account holds at most ${CONFIG_QUOTAS.rulesPerAccountAndRegion} per Region, organization packs' rules included (AWS Config service limits); allowed: "external" or "off" for some of ${packs.join(", ")}`,
      );
    }
  }
  return problems;
}
