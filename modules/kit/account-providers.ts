/**
 * The providers every construct receives from its stack. A type only (erased at runtime): the
 * capabilities take it and the stacks create it (stacks/account-providers.ts), so it sits below
 * both instead of making the capabilities import the stacks.
 */
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";

/** One AWS provider per account a stack acts in, both in the stack's Region. */
export interface AccountProviders {
  /** The organization's management account (alias `management`). */
  readonly management: AwsProvider;
  /** The delegated administrator account (alias `delegated_admin`). */
  readonly delegatedAdministrator: AwsProvider;
}
