import type { App } from "cdktf";
import type { AppConfig } from "../config/schema";
import { literalStrings } from "../synth/terraform-text";
import { OrganizationStack } from "./organization-stack";
import { RegionStack } from "./region-stack";

export interface Deployment {
  readonly organization: OrganizationStack;
  readonly regions: readonly RegionStack[];
}

/**
 * The organization stack and one stack per configured Region, from one configuration. This is
 * where configuration enters the constructs, so its text is made literal here, once, for every
 * construct (modules/synth/terraform-text.ts): no configuration string is ever evaluated by
 * Terraform. The state backend keeps the text as written: Terraform reads backend settings
 * literally in JSON (an escape would become part of the path or key).
 */
export function addStacks(app: App, configuration: AppConfig): Deployment {
  const config = { ...literalStrings(configuration), stateBackend: configuration.stateBackend };
  const organization = new OrganizationStack(app, { config });
  const regions = config.regions.map((region) => new RegionStack(app, { config, region, organizationStack: organization }));
  return { organization, regions };
}
