import type { App, AppConfig as CdktfAppOptions } from "cdktf";
import type { AppConfig } from "../config/schema";
import { literalStrings } from "../kit/terraform-text";
import { OrganizationStack } from "./organization-stack";
import { RegionStack } from "./region-stack";

/**
 * How the app is created wherever these stacks are synthesized (main.ts, the tests). cdktf's
 * synth-time validations are off: the only ones these stacks meet are "a stack has a provider"
 * (every AccountStack configures its own) and "Terraform is new enough for import blocks", which
 * runs `terraform version` on the machine that synthesizes, once per adopted resource (170 ms of
 * `npm run synth`'s 1.2 s), and fails the synthesis where Terraform is not installed. The stacks
 * state the Terraform versions they need instead (STACK_TERRAFORM_VERSIONS), which Terraform
 * checks where it plans and applies.
 */
export const APP_OPTIONS: CdktfAppOptions = { skipValidation: true };

export interface Deployment {
  readonly organization: OrganizationStack;
  readonly regions: readonly RegionStack[];
}

/**
 * The organization stack and one stack per configured Region, from one configuration. This is
 * where configuration enters the constructs, so its text is made literal here, once, for every
 * construct (modules/kit/terraform-text.ts): no configuration string is ever evaluated by
 * Terraform. The state backend keeps the text as written: Terraform reads backend settings
 * literally in JSON (an escape would become part of the path or key).
 */
export function addStacks(app: App, configuration: AppConfig): Deployment {
  const config = { ...literalStrings(configuration), stateBackend: configuration.stateBackend };
  const organization = new OrganizationStack(app, { config });
  const regions = config.regions.map((region) => new RegionStack(app, { config, region, organizationStack: organization }));
  return { organization, regions };
}
