/**
 * The few lines `npm run synth` ends with on stderr: which configuration file, every stack with
 * the accounts and Region it acts in, where it was written, and what to run next. stderr, so
 * stdout stays free for tools; the cdktf CLI, which runs the app for `cdktf synth`, `diff` and
 * `deploy`, keeps the app's stderr to itself unless synthesis fails.
 */
import { join } from "node:path";

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
    `next: npx cdktf diff ${input.stacks[0].name}   (first run against this organization: npm run doctor)`,
    "",
  ].join("\n");
}
