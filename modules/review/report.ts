/**
 * The review report: Markdown a reviewer reads in a pull request. Everything is sorted and
 * nothing depends on time or machine, so the same input gives the same bytes and two reports
 * can be diffed.
 */
import { renderDiagram } from "./diagram";
import { renderValue, type KeyAttribute } from "./key-attributes";
import { byCodePoint } from "../kit/order";
import { count } from "../kit/text";
import { cellCode, codeSpan, collapsible, fencedBlock, htmlText, tableCell } from "./markdown";
import type { PlanSummary } from "./plan";
import { evidenceRulesSection } from "./evidence-rules";
import { describeStatement } from "./policy";
import { configurationRisks, planRisks, type Risk } from "./risks";
import { ORGANIZATION_STACK_NAME } from "../kit/stack-names";
import { settingsSection } from "./settings";
import { regionOf, type ResourceModel, type StackModel } from "./stack-model";
import type { RegionPlan } from "../audit-manager-settings/settings";

/** The first line of every report; the pull-request workflow finds its own comment by it. */
export const REPORT_MARKER = "<!-- audit-manager-review -->";

export type PlanResult = { readonly kind: "plan"; readonly summary: PlanSummary } | { readonly kind: "failed"; readonly message: string };

export interface ReviewInput {
  /** The synthesized stacks, dependencies first. */
  readonly stacks: readonly StackModel[];
  /** Plan per stack name, when plans were given (`--plans`). */
  readonly plans?: ReadonlyMap<string, PlanResult>;
  /** Stacks the base of this change synthesized and this change no longer does. */
  readonly removedStacks?: readonly string[];
  /** Pending Audit Manager settings changes per Region, and the saved settings file they come from (`--settings`). */
  readonly settings?: { readonly plans: readonly RegionPlan[]; readonly source: string };
}

export function renderReport(input: ReviewInput): string {
  const { stacks, plans } = input;
  const removed = [...new Set([...(input.removedStacks ?? []), ...[...(plans?.keys() ?? [])].filter((name) => !stacks.some((s) => s.name === name))])].sort();
  const organization = stacks.find((s) => s.name === ORGANIZATION_STACK_NAME);
  const homeRegion = organization && regionOf(organization);
  const sections = [
    `${REPORT_MARKER}\n# Terraform review: AWS Audit Manager across the organization\n\n${overview(stacks, homeRegion)}`,
    risksSection(input, removed),
    plans ? planSection(stacks.map((s) => s.name).concat(removed), removed, plans) : "",
    evidenceRulesSection(stacks, plans),
    removed.length ? removedSection(removed, plans) : "",
    input.settings ? settingsSection(input.settings.plans, input.settings.source) : "",
    `## Stacks, accounts and Regions\n\n${renderDiagram(stacks, removed, homeRegion)}`,
    ...stacks.map(stackSection),
  ];
  return `${sections.filter(Boolean).join("\n\n")}\n`;
}

function overview(stacks: readonly StackModel[], homeRegion: string | undefined): string {
  const regions = [...new Set(stacks.map(regionOf))].map((r) => (r === homeRegion ? `${r} (home)` : r));
  const accounts = new Map(stacks.flatMap((s) => s.providers).map((p) => [p.accountId, p.accountRole]));
  const resources = stacks.reduce((n, s) => n + s.resources.length, 0);
  const imports = stacks.reduce((n, s) => n + s.imports.length, 0);
  return [
    `${count(stacks.length, "stack")}, ${count(resources, "resource")}, ${count(imports, "import")} (existing objects adopted, not created).`,
    `Regions: ${regions.join(", ")}.`,
    `Accounts: ${[...accounts].map(([id, role]) => `${role} \`${id}\``).join(", ")}.`,
  ].join("\n");
}

function risksSection(input: ReviewInput, removed: readonly string[]): string {
  const risks: Risk[] = [...configurationRisks(input.stacks)];
  for (const [stack, plan] of [...(input.plans ?? [])].sort(([a], [b]) => byCodePoint(a, b))) {
    if (plan.kind === "plan") risks.push(...planRisks(stack, plan.summary.changes));
  }
  // Stack by stack, in deployment order; within a stack, configuration risks before plan risks.
  const order = input.stacks.map((s) => s.name).concat(removed);
  risks.sort((a, b) => order.indexOf(a.stack) - order.indexOf(b.stack));
  const lines = risks.map((risk) => `- **${risk.stack}**${risk.address ? ` ${codeSpan(risk.address)}` : ""}: ${risk.message}`);
  for (const name of removed) {
    lines.push(`- **${name}**: this change no longer synthesizes the stack. Nothing in it is destroyed by \`cdktf deploy\`; its resources stay in AWS and in its state until \`cdktf destroy ${name}\` runs from the base branch.`);
  }
  return `## Risks\n\n${lines.length ? lines.join("\n") : "None found by the review rules (modules/review/risks.ts)."}`;
}

function planSection(names: readonly string[], removed: readonly string[], plans: ReadonlyMap<string, PlanResult>): string {
  const rows = names.map((name) => {
    const plan = plans.get(name);
    if (!plan) return `| ${name} | | | | | | ${removed.includes(name) ? "removed, not planned" : "no plan given"} |`;
    if (plan.kind === "failed") return `| ${name} | | | | | | **plan failed** |`;
    const c = plan.summary.counts;
    return `| ${name} | ${c.create} | ${c.update} | ${c.replace} | ${c.delete} | ${c.import} | ${plan.summary.errored ? "**plan errored**" : "planned"} |`;
  });
  const destructive = names.flatMap((name) => {
    const plan = plans.get(name);
    return plan?.kind === "plan" ? plan.summary.destructive.map((d) => `- **${name}**: ${d.action} ${codeSpan(d.address)}${d.reason ? ` (${d.reason})` : ""}`) : [];
  });
  const failures = names.flatMap((name) => {
    const plan = plans.get(name);
    return plan?.kind === "failed" ? [collapsible(`${htmlText(name)}: plan failed`, fencedBlock(plan.message.trim()))] : [];
  });
  return [
    "## Planned changes",
    "| stack | create | update | replace | delete | import | plan |\n|---|---:|---:|---:|---:|---:|---|\n" + rows.join("\n"),
    `### Deletes and replaces\n\n${destructive.length ? destructive.join("\n") : "None."}`,
    ...failures,
  ].join("\n\n");
}

function removedSection(removed: readonly string[], plans: ReadonlyMap<string, PlanResult> | undefined): string {
  const lines = removed.map((name) => `- \`${name}\`${plans?.has(name) ? " (its plan is counted above)" : ""}`);
  return `## Stacks removed by this change\n\n${lines.join("\n")}\n\nA removed Region's stack is no longer planned or deployed. Its Audit Manager registration, Security Hub CSPM administrator and StackSet instances stay as they are; to remove them, run \`npx cdktf destroy <stack>\` from the base branch before merging.`;
}

function stackSection(stack: StackModel): string {
  const parts = [`## Stack ${codeSpan(stack.name)}`];
  parts.push(`Depends on: ${stack.dependencies.length ? stack.dependencies.map(codeSpan).join(", ") : "nothing"}.`);
  parts.push(
    "| provider | acts in | account | Region | assumes role |\n|---|---|---|---|---|\n" +
      stack.providers.map((p) => `| ${cellCode(p.reference)} | ${tableCell(p.accountRole)} | ${cellCode(p.accountId)} | ${tableCell(p.region)} | ${p.roleArn ? cellCode(p.roleArn) : "no (own credentials)"} |`).join("\n"),
  );
  parts.push(stack.resources.length ? resourcesSection(stack.resources) : "### Resources\n\nNone.");
  if (stack.imports.length) {
    parts.push(
      `### Imports (${stack.imports.length}): adopted, not created\n\n| resource | import ID | provider |\n|---|---|---|\n` +
        stack.imports.map((i) => `| ${cellCode(i.to)} | ${cellCode(i.id)} | ${cellCode(i.provider)} |`).join("\n"),
    );
  }
  const outputs = Object.entries(stack.outputs).sort(([a], [b]) => byCodePoint(a, b));
  if (outputs.length) {
    parts.push(`### Outputs\n\n| output | value |\n|---|---|\n` + outputs.map(([name, value]) => `| ${cellCode(name)} | ${cellCode(renderValue(value))} |`).join("\n"));
  }
  return parts.join("\n\n");
}

/**
 * The resource table, one short line per attribute, then what is too long for it (policies as
 * their statements, documents folded), resource by resource in table order.
 */
function resourcesSection(resources: readonly ResourceModel[]): string {
  const cell = (attribute: KeyAttribute) => (attribute.detail ? `${attribute.name}: ${tableCell(attribute.summary)}` : `${attribute.name} = ${cellCode(attribute.summary)}`);
  const table = `| resource | provider | key attributes |\n|---|---|---|\n${resources.map((r) => `| ${cellCode(r.address)} | ${cellCode(r.provider)} | ${r.keyAttributes.map(cell).join("<br/>") || "(none set)"} |`).join("\n")}`;
  const details = resources.flatMap((resource) => resource.keyAttributes.flatMap((attribute) => (attribute.detail ? [attributeDetail(resource.address, attribute)] : [])));
  return [`### Resources (${resources.length})`, table, ...details].join("\n\n");
}

function attributeDetail(address: string, { name, summary, detail }: KeyAttribute): string {
  const heading = `#### ${codeSpan(address)} ${name}`;
  if (detail?.kind === "statements") return `${heading}\n\n${detail.statements.map((statement, index) => `${index + 1}. ${describeStatement(statement)}`).join("\n")}`;
  return `${heading}\n\n${collapsible(htmlText(`${name}: ${summary.replace(/, shown below$/, "")}`), fencedBlock(detail?.text ?? "", detail?.language))}`;
}
