import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig, parseConfig } from "../modules/config/load";
import { configProblems as problems, withChange } from "./support/config";
import { projectConfig } from "./support/project";
import { temporaryDirectory } from "./support/temp";

describe("the shipped configurations", () => {
  test.each(["config/example.json", "config/all-regions.json"])("%s is valid", (file) => {
    expect(() => projectConfig(file)).not.toThrow();
  });

  test("defaults fill what the file leaves out", () => {
    const config = parseConfig(withChange((c) => { delete c.stateBackend; delete c.tags; delete c.partition; }));
    expect(config.partition).toBe("aws");
    expect(config.tags).toEqual({});
    expect(config.stateBackend).toEqual({ type: "local", directory: "state" });
  });
});

describe("validation reports each problem with its field, value and what is allowed", () => {
  test("a Region outside the partition", () => {
    expect(problems(withChange((c) => { c.regions = ["us-east-1", "eu-west-1", "cn-north-1"]; }))).toEqual([
      expect.stringMatching(/^regions\[2\]: "cn-north-1" is not a Region of partition aws; allowed: us-east-1, .*eu-west-1/),
    ]);
  });

  test("a home Region that is not in the list", () => {
    expect(problems(withChange((c) => { c.homeRegion = "eu-central-1"; }))).toEqual([
      'homeRegion: "eu-central-1" is not in regions; allowed: one of us-east-1, us-west-2, eu-west-1, or add it to regions',
    ]);
  });

  test("a Region listed twice", () => {
    expect(problems(withChange((c) => { c.regions = ["us-east-1", "eu-west-1", "us-east-1"]; }))).toEqual([
      'regions[2]: "us-east-1" is listed twice; allowed: each value once',
    ]);
  });

  test("an account ID that is not 12 digits", () => {
    expect(problems(withChange((c) => { c.accounts.management.accountId = "12345"; }))).toEqual([
      'accounts.management.accountId: "12345" is not an AWS account ID; allowed: 12 digits as a string, e.g. "123456789012"',
    ]);
  });

  test("the management account as delegated administrator", () => {
    expect(
      problems(withChange((c) => {
        c.accounts.delegatedAdministrator.accountId = c.accounts.management.accountId;
        c.accounts.delegatedAdministrator.assumeRole.roleArn = "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole";
        // The example's assessment names an audit owner in the real delegated administrator, a problem of its own.
        c.auditManager.assessments = [];
      })),
    ).toEqual([expect.stringMatching(/^accounts\.delegatedAdministrator\.accountId: "111111111111" is the management account; the management account can never be the delegated administrator/)]);
  });

  test("an organization ID of the wrong form", () => {
    expect(problems(withChange((c) => { c.organizationId = "o-ABC"; }))).toEqual([
      'organizationId: "o-ABC" is not an AWS Organizations ID; allowed: "o-" followed by 10 to 32 lowercase letters or digits',
    ]);
  });

  test("a role ARN in another account or partition", () => {
    expect(problems(withChange((c) => { c.accounts.delegatedAdministrator.assumeRole.roleArn = "arn:aws-cn:iam::333333333333:role/Admin"; }))).toEqual([
      'accounts.delegatedAdministrator.assumeRole.roleArn: "arn:aws-cn:iam::333333333333:role/Admin" is in partition aws-cn, not aws; allowed: a role ARN starting "arn:aws:iam::"',
      'accounts.delegatedAdministrator.assumeRole.roleArn: "arn:aws-cn:iam::333333333333:role/Admin" is a role in account 333333333333, not 222222222222; allowed: a role in the account it reaches',
    ]);
  });

  test("an unknown key, so a typo never passes", () => {
    expect(problems(withChange((c) => { c.regoins = ["us-east-1"]; }))).toEqual([
      expect.stringMatching(/^regoins: unknown key; allowed keys here: \$schema, organizationId, partition, homeRegion, regions, /),
    ]);
  });

  test("a missing required field", () => {
    expect(problems(withChange((c) => { delete c.organizationId; }))).toEqual(["organizationId: is missing; add it (expected string)"]);
  });

  test("an unknown partition", () => {
    expect(problems(withChange((c) => { c.partition = "aws-mars"; }))).toEqual([
      'partition: "aws-mars" is not allowed; allowed: aws, aws-cn, aws-us-gov',
    ]);
  });

  test("a tag key AWS reserves", () => {
    expect(problems(withChange((c) => { c.tags = { "aws:owner": "x" }; }))).toEqual([
      expect.stringMatching(/^tags\.aws:owner: "aws:owner" starts with "aws:", which AWS reserves/),
    ]);
  });

  test("an S3 backend with an invalid bucket name and a Region outside the partition", () => {
    expect(problems(withChange((c) => { c.stateBackend = { type: "s3", bucket: "Bad_Bucket", region: "cn-north-1" }; }))).toEqual([
      expect.stringMatching(/^stateBackend\.bucket: "Bad_Bucket" is not an S3 bucket name/),
      expect.stringMatching(/^stateBackend\.region: "cn-north-1" is not a Region of partition aws/),
    ]);
  });

  test("an HCP Terraform backend with an invalid organization, host name and workspace prefix", () => {
    expect(problems(withChange((c) => { c.stateBackend = { type: "cloud", organization: "acme corp", hostname: "https://app.terraform.io", workspacePrefix: "audit/" }; }))).toEqual([
      'stateBackend.organization: "acme corp" is not an HCP Terraform organization name; allowed: letters, digits, "-" and "_"',
      'stateBackend.hostname: "https://app.terraform.io" is not a host name such as app.terraform.io or tfe.example.com',
      'stateBackend.workspacePrefix: "audit/" is not a workspace name prefix; allowed: letters, digits, "-" and "_"',
    ]);
  });

  test("an HCP Terraform workspace prefix that makes a stack's workspace name longer than 90 characters", () => {
    const prefix = "p".repeat(75);
    expect(problems(withChange((c) => { c.stateBackend = { type: "cloud", organization: "acme", workspacePrefix: prefix }; }))).toEqual([
      `stateBackend.workspacePrefix: "${prefix}" makes workspace names longer than 90 characters (${prefix}region-us-east-1, ${prefix}region-us-west-2, ${prefix}region-eu-west-1); allowed: a prefix of at most 74 characters`,
    ]);
  });

  test("an HCP Terraform backend takes app.terraform.io, the prefix audit-manager- and no project unless given", () => {
    const config = parseConfig(withChange((c) => { c.stateBackend = { type: "cloud", organization: "acme" }; }));
    expect(config.stateBackend).toEqual({ type: "cloud", organization: "acme", hostname: "app.terraform.io", workspacePrefix: "audit-manager-" });
  });

  test("a backend type this project does not write", () => {
    expect(problems(withChange((c) => { c.stateBackend = { type: "gcs" }; }))).toEqual(['stateBackend.type: "gcs" is not a backend type; allowed: "local", "s3", "cloud"']);
  });

  test("every problem in the file is reported in one run", () => {
    const found = problems(withChange((c) => {
      c.organizationId = "nope";
      c.regions = ["us-east-1", "mars-1"];
      c.homeRegion = "eu-west-1";
      c.accounts.management.accountId = "1";
      c.extra = true;
    }));
    expect(found.map((p) => p.split(":")[0])).toEqual(expect.arrayContaining(["organizationId", "regions[1]", "homeRegion", "accounts.management.accountId", "extra"]));
    expect(found).toHaveLength(5);
  });
});

describe("loading a file", () => {
  const dir = temporaryDirectory("config");

  test("a file that is not JSON names the file and the parse error", () => {
    const file = join(dir, "broken.json");
    writeFileSync(file, "{ organizationId: ");
    expect(() => loadConfig(file)).toThrow(/broken\.json: 1 problem in the configuration:\n {2}- is not valid JSON/);
  });

  test("a missing file says how to choose another", () => {
    expect(() => loadConfig(join(dir, "absent.json"))).toThrow(/cannot read the file .*set AUDIT_MANAGER_CONFIG/);
  });
});
