/**
 * The plain Terraform modules (npm run synth:modules) and the example estate that calls them:
 * the committed modules are what the constructs synthesize today; they carry no backend and no
 * provider configuration; the example (examples/existing-estate) initialises from the provider
 * mirror, validates and passes its own `terraform test` with mocked providers; and every module
 * in both formats is valid Terraform.
 */
import { cpSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TERRAFORM_MODULES } from "../modules/module-generator/modules";
import { MODULE_FORMATS, writeTerraformModules } from "../modules/module-generator/write";
import { PROJECT_ROOT } from "./support/project";
import { initRoot, sharedProviders, withTerraform, terraform, writeModuleManifest, type CommandResult, type ModuleCall } from "./support/terraform";
import { temporaryDirectory } from "./support/temp";

const COMMITTED = join(PROJECT_ROOT, "terraform-modules");
const MODULE_TESTS = join(PROJECT_ROOT, "__tests__", "terraform", "modules");
/** Every module test file's two account providers, the names every module's configuration_aliases declare. */
const MOCKED_ACCOUNT_PROVIDERS = ["management", "delegated_admin"].map((alias) => `mock_provider "aws" {\n  alias  = "${alias}"\n  source = "./tests/mocks/${alias}"\n}\n`).join("\n");
const fresh = temporaryDirectory("terraform-modules");
const moduleJson = (name: string) => JSON.parse(readFileSync(join(COMMITTED, "json", name, "main.tf.json"), "utf8"));
const results: Record<string, CommandResult> = {};

beforeAll(() => {
  writeTerraformModules(fresh);
  return withTerraform(async (workspace) => {
    const copy = temporaryDirectory("existing-estate");
    // The example refers to the modules as ../../terraform-modules/hcl/<module>, as in a checkout.
    cpSync(join(PROJECT_ROOT, "examples", "existing-estate"), join(copy, "examples", "existing-estate"), { recursive: true });
    symlinkSync(COMMITTED, join(copy, "terraform-modules"));
    const example = join(copy, "examples", "existing-estate");
    // One root calling every JSON module and the HCL module the example leaves out, validated in one command.
    const everyModule = join(copy, "every-module");
    cpSync(join(example, "tests", "teardown"), everyModule, { recursive: true });
    writeFileSync(join(everyModule, "modules.tf"), everyModuleCalls().map(({ block }) => block).join("\n"));
    // Each module under test in its own runs (`run { module { source = … } }`), with __tests__/terraform/modules as tests/.
    const moduleTests = join(copy, "module-tests");
    cpSync(MODULE_TESTS, join(moduleTests, "tests"), { recursive: true });
    const moduleTestFiles = readdirSync(MODULE_TESTS)
      .filter((name) => name.endsWith(".tftest.hcl"))
      .map((name) => ({ name, content: `${MOCKED_ACCOUNT_PROVIDERS}\n${readFileSync(join(MODULE_TESTS, name), "utf8")}` }));
    for (const file of moduleTestFiles) writeFileSync(join(moduleTests, "tests", file.name), file.content);
    writeFileSync(join(moduleTests, "main.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws" } } } }));
    symlinkSync(COMMITTED, join(moduleTests, "terraform-modules"));

    await Promise.all([
      (async () => {
        const { env, init } = await initRoot(workspace, example);
        results.exampleInit = init;
        results.exampleValidate = await terraform(["validate", "-no-color"], example, env);
        results.exampleTest = await terraform(["test", "-no-color"], example, env);
      })(),
      // These two roots are the tests' own: they use the run's provider installation, and their
      // modules (local folders) are recorded as installed, which is all `terraform get` would do.
      (async () => {
        const env = sharedProviders(workspace, moduleTests);
        writeModuleManifest(env.TF_DATA_DIR!, moduleTestFiles);
        results.moduleTests = await terraform(["test", "-no-color"], moduleTests, env);
      })(),
      (async () => {
        const env = sharedProviders(workspace, everyModule);
        writeModuleManifest(env.TF_DATA_DIR!, [], everyModuleCalls());
        results.everyModuleValidate = await terraform(["validate", "-no-color"], everyModule, env);
      })(),
    ]);
  });
}, 300_000);

/** A module block per JSON module (every required variable set) plus the HCL security-hub-local. */
function everyModuleCalls(): (ModuleCall & { block: string })[] {
  const providers = "providers = {\n    aws.management      = aws.management_us_east_1\n    aws.delegated_admin = aws.audit_us_east_1\n  }";
  const call = (name: string, source: string) => {
    const variables = Object.entries(moduleJson(name).variable as Record<string, { default?: unknown; type: string }>)
      .filter(([, variable]) => !("default" in variable))
      .map(([variable, { type }]) => `  ${variable} = ${type === "string" ? `"${sampleValue(variable)}"` : `["${sampleValue(variable)}"]`}`);
    const block = source.split("/").slice(-2).join("_").replace(/-/g, "_");
    return { name: block, source, block: `module "${block}" {\n  source = "${source}"\n  ${providers}\n${variables.join("\n")}\n}\n` };
  };
  return [...TERRAFORM_MODULES.map(({ name }) => call(name, `../terraform-modules/json/${name}`)), call("security-hub-local", "../terraform-modules/hcl/security-hub-local")];
}

function sampleValue(variable: string): string {
  if (variable.endsWith("account_id")) return "111111111111";
  if (variable === "organization_id") return "o-exampleorg1";
  if (variable.endsWith("region") || variable.endsWith("regions")) return "eu-west-1";
  if (variable === "bucket_name") return "aws-config-o-exampleorg1";
  if (variable === "access_log_bucket_name") return "aws-config-o-exampleorg1-access-logs";
  if (variable === "report_bucket_name") return "audit-reports-eu-west-1";
  if (variable === "name") return "pci-dss";
  if (variable === "framework") return "Payment Card Industry Data Security Standard (PCI DSS) v4.0";
  if (variable === "process_owner_role_arns") return "arn:aws:iam::111111111111:role/AuditOwner";
  throw new Error(`No sample value for required variable ${variable}; add one here.`);
}

const files = (root: string) => MODULE_FORMATS.flatMap(({ format }) => readdirSync(join(root, format), { recursive: true, encoding: "utf8" }).map((file) => join(format, file))).sort();

test("the committed modules are what npm run synth:modules writes now (run it after changing a construct)", () => {
  expect(files(COMMITTED)).toEqual(files(fresh));
  for (const file of files(fresh).filter((name) => name.includes("."))) {
    expect({ file, content: readFileSync(join(COMMITTED, file), "utf8") }).toEqual({ file, content: readFileSync(join(fresh, file), "utf8") });
  }
});

describe.each(TERRAFORM_MODULES.map(({ name }) => name))("module %s", (name) => {
  test("has no backend and no provider configuration: the caller's state and providers are used", () => {
    const json = moduleJson(name);
    expect(json.provider).toBeUndefined();
    expect(json.terraform.backend).toBeUndefined();
  });

  test("declares the two account providers as configuration aliases and the tested version ranges", () => {
    expect(moduleJson(name).terraform).toEqual({
      required_version: ">= 1.3.0",
      required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.100.0, < 7.0.0", configuration_aliases: ["aws.management", "aws.delegated_admin"] } },
    });
  });

  test("gives every input variable a type and a description", () => {
    for (const variable of Object.values(moduleJson(name).variable as Record<string, { type?: string; description?: string }>)) {
      expect(variable.type).toMatch(/^(string|bool|list\(string\)|number|map\(string\))$/);
      expect(variable.description).toMatch(/\w{3}/);
    }
  });

  test("renders every resource through one of the caller's two providers", () => {
    const resources = Object.values(moduleJson(name).resource as Record<string, Record<string, { provider: string }>>).flatMap((instances) => Object.values(instances));
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) expect(["aws.management", "aws.delegated_admin"]).toContain(resource.provider);
  });
});

test("an account ID variable rejects anything but 12 digits", () => {
  const [validation] = moduleJson("audit-manager").variable.management_account_id.validation;
  expect(validation.condition).toBe('${can(regex("^\\\\d{12}$", var.management_account_id))}');
});

test("no module holds an import block, which Terraform allows only in the root module: the caller adopts", () => {
  for (const { name } of TERRAFORM_MODULES) expect(moduleJson(name).import).toBeUndefined();
});

test("the organization module never destroys the organization or a registration", () => {
  const resources = moduleJson("organization").resource;
  expect(resources.aws_organizations_organization.organization.lifecycle.prevent_destroy).toBe(true);
  for (const registration of Object.values(resources.aws_organizations_delegated_administrator) as { lifecycle: { prevent_destroy: boolean } }[]) {
    expect(registration.lifecycle.prevent_destroy).toBe(true);
  }
});

test("the organization module compares the organization with the organization_id variable at plan time", () => {
  const [sameOrganization] = moduleJson("organization").data.aws_organizations_organization.organization.lifecycle.postcondition;
  expect(sameOrganization.condition).toBe("${self.id == var.organization_id}");
});

test("the example estate initialises from the provider mirror", () => {
  expect(results.exampleInit.output).toContain("Terraform has been successfully initialized");
});

test("the example estate validates", () => {
  expect(results.exampleValidate).toEqual({ ok: true, output: expect.stringContaining("Success! The configuration is valid.") });
});

test("the example estate passes its terraform test: plans, applies in two Regions and tears down with mocked providers", () => {
  expect(results.exampleTest).toEqual({ ok: true, output: expect.stringContaining("Success! 3 passed, 0 failed.") });
});

test("every module validates in JSON, and the HCL module the example does not call validates too", () => {
  expect(results.everyModuleValidate).toEqual({ ok: true, output: expect.stringContaining("Success! The configuration is valid.") });
});

test("every module passes its terraform test: each validated variable refuses a bad value, and each input does what it says", () => {
  expect(results.moduleTests).toEqual({ ok: true, output: expect.stringMatching(/Success! \d+ passed, 0 failed\./) });
});

test.each(TERRAFORM_MODULES.map(({ name }) => name))("the terraform test of module %s feeds a bad value to every variable that has a validation", (name) => {
  const file = readFileSync(join(MODULE_TESTS, `${name}.tftest.hcl`), "utf8");
  const expectedFailures = new Set([...file.matchAll(/expect_failures = \[([^\]]*)\]/g)].flatMap(([, list]) => [...list.matchAll(/var\.(\w+)/g)].map(([, variable]) => variable)));
  const validated = Object.entries(moduleJson(name).variable as Record<string, { validation?: unknown[] }>)
    .filter(([, variable]) => variable.validation?.length)
    .map(([variable]) => variable);
  expect(validated.length).toBeGreaterThan(0);
  expect(validated.filter((variable) => !expectedFailures.has(variable))).toEqual([]);
});
