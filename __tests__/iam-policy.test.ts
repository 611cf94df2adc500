/**
 * The IAM policy for people who use Audit Manager: where the construct creates and attaches it
 * (built alone in a test stack; whether the organization stack builds it at all, from its
 * synthesis), and the configuration errors for names, paths and choices IAM
 * would refuse. The policy document as Terraform renders it is in iam-policy.terraform.test.ts.
 */
import { IamGroupPolicyAttachment } from "@cdktf/provider-aws/lib/iam-group-policy-attachment";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IamUserPolicyAttachment } from "@cdktf/provider-aws/lib/iam-user-policy-attachment";
import { parseConfig } from "../modules/config/load";
import { AuditManagerIamPolicy } from "../modules/iam-policy/audit-manager-iam-policy";
import { configProblems, withChange } from "./support/config";
import { resourcesOf, testStack } from "./support/construct";
import { synthInput } from "./support/synth";

type Json = any;

/** A test stack holding the IAM policy construct alone, for the example configuration changed by `change`. */
function policyStack(change: (input: Json) => void = () => {}) {
  const config = parseConfig(withChange(change));
  const { stack, providers } = testStack(config.homeRegion, config);
  const { accounts, policies, document, name, path, description, attachTo } = config.iamPolicy;
  new AuditManagerIamPolicy(stack, "iam-policy", { accounts, policies, document, name, path, description, attachTo, partition: config.partition, providers });
  return stack;
}

describe("where the policy goes", () => {

  test("each account's policy is created by that account's provider, with the configured name, path and description", () => {
    const policies = resourcesOf(policyStack((c) => { c.iamPolicy.name = "AuditManagerUsers"; c.iamPolicy.path = "/audit/"; c.iamPolicy.description = "Audit Manager setup"; }), IamPolicy);
    expect(Object.entries(policies).map(([name, p]: [string, Json]) => [name, p.provider, p.name, p.path, p.description])).toEqual([
      ["audit_manager_delegated_admin", "aws.delegated_admin", "AuditManagerUsers", "/audit/", "Audit Manager setup"],
      ["audit_manager_management", "aws.management", "AuditManagerUsers", "/audit/", "Audit Manager setup"],
    ]);
  });

  test("it is attached to the roles, groups and users named for each account, one instance per name", () => {
    const stack = policyStack((c) => {
      c.iamPolicy.attachTo = { management: { roles: ["Admin", "Auditor"], users: ["alice"] }, delegatedAdministrator: { groups: ["Auditors"] } };
    });
    expect(resourcesOf(stack, IamRolePolicyAttachment).audit_manager_management).toEqual({
      provider: "aws.management",
      for_each: '${toset(["Admin", "Auditor"])}',
      role: "${each.value}",
      policy_arn: "${aws_iam_policy.audit_manager_management.arn}",
    });
    expect(resourcesOf(stack, IamUserPolicyAttachment).audit_manager_management).toEqual({
      provider: "aws.management",
      for_each: '${toset(["alice"])}',
      user: "${each.value}",
      policy_arn: "${aws_iam_policy.audit_manager_management.arn}",
    });
    expect(resourcesOf(stack, IamGroupPolicyAttachment).audit_manager_delegated_admin).toEqual({
      provider: "aws.delegated_admin",
      for_each: '${toset(["Auditors"])}',
      group: "${each.value}",
      policy_arn: "${aws_iam_policy.audit_manager_delegated_admin.arn}",
    });
  });

  test("only the delegated administrator account, when configured so", () => {
    const stack = policyStack((c) => { c.iamPolicy.accounts = ["delegatedAdministrator"]; c.iamPolicy.attachTo = { delegatedAdministrator: { roles: ["Auditor"] } }; });
    expect(Object.keys(resourcesOf(stack, IamPolicy))).toEqual(["audit_manager_delegated_admin"]);
    expect(Object.keys(resourcesOf(stack, IamRolePolicyAttachment))).toEqual(["audit_manager_delegated_admin"]);
  });

  test("the AWS managed AWSAuditManagerAdministratorAccess instead: attached by its partition's ARN, nothing created", () => {
    const stack = policyStack((c) => {
      c.iamPolicy.policies = ["AWSAuditManagerAdministratorAccess"];
      c.iamPolicy.attachTo = { management: { roles: ["Admin"] }, delegatedAdministrator: { users: ["bob"] } };
    });
    expect(resourcesOf(stack, IamPolicy)).toEqual({});
    expect(resourcesOf(stack, IamRolePolicyAttachment).administrator_access_management.policy_arn).toBe("arn:aws:iam::aws:policy/AWSAuditManagerAdministratorAccess");
    expect(resourcesOf(stack, IamUserPolicyAttachment).administrator_access_delegated_admin.policy_arn).toBe("arn:aws:iam::aws:policy/AWSAuditManagerAdministratorAccess");
  });

  test("both policies side by side on the same identities", () => {
    const roles = resourcesOf(policyStack((c) => { c.iamPolicy.policies = ["customerManaged", "AWSAuditManagerAdministratorAccess"]; }), IamRolePolicyAttachment);
    expect(Object.fromEntries(Object.entries(roles).map(([name, r]: [string, Json]) => [name, r.policy_arn]))).toEqual({
      audit_manager_management: "${aws_iam_policy.audit_manager_management.arn}",
      administrator_access_management: "arn:aws:iam::aws:policy/AWSAuditManagerAdministratorAccess",
      audit_manager_delegated_admin: "${aws_iam_policy.audit_manager_delegated_admin.arn}",
      administrator_access_delegated_admin: "arn:aws:iam::aws:policy/AWSAuditManagerAdministratorAccess",
    });
  });

  test("no policy and no attachment in the organization stack when the capability is disabled", () => {
    const json = synthInput(withChange((c) => { c.iamPolicy = { enabled: false }; })).stack("organization").json;
    expect(Object.keys(json.resource ?? {}).filter((type) => type.startsWith("aws_iam_"))).toEqual([]);
  });
});

describe("validation of the iamPolicy section", () => {
  const problems = (change: (input: Json) => void) => configProblems(withChange(change));

  test("a policy name with characters IAM refuses", () => {
    expect(problems((c) => { c.iamPolicy.name = "Audit Manager"; })).toEqual([
      'iamPolicy.name: "Audit Manager" is not an IAM policy name; allowed: letters, digits and +=,.@_- (no spaces, paths or ARNs)',
    ]);
  });

  test("a policy name longer than 128 characters", () => {
    expect(problems((c) => { c.iamPolicy.name = "P".repeat(129); })).toEqual([
      `iamPolicy.name: "${"P".repeat(129)}" is longer than 128 characters; allowed: IAM policy names of 1 to 128 characters`,
    ]);
    expect(problems((c) => { c.iamPolicy.name = "P".repeat(128); })).toEqual([]);
  });

  test.each([
    ["without a leading slash", "audit/", "not an IAM path"],
    ["without a trailing slash", "/audit", "not an IAM path"],
    ["with an asterisk", "/audit*/", "not an IAM path"],
    ["with a space", "/a b/", "not an IAM path"],
    ["of 513 characters", `/${"a".repeat(511)}/`, "longer than 512 characters"],
  ])("a path %s", (_, path, problem) => {
    expect(problems((c) => { c.iamPolicy.path = path; })).toEqual([expect.stringMatching(new RegExp(`^iamPolicy\\.path: ".*("| \\(\\d+ characters\\)) is ${problem}`))]);
  });

  test("paths IAM accepts", () => {
    for (const path of ["/", "/audit/", "/org/audit-manager/v1/"]) expect(problems((c) => { c.iamPolicy.path = path; })).toEqual([]);
  });

  test("a description with a character outside Latin-1", () => {
    expect(problems((c) => { c.iamPolicy.description = "Audit Manager — setup"; })).toEqual([
      expect.stringMatching(/^iamPolicy\.description: "Audit Manager — setup" has characters IAM refuses in a policy description/),
    ]);
  });

  test("role and user names over 64 characters, group names over 128", () => {
    expect(
      problems((c) => {
        c.iamPolicy.attachTo = { management: { roles: ["r".repeat(65)], users: ["u".repeat(65)], groups: ["g".repeat(128), "h".repeat(129)] } };
      }),
    ).toEqual([
      expect.stringMatching(/^iamPolicy\.attachTo\.management\.roles\[0\]: "r+" is longer than 64 characters; allowed: IAM role names of 1 to 64 characters/),
      expect.stringMatching(/^iamPolicy\.attachTo\.management\.groups\[1\]: "h+" is longer than 128 characters; allowed: IAM group names of 1 to 128 characters/),
      expect.stringMatching(/^iamPolicy\.attachTo\.management\.users\[0\]: "u+" is longer than 64 characters; allowed: IAM user names of 1 to 64 characters/),
    ]);
  });

  test("a role given as a path or ARN instead of a name", () => {
    expect(problems((c) => { c.iamPolicy.attachTo = { management: { roles: ["arn:aws:iam::111111111111:role/Admin"] } }; })).toEqual([
      'iamPolicy.attachTo.management.roles[0]: "arn:aws:iam::111111111111:role/Admin" is not an IAM role name; allowed: letters, digits and +=,.@_- (no spaces, paths or ARNs)',
    ]);
  });

  test("the same identity twice, differing only in case", () => {
    expect(problems((c) => { c.iamPolicy.attachTo = { delegatedAdministrator: { roles: ["Auditor", "auditor"] } }; })).toEqual([
      'iamPolicy.attachTo.delegatedAdministrator.roles[1]: "auditor" is listed twice (IAM names ignore case); allowed: each role name once',
    ]);
  });

  test("identities listed for an account where the policy is not created", () => {
    expect(problems((c) => { c.iamPolicy.accounts = ["delegatedAdministrator"]; })).toEqual([
      'iamPolicy.attachTo.management: {"roles":["AuditManagerAdministrator"],"groups":[],"users":[]} lists identities in the management account, where iamPolicy.accounts does not put the policy; allowed: add "management" to iamPolicy.accounts, or remove these identities',
    ]);
  });

  test("an empty policy choice", () => {
    expect(problems((c) => { c.iamPolicy.policies = []; })).toEqual([
      'iamPolicy.policies: is empty; allowed: "customerManaged", "AWSAuditManagerAdministratorAccess" or both; to manage no IAM policy set iamPolicy.enabled to false',
    ]);
  });

  test("an empty account choice", () => {
    expect(problems((c) => { c.iamPolicy.accounts = []; c.iamPolicy.attachTo = {}; })).toEqual([
      'iamPolicy.accounts: is empty; allowed: "management", "delegatedAdministrator" or both; to manage no IAM policy set iamPolicy.enabled to false',
    ]);
  });

  test("an unknown policy choice", () => {
    expect(problems((c) => { c.iamPolicy.policies = ["AdministratorAccess"]; })).toEqual([
      'iamPolicy.policies[0]: "AdministratorAccess" is not allowed; allowed: customerManaged, AWSAuditManagerAdministratorAccess',
    ]);
  });

  test("the AWS managed policy alone in an account with nobody to attach it to", () => {
    expect(problems((c) => { c.iamPolicy.policies = ["AWSAuditManagerAdministratorAccess"]; c.iamPolicy.attachTo.management = {}; })).toEqual([
      expect.stringMatching(/^iamPolicy\.attachTo\.management: lists no roles, groups or users, so AWSAuditManagerAdministratorAccess alone would change nothing in the management account/),
    ]);
  });
});
