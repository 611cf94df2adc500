/**
 * The organization's accounts and where each sits in the OU tree, read from the management
 * account. ListAccounts is the authoritative list (a failure there means the command cannot
 * run); the tree walk only adds the OU of each account, so a failure in one branch leaves those
 * accounts with an unknown OU instead of losing them.
 *
 * Calls (AWS Organizations pages hold at most 20 items): ⌈accounts/20⌉ ListAccounts, 1 ListRoots,
 * and for the root and every OU one page or more of ListOrganizationalUnitsForParent and of
 * ListChildren (ACCOUNT): never one call per account.
 */
import {
  ListAccountsCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  type Account,
  type ListAccountsResponse,
  type ListChildrenResponse,
  type ListOrganizationalUnitsForParentResponse,
  type ListRootsResponse,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import type { Calls, Send } from "./calls";

/** AWS Organizations' largest page (API reference, ListAccounts MaxResults: 1-20). */
export const ORGANIZATIONS_PAGE = 20;

export interface OrganizationAccount {
  readonly id: string;
  readonly name: string;
  /** State (ACTIVE, SUSPENDED, PENDING_CLOSURE, …), or the older Status AWS Organizations is replacing with it. */
  readonly status: string;
  /** "Root/Workloads/Prod", or "(unknown)" when the branch could not be read. */
  readonly ou: string;
  /** The root and OU IDs above the account, nearest last; empty when unknown. */
  readonly ancestors: readonly string[];
}

export interface Organization {
  readonly accounts: readonly OrganizationAccount[];
  readonly notes: readonly string[];
}

interface Parent {
  readonly id: string;
  readonly path: string;
  readonly ancestors: readonly string[];
}

export async function readOrganization(calls: Calls, client: OrganizationsClient, region: string): Promise<Organization> {
  const send = calls.sender("organizations", region, client);
  const [listed, placement] = await Promise.all([
    calls.unit(() => calls.pages((NextToken) => send<ListAccountsResponse>(new ListAccountsCommand({ NextToken, MaxResults: ORGANIZATIONS_PAGE })), (page) => page.Accounts)),
    calls.unit(() => walkTree(calls, send)),
  ]);
  // Without the full account list there is no matrix to build: the caller reports it and exits 2.
  if (listed.error) throw listed.error;
  const accounts = listed.items.map((account: Account): OrganizationAccount => {
    const where = placement.parents.get(account.Id!);
    return { id: account.Id!, name: account.Name ?? "", status: account.State ?? account.Status ?? "UNKNOWN", ou: where?.path ?? "(unknown)", ancestors: where?.ancestors ?? [] };
  });
  return { accounts: accounts.sort((a, b) => a.id.localeCompare(b.id)), notes: placement.notes };
}

async function walkTree(calls: Calls, send: Send) {
  const parents = new Map<string, Parent>();
  const notes: string[] = [];
  const roots = await calls.pages((NextToken) => send<ListRootsResponse>(new ListRootsCommand({ NextToken })), (page) => page.Roots);
  if (roots.error) notes.push(`OUs unknown for every account: ${roots.error.message}`);
  const visit = async (parent: Parent): Promise<void> => {
    const [ous, accounts] = await Promise.all([
      calls.pages((NextToken) => send<ListOrganizationalUnitsForParentResponse>(new ListOrganizationalUnitsForParentCommand({ ParentId: parent.id, NextToken, MaxResults: ORGANIZATIONS_PAGE })), (page) => page.OrganizationalUnits),
      calls.pages((NextToken) => send<ListChildrenResponse>(new ListChildrenCommand({ ParentId: parent.id, ChildType: "ACCOUNT", NextToken, MaxResults: ORGANIZATIONS_PAGE })), (page) => page.Children),
    ]);
    for (const child of accounts.items) parents.set(child.Id!, parent);
    for (const error of [ous.error, accounts.error]) if (error) notes.push(`OU unknown for some accounts under ${parent.path} (${parent.id}): ${error.message}`);
    await Promise.all(ous.items.map((ou) => visit({ id: ou.Id!, path: `${parent.path}/${ou.Name}`, ancestors: [...parent.ancestors, ou.Id!] })));
  };
  await Promise.all(roots.items.map((root) => visit({ id: root.Id!, path: root.Name ?? "Root", ancestors: [root.Id!] })));
  return { parents, notes: notes.sort() };
}
