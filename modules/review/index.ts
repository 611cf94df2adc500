/** Builds the review report from a synthesis output folder, optional plan files and the base configuration. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseSnapshot, plansFromSnapshot } from "../audit-manager-settings/settings";
import type { AppConfig } from "../config/schema";
import { ORGANIZATION_STACK_NAME, regionStackName } from "../kit/stack-names";
import { summarizePlan } from "./plan";
import { renderReport, type PlanResult } from "./report";
import { describeStack } from "./stack-model";
import { readSynthesizedStacks } from "../synth/synth-output";

export interface ReviewOptions {
  /** cdktf's output folder (manifest.json and stacks/). */
  readonly outdir: string;
  /**
   * Folder of plans: `<stack>.json` written by `terraform show -json <planfile>`, or
   * `<stack>.plan-error.txt` holding the output of a plan that failed.
   */
  readonly plansDir?: string;
  /** The configuration file of the change's base, to name the stacks this change removes. */
  readonly baseConfigFile?: string;
  /** Settings AWS had (`npm run settings -- --json`), compared with this change's configuration. */
  readonly settings?: { readonly file: string; readonly config: AppConfig };
}

const PLAN_FILE = /^(.+)\.json$/;
const PLAN_ERROR_FILE = /^(.+)\.plan-error\.txt$/;

export function buildReview(options: ReviewOptions): string {
  const stacks = readSynthesizedStacks(options.outdir).map(describeStack);
  const removedStacks = options.baseConfigFile ? stacksOf(options.baseConfigFile).filter((name) => !stacks.some((s) => s.name === name)) : [];
  const settings = options.settings && { plans: plansFromSnapshot(options.settings.config, parseSnapshot(readFileSync(options.settings.file, "utf8"), options.settings.file)), source: options.settings.file };
  return renderReport({ stacks, plans: options.plansDir ? readPlans(options.plansDir) : undefined, removedStacks, settings });
}

export function readPlans(dir: string): Map<string, PlanResult> {
  if (!existsSync(dir)) throw new Error(`plans folder ${dir} does not exist`);
  const plans = new Map<string, PlanResult>();
  for (const file of readdirSync(dir).sort()) {
    const text = () => readFileSync(join(dir, file), "utf8");
    const failed = PLAN_ERROR_FILE.exec(file);
    if (failed) {
      plans.set(failed[1], { kind: "failed", message: text() });
      continue;
    }
    const plan = PLAN_FILE.exec(file);
    if (plan && !plans.has(plan[1])) {
      try {
        plans.set(plan[1], { kind: "plan", summary: summarizePlan(JSON.parse(text())) });
      } catch (error) {
        throw new Error(`${join(dir, file)}: ${(error as Error).message}`);
      }
    }
  }
  return plans;
}

/**
 * The stack names a configuration file yields, read without validating it (the base may predate
 * today's schema): the organization stack and one stack per entry of `regions`.
 */
function stacksOf(configFile: string): string[] {
  const regions: unknown = JSON.parse(readFileSync(configFile, "utf8")).regions;
  return [ORGANIZATION_STACK_NAME, ...(Array.isArray(regions) ? regions.map((region) => regionStackName(String(region))) : [])];
}
