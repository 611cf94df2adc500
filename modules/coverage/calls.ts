/**
 * How the coverage command sends its calls: at most `concurrency` at a time per service and
 * Region (each AWS API throttles per account, Region and operation, so one service cannot starve
 * another), every page counted, and every failure kept as a ReadError for the cells it affects.
 */
import { read, ReadError } from "../aws-clients/clients";
import type { Cell } from "./model";

interface Sender {
  send(command: never): Promise<unknown>;
}

/** An SDK command; its class name names the IAM action in errors. */
export type Command = { readonly constructor: { readonly name: string } };

export type Send = <Output>(command: Command) => Promise<Output>;

class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

export interface Progress {
  /** A unit of work (one list, in one Region) started or finished; `calls` is the running total of API calls. */
  (done: number, total: number, calls: number): void;
}

export class Calls {
  count = 0;
  private done = 0;
  private total = 0;
  private readonly lanes = new Map<string, Semaphore>();

  constructor(
    private readonly concurrency: number,
    private readonly progress: Progress = () => {},
  ) {}

  /** A sender bound to one client: each call is queued behind the others of the same service and Region. */
  sender(service: string, region: string, client: Sender): Send {
    return <Output>(command: Command) => this.send<Output>(service, region, client, command);
  }

  /** One call, queued behind the others of the same service and Region. */
  send<Output>(service: string, region: string, client: Sender, command: Command): Promise<Output> {
    const key = `${service} ${region}`;
    const lane = this.lanes.get(key) ?? this.lanes.set(key, new Semaphore(this.concurrency)).get(key)!;
    return lane.run(() => {
      this.count++;
      this.progress(this.done, this.total, this.count);
      return read<Output>(service, client, command);
    });
  }

  /**
   * Every page of a paginated list. A failing page ends the list: the items read so far are kept
   * (they are true) and the error says why the rest is unknown.
   */
  async pages<Page extends { NextToken?: string }, Item>(fetch: (token: string | undefined) => Promise<Page>, items: (page: Page) => Item[] | undefined): Promise<Listed<Item>> {
    const found: Item[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await fetch(token);
        found.push(...(items(page) ?? []));
        token = page.NextToken;
      } while (token);
      return { items: found };
    } catch (error) {
      if (error instanceof ReadError) return { items: found, error };
      throw error;
    }
  }

  /** Counts a unit of work for the progress bar. */
  async unit<T>(work: () => Promise<T>): Promise<T> {
    this.total++;
    this.progress(this.done, this.total, this.count);
    try {
      return await work();
    } finally {
      this.done++;
      this.progress(this.done, this.total, this.count);
    }
  }
}

export interface Listed<Item> {
  readonly items: Item[];
  /** Set when a page failed: the items are then incomplete. */
  readonly error?: ReadError;
}

const THROTTLED = ["Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException", "RequestLimitExceeded", "SlowDown", "LimitExceededException"];
const DENIED = ["AccessDenied", "AccessDeniedException", "AuthorizationError", "UnauthorizedOperation", "AccessDeniedForDependencyException"];
/** What STS-signed calls answer in a Region the account has not enabled (opt-in Regions), and what the SDK raises when a service has no endpoint there. */
const REGION_UNAVAILABLE = ["UnrecognizedClientException", "InvalidClientTokenId", "EndpointError", "ENOTFOUND"];

/**
 * IAM actions that AWS checks on the caller's behalf inside a call, so the command needs them
 * although it never sends them: CloudFormation, called with `CallAs: DELEGATED_ADMIN`, checks that
 * the caller is a registered delegated administrator with organizations:ListDelegatedAdministrators
 * (CloudFormation user guide, "Register a delegated administrator",
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-delegated-admin.html).
 */
export const ACTIONS_CHECKED_BY_AWS = ["organizations:ListDelegatedAdministrators"] as const;

/** What CloudFormation answers when that check fails, whether for want of the permission or of the registration. */
const NOT_DELEGATED_ADMINISTRATOR = /not a delegated administrator/i;

/** The unknown cell a failed call leaves behind: why it is unknown and what to do about it. */
export function unknownCell(error: ReadError, region: string): Cell {
  if (NOT_DELEGATED_ADMINISTRATOR.test(error.message)) {
    return {
      status: "unknown",
      reason: `CloudFormation refused CallAs DELEGATED_ADMIN: ${error.message}`,
      fix: "allow organizations:ListDelegatedAdministrators (docs/coverage-policy.json) for the role the command uses: CloudFormation checks it for every DELEGATED_ADMIN call; if it is allowed, register the account as the StackSets delegated administrator (npm run doctor shows whether it is)",
    };
  }
  if (THROTTLED.includes(error.errorName)) {
    return { status: "unknown", reason: `throttled past retries: ${error.message}`, fix: "run npm run coverage again later; AWS throttled this call after the SDK's adaptive retries" };
  }
  if (DENIED.includes(error.errorName)) {
    return { status: "unknown", reason: `access denied: ${error.message}`, fix: `allow ${error.action} (docs/coverage-policy.json) for the role the command uses` };
  }
  if (REGION_UNAVAILABLE.includes(error.errorName)) {
    return { status: "unknown", reason: `not available in ${region}: ${error.message}`, fix: `enable ${region} for the account (opt-in Region), or remove ${region} from regions` };
  }
  return { status: "unknown", reason: error.message, fix: "resolve the error AWS reported, then run npm run coverage again" };
}
