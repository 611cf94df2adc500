/**
 * stateBackend "cloud" (HCP Terraform, Terraform Enterprise): every stack gets a `cloud` block
 * naming its own workspace `<workspacePrefix><stack>` in the organization and project, as
 * Terraform JSON and as HCL, and Terraform accepts it: `terraform validate` passes on every stack
 * (JSON and HCL), and `terraform init` with the cloud block on gets past the block's own checks
 * (it rejects e.g. a workspace with both a name and tags before any network call) to the point
 * where it contacts the host. The host here is under .invalid (RFC 2606), so that contact fails
 * the same way with or without a network, and no token is needed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { exampleInput, synthHcl, synthInput } from "./support/synth";
import { inPool, terraform, validateStack, withTerraform, type CommandResult } from "./support/terraform";
import { parseConfig } from "../modules/config/load";
import { normalize, parseHcl } from "./support/hcl";

const input = exampleInput();
input.stateBackend = { type: "cloud", organization: "acme-platform", hostname: "tfe.example.invalid", project: "Audit Manager", workspacePrefix: "audit-manager-" };
const json = synthInput(input);

// The same stacks as HCL (what `cdktf synth --hcl` writes).
const hclOutdir = synthHcl(parseConfig(input)).outdir;

const results = new Map<string, { validateJson: CommandResult; validateHcl: CommandResult; init: CommandResult }>();

beforeAll(() =>
  withTerraform((workspace) =>
    inPool(json.stacks, 2, async (stack) => {
      const hclDir = join(hclOutdir, "stacks", stack.name);
      const validateJson = await validateStack(workspace, stack.dir);
      const validateHcl = await validateStack(workspace, hclDir);
      // A separate data directory and no shared provider: init with the cloud block on, as
      // `cdktf deploy` runs it. It stops at the host, before it would install any provider.
      const { TF_REATTACH_PROVIDERS: _shared, ...userEnv } = workspace.env;
      const init = await terraform(["init", "-input=false", "-no-color"], hclDir, { ...userEnv, TF_DATA_DIR: join(hclDir, ".terraform-cloud") });
      results.set(stack.name, { validateJson, validateHcl, init });
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
