import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { AppConfig } from "../config/schema";
import { stackHcl } from "../synth/hcl";
import type { AccountProviders } from "../kit/account-providers";
import { createAccountProviders } from "./account-providers";
import { configureStateBackend } from "./state-backend";

/**
 * Versions of hashicorp/aws the synthesized stacks accept. The lower bound is the oldest line
 * the stacks are tested with offline (5.100); the bindings come from the 6.x line (6.25), so 6.x
 * is included. Only attributes present in both are used.
 */
export const AWS_PROVIDER_VERSIONS = ">= 5.100.0, < 7.0.0";

/**
 * Terraform versions the stacks need: S3-native state locking (`use_lockfile`) came in 1.10;
 * import blocks (adoption) in 1.5. Terraform itself refuses an older version with this range, on
 * the machine that plans and applies (docs/versions.md).
 */
export const STACK_TERRAFORM_VERSIONS = ">= 1.10.0";

export interface AccountStackProps {
  readonly config: AppConfig;
  /** Region the stack's providers act in. */
  readonly region: string;
}

/**
 * A stack with its own state and one AWS provider per account. The organization stack and
 * every Region stack are built on it.
 */
export class AccountStack extends TerraformStack {
  readonly providers: AccountProviders;
  readonly region: string;

  constructor(scope: Construct, name: string, props: AccountStackProps) {
    super(scope, name);
    this.region = props.region;
    configureStateBackend(this, name, props.config);
    this.providers = createAccountProviders(this, props.config, props.region);
    // cdktf pins the exact binding version with the short source "aws"; state the full source
    // and a range so the same JSON runs with the provider a team already has.
    this.addOverride("terraform.required_providers.aws", { source: "hashicorp/aws", version: AWS_PROVIDER_VERSIONS });
    this.addOverride("terraform.required_version", STACK_TERRAFORM_VERSIONS);
  }

  /** The stack as HCL (`npm run synth:hcl`), rendered from its exact Terraform JSON (modules/synth/hcl.ts says why). */
  toHclTerraform(): { hcl: string; metadata: Record<string, unknown> } {
    return stackHcl(this);
  }
}
