/**
 * Terraform-level tests: every stack of the example configuration and of the 12-Region
 * configuration passes `terraform validate`, and `terraform test` plans and applies it with a
 * mocked AWS provider. Stack-specific assertions live in __tests__/terraform/<folder>/*.tftest.hcl:
 * `every-stack` runs everywhere, `organization` in the organization stack, `region` in every
 * Region stack, `home-region` in the home Region's stack only.
 */
import { checkStack, inPool, placeholderValues, testFiles, withTerraform } from "./support/terraform";
import { projectConfig, synth, type SynthesizedStack } from "./support/synth";

const configurations = ["config/example.json", "config/all-regions.json"];

const results = new Map<string, Awaited<ReturnType<typeof checkStack>>>();

const cases = configurations.flatMap((file) => {
  const synthesized = synth(projectConfig(file));
  return synthesized.stacks.map((stack) => ({ key: `${file} ${stack.name}`, stack, config: synthesized.config }));
});

function testsFor(stack: SynthesizedStack, config: (typeof cases)[number]["config"]) {
  const values = placeholderValues(config, stack.region);
  const homeRegion = stack.kind === "region" && stack.region === config.homeRegion ? testFiles("home-region", values) : [];
  return [...testFiles("every-stack", values), ...testFiles(stack.kind, values), ...homeRegion];
}

beforeAll(() =>
  withTerraform((workspace) =>
    inPool(cases, 2, async ({ key, stack, config }) => {
      results.set(key, await checkStack(workspace, stack.dir, testsFor(stack, config)));
    }),
  ), 600_000);

describe.each(cases.map((c) => c.key))("%s", (key) => {
  test("passes terraform validate", () => {
    const result = results.get(key)!;
    expect(result.validate.output).toContain("The configuration is valid");
    expect(result.validate.ok).toBe(true);
  });

  test("plans and applies with a mocked AWS provider (terraform test)", () => {
    const result = results.get(key)!;
    if (!result.test.ok) throw new Error(result.test.output);
    expect(result.test.output).toMatch(/Success! \d+ passed, 0 failed/);
  });
});
