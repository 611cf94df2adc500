import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { AWS_PROVIDER_VERSIONS, STACK_TERRAFORM_VERSIONS } from "../modules/stacks/account-stack";
import { exampleInput, PROJECT_ROOT, synthInput } from "./support/synth";
import { temporaryDirectory } from "./support/temp";

const example = synthInput(exampleInput());

describe("topology", () => {
  test("one organization stack and one stack per configured Region, with stable names", () => {
    expect(example.stacks.map((s) => s.name)).toEqual(["organization", "region-us-east-1", "region-us-west-2", "region-eu-west-1"]);
  });

  test("every Region stack depends on the organization stack, so deploy '*' orders them", () => {
    const manifest = require(join(example.outdir, "manifest.json"));
    for (const name of ["region-us-east-1", "region-us-west-2", "region-eu-west-1"]) {
      expect(manifest.stacks[name].dependencies).toEqual(["organization"]);
    }
    expect(manifest.stacks.organization.dependencies).toEqual([]);
  });

  test("every stack states the Terraform versions it needs, which Terraform enforces where it plans and applies", () => {
    for (const stack of example.stacks) expect(stack.json.terraform.required_version).toBe(STACK_TERRAFORM_VERSIONS);
  });

  test("the organization stack acts from the home Region", () => {
    expect(example.stack("organization").json.provider.aws.map((p: any) => p.region)).toEqual(["us-east-1", "us-east-1"]);
  });
});

describe("providers", () => {
  const providers = example.stack("region-eu-west-1").json.provider.aws;
  const byAlias = (alias: string) => providers.find((p: any) => p.alias === alias);

  test("one provider per account, each pinned to its account and in the stack's Region", () => {
    expect(providers.map((p: any) => [p.alias, p.allowed_account_ids, p.region])).toEqual([
      ["management", ["111111111111"], "eu-west-1"],
      ["delegated_admin", ["222222222222"], "eu-west-1"],
    ]);
  });

  test("the management account uses ambient credentials when no role is configured", () => {
    expect(byAlias("management").assume_role).toBeUndefined();
  });

  test("the delegated administrator is reached through the configured role", () => {
    expect(byAlias("delegated_admin").assume_role).toEqual([
      { role_arn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole", session_name: "audit-manager-terraform" },
    ]);
  });

  test("configured tags become default tags on every provider", () => {
    for (const provider of providers) expect(provider.default_tags).toEqual([{ tags: { Project: "audit-manager", ManagedBy: "terraform" } }]);
  });

  test("required_providers names the full source and a range covering 5.100 and the 6.x bindings", () => {
    expect(example.stack("organization").json.terraform.required_providers.aws).toEqual({ source: "hashicorp/aws", version: AWS_PROVIDER_VERSIONS });
    expect(AWS_PROVIDER_VERSIONS).toBe(">= 5.100.0, < 7.0.0");
  });
});

describe("state backend", () => {
  test("local by default: one state file per stack under state/", () => {
    expect(example.stack("region-us-west-2").json.terraform.backend).toEqual({ local: { path: "../../../state/region-us-west-2.tfstate" } });
  });

  test("S3: one key per stack, encrypted, with S3-native locking", () => {
    const input = exampleInput();
    input.stateBackend = { type: "s3", bucket: "org-tf-state", keyPrefix: "audit", region: "eu-west-1" };
    expect(synthInput(input).stack("organization").json.terraform.backend).toEqual({
      s3: { bucket: "org-tf-state", key: "audit/organization.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true },
    });
  });
});

describe("the app (main.ts)", () => {

  function runApp(configFile: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
    const outdir = temporaryDirectory("app-out");
    // As `npm run synth` runs it: cdktf 0.21 calls util.isArray, deprecated (DEP0044) with a warning from Node 22 on.
    const result = spawnSync(process.execPath, ["--disable-warning=DEP0044", "dist/main.js", ...args], { cwd: PROJECT_ROOT, env: { ...process.env, AUDIT_MANAGER_CONFIG: configFile, CDKTF_OUTDIR: outdir, ...env }, encoding: "utf8" });
    return { ...result, outdir };
  }

  // A run of the app costs about 1 s of CPU (2 s for 12 Regions), so the tests that read the same
  // run share it: the 12-Region file's run serves its stacks and its hint; one quiet run with no
  // Terraform on PATH serves --quiet and the machine without Terraform (--quiet is how that
  // machine's test saw any unexpected message: the summary would hide it).
  let allRegions: ReturnType<typeof runApp>;
  let quietWithoutTerraform: ReturnType<typeof runApp>;
  beforeAll(() => {
    allRegions = runApp("config/all-regions.json");
    quietWithoutTerraform = runApp("config/example.json", ["--quiet"], { PATH: dirname(process.execPath) });
  });

  test("synthesizes the file named by AUDIT_MANAGER_CONFIG", () => {
    expect(allRegions.status).toBe(0);
    expect(readdirSync(join(allRegions.outdir, "stacks"))).toHaveLength(13);
  });

  test("ends with a summary on stderr: the file, each stack with its accounts and Region, the output folder, the next command", () => {
    const result = runApp("config/example.json");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    const accounts = "management 111111111111, delegated administrator 222222222222";
    expect(result.stderr).toBe(
      [
        `synthesized config/example.json into ${join(result.outdir, "stacks")}/ (Terraform JSON):`,
        `  organization      us-east-1  ${accounts}`,
        `  region-us-east-1  us-east-1  ${accounts}`,
        `  region-us-west-2  us-west-2  ${accounts}`,
        `  region-eu-west-1  eu-west-1  ${accounts}`,
        "note: this is still the example configuration (config/example.json, placeholder accounts); copy it, put in",
        "      your organization's accounts and Regions, and name the copy: AUDIT_MANAGER_CONFIG=config/<yours>.json",
        "next: npm run doctor first (read-only preflight), then npx cdktf diff organization",
        "",
      ].join("\n"),
    );
  });

  test("after a configuration of the user's own, the hint is the preflight, then the plan, without the example's note", () => {
    expect(allRegions.status).toBe(0);
    expect(allRegions.stderr).not.toContain("example");
    expect(allRegions.stderr.trimEnd().split("\n").at(-1)).toBe("next: npm run doctor first (read-only preflight), then npx cdktf diff organization");
  });

  test("--quiet synthesizes the same stacks and prints nothing", () => {
    expect(quietWithoutTerraform.status).toBe(0);
    expect(quietWithoutTerraform.stdout + quietWithoutTerraform.stderr).toBe("");
    expect(readdirSync(join(quietWithoutTerraform.outdir, "stacks")).sort()).toEqual(["organization", "region-eu-west-1", "region-us-east-1", "region-us-west-2"]);
  });

  test("run by the cdktf or CDK Terrain CLI (CDKTF_CONTEXT_JSON set), it prints nothing: the CLI reports the synthesis, and CDK Terrain's shows stderr as errors", () => {
    const result = runApp("config/example.json", [], { CDKTF_CONTEXT_JSON: JSON.stringify({ cdktfRelativeModules: [] }) });
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).toBe("");
    expect(readdirSync(join(result.outdir, "stacks"))).toHaveLength(4);
  });

  test("synthesizes on a machine without Terraform, adopted resources included: Terraform checks its own version where it runs", () => {
    // The example adopts an existing resource in the organization stack (an import block).
    expect(example.stack("organization").json.import).toHaveLength(1);
    expect(quietWithoutTerraform.stderr).toBe("");
    expect(quietWithoutTerraform.status).toBe(0);
    expect(readdirSync(join(quietWithoutTerraform.outdir, "stacks"))).toHaveLength(4);
  });

  test("a bad file exits non-zero, lists every problem and writes nothing", () => {
    const input = exampleInput();
    input.regions = ["us-east-1", "nowhere-1"];
    input.organizationId = "org";
    const file = join(temporaryDirectory("bad"), "bad.json");
    writeFileSync(file, JSON.stringify(input));
    const result = runApp(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("2 problems in the configuration");
    expect(result.stderr).toContain('regions[1]: "nowhere-1" is not a Region of partition aws');
    expect(result.stderr).toContain('organizationId: "org" is not an AWS Organizations ID');
    expect(existsSync(join(result.outdir, "manifest.json"))).toBe(false);
    expect(readdirSync(result.outdir)).toEqual([]);
  });
});
