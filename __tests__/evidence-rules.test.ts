/**
 * The AWS Config rules an assessment deploys (`evidenceRules: "deploy"`): the rules a framework's
 * map names, the conformance pack template, the Regions where AWS Config lacks a rule, the
 * configuration's checks against the map and AWS Config's quotas, and the stacks synthesized from
 * the example.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack } from "cdktf";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, parseConfig } from "../modules/config/load";
import type { EvidenceFramework, EvidenceMap } from "../modules/evidence/evidence-map";
import { AssessmentEvidenceRules } from "../modules/evidence/evidence-rules";
import { CONFIG_QUOTAS, conformancePackTemplate, frameworkRules, rulesIn } from "../modules/evidence/framework-rules";
import { RULE_UNAVAILABLE_IN } from "../modules/evidence/rule-availability";
import { exampleInput, PROJECT_ROOT } from "./support/project";
import { synthInput } from "./support/synth";
import { temporaryDirectory } from "./support/temp";

const PCI = "Payment Card Industry Data Security Standard (PCI DSS) v4.0";

const framework = (sources: EvidenceFramework["controlSets"][number]["controls"][number]["sources"][], name = "x"): EvidenceFramework => ({
  source: "test",
  controlSets: [{ name, controls: sources.map((s, i) => ({ id: `c-${i + 1}`, name: `control ${i + 1}`, sources: s })) }],
});

describe("the rules of a framework", () => {
  test("a rule several controls name is deployed once and lists every control", () => {
    const { rules } = frameworkRules(framework([[{ type: "AWS_Config", keyword: "CLOUD_TRAIL_ENABLED" }], [{ type: "AWS_Config", keyword: "CLOUD_TRAIL_ENABLED" }]]));
    expect(rules).toEqual([{ identifier: "CLOUD_TRAIL_ENABLED", name: "cloud-trail-enabled", parameters: {}, resourceTypes: undefined, controls: ["c-1", "c-2"] }]);
  });

  test("the same rule with other parameters is a second rule, named with -2", () => {
    const { rules } = frameworkRules(
      framework([[{ type: "AWS_Config", keyword: "ACCESS_KEYS_ROTATED", parameters: { maxAccessKeyAge: "90" } }], [{ type: "AWS_Config", keyword: "ACCESS_KEYS_ROTATED", parameters: { maxAccessKeyAge: "45" } }]]),
    );
    expect(rules.map((rule) => [rule.name, rule.parameters])).toEqual([
      ["access-keys-rotated", { maxAccessKeyAge: "90" }],
      ["access-keys-rotated-2", { maxAccessKeyAge: "45" }],
    ]);
  });

  test("an override replaces a parameter of every instance of the rule, and instances it makes equal become one", () => {
    const { rules } = frameworkRules(
      framework([[{ type: "AWS_Config", keyword: "ACCESS_KEYS_ROTATED", parameters: { maxAccessKeyAge: "90" } }], [{ type: "AWS_Config", keyword: "ACCESS_KEYS_ROTATED", parameters: { maxAccessKeyAge: "45" } }]]),
      { ACCESS_KEYS_ROTATED: { maxAccessKeyAge: "30" } },
    );
    expect(rules).toEqual([{ identifier: "ACCESS_KEYS_ROTATED", name: "access-keys-rotated", parameters: { maxAccessKeyAge: "30" }, resourceTypes: undefined, controls: ["c-1", "c-2"] }]);
  });

  test("Custom_ rules are listed as the customer's, never deployed; other source types are no rules", () => {
    const result = frameworkRules(
      framework([[{ type: "AWS_Config", keyword: "Custom_pan-tagging" }, { type: "AWS_Security_Hub", keyword: "IAM.3" }, { type: "AWS_Cloudtrail", keyword: "CreateAccessKey" }, { type: "AWS_API_Call", keyword: "kms_ListKeys" }, { type: "MANUAL" }]]),
    );
    expect(result).toEqual({ rules: [], custom: ["Custom_pan-tagging"] });
  });

  test("a rule AWS Config does not offer in a Region is left out there and kept elsewhere", () => {
    const { rules } = frameworkRules(framework([[{ type: "AWS_Config", keyword: "EC2_MANAGEDINSTANCE_ASSOCIATION_COMPLIANCE_STATUS_CHECK" }, { type: "AWS_Config", keyword: "CLOUD_TRAIL_ENABLED" }]]));
    expect(RULE_UNAVAILABLE_IN.EC2_MANAGEDINSTANCE_ASSOCIATION_COMPLIANCE_STATUS_CHECK).toContain("ap-southeast-3");
    const jakarta = rulesIn(rules, "ap-southeast-3");
    expect([jakarta.deployed.map((r) => r.identifier), jakarta.skipped.map((r) => r.identifier)]).toEqual([["CLOUD_TRAIL_ENABLED"], ["EC2_MANAGEDINSTANCE_ASSOCIATION_COMPLIANCE_STATUS_CHECK"]]);
    expect(rulesIn(rules, "us-east-1").skipped).toEqual([]);
  });

  test("the template holds one AWS-owned Config rule per rule, with its parameters and scope, sorted by name", () => {
    const { rules } = frameworkRules(
      framework([[{ type: "AWS_Config", keyword: "S3_BUCKET_PUBLIC_READ_PROHIBITED", resourceTypes: ["AWS::S3::Bucket"] }, { type: "AWS_Config", keyword: "ACCESS_KEYS_ROTATED", parameters: { maxAccessKeyAge: "90" } }]]),
    );
    expect(JSON.parse(conformancePackTemplate(rules))).toEqual({
      Resources: {
        AccessKeysRotated: { Type: "AWS::Config::ConfigRule", Properties: { ConfigRuleName: "access-keys-rotated", Source: { Owner: "AWS", SourceIdentifier: "ACCESS_KEYS_ROTATED" }, InputParameters: { maxAccessKeyAge: "90" } } },
        S3BucketPublicReadProhibited: {
          Type: "AWS::Config::ConfigRule",
          Properties: { ConfigRuleName: "s3-bucket-public-read-prohibited", Source: { Owner: "AWS", SourceIdentifier: "S3_BUCKET_PUBLIC_READ_PROHIBITED" }, Scope: { ComplianceResourceTypes: ["AWS::S3::Bucket"] } },
        },
      },
    });
  });
});

describe("the construct in a Region where AWS Config lacks a rule", () => {
  const app = new App({ outdir: temporaryDirectory("evidence-rules") });
  const stack = new TerraformStack(app, "jakarta");
  const provider = new AwsProvider(stack, "aws", { region: "ap-southeast-3" });
  const { rules, custom } = frameworkRules(framework([[{ type: "AWS_Config", keyword: "EC2_MANAGEDINSTANCE_ASSOCIATION_COMPLIANCE_STATUS_CHECK" }, { type: "AWS_Config", keyword: "CLOUD_TRAIL_ENABLED" }, { type: "AWS_Config", keyword: "Custom_ours" }]]));
  new AssessmentEvidenceRules(stack, "evidence_rules", {
    region: "ap-southeast-3",
    assessments: [{ name: "pci-dss", framework: PCI, rules: { rules, custom }, accountsInScope: '["100000000001"]', accountsField: "auditManager.assessments[0].accounts" }],
    organizationAccounts: "data.aws_organizations_organization.current_organization.accounts",
    provider,
  });
  app.synth();
  const json = JSON.parse(readFileSync(join(app.outdir, "stacks", "jakarta", "cdk.tf.json"), "utf8"));

  test("the pack holds only the rules AWS Config offers there", () => {
    const template = JSON.parse(json.resource.aws_config_organization_conformance_pack.evidence_rules_pci_dss.template_body);
    expect(Object.values(template.Resources).map((r: any) => r.Properties.Source.SourceIdentifier)).toEqual(["CLOUD_TRAIL_ENABLED"]);
  });

  test("the output lists the rule left out and the Custom_ rule the customer deploys", () => {
    expect(json.output.evidence_rules.value["pci-dss"]).toEqual({
      conformance_pack: "audit-manager-evidence-pci-dss",
      framework: PCI,
      rules: ["CLOUD_TRAIL_ENABLED"],
      skipped_not_in_region: ["EC2_MANAGEDINSTANCE_ASSOCIATION_COMPLIANCE_STATUS_CHECK"],
      custom_rules_external: ["Custom_ours"],
    });
  });
});

describe("the configuration", () => {
  /** The example with its map at `map` written into a folder of its own. */
  function withMap(map: EvidenceMap | string, change: (input: any) => void = () => {}) {
    const dir = temporaryDirectory("evidence-map");
    const file = join(dir, "evidence-map.json");
    writeFileSync(file, typeof map === "string" ? map : JSON.stringify(map));
    const input = exampleInput();
    input.auditManager.evidenceMap = file;
    change(input);
    return { input, file };
  }
  const problems = (input: unknown) => {
    try {
      parseConfig(input);
      return [];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return [...error.problems];
    }
  };
  const manyRules = (count: number): EvidenceMap => ({
    version: 1,
    sample: false,
    frameworks: { [PCI]: framework([Array.from({ length: count }, (_, i) => ({ type: "AWS_Config" as const, keyword: "ACCESS_KEYS_ROTATED", parameters: { maxAccessKeyAge: String(i + 1) } }))]) },
  });

  test("the example reads its sample map", () => {
    const config = parseConfig(exampleInput());
    expect(config.evidenceMap?.sample).toBe(true);
    expect(Object.keys(config.evidenceMap!.frameworks)).toEqual([PCI]);
  });

  test("no assessment deploys its rules: the map is not read, even when it is missing", () => {
    const input = exampleInput();
    input.auditManager.assessments[0].evidenceRules = "external";
    input.auditManager.evidenceMap = "config/no-such-map.json";
    expect(parseConfig(input).evidenceMap).toBeUndefined();
  });

  test("a missing map names the field and the command that writes it", () => {
    const input = exampleInput();
    input.auditManager.evidenceMap = "config/no-such-map.json";
    expect(problems(input)).toEqual([expect.stringMatching(/^auditManager\.evidenceMap: cannot read "config\/no-such-map\.json" .*run npm run evidence-map to write it, or set the assessments' evidenceRules to "external"$/)]);
  });

  test("a map that is not valid JSON is refused with the file named", () => {
    const { input, file } = withMap("{");
    expect(problems(input)).toEqual([expect.stringContaining(`auditManager.evidenceMap: ${file}: is not valid JSON`)]);
  });

  test("a framework the map does not hold is refused on the assessment's framework field, listing those it holds", () => {
    const { input, file } = withMap({ version: 1, sample: false, frameworks: { Other: framework([]) } });
    expect(problems(input)).toEqual([`auditManager.assessments[0].framework: "${PCI}" is not in ${file}; allowed: "Other", or run npm run evidence-map to add it`]);
  });

  test("an override for a rule the framework does not name is refused, listing the rules it names", () => {
    const { input } = withMap(manyRules(1), (i) => (i.auditManager.assessments[0].evidenceRuleParameters = { IAM_PASSWORD_POLICY: { MinimumPasswordLength: "14" } }));
    expect(problems(input)).toEqual([`auditManager.assessments[0].evidenceRuleParameters.IAM_PASSWORD_POLICY: is not a managed rule of "${PCI}" in ${input.auditManager.evidenceMap}; allowed: ACCESS_KEYS_ROTATED`]);
  });

  test("deploying rules needs AWS Config's delegated administrator", () => {
    const input = exampleInput();
    input.awsConfig = { enabled: false };
    expect(problems(input)).toContainEqual(expect.stringMatching(/^awsConfig\.enabled: is false while an assessment sets evidenceRules "deploy"/));
  });

  test(`${CONFIG_QUOTAS.rulesPerConformancePack} rules fit one conformance pack`, () => {
    expect(problems(withMap(manyRules(CONFIG_QUOTAS.rulesPerConformancePack)).input)).toEqual([]);
  });

  test(`${CONFIG_QUOTAS.rulesPerConformancePack + 1} rules are refused in every Region, naming evidenceRules`, () => {
    const found = problems(withMap(manyRules(CONFIG_QUOTAS.rulesPerConformancePack + 1)).input);
    expect(found).toHaveLength(3);
    expect(found[0]).toBe(
      'auditManager.assessments[0].evidenceRules: "deploy" makes a conformance pack of 131 rules for pci-dss in us-east-1; an organization conformance pack holds at most 130 (AWS Config service limits, not adjustable); allowed: "external" (deploy them yourself in several packs), or a map with fewer rules',
    );
  });

  test("more than 50 deploying assessments in a Region are refused: an organization holds 50 conformance packs", () => {
    const { input } = withMap(manyRules(1), (i) => {
      const entry = i.auditManager.assessments[0];
      i.auditManager.assessments = Array.from({ length: 51 }, (_, n) => ({ ...entry, name: `pci-${n + 1}`, regions: ["us-east-1"] }));
    });
    expect(problems(input)).toEqual([
      'auditManager.assessments[50].evidenceRules: "deploy" makes 51 organization conformance packs in us-east-1; an organization holds at most 50 (AWS Config service limits); allowed: "external" or "off" for all but 50 assessments there',
    ]);
  });

  test("more than 1,000 rules in an account in scope of every pack are refused, naming the assessments to change", () => {
    const { input } = withMap(manyRules(126), (i) => {
      const entry = i.auditManager.assessments[0];
      i.auditManager.assessments = Array.from({ length: 8 }, (_, n) => ({ ...entry, name: `pci-${n + 1}`, regions: ["us-east-1"] }));
    });
    expect(problems(input)).toEqual([expect.stringMatching(/^auditManager\.assessments\[7\]\.evidenceRules: "deploy" puts 1008 rules into an account in scope of every pack in us-east-1; an account holds at most 1000 per Region/)]);
  });

  test('"off" and "external" deploy nothing and are accepted without a map', () => {
    for (const mode of ["off", "external"]) {
      const input = exampleInput();
      input.auditManager.assessments[0].evidenceRules = mode;
      input.auditManager.evidenceMap = "config/no-such-map.json";
      expect(problems(input)).toEqual([]);
    }
  });

  test("an unknown mode is refused with the allowed ones", () => {
    const input = exampleInput();
    input.auditManager.assessments[0].evidenceRules = "yes";
    expect(problems(input)).toEqual(['auditManager.assessments[0].evidenceRules: "yes" is not allowed; allowed: deploy, external, off']);
  });
});

describe("the example's stacks", () => {
  const synthesized = synthInput(exampleInput());
  const sample: EvidenceMap = JSON.parse(readFileSync(join(PROJECT_ROOT, "config", "evidence-map.json"), "utf8"));
  const managed = [...new Set(sample.frameworks[PCI]!.controlSets.flatMap((set) => set.controls.flatMap((c) => c.sources.filter((s) => s.type === "AWS_Config" && !s.keyword!.startsWith("Custom_")).map((s) => s.keyword!))))].sort();

  test.each(["us-east-1", "us-west-2", "eu-west-1"])("region-%s deploys one conformance pack from the delegated administrator with every managed rule of the map", (region) => {
    const pack = synthesized.stack(`region-${region}`).json.resource.aws_config_organization_conformance_pack.evidence_rules_pci_dss;
    expect(pack.provider).toBe("aws.delegated_admin");
    expect(pack.name).toBe("audit-manager-evidence-pci-dss");
    const identifiers = Object.values(JSON.parse(pack.template_body).Resources).map((r: any) => r.Properties.Source.SourceIdentifier);
    expect(identifiers.sort()).toEqual(managed);
  });

  test("the pack excludes the organization's accounts outside the assessment's scope", () => {
    const pack = synthesized.stack("region-us-east-1").json.resource.aws_config_organization_conformance_pack.evidence_rules_pci_dss;
    expect(pack.excluded_accounts).toBe("${setsubtract([for account in data.aws_organizations_organization.current_organization.accounts : account.id], keys(local.assessment_pci_dss_shard_of))}");
  });

  test("the organization stack deploys no rules", () => {
    expect(synthesized.stack("organization").json.resource.aws_config_organization_conformance_pack).toBeUndefined();
  });

  test('an assessment with evidenceRules "external" gets no conformance pack', () => {
    const input = exampleInput();
    input.auditManager.assessments[0].evidenceRules = "external";
    const external = synthInput(input);
    expect(external.stacks.filter((s) => s.json.resource?.aws_config_organization_conformance_pack)).toEqual([]);
  });
});
