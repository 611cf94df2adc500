/**
 * npm run doctor against AWS SDK client mocks (aws-sdk-client-mock): a healthy organization, each
 * failure it detects, and the guarantee that it only reads.
 */
import { AuditManagerClient, GetAccountStatusCommand, GetAssessmentCommand, GetOrganizationAdminAccountCommand, GetSettingsCommand, ListAssessmentsCommand } from "@aws-sdk/client-auditmanager";
import { CloudFormationClient, DescribeOrganizationsAccessCommand } from "@aws-sdk/client-cloudformation";
import { ConfigServiceClient, DescribeConfigurationAggregatorsCommand } from "@aws-sdk/client-config-service";
import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { ListOrganizationAdminAccountsCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { GetAWSDefaultServiceQuotaCommand, GetServiceQuotaCommand, ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig } from "../modules/config/load";
import { doctor, exitCodeOf, renderFindings } from "../modules/doctor";
import type { Finding } from "../modules/doctor/checks";
import { ReadError } from "../modules/aws-clients/clients";
import { exampleWithoutAssessments, PROJECT_ROOT } from "./support/project";
import { temporaryDirectory } from "./support/temp";

// The SDK warns on every run under Node 20 that later versions need Node 22; that is not what these tests are about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const sts = mockClient(STSClient);
const organizations = mockClient(OrganizationsClient);
const auditManager = mockClient(AuditManagerClient);
const securityHub = mockClient(SecurityHubClient);
const cloudFormation = mockClient(CloudFormationClient);
const iam = mockClient(IAMClient);
const configService = mockClient(ConfigServiceClient);
const serviceQuotas = mockClient(ServiceQuotasClient);
const mocks = [sts, organizations, auditManager, securityHub, cloudFormation, iam, configService, serviceQuotas];

const PRINCIPALS = ["auditmanager.amazonaws.com", "securityhub.amazonaws.com", "config.amazonaws.com", "config-multiaccountsetup.amazonaws.com", "member.org.stacksets.cloudformation.amazonaws.com"];
// The checks below predate the example's assessment; "assessment audit owners" configures its own.
const config = parseConfig(exampleWithoutAssessments());

/** Every command any mocked client received in this file, for the read-only test at the end. */
const received = new Set<string>();

function healthyOrganization() {
  for (const mock of mocks) mock.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: "111111111111", Arn: "arn:aws:sts::111111111111:assumed-role/Admin/me" });
  sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: "AKIA", SecretAccessKey: "secret", SessionToken: "token", Expiration: new Date(0) } });
  organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: "o-a1b2c3d4e5", MasterAccountId: "111111111111", FeatureSet: "ALL" } });
  organizations.on(DescribeAccountCommand).resolves({ Account: { Id: "222222222222", Name: "audit", Status: "ACTIVE" } });
  organizations.on(ListAWSServiceAccessForOrganizationCommand).resolves({ EnabledServicePrincipals: [...PRINCIPALS, "sso.amazonaws.com"].map((ServicePrincipal) => ({ ServicePrincipal })) });
  organizations.on(ListDelegatedAdministratorsCommand).resolves({ DelegatedAdministrators: [{ Id: "222222222222" }] });
  organizations.on(ListDelegatedServicesForAccountCommand).resolves({ DelegatedServices: PRINCIPALS.map((ServicePrincipal) => ({ ServicePrincipal })) });
  auditManager.on(GetAccountStatusCommand).resolves({ status: "ACTIVE" });
  auditManager.on(GetOrganizationAdminAccountCommand).resolves({ adminAccountId: "222222222222", organizationId: "o-a1b2c3d4e5" });
  // Both accounts' settings as the example configuration leaves them: evidence kept at deregistration, the AWS owned key.
  auditManager.on(GetSettingsCommand).resolves({ settings: { deregistrationPolicy: { deleteResources: "DEFAULT" }, kmsKey: "DEFAULT" } });
  auditManager.on(ListAssessmentsCommand).resolves({ assessmentMetadata: [] });
  // No quota increase applied: GetServiceQuota answers NoSuchResourceException and the default applies (Service Quotas API reference).
  serviceQuotas.on(GetServiceQuotaCommand).rejects(Object.assign(new Error("The request failed because the specified service quota does not exist."), { name: "NoSuchResourceException" }));
  serviceQuotas.on(GetAWSDefaultServiceQuotaCommand, { QuotaCode: "L-BEA222D4" }).resolves({ Quota: { QuotaCode: "L-BEA222D4", Value: 250 } });
  serviceQuotas.on(GetAWSDefaultServiceQuotaCommand, { QuotaCode: "L-92B50F18" }).resolves({ Quota: { QuotaCode: "L-92B50F18", Value: 100 } });
  securityHub.on(ListOrganizationAdminAccountsCommand).resolves({ AdminAccounts: [{ AccountId: "222222222222", Status: "ENABLED" }] });
  cloudFormation.on(DescribeOrganizationsAccessCommand).resolves({ Status: "ENABLED" });
  iam.on(GetRoleCommand).resolves({ Role: { RoleName: "AuditOwner", Arn: "arn:aws:iam::222222222222:role/AuditOwner", Path: "/", RoleId: "AROA", CreateDate: new Date(0) } });
  // The example configuration creates the organization aggregator, so the healthy organization has none yet.
  configService.on(DescribeConfigurationAggregatorsCommand).rejects(Object.assign(new Error("The configuration aggregator does not exist."), { name: "NoSuchConfigurationAggregatorException" }));
}

async function run(input = config) {
  const progress: string[] = [];
  const findings = await doctor(input, (m) => progress.push(m));
  for (const mock of mocks) for (const call of mock.calls()) received.add(call.args[0].constructor.name);
  return { findings, progress };
}

const failures = (findings: Finding[]) => findings.filter((f) => f.status === "fail").map((f) => [f.check, f.scope, f.detail]);

beforeEach(healthyOrganization);

describe("a healthy organization", () => {
  test("every check passes and the exit code is 0", async () => {
    const { findings } = await run();
    expect(failures(findings)).toEqual([]);
    expect(findings.filter((f) => f.status === "warn")).toEqual([]);
    expect(exitCodeOf(findings)).toBe(0);
  });

  test("Audit Manager and Security Hub CSPM are checked in every configured Region", async () => {
    const { findings } = await run();
    expect(findings.filter((f) => f.check === "Audit Manager").map((f) => f.scope)).toEqual(["us-east-1", "us-east-1", "us-west-2", "us-west-2", "eu-west-1", "eu-west-1"]);
    expect(findings.filter((f) => f.check === "Security Hub CSPM administrator").map((f) => f.scope)).toEqual(["us-east-1", "us-west-2", "eu-west-1"]);
    expect(auditManager.commandCalls(GetAccountStatusCommand)).toHaveLength(3);
  });

  test("an excluded Region is not read for Audit Manager: nothing is registered there, so nothing can be refused", async () => {
    const input = exampleWithoutAssessments();
    input.auditManager.excludedRegions = ["eu-west-1"];
    input.auditManager.activeRegions = ["us-east-1", "us-west-2"];
    const { findings } = await run(parseConfig(input));
    expect([...new Set(findings.filter((f) => f.check === "Audit Manager").map((f) => f.scope))]).toEqual(["us-east-1", "us-west-2"]);
    expect(auditManager.commandCalls(GetAccountStatusCommand)).toHaveLength(2);
  });

  test("an ACTIVE Region says whether its registration is adopted (import) or kept (activeRegions)", async () => {
    const input = exampleWithoutAssessments();
    input.auditManager.adopt = ["us-west-2"];
    const { findings } = await run(parseConfig(input));
    const first = (region: string) => findings.find((f) => f.check === "Audit Manager" && f.scope === region)!.detail;
    expect(first("us-west-2")).toBe("ACTIVE: the existing registration is adopted (import)");
    expect(first("us-east-1")).toBe("ACTIVE: the registration is kept (auditManager.activeRegions)");
  });

  test("trusted-access principals enabled outside this project are listed as kept", async () => {
    const { findings } = await run();
    expect(findings).toContainEqual(expect.objectContaining({ check: "trusted access", status: "info", detail: "also enabled, and kept: sso.amazonaws.com" }));
  });

  test("progress is reported while it works", async () => {
    const { progress } = await run();
    expect(progress).toEqual([
      "checking caller is the management account…",
      "checking organization…",
      "checking delegated administrator is a member…",
      "checking trusted access…",
      "checking delegated administrators…",
      "checking Audit Manager in 3 Regions…",
      "checking Audit Manager settings in 3 Regions…",
      "checking Security Hub CSPM administrator in 3 Regions…",
      "checking CloudFormation organizations access…",
      "checking AWS Config organization aggregator…",
    ]);
  });

  test("the table has one row per finding and ends with the verdict", async () => {
    const table = renderFindings((await run()).findings);
    expect(table.split("\n")[0]).toMatch(/^STATUS +CHECK +WHERE +RESULT$/);
    expect(table).toContain("OK      Audit Manager");
    expect(table.trimEnd().split("\n").pop()).toBe("Nothing found that would make the deploy fail.");
  });

  test("with accounts.management.assumeRole it assumes that role first", async () => {
    const input = exampleWithoutAssessments();
    input.accounts.management.assumeRole = { roleArn: "arn:aws:iam::111111111111:role/TerraformDeploy", externalId: "ci-1" };
    await run(parseConfig(input));
    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input).toEqual({ RoleArn: "arn:aws:iam::111111111111:role/TerraformDeploy", RoleSessionName: "audit-manager-terraform", ExternalId: "ci-1" });
  });
});

describe("each failure it detects, with a fix and exit code 1", () => {
  async function failing() {
    const { findings } = await run();
    expect(exitCodeOf(findings)).toBe(1);
    const failed = findings.filter((f) => f.status === "fail");
    for (const f of failed) expect(f.fix).toBeTruthy();
    return failed;
  }

  test("credentials of another account: reported, and nothing else is checked", async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: "333333333333", Arn: "arn:aws:sts::333333333333:assumed-role/Dev/me" });
    const failed = await failing();
    expect(failed.map((f) => f.check)).toEqual(["caller is the management account"]);
    expect(organizations.calls()).toHaveLength(0);
  });

  test("another organization, another management account", async () => {
    organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: "o-zzzzzzzzzz", MasterAccountId: "999999999999", FeatureSet: "ALL" } });
    expect((await failing()).map((f) => f.detail)).toEqual([
      "the credentials' organization is o-zzzzzzzzzz, the configuration names o-a1b2c3d4e5",
      "the management account is 999999999999, not 111111111111",
    ]);
  });

  test("all features not enabled", async () => {
    organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: "o-a1b2c3d4e5", MasterAccountId: "111111111111", FeatureSet: "CONSOLIDATED_BILLING" } });
    expect((await failing())[0].fix).toContain("enable all features");
  });

  test("the delegated administrator is not a member", async () => {
    organizations.on(DescribeAccountCommand).rejects(Object.assign(new Error("not found"), { name: "AccountNotFoundException" }));
    expect((await failing()).map((f) => f.detail)).toEqual(["222222222222 is not in the organization"]);
  });

  test("the delegated administrator account is suspended", async () => {
    organizations.on(DescribeAccountCommand).resolves({ Account: { Id: "222222222222", Status: "SUSPENDED" } });
    expect((await failing()).map((f) => f.detail)).toEqual(["222222222222 is SUSPENDED"]);
  });

  test("another account is Security Hub CSPM's delegated administrator in AWS Organizations", async () => {
    organizations.on(ListDelegatedAdministratorsCommand).resolves({ DelegatedAdministrators: [{ Id: "222222222222" }, { Id: "444444444444" }] });
    organizations.on(ListDelegatedServicesForAccountCommand, { AccountId: "222222222222" }).resolves({ DelegatedServices: PRINCIPALS.filter((p) => p !== "securityhub.amazonaws.com").map((ServicePrincipal) => ({ ServicePrincipal })) });
    organizations.on(ListDelegatedServicesForAccountCommand, { AccountId: "444444444444" }).resolves({ DelegatedServices: [{ ServicePrincipal: "securityhub.amazonaws.com" }] });
    expect((await failing()).map((f) => [f.check, f.detail.split(";")[0]])).toEqual([["delegated administrators", "securityhub.amazonaws.com: 444444444444 is registered"]]);
  });

  test("Audit Manager not active in a Region: maintenance mode allows no new registration", async () => {
    auditManager.on(GetAccountStatusCommand).callsFake(async (_input, getClient) => ({ status: (await getClient().config.region()) === "eu-west-1" ? "INACTIVE" : "ACTIVE" }));
    const failedRegions = async () => (await failing()).map((f) => [f.scope, f.detail.split(":")[0]]);
    expect(await failedRegions()).toEqual([["eu-west-1", "INACTIVE"]]);
  });

  test("Audit Manager not active: the failure quotes AWS's maintenance-mode error and says to exclude the Region", async () => {
    auditManager.on(GetAccountStatusCommand).callsFake(async (_input, getClient) => ({ status: (await getClient().config.region()) === "eu-west-1" ? "INACTIVE" : "ACTIVE" }));
    const [failed] = await failing();
    expect(failed.detail).toBe(
      'INACTIVE: Audit Manager is not active here, and AWS refuses to register it: "ValidationException: AWS Audit Manager is now in maintenance mode. As of April 30, 2026, you cannot enable Audit Manager for new accounts or in additional AWS Regions. We will continue to support existing Audit Manager accounts in current Regions."',
    );
    expect(failed.fix).toBe("list eu-west-1 in auditManager.excludedRegions (Security Hub CSPM and Config still deploy there), or remove it from regions");
  });

  test("Audit Manager's delegated administrator is another account", async () => {
    auditManager.on(GetOrganizationAdminAccountCommand).resolves({ adminAccountId: "444444444444" });
    const failed = await failing();
    expect(failed.map((f) => f.scope)).toEqual(["us-east-1", "us-west-2", "eu-west-1"]);
    expect(failed[0].fix).toBe("deregister 444444444444 in Audit Manager's settings in us-east-1, or set accounts.delegatedAdministrator.accountId to 444444444444");
  });

  test("Security Hub CSPM's administrator is another account", async () => {
    securityHub.on(ListOrganizationAdminAccountsCommand).resolves({ AdminAccounts: [{ AccountId: "444444444444", Status: "ENABLED" }] });
    expect((await failing()).map((f) => [f.check, f.scope])).toEqual([
      ["Security Hub CSPM administrator", "us-east-1"],
      ["Security Hub CSPM administrator", "us-west-2"],
      ["Security Hub CSPM administrator", "eu-west-1"],
    ]);
  });

  test("CloudFormation organizations access not activated, which no Terraform resource does", async () => {
    cloudFormation.on(DescribeOrganizationsAccessCommand).resolves({ Status: "DISABLED" });
    const [failed] = await failing();
    expect(failed.scope).toBe("us-east-1");
    expect(failed.fix).toContain("aws cloudformation activate-organizations-access");
  });

  test("a refused call names the IAM action to allow", async () => {
    organizations.on(ListAWSServiceAccessForOrganizationCommand).rejects(Object.assign(new Error("no"), { name: "AccessDeniedException" }));
    const [failed] = await failing();
    expect(failed.detail).toBe("organizations:ListAWSServiceAccessForOrganization: AccessDeniedException: no");
    expect(failed.fix).toBe("allow organizations:ListAWSServiceAccessForOrganization for these credentials (read-only)");
  });
});

describe("warnings", () => {
  test.each([
    ["an empty answer", () => auditManager.on(GetOrganizationAdminAccountCommand).resolves({})],
    ["ResourceNotFoundException", () => auditManager.on(GetOrganizationAdminAccountCommand).rejects(Object.assign(new Error("none"), { name: "ResourceNotFoundException" }))],
  ])("no Audit Manager delegated administrator yet (%s): the deploy designates it and the management account's assessments stop (Setting up AWS Audit Manager, Warning)", async (_, answer) => {
    answer();
    const { findings } = await run();
    expect(exitCodeOf(findings)).toBe(0);
    const warnings = findings.filter((f) => f.status === "warn");
    expect(warnings.map((f) => f.scope)).toEqual(["us-east-1", "us-west-2", "eu-west-1"]);
    expect(warnings[0].detail).toContain("the management account creates no assessments");
  });
});

describe("Audit Manager settings", () => {
  test("in sync in every managed Region: one ok row per Region", async () => {
    const { findings } = await run();
    expect(findings.filter((f) => f.check === "Audit Manager settings").map((f) => [f.scope, f.status])).toEqual([
      ["us-east-1", "ok"],
      ["us-west-2", "ok"],
      ["eu-west-1", "ok"],
    ]);
  });

  test("drift is a warning per setting with npm run settings -- --apply as the fix, and the exit code stays 0", async () => {
    auditManager.on(GetSettingsCommand).resolves({ settings: { deregistrationPolicy: { deleteResources: "ALL" }, kmsKey: "DEFAULT" } });
    const { findings } = await run();
    const drift = findings.filter((f) => f.check === "Audit Manager settings");
    expect(drift.map((f) => [f.scope, f.status, f.detail, f.fix])).toEqual(
      ["us-east-1", "us-west-2", "eu-west-1"].map((region) => [region, "warn", "deregistrationPolicy is ALL; the configuration says DEFAULT", "npm run settings -- --apply (after cdktf deploy)"]),
    );
    expect(exitCodeOf(findings)).toBe(0);
  });

  test("the delegated administrator's settings are read with the credentials of the role Terraform assumes there, assumed once; the registration's key with the management account's", async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: "ASIADELEGATED", SecretAccessKey: "secret", SessionToken: "token", Expiration: new Date(0) } });
    const reached: string[] = [];
    auditManager.on(GetSettingsCommand).callsFake(async (_input, getClient) => {
      const client = getClient();
      // The management account's clients have no credentials in this test: the ambient chain finds none.
      const who = await client.config.credentials().then((c) => c.accessKeyId, () => "ambient");
      reached.push(`${await client.config.region()} ${who}`);
      return { settings: { deregistrationPolicy: { deleteResources: "DEFAULT" }, kmsKey: "DEFAULT" } };
    });
    await run();
    expect(reached.sort()).toEqual(["eu-west-1 ASIADELEGATED", "eu-west-1 ambient", "us-east-1 ASIADELEGATED", "us-east-1 ambient", "us-west-2 ASIADELEGATED", "us-west-2 ambient"]);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
  });
});

describe("assessment audit owners", () => {
  const withAssessments = parseConfig({
    ...exampleWithoutAssessments(),
    auditManager: {
      ...exampleWithoutAssessments().auditManager,
      assessments: [{ name: "pci-dss", framework: "Payment Card Industry Data Security Standard (PCI DSS) v4.0", processOwnerRoleArns: ["arn:aws:iam::222222222222:role/AuditOwner", "arn:aws:iam::222222222222:role/audit/Missing"], accounts: "organization" }],
    },
  });

  test("each role is read with iam:GetRole in the delegated administrator account, through the role Terraform assumes there", async () => {
    const { findings } = await run(withAssessments);
    expect(findings.filter((f) => f.check === "assessment audit owners" && f.status === "ok").map((f) => f.detail)).toEqual([
      "arn:aws:iam::222222222222:role/AuditOwner exists in 222222222222",
      "arn:aws:iam::222222222222:role/audit/Missing exists in 222222222222",
    ]);
    expect(sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input.RoleArn)).toContain("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole");
    expect(iam.commandCalls(GetRoleCommand).map((call) => call.args[0].input.RoleName)).toEqual(["AuditOwner", "Missing"]);
  });

  test("a role that does not exist fails, naming the field to correct", async () => {
    iam.on(GetRoleCommand, { RoleName: "Missing" }).rejects(Object.assign(new Error("not found"), { name: "NoSuchEntityException" }));
    const { findings } = await run(withAssessments);
    const [missing] = findings.filter((f) => f.status === "fail");
    expect(missing).toMatchObject({ check: "assessment audit owners", scope: "organization" });
    expect(missing.detail).toBe("arn:aws:iam::222222222222:role/audit/Missing does not exist in the delegated administrator account 222222222222; CreateAssessment would fail");
    expect(missing.fix).toBe("create the role in 222222222222, or correct auditManager.assessments[0].processOwnerRoleArns[1]");
    expect(exitCodeOf(findings)).toBe(1);
  });

  test("without assessments no role is read", async () => {
    await run();
    expect(iam.commandCalls(GetRoleCommand)).toEqual([]);
  });
});

describe("Audit Manager assessment quotas", () => {
  const CHECK = "Audit Manager assessment quotas";
  /** The example configuration with one organization-wide entry of `shards` assessments in every Region. */
  const withShards = (shards: number) =>
    parseConfig({
      ...exampleWithoutAssessments(),
      auditManager: {
        ...exampleWithoutAssessments().auditManager,
        assessments: [{ name: "pci-dss", framework: "Payment Card Industry Data Security Standard (PCI DSS) v4.0", processOwnerRoleArns: ["arn:aws:iam::222222222222:role/AuditOwner"], accounts: "organization", shards }],
      },
    });
  /** Two ACTIVE assessments whose scopes share account 100000000002. */
  function twoRunningAssessments() {
    auditManager.on(ListAssessmentsCommand).resolvesOnce({ assessmentMetadata: [{ id: "a-1", status: "ACTIVE" }], nextToken: "page-2" }).resolves({ assessmentMetadata: [{ id: "a-2", status: "ACTIVE" }] });
    auditManager.on(GetAssessmentCommand, { assessmentId: "a-1" }).resolves({ assessment: { metadata: { scope: { awsAccounts: [{ id: "100000000001" }, { id: "100000000002" }] } } } });
    auditManager.on(GetAssessmentCommand, { assessmentId: "a-2" }).resolves({ assessment: { metadata: { scope: { awsAccounts: [{ id: "100000000002" }, { id: "100000000003" }] } } } });
  }
  const quotaFindings = (findings: Finding[]) => findings.filter((f) => f.check === CHECK);

  test("shows each quota's usage per Region: distinct accounts in the ACTIVE assessments' scopes, and running assessments beside the configured ones", async () => {
    twoRunningAssessments();
    const { findings } = await run(withShards(2));
    const inUsEast1 = quotaFindings(findings).filter((f) => f.scope === "us-east-1");
    expect(inUsEast1.map((f) => [f.status, f.detail])).toEqual([
      ["ok", 'L-BEA222D4 "Accounts in scope across all assessments": 3 of 250 in use in 222222222222'],
      ["ok", 'L-92B50F18 "Running assessments": 2 of 100 in use in 222222222222; the configuration runs 2 here'],
    ]);
    expect(quotaFindings(findings).map((f) => f.scope)).toEqual(["us-east-1", "us-east-1", "us-west-2", "us-west-2", "eu-west-1", "eu-west-1"]);
  });

  test("reads ListAssessments with status ACTIVE and its largest page (1000), following nextToken", async () => {
    twoRunningAssessments();
    await run(withShards(1));
    // The Regions are read side by side, so their calls interleave.
    const inputs = auditManager.commandCalls(ListAssessmentsCommand).map((call) => call.args[0].input);
    expect(inputs.every((input) => input.status === "ACTIVE")).toBe(true);
    expect(inputs).toContainEqual({ status: "ACTIVE", maxResults: 1000, nextToken: "page-2" });
  });

  test("an applied quota (GetServiceQuota) is used instead of the default", async () => {
    serviceQuotas.on(GetServiceQuotaCommand, { QuotaCode: "L-BEA222D4" }).resolves({ Quota: { QuotaCode: "L-BEA222D4", Value: 1000 } });
    const { findings } = await run(withShards(1));
    expect(quotaFindings(findings)[0].detail).toBe('L-BEA222D4 "Accounts in scope across all assessments": 0 of 1000 in use in 222222222222');
    expect(serviceQuotas.commandCalls(GetAWSDefaultServiceQuotaCommand).map((call) => call.args[0].input.QuotaCode)).not.toContain("L-BEA222D4");
  });

  test("quotas and assessments are read in the delegated administrator account, through the role Terraform assumes there", async () => {
    await run(withShards(1));
    expect(sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input.RoleArn)).toContain("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole");
    const credentials = await serviceQuotas.commandCalls(GetServiceQuotaCommand)[0].thisValue.config.credentials();
    expect(credentials).toMatchObject({ accessKeyId: "AKIA", sessionToken: "token" });
    expect(serviceQuotas.commandCalls(GetServiceQuotaCommand)[0].args[0].input).toEqual({ ServiceCode: "auditmanager", QuotaCode: "L-BEA222D4" });
  });

  test("more configured assessments than the Running assessments quota fails, with the increase to request", async () => {
    serviceQuotas.on(GetAWSDefaultServiceQuotaCommand, { QuotaCode: "L-92B50F18" }).resolves({ Quota: { QuotaCode: "L-92B50F18", Value: 3 } });
    const { findings } = await run(withShards(4));
    const failed = findings.filter((f) => f.status === "fail");
    expect(failed.map((f) => [f.check, f.scope])).toEqual([
      [CHECK, "us-east-1"],
      [CHECK, "us-west-2"],
      [CHECK, "eu-west-1"],
    ]);
    expect(failed[0].detail).toBe('L-92B50F18 "Running assessments": 0 of 3 in use in 222222222222; the configuration runs 4 here, more than the quota: the plan stops');
    expect(failed[0].fix).toContain("aws service-quotas request-service-quota-increase --service-code auditmanager --quota-code L-92B50F18 --desired-value 4 --region us-east-1");
    expect(exitCodeOf(findings)).toBe(1);
  });

  test("accounts in scope at the quota already: a warning, since no assessment can take in another account", async () => {
    twoRunningAssessments();
    serviceQuotas.on(GetAWSDefaultServiceQuotaCommand, { QuotaCode: "L-BEA222D4" }).resolves({ Quota: { QuotaCode: "L-BEA222D4", Value: 3 } });
    const { findings } = await run(withShards(1));
    const [warning] = findings.filter((f) => f.status === "warn");
    expect(warning).toMatchObject({ check: CHECK, scope: "us-east-1", detail: 'L-BEA222D4 "Accounts in scope across all assessments": 3 of 3 in use in 222222222222: no assessment can take in another account' });
    expect(warning.fix).toContain("https://console.aws.amazon.com/servicequotas/home/services/auditmanager/quotas/L-BEA222D4");
  });

  test("without assessments no quota is read", async () => {
    await run();
    expect(serviceQuotas.calls()).toEqual([]);
    expect(auditManager.commandCalls(ListAssessmentsCommand)).toEqual([]);
  });
});

describe("AWS Config organization aggregator", () => {
  const CHECK = "AWS Config organization aggregator";
  const ORGANIZATION_ROLE = "arn:aws:iam::222222222222:role/aws-config-organization-role";
  /** The example configuration with awsConfig.organizationAggregator set to `aggregator`. */
  const withAggregator = (aggregator: Record<string, unknown>) => {
    const input = exampleWithoutAssessments();
    input.awsConfig.organizationAggregator = aggregator;
    return parseConfig(input);
  };
  const adopting = withAggregator({ adopt: true, roleArn: ORGANIZATION_ROLE });
  const existing = (aggregator: Record<string, unknown>) =>
    configService.on(DescribeConfigurationAggregatorsCommand).resolves({ ConfigurationAggregators: [{ ConfigurationAggregatorName: "aws-config-organization", ...aggregator }] });
  const organizationWide = { OrganizationAggregationSource: { RoleArn: ORGANIZATION_ROLE, AllAwsRegions: true } };
  const findingsOf = async (input = config) => (await run(input)).findings.filter((f) => f.check === CHECK);

  test("not adopted and none exists: ok, the deploy creates it", async () => {
    expect(await findingsOf()).toEqual([{ check: CHECK, scope: "us-east-1", status: "ok", detail: "no aggregator aws-config-organization in 222222222222, us-east-1; the deploy creates it" }]);
  });

  test("it reads in the delegated administrator account, home Region, with the credentials of the role Terraform assumes there", async () => {
    const DELEGATED_ADMINISTRATOR_ROLE = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole";
    sts.on(AssumeRoleCommand, { RoleArn: DELEGATED_ADMINISTRATOR_ROLE }).resolves({ Credentials: { AccessKeyId: "ASIADELEGATED", SecretAccessKey: "secret", SessionToken: "token", Expiration: new Date(0) } });
    const reached: { region: string; accessKeyId: string }[] = [];
    configService.on(DescribeConfigurationAggregatorsCommand).callsFake(async (_input, getClient) => {
      const client = getClient();
      reached.push({ region: await client.config.region(), accessKeyId: (await client.config.credentials()).accessKeyId });
      return {};
    });
    await run();
    expect(sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input)).toEqual([{ RoleArn: DELEGATED_ADMINISTRATOR_ROLE, RoleSessionName: "audit-manager-terraform", ExternalId: undefined }]);
    expect(configService.commandCalls(DescribeConfigurationAggregatorsCommand).map((call) => call.args[0].input)).toEqual([{ ConfigurationAggregatorNames: ["aws-config-organization"] }]);
    expect(reached).toEqual([{ region: "us-east-1", accessKeyId: "ASIADELEGATED" }]);
  });

  test("not adopted but an organization aggregator with that name exists: fails, the deploy would overwrite it; the fix quotes its role to adopt it", async () => {
    existing({ OrganizationAggregationSource: { RoleArn: ORGANIZATION_ROLE, AwsRegions: ["us-east-1"], AllAwsRegions: false } });
    const [finding] = await findingsOf();
    expect(finding.status).toBe("fail");
    expect(finding.detail).toBe(
      "an aggregator aws-config-organization already exists in 222222222222, us-east-1; the deploy would not fail but overwrite it (PutConfigurationAggregator creates or updates by name) with an organization source, all Regions and role arn:aws:iam::222222222222:role/audit-manager-config-aggregator, and a destroy would then delete it",
    );
    expect(finding.fix).toBe(`set awsConfig.organizationAggregator.adopt to true with awsConfig.organizationAggregator.roleArn "${ORGANIZATION_ROLE}" (its OrganizationAggregationSource.RoleArn), or choose another awsConfig.organizationAggregator.name`);
  });

  test("not adopted but an account-based aggregator with that name exists: fails, and the fix is another name since it cannot be adopted", async () => {
    existing({ AccountAggregationSources: [{ AccountIds: ["333333333333"], AllAwsRegions: true }] });
    const [finding] = await findingsOf();
    expect(finding.status).toBe("fail");
    expect(finding.detail).toContain("it aggregates accounts (AccountAggregationSources), so it cannot be adopted either");
    expect(finding.fix).toBe("choose another awsConfig.organizationAggregator.name (an account can hold several aggregators)");
  });

  test("not adopted and it exists exactly as the deploy writes it (an earlier deploy): info, not a failure, saying how to adopt it if it predates this project", async () => {
    const created = "arn:aws:iam::222222222222:role/audit-manager-config-aggregator";
    existing({ OrganizationAggregationSource: { RoleArn: created, AllAwsRegions: true } });
    const { findings } = await run();
    expect(exitCodeOf(findings)).toBe(0);
    const [finding] = findings.filter((f) => f.check === CHECK);
    expect(finding.status).toBe("info");
    expect(finding.detail).toContain("is already as the deploy writes it (organization, all Regions, role arn:aws:iam::222222222222:role/audit-manager-config-aggregator): made by an earlier deploy");
    expect(finding.fix).toBe(`if it predates this project, set awsConfig.organizationAggregator.adopt to true with awsConfig.organizationAggregator.roleArn "${created}"`);
  });

  test("adopted but none exists: fails, the import would find nothing", async () => {
    const [finding] = await findingsOf(adopting);
    expect(finding.status).toBe("fail");
    expect(finding.detail).toBe('no aggregator aws-config-organization in 222222222222, us-east-1; the import would find nothing ("Cannot import non-existent remote object") and the plan stops');
    expect(finding.fix).toMatch(/^set awsConfig\.organizationAggregator\.adopt to false to create it, or correct awsConfig\.organizationAggregator\.name /);
  });

  test("adopted but it aggregates accounts, not the organization: fails, Terraform would replace it and prevent_destroy refuses", async () => {
    existing({ AccountAggregationSources: [{ AccountIds: ["333333333333"], AllAwsRegions: true }] });
    const [finding] = await findingsOf(adopting);
    expect(finding.status).toBe("fail");
    expect(finding.detail).toBe(
      "aws-config-organization in 222222222222, us-east-1 aggregates accounts (AccountAggregationSources), not the organization; Terraform would replace it with an organization aggregator, which the adopted aggregator's prevent_destroy refuses",
    );
    expect(finding.fix).toBe("set awsConfig.organizationAggregator.adopt to false and choose another awsConfig.organizationAggregator.name (an account can hold several aggregators), or set awsConfig.organizationAggregator.enabled to false");
  });

  test("adopted with another role than configured: warns that the first apply changes its role; the fix quotes the existing one", async () => {
    const theirs = "arn:aws:iam::222222222222:role/service-role/LandingZoneAggregator";
    existing({ OrganizationAggregationSource: { RoleArn: theirs, AllAwsRegions: true } });
    const { findings } = await run(adopting);
    expect(exitCodeOf(findings)).toBe(0);
    expect(findings.filter((f) => f.check === CHECK)).toEqual([
      { check: CHECK, scope: "us-east-1", status: "warn", detail: `aws-config-organization assumes ${theirs}; the first apply points it at awsConfig.organizationAggregator.roleArn ${ORGANIZATION_ROLE}`, fix: `set awsConfig.organizationAggregator.roleArn to "${theirs}" to keep its role` },
    ]);
  });

  test("adopted but aggregating some Regions only: warns that the first apply switches it to all Regions", async () => {
    existing({ OrganizationAggregationSource: { RoleArn: ORGANIZATION_ROLE, AwsRegions: ["us-east-1", "eu-west-1"], AllAwsRegions: false } });
    const [finding, ...others] = await findingsOf(adopting);
    expect(others).toEqual([]);
    expect(finding.status).toBe("warn");
    expect(finding.detail).toBe("aws-config-organization aggregates us-east-1, eu-west-1 only; the first apply switches it to all Regions (AllAwsRegions), as this project always aggregates");
    expect(finding.fix).toContain("set awsConfig.organizationAggregator.adopt to false and choose another awsConfig.organizationAggregator.name");
  });

  test("adopted, organization-wide, all Regions, the configured role: ok, adopted with no change", async () => {
    existing(organizationWide);
    expect(await findingsOf(adopting)).toEqual([
      { check: CHECK, scope: "us-east-1", status: "ok", detail: `aws-config-organization in 222222222222, us-east-1: organization, all Regions, role ${ORGANIZATION_ROLE}; adopted (import), no change` },
    ]);
  });

  test.each([
    ["awsConfig.organizationAggregator.enabled is false", (input: any) => (input.awsConfig.organizationAggregator = { enabled: false })],
    ["awsConfig.enabled is false", (input: any) => (input.awsConfig.enabled = false)],
  ])("not checked when %s: no aggregator is managed", async (_, change) => {
    const input = exampleWithoutAssessments();
    change(input);
    const { findings, progress } = await run(parseConfig(input));
    expect(findings.filter((f) => f.check === CHECK)).toEqual([]);
    expect(progress).not.toContain("checking AWS Config organization aggregator…");
    expect(configService.calls()).toEqual([]);
  });

  test("a refused read names config:DescribeConfigurationAggregators", async () => {
    configService.on(DescribeConfigurationAggregatorsCommand).rejects(Object.assign(new Error("no"), { name: "AccessDeniedException" }));
    expect(await findingsOf()).toEqual([
      { check: CHECK, scope: "us-east-1", status: "fail", detail: "config:DescribeConfigurationAggregators: AccessDeniedException: no", fix: "allow config:DescribeConfigurationAggregators for these credentials (read-only)" },
    ]);
  });
});

describe("without credentials", () => {
  test("nothing can be checked: the run ends with the read error, whose fix says to sign in, not to grant a permission", async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
    const error = await run().then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ReadError);
    expect((error as ReadError).fix).toBe("sign in to the management account (aws sso login, AWS_PROFILE, or accounts.management.profile) and run npm run doctor again");
  });

  test("npm run doctor exits 2, could not run, and says how to sign in", () => {
    // The AWS SDK's own credential chain, given nothing: no variables, empty files, no instance metadata.
    const empty = join(temporaryDirectory("no-aws-configuration"), "empty");
    writeFileSync(empty, "");
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_")));
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, "dist", "tools", "doctor.js")], {
      cwd: PROJECT_ROOT,
      env: { ...env, AUDIT_MANAGER_CONFIG: "config/example.json", AWS_CONFIG_FILE: empty, AWS_SHARED_CREDENTIALS_FILE: empty, AWS_EC2_METADATA_DISABLED: "true", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("fix: sign in to the management account");
  });
});

describe("read-only", () => {
  const READ = /^(Describe|Get|List)\w+Command$/;
  // sts:AssumeRole issues temporary credentials and changes nothing in any account.
  const ALLOWED_OTHERS = ["AssumeRoleCommand"];

  test("every command the mocked clients received in this file is a Describe, Get or List (or AssumeRole)", () => {
    expect(received.size).toBeGreaterThan(10);
    expect([...received].filter((name) => !READ.test(name) && !ALLOWED_OTHERS.includes(name))).toEqual([]);
  });

  test("the doctor's source imports no other command, so no untested path can write", () => {
    const dir = join(__dirname, "..", "modules", "doctor");
    const imported = readdirSync(dir).flatMap((file) => [...readFileSync(join(dir, file), "utf8").matchAll(/\b(\w+Command)\b/g)].map((m) => m[1]));
    expect(imported.length).toBeGreaterThan(10);
    expect([...new Set(imported)].filter((name) => !READ.test(name) && !ALLOWED_OTHERS.includes(name))).toEqual([]);
  });
});

describe("the AWS SDK's Node.js version warning", () => {
  test("is turned off by the SDK's own switch when the clients are made, so it does not repeat on every run of doctor and coverage", () => {
    const variable = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";
    const saved = process.env[variable];
    delete process.env[variable];
    const emitWarning = jest.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    try {
      jest.isolateModules(() => {
        const { createClients } = require("../modules/aws-clients/clients") as typeof import("../modules/aws-clients/clients");
        // The SDK's own check, as a Node 20 process runs it, after the clients exist.
        const { emitWarningIfUnsupportedVersion } = require("@aws-sdk/core/client") as { emitWarningIfUnsupportedVersion(version: string): void };
        createClients({ region: "eu-west-1" });
        emitWarningIfUnsupportedVersion("v20.19.0");
      });
      expect(emitWarning).not.toHaveBeenCalled();
    } finally {
      emitWarning.mockRestore();
      if (saved === undefined) delete process.env[variable];
      else process.env[variable] = saved;
    }
  });
});
