/**
 * The first plan after adopting an existing assessment (issue 23, item 3), planned by the real
 * hashicorp/aws provider. The provider's import (ImportResourceState, then Read: GetAssessment)
 * fills `roles_all` from the assessment's roles and never `roles`
 * (hashicorp/terraform-provider-aws internal/service/auditmanager/assessment.go, refreshFromOutput);
 * the state below is what that leaves for an assessment that already matches the configuration.
 * Mock providers cannot stand in here: their import fills every attribute from the configuration.
 * The plan runs with -refresh=false and credentials the provider is told not to check, so no AWS
 * call is made; the assessment's configuration and the provider's default tags are the Region
 * stack's own.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { sharedProviders, terraform, withTerraform, type CommandResult } from "./support/terraform";
import { exampleInput, synthInput } from "./support/synth";
import { temporaryDirectory } from "./support/temp";

const REGION = "eu-west-1";
const ID = "11111111-2222-3333-4444-555555555555";
const OWNER = "arn:aws:iam::222222222222:role/AuditOwner";
const FRAMEWORK = "a1b2c3d4-0000-1111-2222-333344445555";

const input = exampleInput();
input.auditManager.assessments = [{ name: "pci-dss", framework: FRAMEWORK, processOwnerRoleArns: [OWNER], accounts: ["333333333333"], adopt: { [REGION]: { "pci-dss": ID } } }];
const stack = synthInput(input).stack(`region-${REGION}`).json;
const synthesized = stack.resource.aws_auditmanager_assessment.assessment_pci_dss;
const delegatedAdministrator = stack.provider.aws.find((provider: { alias?: string }) => provider.alias === "delegated_admin");
const destination = synthesized.assessment_reports_destination;

/** The stack's assessment with its one shard's values written out (the stack computes them from data sources at plan time). */
const root = {
  terraform: { required_providers: { aws: { source: "hashicorp/aws" } } },
  provider: {
    aws: [
      {
        region: REGION,
        default_tags: delegatedAdministrator.default_tags,
        access_key: "not-used",
        secret_key: "not-used",
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
      },
    ],
  },
  resource: {
    aws_auditmanager_assessment: {
      assessment_pci_dss: {
        for_each: { "1": "pci-dss" },
        name: "${each.value}",
        framework_id: synthesized.framework_id,
        roles: synthesized.roles,
        assessment_reports_destination: destination,
        scope: [{ aws_accounts: [{ id: "333333333333" }] }],
      },
    },
  },
};

/**
 * What the provider's import and Read store for an assessment that matches the configuration and
 * carries none of the configured tags: AWS's values, the roles in roles_all only.
 */
const importedState = {
  version: 4,
  terraform_version: "1.11.4",
  serial: 1,
  lineage: "2c0b5a4e-0000-4000-8000-000000000001",
  outputs: {},
  resources: [
    {
      mode: "managed",
      type: "aws_auditmanager_assessment",
      name: "assessment_pci_dss",
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [
        {
          index_key: "1",
          schema_version: 0,
          attributes: {
            arn: `arn:aws:auditmanager:${REGION}:222222222222:assessment/${ID}`,
            assessment_reports_destination: destination,
            description: null,
            framework_id: FRAMEWORK,
            id: ID,
            name: "pci-dss",
            roles: null,
            roles_all: [{ role_arn: OWNER, role_type: "PROCESS_OWNER" }],
            scope: [{ aws_accounts: [{ id: "333333333333" }], aws_services: [] }],
            status: "ACTIVE",
            tags: null,
            tags_all: {},
          },
          sensitive_attributes: [],
        },
      ],
    },
  ],
};

let plan: CommandResult;

beforeAll(
  () =>
    withTerraform(async (workspace) => {
      const dir = temporaryDirectory("adopted-assessment");
      writeFileSync(join(dir, "main.tf.json"), JSON.stringify(root));
      writeFileSync(join(dir, "terraform.tfstate"), JSON.stringify(importedState));
      // The run's shared provider, the same binary a provider of its own would be: starting one
      // and decoding its whole schema cost this plan 5.3 s of CPU, attached 0.2 s.
      plan = await terraform(["plan", "-refresh=false", "-input=false", "-no-color"], dir, sharedProviders(workspace, dir));
    }),
  300_000,
);

test("the first plan is one in-place update of the adopted assessment, no replace and no delete", () => {
  expect(plan.output).toContain('# aws_auditmanager_assessment.assessment_pci_dss["1"] will be updated in-place');
  expect(plan.output).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
});

test("it sets roles to the configured process owners, adds the configured tags and shows status as known after apply; nothing else changes", () => {
  const actions = plan.output.slice(plan.output.indexOf("Terraform will perform the following actions:"));
  const changed = actions
    .split("\n")
    .filter((line) => /^\s+[~+-] \S/.test(line) && !/^\s+~ resource /.test(line))
    .map((line) => line.trim());
  expect(changed).toEqual([
    "+ roles        = [",
    "+ {",
    `+ role_arn  = "${OWNER}"`,
    '+ role_type = "PROCESS_OWNER"',
    '~ status       = "ACTIVE" -> (known after apply)',
    "~ tags_all     = {",
    '+ "ManagedBy" = "terraform"',
    '+ "Project"   = "audit-manager"',
  ]);
  expect(actions).toContain("# (3 unchanged attributes hidden)");
  expect(actions).toContain("# (2 unchanged blocks hidden)");
});
