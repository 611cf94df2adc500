/**
 * The few lines `npm run synth` ends with on stderr: which configuration file, every stack with
 * the accounts and Region it acts in, where it was written, and what to run next. stderr, so
 * stdout stays free for tools; the cdktf CLI, which runs the app for `cdktf synth`, `diff` and
 * `deploy`, keeps the app's stderr to itself unless synthesis fails.
 *
 * The next step is the read-only preflight (`npm run doctor`), then a plan: the preflight names
 * every organization setting a first apply would fail on, with its fix. After the example, the
 * hint says first that its accounts are placeholders, so nobody plans them against a real
 * organization.
 */
import { join, normalize } from "node:path";

/** The configuration `npm run synth` uses when none is named: placeholder accounts, not deployable. */
const EXAMPLE_CONFIG_FILE = join("config", "example.json");

export interface SummaryStack {
  readonly name: string;
  readonly region: string;
}

export interface SummaryInput {
  readonly configFile: string;
  readonly outdir: string;
  readonly hcl: boolean;
  /** Dependencies first: the first stack is the one to plan first. */
  readonly stacks: readonly SummaryStack[];
  readonly managementAccountId: string;
  readonly delegatedAdministratorAccountId: string;
}

export function synthSummary(input: SummaryInput): string {
  const width = Math.max(...input.stacks.map((stack) => stack.name.length));
  const regionWidth = Math.max(...input.stacks.map((stack) => stack.region.length));
  // Every stack has both providers: the management account's and the delegated administrator's.
  const accounts = `management ${input.managementAccountId}, delegated administrator ${input.delegatedAdministratorAccountId}`;
  return [
    `synthesized ${input.configFile} into ${join(input.outdir, "stacks")}/ (${input.hcl ? "HCL" : "Terraform JSON"}):`,
    ...input.stacks.map((stack) => `  ${stack.name.padEnd(width)}  ${stack.region.padEnd(regionWidth)}  ${accounts}`),
    ...nextSteps(input),
    "",
  ].join("\n");
}

function nextSteps(input: SummaryInput): string[] {
  const plan = `npm run doctor first (read-only preflight), then npx cdktf diff ${input.stacks[0].name}`;
  if (normalize(input.configFile) !== EXAMPLE_CONFIG_FILE) return [`next: ${plan}`];
  return [
    `note: this is still the example configuration (${EXAMPLE_CONFIG_FILE}, placeholder accounts); copy it, put in`,
    "      your organization's accounts and Regions, and name the copy: AUDIT_MANAGER_CONFIG=config/<yours>.json",
    `next: ${plan}`,
  ];
}
