/**
 * The AWS SDK for JavaScript v3 clients the doctor reads with. Only the doctor loads the SDK;
 * the synthesis path never does. Every call goes through `read`, which names the IAM action a
 * refused call needs.
 */
import { AuditManagerClient } from "@aws-sdk/client-auditmanager";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { SecurityHubClient } from "@aws-sdk/client-securityhub";
import { STSClient } from "@aws-sdk/client-sts";

export interface DoctorClients {
  readonly sts: STSClient;
  readonly organizations: OrganizationsClient;
  cloudFormation(region: string): CloudFormationClient;
  auditManager(region: string): AuditManagerClient;
  securityHub(region: string): SecurityHubClient;
  /** IAM as another account: the delegated administrator, with credentials from its role. */
  iam(credentials: NonNullable<ClientOptions["credentials"]>): IAMClient;
}

export interface ClientOptions {
  readonly region: string;
  readonly profile?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export function createClients(options: ClientOptions): DoctorClients {
  const common = (region: string) => ({ region, profile: options.profile, credentials: options.credentials, maxAttempts: 3 });
  const perRegion = <T>(make: (region: string) => T) => {
    const made = new Map<string, T>();
    return (region: string) => made.get(region) ?? made.set(region, make(region)).get(region)!;
  };
  return {
    sts: new STSClient(common(options.region)),
    // AWS Organizations is global; the SDK sends every call to its endpoint whatever the Region.
    organizations: new OrganizationsClient(common(options.region)),
    cloudFormation: perRegion((region) => new CloudFormationClient(common(region))),
    auditManager: perRegion((region) => new AuditManagerClient(common(region))),
    securityHub: perRegion((region) => new SecurityHubClient(common(region))),
    // IAM is global; the home Region's endpoint serves it.
    iam: (credentials) => new IAMClient({ region: options.region, credentials, maxAttempts: 3 }),
  };
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

  /** What to do about it: sign in when there are no valid credentials, else allow the action. */
  get fix(): string {
    if (NO_CREDENTIALS.includes(this.errorName)) return "sign in to the management account (aws sso login, AWS_PROFILE, or accounts.management.profile) and run npm run doctor again";
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
