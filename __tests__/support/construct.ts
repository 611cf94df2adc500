/**
 * Construct-level tests: a test stack with the two account providers the stacks give every
 * construct, and the resources of one type that a construct put into it, read from the stack's
 * Terraform JSON (cdktf's `Testing.synth`, which is `stack.toTerraform()` without metadata). A test
 * of one construct builds that construct alone, in about a millisecond, instead of synthesizing
 * a whole configuration (every stack, every capability, written to disk).
 */
import { App, TerraformStack, Testing } from "cdktf";
import type { AccountProviders } from "../../modules/kit/account-providers";
import { createAccountProviders } from "../../modules/stacks/account-providers";
import type { AppConfig } from "../../modules/config/schema";
import { projectConfig } from "./project";
import { temporaryDirectory } from "./temp";

export interface TestStack {
  readonly stack: TerraformStack;
  /** The management and delegated administrator providers, as createAccountProviders makes them for a stack. */
  readonly providers: AccountProviders;
  /** The configuration the providers were made from (the example unless given). */
  readonly config: AppConfig;
  readonly region: string;
}

let outdir: string | undefined;

/** An empty stack in `region` with the account providers of `config` (the example configuration unless given). */
export function testStack(region = "us-east-1", config: AppConfig = projectConfig("config/example.json")): TestStack {
  // Nothing is written there (toTerraform only), but cdktf's App wants a folder; Testing.app's
  // would make one outside the run's guarded temporary folder, and turns on cdktf's future flags,
  // which the app does not. Without stack traces, cdktf records no creation stack per token.
  outdir ??= temporaryDirectory("construct-test");
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, "test");
  return { stack, providers: createAccountProviders(stack, config, region), config, region };
}

/** The stack's Terraform JSON as Terraform reads it, without cdktf's metadata. */
export function terraformJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** A provider binding class: its Terraform type name (e.g. IamPolicy → "aws_iam_policy"). */
interface TerraformType {
  readonly tfResourceType: string;
}

/** The resources of `type` in `stack`, by name (`resourcesOf(stack, IamPolicy)`). */
export function resourcesOf(stack: TerraformStack, type: TerraformType): Record<string, any> {
  return terraformJson(stack).resource?.[type.tfResourceType] ?? {};
}

/** The data sources of `type` in `stack`, by name (`dataSourcesOf(stack, DataAwsIamPolicyDocument)`). */
export function dataSourcesOf(stack: TerraformStack, type: TerraformType): Record<string, any> {
  return terraformJson(stack).data?.[type.tfResourceType] ?? {};
}
