/**
 * stateBackend "cloud" (HCP Terraform, Terraform Enterprise): every stack gets a `cloud` block
 * naming its own workspace `<workspacePrefix><stack>` in the organization and project, as
 * Terraform JSON and as HCL, and Terraform accepts it: `terraform validate` passes on one stack of
 * each shape (JSON and HCL; every other stack is proved to be its representative with the Region
 * replaced), and `terraform init` with the cloud block on gets past the block's own checks (it
 * rejects e.g. a workspace with both a name and tags before any network call) to the point where
 * it contacts the host. The host here is under .invalid (RFC 2606), so that contact fails
 * the same way with or without a network, and no token is needed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exampleInput, synthHcl, synthInput } from "./support/synth";
import { inPool, terraform, validateStack, withTerraform, type CommandResult } from "./support/terraform";
import { parseConfig } from "../modules/config/load";
import { normalize, parseHcl } from "./support/hcl";
import { checkedThrough, groupByShape, inRegion, shapeName } from "./support/shapes";
import { temporaryDirectory } from "./support/temp";

const input = exampleInput();
input.stateBackend = { type: "cloud", organization: "acme-platform", hostname: "tfe.example.invalid", project: "Audit Manager", workspacePrefix: "audit-manager-" };
const json = synthInput(input);

// The same stacks as HCL (what `cdktf synth --hcl` writes).
const hclOutdir = synthHcl(parseConfig(input)).outdir;

/**
 * Terraform checks one stack per shape (support/shapes.ts), its JSON and its HCL both part of the
 * shape: the other stacks' JSON and HCL are their representative's with the Region replaced,
 * which the tests below prove for each.
 */
const cases = json.stacks.map((stack) => ({
  name: stack.name,
  dir: stack.dir,
  hclDir: join(hclOutdir, "stacks", stack.name),
  kind: stack.kind,
  region: stack.region,
  json: readFileSync(join(stack.dir, "cdk.tf.json"), "utf8"),
  tests: [{ name: "cdk.tf", content: readFileSync(join(hclOutdir, "stacks", stack.name, "cdk.tf"), "utf8") }],
}));
const shapes = groupByShape(cases);

const results = new Map<string, { validateJson: CommandResult; validateHcl: CommandResult; init: CommandResult }>();

beforeAll(() =>
  withTerraform((workspace) =>
    inPool(shapes.map(([representative]) => representative), 2, async ({ name, dir, hclDir }) => {
      const validateJson = await validateStack(workspace, dir);
      const validateHcl = await validateStack(workspace, hclDir);
      // A separate data directory and no shared provider: init with the cloud block on, as
      // `cdktf deploy` runs it. It stops at the host, before it would install any provider.
      const { TF_REATTACH_PROVIDERS: _shared, ...userEnv } = workspace.env;
      const init = await terraform(["init", "-input=false", "-no-color"], hclDir, { ...userEnv, TF_DATA_DIR: join(hclDir, ".terraform-cloud") });
      results.set(name, { validateJson, validateHcl, init });
    }),
  ), 600_000);

describe.each(json.stacks.map((stack) => stack.name))("%s", (name) => {
  test("names its own workspace in the organization and project, on the Terraform Enterprise host, and has no other backend", () => {
    const { terraform: settings } = json.stack(name).json;
    expect(settings.cloud).toEqual({ organization: "acme-platform", hostname: "tfe.example.invalid", workspaces: { name: `audit-manager-${name}`, project: "Audit Manager" } });
    expect(settings.backend).toBeUndefined();
  });

  test("the HCL declares the same cloud block (read back with Terraform's HCL parser)", async () => {
    const hcl = normalize(await parseHcl("cdk.tf", readFileSync(join(hclOutdir, "stacks", name, "cdk.tf"), "utf8"))) as { terraform: { cloud: unknown } };
    expect(hcl.terraform.cloud).toEqual(normalize(json.stack(name).json.terraform.cloud));
  });
});

describe.each(shapes.map((members) => [shapeName(members, (stack) => stack.name), members[0].name]))("%s", (_, name) => {
  test("passes terraform validate as JSON and as HCL", () => {
    const { validateJson, validateHcl } = results.get(name)!;
    expect(validateJson.output).toContain("The configuration is valid");
    expect(validateHcl.output).toContain("The configuration is valid");
  });

  test("terraform init accepts the cloud block and goes on to contact the host", () => {
    const { init } = results.get(name)!;
    expect(init.output).toContain("Initializing HCP Terraform...");
    expect(init.output).toMatch(/Failed to request discovery document: Get "https:\/\/tfe\.example\.invalid\/\.well-known\/terraform\.json"/);
  });
});

describe.each(checkedThrough(shapes).map(({ member, representative }) => [member.name, representative.name, member, representative] as const))("%s, checked as %s", (_, __, member, representative) => {
  test("its Terraform JSON and HCL are its representative's with the Region replaced", () => {
    expect(JSON.parse(inRegion(representative.json, representative.region, member.region))).toEqual(JSON.parse(member.json));
    expect(inRegion(representative.tests[0].content, representative.region, member.region)).toBe(member.tests[0].content);
  });
});

/**
 * stateBackend "s3" reads and writes state with the management provider's credentials. `terraform
 * validate` and `init -backend=false` never configure the backend, so these run `terraform init`
 * with the backend on, as `cdktf deploy` does, against an AWS configuration that holds only what
 * the test puts there: Terraform's own S3 backend then names the profile it looked for, or the
 * role it tried to assume (from a profile with static example keys, at an STS endpoint that
 * refuses connections), before any network call leaves the machine.
 */
describe("stateBackend s3: the backend uses the management account's credentials", () => {
  const scratch = temporaryDirectory("aws-configuration");
  const awsConfig = join(scratch, "config");
  const noFile = join(scratch, "empty");
  writeFileSync(awsConfig, "[profile operator]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
  writeFileSync(noFile, "");

  const s3Input = (change: (input: any) => void) => {
    const input: any = exampleInput();
    input.stateBackend = { type: "s3", bucket: "org-tf-state", region: "eu-west-1" };
    change(input);
    return input;
  };
  const MANAGEMENT_ROLE = "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole";
  const STATE_ROLE = "arn:aws:iam::111111111111:role/TerraformState";
  const variants = {
    profile: s3Input((input) => (input.accounts.management.profile = "audit-manager-management")),
    managementRole: s3Input((input) => (input.accounts.management.assumeRole = { roleArn: MANAGEMENT_ROLE, externalId: "audit-manager-ext", sessionName: "audit-manager-state" })),
    stateRole: s3Input((input) => {
      input.accounts.management.assumeRole = { roleArn: MANAGEMENT_ROLE };
      input.stateBackend.assumeRoleArn = STATE_ROLE;
    }),
  };
  const inits = new Map<string, { json: CommandResult; hcl: CommandResult }>();

  /** `terraform init` of the organization stack in `dir`, with only the test's AWS configuration. */
  const init = (workspace: { env: NodeJS.ProcessEnv }, dir: string, profile: string | undefined) => {
    const { TF_REATTACH_PROVIDERS: _shared, AWS_PROFILE: _profile, AWS_ACCESS_KEY_ID: _key, AWS_SECRET_ACCESS_KEY: _secret, AWS_SESSION_TOKEN: _token, ...userEnv } = workspace.env;
    return terraform(["init", "-input=false", "-no-color"], dir, {
      ...userEnv,
      ...(profile ? { AWS_PROFILE: profile } : {}),
      AWS_CONFIG_FILE: awsConfig,
      AWS_SHARED_CREDENTIALS_FILE: noFile,
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_ENDPOINT_URL_STS: "http://127.0.0.1:9",
      AWS_MAX_ATTEMPTS: "1",
      TF_DATA_DIR: join(dir, ".terraform-s3"),
    });
  };

  beforeAll(() =>
    withTerraform((workspace) =>
      inPool(Object.entries(variants), 2, async ([name, input]) => {
        const jsonDir = synthInput(input).stack("organization").dir;
        const hclDir = join(synthHcl(parseConfig(input)).outdir, "stacks", "organization");
        // The role variants start from the operator's own profile, as a user's environment would.
        const profile = name === "profile" ? undefined : "operator";
        inits.set(name, { json: await init(workspace, jsonDir, profile), hcl: await init(workspace, hclDir, profile) });
      }),
    ), 600_000);

  test.each(["json", "hcl"] as const)("accounts.management.profile is the backend's profile (%s): terraform init looks for that profile", (format) => {
    expect(inits.get("profile")![format].output).toContain("failed to get shared config profile, audit-manager-management");
  });

  /** Terraform's message for a role it could not assume, as it wraps it. */
  const cannotAssume = (role: string) => new RegExp(`IAM Role \\(${role.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\)\\s+cannot be assumed`);

  test.each(["json", "hcl"] as const)("accounts.management.assumeRole is the backend's role (%s): terraform init assumes it", (format) => {
    expect(inits.get("managementRole")![format].output).toMatch(cannotAssume(MANAGEMENT_ROLE));
  });

  test("the backend's role carries the management role's external ID and session name", () => {
    expect(synthInput(variants.managementRole).stack("organization").json.terraform.backend.s3.assume_role).toEqual({ role_arn: MANAGEMENT_ROLE, external_id: "audit-manager-ext", session_name: "audit-manager-state" });
  });

  test.each(["json", "hcl"] as const)("stateBackend.assumeRoleArn takes the place of the management role for state (%s)", (format) => {
    const output = inits.get("stateRole")![format].output;
    expect(output).toMatch(cannotAssume(STATE_ROLE));
    expect(output).not.toContain(MANAGEMENT_ROLE);
  });
});
