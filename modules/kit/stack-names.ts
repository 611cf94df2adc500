/**
 * The stack names, which name the stacks' folders in cdktf.out/, their state files and their HCP
 * Terraform workspaces. Kept free of imports so the configuration checks can read them.
 */
export const ORGANIZATION_STACK_NAME = "organization";
export const regionStackName = (region: string) => `region-${region}`;
