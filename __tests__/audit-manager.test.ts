/**
 * Audit Manager: what the Audit Manager construct holds for each configuration choice, built
 * alone in a test stack of one Region as the Region stack builds it; which stacks build it at
 * all (a synthesis of the whole configuration); and every validation error of the auditManager
 * section.
 */
import { AuditManager } from "../modules/audit-manager/audit-manager";
import { auditManagerKeyPolicy } from "../modules/audit-manager/key-policy";
import { parseConfig } from "../modules/config/load";
import { auditManagerProps } from "../modules/stacks/region-stack";
import { configProblems as problems } from "./support/config";
import { terraformJson, testStack } from "./support/construct";
import { exampleInput, synthInput, type Synthesized } from "./support/synth";

const MANAGEMENT = "111111111111";
const DELEGATED_ADMIN = "222222222222";
const keyArn = (region: string, account = MANAGEMENT) => `arn:aws:kms:${region}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

function withAuditManager(change: (auditManager: any, input: any) => void): any {
  const input = exampleInput();
  change(input.auditManager, input);
  return input;
}

/** The Terraform JSON of the Audit Manager construct alone in a stack of `region`, with the props the Region stack gives it for `input`. */
function auditManagerIn(input: any, region: string): any {
  const config = parseConfig(input);
  const { stack, providers } = testStack(region, config);
  new AuditManager(stack, "audit_manager", auditManagerProps(config, region, providers.management));
  return terraformJson(stack);
}

const resources = (json: any, type: string): Record<string, any> => json.resource?.[type] ?? {};
const stackResources = (synthesized: Synthesized, stack: string, type: string): Record<string, any> => resources(synthesized.stack(stack).json, type);

/**
 * Points accounts.delegatedAdministrator at account 333333333333 (account and role), without the
 * example's assessment, whose audit owner is a role of 222222222222.
 */
function newDelegatedAdministrator(input: any): void {
  delete input.auditManager.assessments;
  input.accounts.delegatedAdministrator.accountId = "333333333333";
  input.accounts.delegatedAdministrator.assumeRole.roleArn = "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole";
}

const registration = (json: any) => resources(json, "aws_auditmanager_account_registration").audit_manager;
const imports = (json: any): any[] => json.import ?? [];
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];

describe("registration in every Region", () => {
  test.each(REGIONS)("%s: the management account registers Audit Manager with the delegated administrator", (region) => {
    expect(registration(auditManagerIn(exampleInput(), region))).toMatchObject({ provider: "aws.management", delegated_admin_account: DELEGATED_ADMIN });
  });

  describe("in the whole configuration", () => {
    const example = synthInput(exampleInput());

    test("the organization stack registers nothing: registration is per Region", () => {
      expect(stackResources(example, "organization", "aws_auditmanager_account_registration")).toEqual({});
    });

    test("the provider's organization-admin resource is never used (its destroy always removes the delegated administrator)", () => {
      for (const stack of example.stacks) expect(stack.json.resource?.aws_auditmanager_organization_admin_account_registration).toBeUndefined();
    });
  });

  test("destroy keeps Audit Manager registered unless the configuration opts in", () => {
    expect(registration(auditManagerIn(exampleInput(), "eu-west-1")).deregister_on_destroy).toBe(false);
    const optedIn = auditManagerIn(withAuditManager((am) => { am.deregisterOnDestroy = true; }), "eu-west-1");
    expect(registration(optedIn).deregister_on_destroy).toBe(true);
  });

  test("outputs per Region: registration status, delegated administrator, key ARN", () => {
    const outputs = auditManagerIn(exampleInput(), "us-west-2").output;
    expect(outputs.audit_manager_registration_status.value).toBe("${aws_auditmanager_account_registration.audit_manager.status}");
    expect(outputs.audit_manager_delegated_administrator.value).toBe(DELEGATED_ADMIN);
    expect(outputs.audit_manager_kms_key_arn.value).toBe("");
  });

  test("auditManager.enabled false: no Audit Manager resource or output in any stack", () => {
    const disabled = synthInput(withAuditManager((am) => { am.enabled = false; delete am.acknowledgeManagementAccountStopsAssessments; delete am.currentDelegatedAdministrator; }));
    for (const stack of disabled.stacks) {
      expect(stack.json.resource?.aws_auditmanager_account_registration).toBeUndefined();
      expect(stack.json.output?.audit_manager_registration_status).toBeUndefined();
    }
  });
});

describe("Regions", () => {
  test("an excluded Region outside Audit Manager's 12 gets its stack but no Audit Manager", () => {
    const synthesized = synthInput(withAuditManager((am, input) => { input.regions.push("sa-east-1"); am.excludedRegions = ["sa-east-1"]; }));
    expect(synthesized.stacks.map((s) => s.name)).toContain("region-sa-east-1");
    expect(stackResources(synthesized, "region-sa-east-1", "aws_auditmanager_account_registration")).toEqual({});
    expect(registration(synthesized.stack("region-eu-west-1").json)).toBeDefined();
  });

  test("an Audit Manager Region can be excluded too (e.g. one where it was never enabled)", () => {
    const synthesized = synthInput(withAuditManager((am) => { am.excludedRegions = ["us-west-2"]; }));
    expect(stackResources(synthesized, "region-us-west-2", "aws_auditmanager_account_registration")).toEqual({});
    expect(registration(synthesized.stack("region-us-east-1").json)).toBeDefined();
  });
});

describe("KMS key choices", () => {
  test("awsOwned (default): no key is sent and none is created", () => {
    const json = auditManagerIn(exampleInput(), "eu-west-1");
    expect(registration(json).kms_key).toBeUndefined();
    expect(resources(json, "aws_kms_key")).toEqual({});
  });

  describe("create", () => {
    const create = withAuditManager((am) => { am.kmsKey = { type: "create" }; });
    const json = auditManagerIn(create, "eu-west-1");
    const key = resources(json, "aws_kms_key").audit_manager;
    const policy = JSON.parse(key.policy);

    test("a symmetric key with rotation in the management account, with an alias, in every Region", () => {
      for (const region of REGIONS) {
        const regionJson = auditManagerIn(create, region);
        expect(resources(regionJson, "aws_kms_key").audit_manager).toMatchObject({ provider: "aws.management", customer_master_key_spec: "SYMMETRIC_DEFAULT", key_usage: "ENCRYPT_DECRYPT", enable_key_rotation: true, deletion_window_in_days: 30 });
        expect(resources(regionJson, "aws_kms_alias").audit_manager).toMatchObject({ name: "alias/audit-manager", target_key_id: "${aws_kms_key.audit_manager.key_id}" });
      }
    });

    test("the registration sends the created key's ARN", () => {
      expect(registration(json).kms_key).toBe("${aws_kms_key.audit_manager.arn}");
      expect(json.output.audit_manager_kms_key_arn.value).toBe("${aws_kms_key.audit_manager.arn}");
    });

    test("key policy: the owning account's root keeps full control, so the key stays manageable", () => {
      expect(policy.Statement[0]).toEqual({ Sid: "KeyAdministrationByTheOwningAccount", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` }, Action: "kms:*", Resource: "*" });
    });

    test("key policy: the delegated administrator uses the key only through Audit Manager in this Region", () => {
      expect(policy.Statement[1]).toEqual({
        Sid: "DelegatedAdministratorUsesTheKeyThroughAuditManager",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${DELEGATED_ADMIN}:root` },
        Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:DescribeKey"],
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": "auditmanager.eu-west-1.amazonaws.com" } },
      });
    });

    test("key policy: grants only through Audit Manager in this Region and only for AWS resources", () => {
      expect(policy.Statement[2]).toEqual({
        Sid: "AuditManagerGrantsForAwsResourcesOnly",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${DELEGATED_ADMIN}:root` },
        Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": "auditmanager.eu-west-1.amazonaws.com" }, Bool: { "kms:GrantIsForAWSResource": "true" } },
      });
    });

    test("key policy: nothing else, and no aws:SourceAccount / aws:SourceArn (Audit Manager does not support them)", () => {
      expect(policy.Statement).toHaveLength(3);
      expect(key.policy).not.toMatch(/aws:Source(Account|Arn)/);
    });

    test("key policy principals are built from the partition, never arn:aws literally", () => {
      const other = auditManagerKeyPolicy({ partition: "aws-us-gov", region: "us-gov-west-1", owningAccountId: MANAGEMENT, delegatedAdministratorAccountId: DELEGATED_ADMIN });
      expect(other.Statement.map((s) => s.Principal.AWS)).toEqual([`arn:aws-us-gov:iam::${MANAGEMENT}:root`, `arn:aws-us-gov:iam::${DELEGATED_ADMIN}:root`, `arn:aws-us-gov:iam::${DELEGATED_ADMIN}:root`]);
    });

    test("the key cannot be destroyed while Audit Manager stays registered; opting in to deregistration allows it", () => {
      expect(key.lifecycle).toEqual({ prevent_destroy: true });
      const optedIn = auditManagerIn(withAuditManager((am) => { am.kmsKey = { type: "create" }; am.deregisterOnDestroy = true; }), "eu-west-1");
      expect(resources(optedIn, "aws_kms_key").audit_manager.lifecycle).toEqual({ prevent_destroy: false });
    });

    test("a custom alias", () => {
      const custom = auditManagerIn(withAuditManager((am) => { am.kmsKey = { type: "create", alias: "alias/compliance/audit-manager" }; }), "us-east-1");
      expect(resources(custom, "aws_kms_alias").audit_manager.name).toBe("alias/compliance/audit-manager");
    });
  });

  test("existing: each Region's registration sends that Region's key ARN", () => {
    const keyArns = { "us-east-1": keyArn("us-east-1"), "us-west-2": keyArn("us-west-2", "333333333333"), "eu-west-1": keyArn("eu-west-1") };
    const existing = withAuditManager((am) => { am.kmsKey = { type: "existing", keyArns }; });
    for (const [region, arn] of Object.entries(keyArns)) {
      const json = auditManagerIn(existing, region);
      expect(registration(json).kms_key).toBe(arn);
      expect(json.output.audit_manager_kms_key_arn.value).toBe(arn);
      expect(resources(json, "aws_kms_key")).toEqual({});
    }
  });
});

describe("adoption", () => {
  const importBlock = (region: string) => ({ to: "aws_auditmanager_account_registration.audit_manager", id: region, provider: "aws.management" });

  test("off (default): no import block in any Region", () => {
    for (const region of REGIONS) {
      const json = auditManagerIn(exampleInput(), region);
      expect(json.import).toBeUndefined();
      expect(registration(json).lifecycle).toBeUndefined();
    }
  });

  test("per Region: an import block (ID = the Region) exactly in the adopted Regions", () => {
    const adopting = withAuditManager((am) => { am.adopt = ["us-west-2"]; });
    expect(imports(auditManagerIn(adopting, "us-west-2"))).toEqual([importBlock("us-west-2")]);
    expect(imports(auditManagerIn(adopting, "us-east-1"))).toEqual([]);
    expect(imports(auditManagerIn(adopting, "eu-west-1"))).toEqual([]);
  });

  test('"all": an import block in every managed Region, none in an excluded one', () => {
    const synthesized = synthInput(withAuditManager((am, input) => { am.adopt = "all"; input.regions.push("sa-east-1"); am.excludedRegions = ["sa-east-1"]; }));
    for (const region of REGIONS) expect(imports(synthesized.stack(`region-${region}`).json)).toEqual([importBlock(region)]);
    expect(imports(synthesized.stack("region-sa-east-1").json)).toEqual([]);
  });

  test("an adopted registration keeps AWS's delegated administrator and key, so the first apply sends nothing", () => {
    const adopting = withAuditManager((am) => { am.adopt = ["us-west-2"]; });
    const adopted = registration(auditManagerIn(adopting, "us-west-2"));
    expect(adopted.lifecycle).toEqual({ ignore_changes: ["delegated_admin_account", "kms_key"] });
    expect(adopted.delegated_admin_account).toBe(DELEGATED_ADMIN);
    expect(registration(auditManagerIn(adopting, "us-east-1")).lifecycle).toBeUndefined();
  });
});

describe("the delegated administrator change guard", () => {
  test("a stated two-step change synthesizes, registering the new account", () => {
    const changing = withAuditManager((am, input) => { newDelegatedAdministrator(input); am.delegatedAdministratorChange = { from: DELEGATED_ADMIN, to: "333333333333" }; });
    expect(registration(auditManagerIn(changing, "eu-west-1")).delegated_admin_account).toBe("333333333333");
  });

  test('"none" registered today: the first designation needs no change statement', () => {
    expect(problems(withAuditManager((am) => { am.currentDelegatedAdministrator = "none"; }))).toEqual([]);
  });
});

describe("validation reports each problem with its field, value and fix", () => {
  test("a configured Region outside Audit Manager's 12 that is not excluded", () => {
    expect(problems(withAuditManager((_am, input) => { input.regions.push("sa-east-1"); }))).toEqual([
      expect.stringMatching(/^regions\[3\]: "sa-east-1" is not an Audit Manager Region \(Audit Manager exists only in us-east-1, .*\); allowed: add "sa-east-1" to auditManager\.excludedRegions so the other capabilities still deploy there, remove it from regions, or set auditManager\.enabled to false$/),
    ]);
  });

  test("an excluded Region that is not configured", () => {
    expect(problems(withAuditManager((am) => { am.excludedRegions = ["ap-south-1"]; }))).toEqual([
      'auditManager.excludedRegions[0]: "ap-south-1" is not in regions; allowed: one of us-east-1, us-west-2, eu-west-1, or remove it from auditManager.excludedRegions',
    ]);
  });

  test("the management-account warning not acknowledged", () => {
    expect(problems(withAuditManager((am) => { delete am.acknowledgeManagementAccountStopsAssessments; }))).toEqual([
      `auditManager.acknowledgeManagementAccountStopsAssessments: is missing; it acknowledges that designating ${DELEGATED_ADMIN} as Audit Manager delegated administrator stops the management account ${MANAGEMENT} from creating assessments and stops evidence collection for the assessments it created (Setting up AWS Audit Manager, "Warning"); allowed: true — set "auditManager": { "acknowledgeManagementAccountStopsAssessments": true } once those assessments are no longer needed`,
    ]);
    expect(problems(withAuditManager((am) => { am.acknowledgeManagementAccountStopsAssessments = false; }))).toEqual([
      expect.stringMatching(/^auditManager\.acknowledgeManagementAccountStopsAssessments: false is not true; it acknowledges that designating 222222222222 .* stops the management account 111111111111 from creating assessments and stops evidence collection/),
    ]);
  });

  test("the delegated administrator registered today not stated", () => {
    expect(problems(withAuditManager((am) => { delete am.currentDelegatedAdministrator; }))).toEqual([
      expect.stringMatching(/^auditManager\.currentDelegatedAdministrator: is missing; .*allowed: the account "aws auditmanager get-organization-admin-account" shows \(e\.g\. "222222222222"\), or "none"/),
    ]);
  });

  test("a current delegated administrator that is not an account ID", () => {
    expect(problems(withAuditManager((am) => { am.currentDelegatedAdministrator = "22"; }))).toEqual([
      'auditManager.currentDelegatedAdministrator: "22" is not an account ID or "none"; allowed: the 12-digit account Audit Manager has as delegated administrator today, or "none"',
    ]);
  });

  test("a delegated administrator change without the two-step statement fails at synthesis", () => {
    expect(problems(withAuditManager((_am, input) => newDelegatedAdministrator(input)))).toEqual([
      'auditManager.currentDelegatedAdministrator: "222222222222" is the delegated administrator registered in AWS, not "333333333333" (accounts.delegatedAdministrator.accountId); AWS cannot change it in place ("Cannot change delegated Admin for an active account"); allowed: set accounts.delegatedAdministrator.accountId back to "222222222222", or state the two-step change (docs/changing-the-delegated-administrator.md) with "delegatedAdministratorChange": { "from": "222222222222", "to": "333333333333" }',
    ]);
  });

  test("a change statement that does not match the accounts", () => {
    expect(problems(withAuditManager((am, input) => {
      newDelegatedAdministrator(input);
      am.delegatedAdministratorChange = { from: "444444444444", to: "555555555555" };
    }))).toEqual([
      'auditManager.delegatedAdministratorChange.from: "444444444444" is not the current delegated administrator "222222222222"; allowed: "222222222222"',
      'auditManager.delegatedAdministratorChange.to: "555555555555" is not accounts.delegatedAdministrator.accountId "333333333333"; allowed: "333333333333"',
    ]);
  });

  test("a change statement left behind after the change", () => {
    expect(problems(withAuditManager((am) => { am.delegatedAdministratorChange = { from: "333333333333", to: DELEGATED_ADMIN }; }))).toEqual([
      'auditManager.delegatedAdministratorChange: {"from":"333333333333","to":"222222222222"} is not needed: currentDelegatedAdministrator is "222222222222" and no change is pending; allowed: remove auditManager.delegatedAdministratorChange',
    ]);
  });

  test("adoption during a delegated administrator change", () => {
    expect(problems(withAuditManager((am, input) => {
      newDelegatedAdministrator(input);
      am.delegatedAdministratorChange = { from: DELEGATED_ADMIN, to: "333333333333" };
      am.adopt = ["eu-west-1"];
    }))).toEqual([
      expect.stringMatching(/^auditManager\.adopt: \["eu-west-1"\] adopts registrations whose delegated administrator is "222222222222", not "333333333333"; adoption keeps AWS's delegated administrator, so the change would never be sent; allowed: .*remove eu-west-1 from auditManager\.adopt/),
    ]);
  });

  test("adoption together with a key to create", () => {
    expect(problems(withAuditManager((am) => { am.adopt = "all"; am.kmsKey = { type: "create" }; }))).toEqual([
      expect.stringMatching(/^auditManager\.adopt: "all" adopts registrations while kmsKey\.type is "create"; adoption keeps the key AWS has/),
    ]);
  });

  test("adoption of a Region where Audit Manager is not managed", () => {
    expect(problems(withAuditManager((am) => { am.adopt = ["us-west-2", "ap-south-1"]; }))).toEqual([
      'auditManager.adopt[1]: "ap-south-1" is not a Region where Audit Manager is managed; allowed: one of us-east-1, us-west-2, eu-west-1',
    ]);
  });

  test("a managed Region neither active nor adopted: AWS would refuse its registration, so synthesis does, quoting AWS", () => {
    expect(problems(withAuditManager((am) => { am.activeRegions = ["us-east-1"]; am.adopt = ["us-west-2"]; }))).toEqual([
      'auditManager.activeRegions: does not name eu-west-1, so the deploy would register Audit Manager there, and AWS refuses that wherever it is not already active: ' +
        '"ValidationException: AWS Audit Manager is now in maintenance mode. As of April 30, 2026, you cannot enable Audit Manager for new accounts or in additional AWS Regions. We will continue to support existing Audit Manager accounts in current Regions."; ' +
        'allowed: add each Region where "aws auditmanager get-account-status --region <region>" shows ACTIVE to auditManager.activeRegions (or to auditManager.adopt when this project did not register it), and list the others in auditManager.excludedRegions',
    ]);
  });

  test("activeRegions omitted: every managed Region that is not adopted is named", () => {
    expect(problems(withAuditManager((am) => { delete am.activeRegions; am.adopt = ["us-east-1"]; }))).toEqual([expect.stringMatching(/^auditManager\.activeRegions: does not name us-west-2, eu-west-1, so the deploy would register/)]);
  });

  test("adopting every managed Region needs no activeRegions: an import registers nothing", () => {
    expect(problems(withAuditManager((am) => { delete am.activeRegions; am.adopt = "all"; }))).toEqual([]);
  });

  test("an excluded Region needs no statement: nothing is registered there", () => {
    expect(problems(withAuditManager((am) => { am.activeRegions = ["us-east-1", "us-west-2"]; am.excludedRegions = ["eu-west-1"]; }))).toEqual([]);
  });

  test("activeRegions naming a Region where Audit Manager is not managed", () => {
    expect(problems(withAuditManager((am) => { am.activeRegions = ["us-east-1", "us-west-2", "eu-west-1", "ap-south-1"]; }))).toEqual([
      'auditManager.activeRegions[3]: "ap-south-1" is not a Region where Audit Manager is managed; allowed: one of us-east-1, us-west-2, eu-west-1',
    ]);
  });

  test("adoption that is neither \"all\" nor a list", () => {
    expect(problems(withAuditManager((am) => { am.adopt = "some"; }))).toEqual(['auditManager.adopt: "some" is not "all" or a list of Regions; allowed: "all", or e.g. ["us-east-1"]']);
  });

  test("an unknown key choice", () => {
    expect(problems(withAuditManager((am) => { am.kmsKey = { type: "aws-managed" }; }))).toEqual(['auditManager.kmsKey.type: "aws-managed" is not a key choice; allowed: "awsOwned", "create", "existing"']);
  });

  test("an alias AWS reserves", () => {
    expect(problems(withAuditManager((am) => { am.kmsKey = { type: "create", alias: "alias/aws/auditmanager" }; }))).toEqual([
      expect.stringMatching(/^auditManager\.kmsKey\.alias: "alias\/aws\/auditmanager" is not a KMS alias name; allowed: .*not starting with "alias\/aws\/"/),
    ]);
  });

  describe("existing key ARNs", () => {
    const existing = (keyArns: Record<string, string>) => withAuditManager((am) => { am.kmsKey = { type: "existing", keyArns }; });
    const all = { "us-east-1": keyArn("us-east-1"), "us-west-2": keyArn("us-west-2"), "eu-west-1": keyArn("eu-west-1") };

    test("a managed Region without a key", () => {
      expect(problems(existing({ "us-east-1": keyArn("us-east-1") }))).toEqual([
        "auditManager.kmsKey.keyArns: has no key for us-west-2, eu-west-1; allowed: one key ARN for each Region Audit Manager is managed in (us-east-1, us-west-2, eu-west-1)",
      ]);
    });

    test("a key in another Region than the one it is listed for", () => {
      expect(problems(existing({ ...all, "us-west-2": keyArn("us-east-1") }))).toEqual([
        `auditManager.kmsKey.keyArns.us-west-2: "${keyArn("us-east-1")}" is a key in us-east-1, not us-west-2; allowed: a key in us-west-2 (Audit Manager needs the key in its own Region)`,
      ]);
    });

    test("a key in another partition", () => {
      const arn = keyArn("eu-west-1").replace("arn:aws:", "arn:aws-us-gov:");
      expect(problems(existing({ ...all, "eu-west-1": arn }))).toEqual([
        `auditManager.kmsKey.keyArns.eu-west-1: "${arn}" is in partition aws-us-gov, not aws; allowed: a key ARN starting "arn:aws:kms:"`,
      ]);
    });

    test("an account that is not 12 digits, or an alias ARN", () => {
      expect(problems(existing({ ...all, "us-east-1": "arn:aws:kms:us-east-1:1111:key/1234abcd-12ab-34cd-56ef-1234567890ab", "eu-west-1": `arn:aws:kms:eu-west-1:${MANAGEMENT}:alias/audit` }))).toEqual([
        expect.stringMatching(/^auditManager\.kmsKey\.keyArns\.us-east-1: "arn:aws:kms:us-east-1:1111:key\/.*" is not a KMS key ARN; allowed: "arn:<partition>:kms:<region>:<12-digit account>:key\/<key ID>"/),
        expect.stringMatching(/^auditManager\.kmsKey\.keyArns\.eu-west-1: "arn:aws:kms:eu-west-1:111111111111:alias\/audit" is not a KMS key ARN/),
      ]);
    });

    test("a key for a Region where Audit Manager is not managed", () => {
      expect(problems(existing({ ...all, "ap-south-1": keyArn("ap-south-1") }))).toEqual([
        'auditManager.kmsKey.keyArns.ap-south-1: "ap-south-1" is not a Region where Audit Manager is managed; allowed: us-east-1, us-west-2, eu-west-1',
      ]);
    });
  });

  test("auditManager.enabled false: none of the Audit Manager rules apply", () => {
    expect(problems(withAuditManager((am, input) => {
      am.enabled = false;
      delete am.acknowledgeManagementAccountStopsAssessments;
      delete am.currentDelegatedAdministrator;
      input.regions.push("sa-east-1");
    }))).toEqual([]);
  });
});
