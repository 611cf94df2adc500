import type { App } from "cdktf";
import type { AppConfig } from "../config/schema";
import { OrganizationStack } from "./organization-stack";
import { RegionStack } from "./region-stack";

export interface Deployment {
  readonly organization: OrganizationStack;
  readonly regions: readonly RegionStack[];
}

/** The organization stack and one stack per configured Region, from one configuration. */
export function addStacks(app: App, config: AppConfig): Deployment {
  const organization = new OrganizationStack(app, { config });
  const regions = config.regions.map((region) => new RegionStack(app, { config, region, organizationStack: organization }));
  return { organization, regions };
}
