/**
 * Terraform-level tests: every stack of the example configuration and of the 12-Region
 * configuration passes `terraform validate`, and `terraform test` plans and applies it with a
 * mocked AWS provider. Stack-specific assertions live in __tests__/terraform/<folder>/*.tftest.hcl:
 * `every-stack` runs everywhere, `organization` in the organization stack, `region` in every
 * Region stack, `home-region` in the home Region's stack only.
 *
 * Terraform runs once per shape (support/shapes.ts): a stack whose Terraform JSON and test files
 * equal another's with the Region replaced is checked through that representative, and the tests
 * below prove the equality for every stack. A stack of a new shape is checked by Terraform itself.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkStack, inPool, placeholderValues, testFiles, withTerraform } from "./support/terraform";
import { checkedThrough, groupByShape, inRegion, shapeName } from "./support/shapes";
import { projectConfig, synth, type SynthesizedStack } from "./support/synth";
import type { AppConfig } from "../modules/config/schema";

const configurations = ["config/example.json", "config/all-regions.json"];

function testsFor(stack: SynthesizedStack, config: AppConfig) {
  const values = placeholderValues(config, stack.region);
  const homeRegion = stack.kind === "region" && stack.region === config.homeRegion ? testFiles("home-region", values) : [];
  return [...testFiles("every-stack", values), ...testFiles(stack.kind, values), ...homeRegion];
}

const cases = configurations.flatMap((file) => {
  const synthesized = synth(projectConfig(file));
  return synthesized.stacks.map((stack) => ({
    key: `${file} ${stack.name}`,
    dir: stack.dir,
    kind: stack.kind,
    region: stack.region,
    json: readFileSync(join(stack.dir, "cdk.tf.json"), "utf8"),
    tests: testsFor(stack, synthesized.config),
  }));
});

const shapes = groupByShape(cases);

const results = new Map<string, Awaited<ReturnType<typeof checkStack>>>();

beforeAll(() =>
  withTerraform((workspace) =>
    inPool(shapes, 2, async ([{ key, dir, tests }]) => {
      results.set(key, await checkStack(workspace, dir, tests));
    }),
  ), 600_000);

describe.each(shapes.map((members) => [shapeName(members, (stack) => stack.key), members[0].key]))("%s", (_, key) => {
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

describe.each(checkedThrough(shapes).map(({ member, representative }) => [member.key, representative.key, member, representative] as const))(
  "%s, checked as %s",
  (_, __, member, representative) => {
    test("its Terraform JSON is its representative's with the Region replaced", () => {
      expect(JSON.parse(inRegion(representative.json, representative.region, member.region))).toEqual(JSON.parse(member.json));
    });

    test("its Terraform test files are its representative's with the Region replaced", () => {
      expect(representative.tests.map((file) => ({ name: file.name, content: inRegion(file.content, representative.region, member.region) }))).toEqual(member.tests);
    });
  },
);
