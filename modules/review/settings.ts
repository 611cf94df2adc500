/**
 * The review's "Audit Manager settings" section: what `npm run settings -- --apply` would change
 * after the deploy, planned from the settings AWS had when `npm run settings -- --json` saved them
 * (the review itself never calls AWS).
 */
import type { RegionPlan } from "../audit-manager-settings/settings";
import { cellCode, tableCell } from "./markdown";

export function settingsSection(plans: readonly RegionPlan[], source: string): string {
  const heading = `## Audit Manager settings\n\nPlanned from the settings AWS had in ${tableCell(source)} (npm run settings -- --json); the deploy workflow applies them after the stacks (npm run settings -- --apply).`;
  const rows = plans.flatMap((plan) => plan.changes.map((c) => `| ${tableCell(plan.region)} | ${cellCode(c.setting)} | ${cellCode(c.current)} | ${cellCode(c.desired)} |`));
  const problems = plans.flatMap((plan) => plan.problems.map((problem) => `- **${plan.region}**: cannot be applied: ${problem}`));
  // Deregistering with ALL deletes every assessment and its evidence (API reference, DeregistrationPolicy).
  const erasing = plans.filter((plan) => plan.changes.some((c) => c.setting === "deregistrationPolicy" && c.desired === "ALL")).map((plan) => plan.region);
  const parts = [heading];
  if (erasing.length) parts.push(`**The deregistration policy becomes ALL in ${erasing.join(", ")}**: deregistering Audit Manager there would then delete every assessment, its evidence, and the custom controls and frameworks.`);
  parts.push(rows.length ? `| Region | setting | AWS now | after apply |\n|---|---|---|---|\n${rows.join("\n")}` : "No setting changes.");
  if (problems.length) parts.push(problems.join("\n"));
  return parts.join("\n\n");
}
