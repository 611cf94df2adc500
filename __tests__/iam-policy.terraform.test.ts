/**
 * The IAM policy for people who use Audit Manager as Terraform renders it: the organization
 * stack's policies, rendered by the real Terraform CLI, against the policy of "Setting up AWS
 * Audit Manager" (https://docs.aws.amazon.com/audit-manager/latest/userguide/setting-up.html) kept
 * verbatim in fixtures/. Where the policy is created and attached, and the configuration errors,
 * are in iam-policy.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { withChange } from "./support/config";
import { synthInput, type SynthesizedStack } from "./support/synth";
import { terraformValues } from "./support/terraform-values";

/** "Setting up AWS Audit Manager", step 2, copied verbatim: the reviewed source, not output under test. */
const SETUP_GUIDE_POLICY = JSON.parse(readFileSync(join(__dirname, "fixtures", "setting-up-audit-manager-policy.json"), "utf8"));

type Json = any;

/**
 * A policy in a form where IAM-equivalent documents are deep-equal: statements and list items in
 * any order, and a single string the same as a one-element list (IAM policy grammar: Action,
 * Resource and condition values take a string or a list).
 */
function normalizePolicy(policy: Json): Json {
  const asSortedList = (value: string | string[]) => [value].flat().sort();
  const statements = policy.Statement.map((statement: Json) => {
    const normalized: Json = { ...statement };
    for (const field of ["Action", "NotAction", "Resource", "NotResource"]) {
      if (field in statement) normalized[field] = asSortedList(statement[field]);
    }
    if (statement.Condition) {
      normalized.Condition = Object.fromEntries(
        Object.entries(statement.Condition as Record<string, Record<string, string | string[]>>).map(([operator, keys]) => [
          operator,
          Object.fromEntries(Object.entries(keys).map(([key, values]) => [key, asSortedList(values)])),
        ]),
      );
    }
    return normalized;
  });
  const canonical = (value: Json): string => JSON.stringify(value, (_, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
  return { ...policy, Statement: statements.sort((a: Json, b: Json) => canonical(a).localeCompare(canonical(b))) };
}

/**
 * Every aws_iam_policy of each stack, as Terraform renders its `policy` argument: all of them in
 * one Terraform run, by variant name, then policy name.
 */
function renderedPolicies<Variant extends string>(stacks: Record<Variant, SynthesizedStack>): Record<Variant, Record<string, Json>> {
  const expressions = Object.entries<SynthesizedStack>(stacks).flatMap(([variant, stack]) =>
    Object.entries(stack.json.resource?.aws_iam_policy ?? {}).map(([name, resource]) => [`${variant}__${name}`, (resource as Json).policy]),
  );
  const rendered = terraformValues(Object.fromEntries(expressions));
  const byVariant: Record<string, Record<string, Json>> = Object.fromEntries(Object.keys(stacks).map((variant) => [variant, {}]));
  for (const [output, json] of Object.entries(rendered)) {
    const [variant, name] = output.split("__");
    byVariant[variant][name] = JSON.parse(json as string);
  }
  return byVariant as Record<Variant, Record<string, Json>>;
}

/** The organization stack of the example without its assessment, whose report buckets add a policy of their own (assessments.test.ts). */
function organizationStack(change: (input: Json) => void = () => {}) {
  return synthInput(withChange((input) => { delete input.auditManager.assessments; change(input); })).stack("organization");
}

/** The setup guide's policy with its defects corrected, derived by hand from the fixture. */
function setupGuidePolicyCorrected(): Json {
  const policy = structuredClone(SETUP_GUIDE_POLICY);
  const putRule = policy.Statement.find((s: Json) => s.Sid === "CreateEventsAccess");
  putRule.Condition = {
    "ForAllValues:StringEquals": { "events:source": ["aws.securityhub"], "events:detail-type": ["Security Hub Findings - Imported"] },
    Null: { "events:source": "false", "events:detail-type": "false" },
  };
  delete policy.Statement.find((s: Json) => s.Action === "kms:ListAliases").Condition;
  return policy;
}

describe("comparing policies semantically", () => {
  test("ignores the order of statements and list items, and equates a string with a one-element list", () => {
    const reordered = structuredClone(SETUP_GUIDE_POLICY);
    reordered.Statement.reverse();
    reordered.Statement.find((s: Json) => s.Sid === "EventsAccess").Action = "events:PutTargets";
    reordered.Statement[0].Action = [reordered.Statement[0].Action];
    expect(normalizePolicy(reordered)).toEqual(normalizePolicy(SETUP_GUIDE_POLICY));
  });

  test("still tells apart policies that grant differently", () => {
    const changed = structuredClone(SETUP_GUIDE_POLICY);
    changed.Statement.find((s: Json) => s.Sid === "CreateEventsAccess").Condition.StringEquals["events:source"] = "aws.config";
    expect(normalizePolicy(changed)).not.toEqual(normalizePolicy(SETUP_GUIDE_POLICY));
  });
});

describe("the policy document, as Terraform renders it", () => {
  const keyArns = {
    "us-east-1": "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "us-west-2": "arn:aws:kms:us-west-2:111111111111:key/2234abcd-12ab-34cd-56ef-1234567890ab",
    "eu-west-1": "arn:aws:kms:eu-west-1:111111111111:key/mrk-1234abcd12ab34cd56ef1234567890ab",
  };
  // Every configuration these tests read a policy of, rendered in one Terraform run.
  const rendered = renderedPolicies({
    example: organizationStack(),
    corrected: organizationStack((c) => { c.iamPolicy.document = "corrected"; }),
    documentedWithExistingKeys: organizationStack((c) => { c.iamPolicy.document = "documented"; c.auditManager.kmsKey = { type: "existing", keyArns }; }),
    correctedWithExistingKeys: organizationStack((c) => { c.iamPolicy.document = "corrected"; c.auditManager.kmsKey = { type: "existing", keyArns }; }),
    createdKeys: organizationStack((c) => { c.auditManager.kmsKey = { type: "create", alias: "alias/audit" }; }),
    createdKeysOutsideExcludedRegion: organizationStack((c) => { c.auditManager.excludedRegions = ["eu-west-1"]; c.auditManager.kmsKey = { type: "create" }; }),
    govCloud: organizationStack((c) => {
      c.partition = "aws-us-gov";
      c.homeRegion = "us-gov-west-1";
      c.regions = ["us-gov-west-1", "us-gov-east-1"]; // Security Hub CSPM central configuration links at least one Region.
      c.accounts.delegatedAdministrator.assumeRole.roleArn = "arn:aws-us-gov:iam::222222222222:role/OrganizationAccountAccessRole";
      c.auditManager = { enabled: false }; // Audit Manager itself exists only in the aws partition.
    }),
  });
  const example = rendered.example;

  test("by default it is the setup guide's policy, in the management and the delegated administrator account", () => {
    expect(Object.keys(example).sort()).toEqual(["audit_manager_delegated_admin", "audit_manager_management"]);
    for (const policy of Object.values(example)) expect(normalizePolicy(policy)).toEqual(normalizePolicy(SETUP_GUIDE_POLICY));
  });

  test("the corrected variant differs exactly in the kms:ListAliases and events:PutRule conditions", () => {
    const corrected = rendered.corrected;
    expect(normalizePolicy(corrected.audit_manager_management)).toEqual(normalizePolicy(setupGuidePolicyCorrected()));
    expect(normalizePolicy(corrected.audit_manager_management)).not.toEqual(normalizePolicy(SETUP_GUIDE_POLICY));
  });

  describe("with customer managed keys for Audit Manager, the policy's identities may use exactly those keys, only through Audit Manager", () => {
    const throughAuditManager = { "kms:ViaService": ["auditmanager.us-east-1.amazonaws.com", "auditmanager.us-west-2.amazonaws.com", "auditmanager.eu-west-1.amazonaws.com"] };
    /** Written from the Audit Manager key policy's key use and AWSAuditManagerAdministratorAccess's KmsCreateGrantAccess statement. */
    const keyStatements = (resources: string[], aliasCondition: Json = {}) => [
      {
        Sid: "AuditManagerKeyUse",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:DescribeKey"],
        Resource: resources,
        Condition: { StringEquals: throughAuditManager, ...aliasCondition },
      },
      {
        Sid: "AuditManagerKeyGrants",
        Effect: "Allow",
        Action: "kms:CreateGrant",
        Resource: resources,
        Condition: { StringEquals: throughAuditManager, ...aliasCondition, Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    ];

    test.each([
      ["documented", () => SETUP_GUIDE_POLICY],
      ["corrected", setupGuidePolicyCorrected],
    ] as const)("existing keys (%s variant): every statement of the setup guide unchanged, plus the key statements on the key ARNs", (document, setupGuide) => {
      const policies = rendered[`${document}WithExistingKeys`];
      const expected = { ...setupGuide(), Statement: [...setupGuide().Statement, ...keyStatements(Object.values(keyArns))] };
      for (const policy of Object.values(policies)) expect(normalizePolicy(policy)).toEqual(normalizePolicy(expected));
    });

    test("created keys: the management account's keys in each Region that carry the configured alias", () => {
      const policies = rendered.createdKeys;
      const resources = ["us-east-1", "us-west-2", "eu-west-1"].map((region) => `arn:aws:kms:${region}:111111111111:key/*`);
      const expected = { ...SETUP_GUIDE_POLICY, Statement: [...SETUP_GUIDE_POLICY.Statement, ...keyStatements(resources, { "ForAnyValue:StringEquals": { "kms:ResourceAliases": ["alias/audit"] } })] };
      for (const policy of Object.values(policies)) expect(normalizePolicy(policy)).toEqual(normalizePolicy(expected));
    });

    test("only the Regions where Audit Manager is managed", () => {
      const policy = rendered.createdKeysOutsideExcludedRegion.audit_manager_management;
      const use = policy.Statement.find((statement: Json) => statement.Sid === "AuditManagerKeyUse");
      expect([use.Resource, use.Condition.StringEquals]).toEqual([
        ["arn:aws:kms:us-east-1:111111111111:key/*", "arn:aws:kms:us-west-2:111111111111:key/*"],
        { "kms:ViaService": ["auditmanager.us-east-1.amazonaws.com", "auditmanager.us-west-2.amazonaws.com"] },
      ]);
    });
  });

  test("ARNs are built from the configured partition", () => {
    const govCloud = rendered.govCloud;
    const expected = JSON.parse(JSON.stringify(SETUP_GUIDE_POLICY).replace("arn:aws:events:", "arn:aws-us-gov:events:"));
    expect(normalizePolicy(govCloud.audit_manager_management)).toEqual(normalizePolicy(expected));
  });

  test("the synthesized JSON holds the statements as a Terraform expression, not one escaped string", () => {
    const policy = organizationStack().json.resource.aws_iam_policy.audit_manager_management.policy;
    expect(policy).toMatch(/^\$\{jsonencode\(\{"Version" = "2012-10-17", "Statement" = \[\{/);
  });
});
