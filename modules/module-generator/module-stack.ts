/**
 * A stack synthesized as a plain Terraform module for an existing estate: no backend, no
 * provider configuration, and the account providers declared as `configuration_aliases` that the
 * calling module passes in (`providers = { aws.management = aws.payer, … }`). Settings that differ
 * between estates are input variables; Region and partition come from the passed providers.
 *
 * Terraform allows `import` blocks only in the root module (Terraform docs, "Import": "You can
 * only use import blocks in the root module"), so the modules never adopt: the caller writes the
 * import blocks, addressed `module.<name>.<resource>` (docs/terraform-modules.md).
 */
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack, TerraformVariable, Token, type TerraformVariableValidationConfig } from "cdktf";
import { stackHcl } from "../synth/hcl";
import type { Construct } from "constructs";
import type { Partition } from "../kit/regions";
import { ACCOUNT_ID as ACCOUNT_ID_RULE, ruleText, wholeValue, type StringRule } from "../kit/rules";
import type { AccountProviders } from "../kit/account-providers";
import { AWS_PROVIDER_VERSIONS } from "../stacks/account-stack";

/**
 * The oldest Terraform the modules are meant for: they use variable validation (0.13),
 * configuration_aliases (0.15) and data source postconditions (1.2); 1.3 is the oldest release
 * still documented with all three. Tested with the Terraform of the test machine (docs/terraform-modules.md, "Versions").
 */
export const TERRAFORM_VERSIONS = ">= 1.3.0";

export class TerraformModuleStack extends TerraformStack {
  readonly providers: AccountProviders;
  private partitionData?: DataAwsPartition;
  private regionName?: string;

  constructor(scope: Construct, name: string) {
    super(scope, name);
    // The aliases make every resource render `provider = aws.management` / `aws.delegated_admin`;
    // the provider blocks themselves are removed below, so the caller's providers are used.
    this.providers = {
      management: new AwsProvider(this, "management", { alias: "management" }),
      delegatedAdministrator: new AwsProvider(this, "delegated_admin", { alias: "delegated_admin" }),
    };
    this.addOverride("provider", undefined);
    this.addOverride("terraform.backend", undefined);
    // The organization construct adopts the organization with an import block; a module may not
    // hold one, so the caller writes it (docs/terraform-modules.md).
    this.addOverride("import", undefined);
    this.addOverride("terraform.required_version", TERRAFORM_VERSIONS);
    this.addOverride("terraform.required_providers.aws", {
      source: "hashicorp/aws",
      version: AWS_PROVIDER_VERSIONS,
      configuration_aliases: ["aws.management", "aws.delegated_admin"],
    });
  }

  /** The partition of the management account's provider (`aws`, `aws-cn`, `aws-us-gov`), read at plan time. */
  get partition(): Partition {
    this.partitionData ??= new DataAwsPartition(this, "partition", { provider: this.providers.management });
    return this.partitionData.partition as Partition;
  }

  /** The Region of the management account's provider, read at plan time. */
  get region(): string {
    // One token for every use, so prepareStack can find it in descriptions. `id` is the Region's
    // name in both provider lines: hashicorp/aws 6.0 deprecated `name` for `region` (6.0 upgrade
    // guide, data source aws_region), and 5.100 has no `region`; `id` is deprecated in neither
    // (5.100's schema; the 6.x list in __tests__/fixtures/aws-provider-6-deprecations.json).
    this.regionName ??= new DataAwsRegion(this, "region", { provider: this.providers.management }).id;
    return this.regionName;
  }

  variable(name: string, props: { type: string; description: string; default?: unknown; nullable?: boolean; validation?: TerraformVariableValidationConfig[] }): TerraformVariable {
    // Construct IDs apart from outputs of the same name (an output may pass a variable through).
    const variable = new TerraformVariable(this, `variable-${name}`, props);
    variable.overrideLogicalId(name);
    return variable;
  }

  stringVariable(name: string, description: string, rule?: Validation, defaultValue?: string): string {
    return this.variable(name, { type: "string", description, default: defaultValue, nullable: false, validation: rule && [validationOf(name, rule, "value")] }).stringValue;
  }

  /** A string that may be null (default null): the construct leaves the argument out then. */
  nullableStringVariable(name: string, description: string, rule: Validation): string {
    const variable = this.variable(name, { type: "string", description, validation: [validationOf(name, rule, "nullable")] });
    // cdktf cannot render `default: null` from props; an override can.
    variable.addOverride("default", null);
    return variable.stringValue;
  }

  /** A list of strings, empty by default; one that must name something has no default unless given one. */
  listVariable(name: string, description: string, rule?: Validation, options: { atLeastOne?: boolean; defaultValue?: readonly string[] } = {}): string[] {
    const validation = rule ? [validationOf(name, rule, "list")] : [];
    if (options.atLeastOne) validation.push({ condition: `\${length(var.${name}) > 0}`, errorMessage: "The list must name at least one item." });
    const defaultValue = options.defaultValue ?? (options.atLeastOne ? undefined : []);
    return Token.asList(this.variable(name, { type: "list(string)", description, default: defaultValue, nullable: false, validation }).value);
  }

  /**
   * Terraform requires literal descriptions; the constructs name their stack's Region in some, which
   * here is known only at plan time, so those say "this module's Region" instead.
   */
  prepareStack(): void {
    const region = this.regionName;
    for (const output of this.node.findAll().filter((child): child is TerraformOutput => child instanceof TerraformOutput)) {
      if (region && output.description) output.description = output.description.split(region).join("this module's Region");
    }
    super.prepareStack();
  }

  /** The module as HCL, rendered from its exact JSON (modules/synth/hcl.ts); `terraform fmt` (write.ts) aligns it. */
  toHclTerraform(): { hcl: string; metadata: Record<string, unknown> } {
    return stackHcl(this);
  }

  output(name: string, value: unknown, description: string): void {
    new TerraformOutput(this, name, { staticId: true, value, description });
  }
}

/** A rule a value must match: an HCL condition on a value and what is allowed, for the error message. */
export interface Validation {
  readonly test: (value: string) => string;
  readonly allowed: string;
}

/**
 * One of the shared string rules (modules/kit/rules.ts), the configuration file's own: the value
 * matches the rule's pattern and none of its refused patterns, each through Terraform's `regex()`
 * (RE2, which the rules are written for; `startswith` would need Terraform 1.5, newer than
 * TERRAFORM_VERSIONS). `where` adds what only a module can say, e.g. which Region.
 */
export function ruleValidation(rule: StringRule, where?: string): Validation {
  const regex = (pattern: RegExp, value: string) => `can(regex(${JSON.stringify(pattern.source)}, ${value}))`;
  return {
    test: (value) => [regex(wholeValue(rule), value), ...(rule.refused ?? []).map((refused) => `!${regex(refused, value)}`)].join(" && "),
    allowed: `${ruleText(rule)}${where ? `, ${where}` : ""}`,
  };
}

/** One of a fixed set of values. */
export function oneOf(values: readonly string[]): Validation {
  return { test: (value) => `contains(${JSON.stringify(values)}, ${value})`, allowed: `one of ${values.map((value) => JSON.stringify(value)).join(", ")}` };
}

export const ACCOUNT_ID = ruleValidation(ACCOUNT_ID_RULE);

/** The variable's validation: the value (or, for lists, every item) passes the test; null passes when the variable may be null. */
function validationOf(name: string, rule: Validation, shape: "value" | "list" | "nullable"): TerraformVariableValidationConfig {
  const reference = `var.${name}`;
  const condition = {
    value: rule.test(reference),
    list: `alltrue([for item in ${reference} : ${rule.test("item")}])`,
    nullable: `${reference} == null ? true : ${rule.test(reference)}`,
  }[shape];
  return { condition: `\${${condition}}`, errorMessage: `${shape === "list" ? "Every item must be" : "The value must be"} ${rule.allowed}${shape === "nullable" ? ", or null" : ""}.` };
}
