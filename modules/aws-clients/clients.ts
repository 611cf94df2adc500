/**
 * The AWS SDK for JavaScript v3 clients the commands that call AWS (`npm run doctor`, `coverage`,
 * `settings`, `evidence-map`) read with. Only those commands load the SDK; the synthesis path
 * never does. Every call goes through `read`, which names the IAM action a refused call needs.
 */
import { AuditManagerClient } from "@aws-sdk/client-auditmanager";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { SecurityHubClient } from "@aws-sdk/client-securityhub";
import { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { AssumeRoleCommand, STSClient, type AssumeRoleResponse } from "@aws-sdk/client-sts";

export interface AwsClients {
  readonly sts: STSClient;
  readonly organizations: OrganizationsClient;
  cloudFormation(region: string): CloudFormationClient;
  cloudTrail(region: string): CloudTrailClient;
  auditManager(region: string): AuditManagerClient;
  securityHub(region: string): SecurityHubClient;
  configService(region: string): ConfigServiceClient;
  /** IAM as another account: the delegated administrator, with credentials from its role. */
  iam(credentials: Credentials): IAMClient;
  /** AWS Config as another account: the delegated administrator, with credentials from its role. */
  configServiceAs(credentials: Credentials, region: string): ConfigServiceClient;
  /** Audit Manager as another account: the delegated administrator, with credentials from its role. */
  auditManagerAs(credentials: Credentials, region: string): AuditManagerClient;
  /** Service Quotas as another account: the delegated administrator, whose quotas the assessments count against. */
  serviceQuotasAs(credentials: Credentials, region: string): ServiceQuotasClient;
}

/** Temporary credentials of another account, from sts:AssumeRole. */
export type Credentials = NonNullable<ClientOptions["credentials"]>;

export interface ClientOptions {
  readonly region: string;
  readonly profile?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /**
   * "adaptive" adds client-side rate limiting to the standard retries, for commands that send
   * thousands of calls (AWS SDKs and Tools reference guide, "Retry behavior").
   */
  readonly retryMode?: "standard" | "adaptive";
  readonly maxAttempts?: number;
}

/**
 * Every client's construction calls the SDK's Node.js version check, which on Node 20 prints a
 * nine-line NodeVersionSupportWarning ("versions published after the first week of January 2027
 * will require node >=22") on every run of doctor and coverage. Node 22 is this project's
 * documented runtime (.nvmrc) and its SDK versions are pinned exactly, so no SDK that needs
 * Node 22 arrives without a reviewed lock-file change; the warning tells the user nothing they can
 * act on per run. The SDK's own switch turns it off (aws/aws-sdk-js-v3 issue #7983, "January 2027:
 * End of Support for Node.js 20.x in AWS SDK for JavaScript",
 * https://github.com/aws/aws-sdk-js-v3/issues/7983); a value the user set is kept.
 */
function disableNodeVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
}

export function createClients(options: ClientOptions): AwsClients {
  disableNodeVersionWarning();
  const common = (region: string) => ({ region, profile: options.profile, credentials: options.credentials, maxAttempts: options.maxAttempts ?? 3, retryMode: options.retryMode ?? "standard" });
  const perRegion = <T>(make: (region: string) => T) => {
    const made = new Map<string, T>();
    return (region: string) => made.get(region) ?? made.set(region, make(region)).get(region)!;
  };
  // Another account's clients: its assumed credentials instead of the profile's, the same retries.
  const as = (credentials: Credentials, region: string) => ({ ...common(region), profile: undefined, credentials });
  return {
    sts: new STSClient(common(options.region)),
    // AWS Organizations is global; the SDK sends every call to its endpoint whatever the Region.
    organizations: new OrganizationsClient(common(options.region)),
    cloudFormation: perRegion((region) => new CloudFormationClient(common(region))),
    cloudTrail: perRegion((region) => new CloudTrailClient(common(region))),
    auditManager: perRegion((region) => new AuditManagerClient(common(region))),
    securityHub: perRegion((region) => new SecurityHubClient(common(region))),
    configService: perRegion((region) => new ConfigServiceClient(common(region))),
    // IAM is global; the home Region's endpoint serves it.
    iam: (credentials) => new IAMClient(as(credentials, options.region)),
    configServiceAs: (credentials, region) => new ConfigServiceClient(as(credentials, region)),
    auditManagerAs: (credentials, region) => new AuditManagerClient(as(credentials, region)),
    serviceQuotasAs: (credentials, region) => new ServiceQuotasClient(as(credentials, region)),
  };
}

export interface RoleToAssume {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly externalId?: string;
}

/** Temporary credentials of `role`, reached with `from`'s credentials: sts:AssumeRole only issues them. */
export async function assumeRoleCredentials(from: AwsClients, role: RoleToAssume): Promise<Credentials> {
  const { Credentials: c } = await read<AssumeRoleResponse>("sts", from.sts, new AssumeRoleCommand({ RoleArn: role.roleArn, RoleSessionName: role.sessionName, ExternalId: role.externalId }));
  return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken };
}

/**
 * Clients acting through `role`, reached with `from`'s credentials. The options other than
 * credentials (Region, retries) are kept.
 */
export async function assumeRole(from: AwsClients, role: RoleToAssume, options: Omit<ClientOptions, "credentials" | "profile">, makeClients: typeof createClients = createClients): Promise<AwsClients> {
  return makeClients({ ...options, credentials: await assumeRoleCredentials(from, role) });
}

/** The management account's clients: its profile, then its assumeRole when the configuration sets one. */
export async function managementClients(
  management: { readonly profile?: string; readonly assumeRole?: RoleToAssume },
  options: Omit<ClientOptions, "credentials" | "profile">,
  progress: (message: string) => void,
  makeClients: typeof createClients = createClients,
): Promise<AwsClients> {
  const ambient = makeClients({ ...options, profile: management.profile });
  if (!management.assumeRole) return ambient;
  progress(`assuming ${management.assumeRole.roleArn}…`);
  return assumeRole(ambient, management.assumeRole, options, makeClients);
}

/** A refused or failed call, with the IAM action the credentials need. */
export class ReadError extends Error {
  constructor(
    readonly action: string,
    readonly errorName: string,
    message: string,
  ) {
    super(`${action}: ${errorName}: ${message}`);
  }

  /** No valid credentials at all: nothing can be checked, so the command could not run (exit 2), rather than found a problem. */
  get noCredentials(): boolean {
    return NO_CREDENTIALS.includes(this.errorName);
  }

  /** What to do about it: sign in when there are no valid credentials, else allow the action. */
  get fix(): string {
    return this.fixFor("npm run doctor");
  }

  /** The fix, naming the command to run again after signing in. */
  fixFor(command: string): string {
    if (this.noCredentials) return `sign in to the management account (aws sso login, AWS_PROFILE, or accounts.management.profile) and run ${command} again`;
    return `allow ${this.action} for these credentials (read-only)`;
  }
}

const NO_CREDENTIALS = ["CredentialsProviderError", "ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId", "UnrecognizedClientException"];

interface Sender {
  send(command: never): Promise<unknown>;
}

/** Sends one read command; failures become a ReadError naming `<service>:<Action>`. */
export async function read<Output>(service: string, client: Sender, command: { readonly constructor: { readonly name: string } }): Promise<Output> {
  try {
    return (await client.send(command as never)) as Output;
  } catch (error) {
    const { name = "Error", message = String(error) } = error as { name?: string; message?: string };
    throw new ReadError(`${service}:${command.constructor.name.replace(/Command$/, "")}`, name, message);
  }
}
