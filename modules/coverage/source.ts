/** What every evidence source reader receives, and what it gives back. */
import type { AppConfig } from "../config/schema";
import type { AwsClients } from "../aws-clients/clients";
import type { Calls } from "./calls";
import type { Cell } from "./model";
import type { OrganizationAccount } from "./organization";

export interface SourceContext {
  readonly config: AppConfig;
  /** The organization AWS Config aggregator in the delegated administrator's home Region, if there is one to read. */
  readonly aggregator: { readonly name: string } | undefined;
  /** Clients with the management account's credentials. */
  readonly management: AwsClients;
  /** Clients with the delegated administrator's credentials (its assumeRole). */
  readonly delegatedAdministrator: AwsClients;
  readonly calls: Calls;
  readonly accounts: readonly OrganizationAccount[];
  /** Records a problem that affected a whole source or Region. */
  note(message: string): void;
}

export interface SourceResult {
  /** How the source was read, for the report header. */
  readonly method: string;
  /** The cell for one account in one configured Region. */
  cell(account: OrganizationAccount, region: string): Cell;
}

export const excluded = (reason: string): Cell => ({ status: "excluded", reason });

/** Whether an account sits under one of `targets` (root or OU IDs); unknown placement counts as inside, so it is still checked. */
export const isUnder = (account: OrganizationAccount, targets: readonly string[] | undefined): boolean =>
  targets === undefined || account.ancestors.length === 0 || account.ancestors.some((id) => targets.includes(id));
