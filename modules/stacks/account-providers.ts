import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";
import type { AppConfig } from "../config/schema";
import type { AccountProviders } from "../kit/account-providers";

/**
 * Creates the stack's providers. Each is pinned to its account with `allowed_account_ids`, so
 * credentials that reach the wrong account fail at plan instead of changing the wrong account,
 * and carries the configured tags as `default_tags`.
 */
export function createAccountProviders(scope: Construct, config: AppConfig, region: string): AccountProviders {
  const { management, delegatedAdministrator } = config.accounts;
  const common = { region, defaultTags: Object.keys(config.tags).length ? [{ tags: config.tags }] : undefined };
  return {
    management: new AwsProvider(scope, "management", {
      ...common,
      alias: "management",
      allowedAccountIds: [management.accountId],
      profile: management.profile,
      assumeRole: management.assumeRole ? [toAssumeRole(management.assumeRole)] : undefined,
    }),
    delegatedAdministrator: new AwsProvider(scope, "delegated_admin", {
      ...common,
      alias: "delegated_admin",
      allowedAccountIds: [delegatedAdministrator.accountId],
      // The delegated administrator is reached from the management account's credentials.
      profile: management.profile,
      assumeRole: [toAssumeRole(delegatedAdministrator.assumeRole)],
    }),
  };
}

function toAssumeRole(role: { roleArn: string; externalId?: string; sessionName: string }) {
  return { roleArn: role.roleArn, externalId: role.externalId, sessionName: role.sessionName };
}
