/**
 * Region stacks grouped by shape (support/shapes.ts), as terraform.test.ts runs Terraform once per
 * shape: stacks that differ only by their own Region share a shape, and every Region-specific
 * behaviour that changes a stack (the home Region, a Region excluded from Audit Manager, the Region
 * that records AWS Config's global IAM resource types, the partition) gives a shape of its own.
 */
import { withChange } from "./support/config";
import { groupByShape, inRegion, withoutRegion } from "./support/shapes";
import { synthInput } from "./support/synth";

/** The stack names of the syntheses of `inputs`, grouped by shape. */
function shapesOf(...inputs: unknown[]): string[][] {
  const stacks = inputs.flatMap((input) =>
    synthInput(input).stacks.map((stack) => ({ name: stack.name, kind: stack.kind, region: stack.region, json: JSON.stringify(stack.json), tests: [] })),
  );
  return groupByShape(stacks).map((group) => group.map((stack) => stack.name));
}

test("the home Region, a Region excluded from Audit Manager and the Region recording global IAM types each have a shape of their own; the others share one", () => {
  const input = withChange((c) => {
    c.regions = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1"];
    c.auditManager.excludedRegions = ["us-west-2"];
    c.awsConfig.globalResourcesRegion = "ca-central-1";
  });
  expect(shapesOf(input)).toEqual([["organization"], ["region-us-east-1"], ["region-us-east-2", "region-us-west-1"], ["region-us-west-2"], ["region-ca-central-1"]]);
});

test("a home Region where AWS Config cannot record global IAM types moves that recording to a Region whose stack has a shape of its own", () => {
  const input = withChange((c) => {
    c.homeRegion = "eu-central-2";
    c.regions = ["eu-central-2", "eu-central-1", "eu-west-1", "eu-west-2"];
    c.auditManager.excludedRegions = ["eu-central-2"];
    c.securityHub = { mode: "local" };
  });
  expect(shapesOf(input)).toEqual([["organization"], ["region-eu-central-2"], ["region-eu-central-1"], ["region-eu-west-1", "region-eu-west-2"]]);
});

test("stacks of two partitions never share a shape", () => {
  const govCloud = (c: any) => {
    c.partition = "aws-us-gov";
    c.accounts.delegatedAdministrator.assumeRole.roleArn = "arn:aws-us-gov:iam::222222222222:role/OrganizationAccountAccessRole";
    c.awsConfig = { mode: "external" };
    c.auditManager = { enabled: false };
    c.iamPolicy = { enabled: false };
  };
  const commercial = withChange((c) => {
    govCloud(c);
    c.partition = "aws";
    c.accounts.delegatedAdministrator.assumeRole.roleArn = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole";
    c.homeRegion = "us-west-2";
    c.regions = ["us-west-2", "us-east-1"];
  });
  const gov = withChange((c) => {
    govCloud(c);
    c.homeRegion = "us-gov-west-1";
    c.regions = ["us-gov-west-1", "us-gov-east-1"];
  });
  expect(shapesOf(commercial, gov).every((group) => group.length === 1)).toBe(true);
});

describe("normalization", () => {
  test("replaces the Region as a whole name, also after a hyphen or colon, but not inside a longer name", () => {
    expect(withoutRegion("region-us-east-1 arn:aws:kms:us-east-1:1:key/k us-east-12", "us-east-1")).toBe("region-__REGION__ arn:aws:kms:__REGION__:1:key/k us-east-12");
  });

  test("refuses a text that already holds the placeholder, since the Region could not be put back", () => {
    expect(() => withoutRegion('{"name":"__REGION__"}', "us-east-1")).toThrow("already holds __REGION__");
  });

  test("a value derived from the Region other than by its name keeps two stacks apart", () => {
    const stack = (region: string, code: string) => ({ kind: "region", region, json: JSON.stringify({ region, code }), tests: [] });
    expect(groupByShape([stack("us-east-1", "use1"), stack("us-east-2", "use2")])).toHaveLength(2);
  });

  test("inRegion undoes the normalization of one stack into another's Region", () => {
    expect(inRegion('{"arn":"arn:aws:config:eu-west-1:1:x","stack":"region-eu-west-1"}', "eu-west-1", "ap-south-1")).toBe('{"arn":"arn:aws:config:ap-south-1:1:x","stack":"region-ap-south-1"}');
  });
});
