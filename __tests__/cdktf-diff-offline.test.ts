/**
 * `npx cdktf diff` with a filesystem mirror and no registry access (docs/troubleshooting.md,
 * "cdktf diff offline"). Before `terraform init`, cdktf-cli 0.21 checks the stack folder's
 * dependency lock file, and when it holds no matching hashicorp/aws it runs `terraform providers
 * lock -platform=linux_amd64`, which asks the origin registry whatever the CLI configuration's
 * provider_installation says ("terraform providers lock command",
 * https://developer.hashicorp.com/terraform/cli/commands/providers/lock), so it fails offline while
 * `terraform plan` works. The oracle is cdktf's own check (@cdktf/cli-core's TerraformProviderLock,
 * as CdktfStack.checkNeedsLockfileUpdate uses it) and the installed CLI's own options.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { exampleInput, PROJECT_ROOT, synthInput } from "./support/synth";
import { providerMirror, terraform, withTerraform } from "./support/terraform";

/**
 * The CDK library's name from package.json (its CLI and the CLI's core are named after it), so a
 * rename to CDK Terrain finds no package name spelled here (packages.test.ts).
 */
const cdk = Object.keys(JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")).peerDependencies).find((name) => /^cdkt\w+$/.test(name))!;
// The CLI's own classes, the code `cdktf diff` runs; its core package exports no entry point for them.
const cliCore = (module: string): unknown => require(`@${cdk}/cli-core/src/lib/${module}`);
const { TerraformProviderLock } = cliCore("terraform-provider-lock") as { TerraformProviderLock: new (dir: string) => { hasProviderLockFile(): Promise<boolean>; hasMatchingProvider(constraint: unknown): Promise<boolean> } };
const { ProviderConstraint } = cliCore("dependencies/dependency-manager") as { ProviderConstraint: new (source: string, version: string) => unknown };

const stack = synthInput(exampleInput()).stack("organization");

/** What cdktf diff asks before terraform init: does the stack folder lock every required provider? */
async function cdktfSkipsProvidersLock(dir: string): Promise<boolean> {
  const lock = new TerraformProviderLock(dir);
  if (!(await lock.hasProviderLockFile())) return false;
  const required = Object.values(stack.json.terraform.required_providers as Record<string, { source: string; version: string }>);
  for (const provider of required) if (!(await lock.hasMatchingProvider(new ProviderConstraint(provider.source, provider.version)))) return false;
  return true;
}

test("a freshly synthesized stack has no lock file, so cdktf diff would run terraform providers lock against the registry", async () => {
  expect(await cdktfSkipsProvidersLock(stack.dir)).toBe(false);
});

test("the documented fix, terraform providers lock -fs-mirror in the stack folder, writes the lock that makes cdktf diff skip it", async () => {
  await withTerraform(async (workspace) => {
    const mirror = providerMirror(process.env);
    const platform = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
    // The run's environment without its shared provider: a user's shell with the mirror configured.
    const { TF_REATTACH_PROVIDERS: _shared, ...userEnv } = workspace.env;
    const lock = await terraform(["providers", "lock", ...(mirror ? [`-fs-mirror=${mirror}`] : []), `-platform=${platform}`, "-no-color"], stack.dir, { ...userEnv, TF_DATA_DIR: join(stack.dir, ".terraform") });
    expect(lock.output).toContain("Success! Terraform has updated the lock file.");
  });
  expect(await cdktfSkipsProvidersLock(stack.dir)).toBe(true);
});

test("the installed cdktf CLI offers --skip-provider-lock on diff, the other documented fix", () => {
  const help = execFileSync(join(PROJECT_ROOT, "node_modules", ".bin", cdk), ["diff", "--help"], { cwd: PROJECT_ROOT, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  expect(help).toMatch(/--skip-provider-lock\s+Block `terraform provider lock` from being run for any reason/);
});
