/**
 * What the report shows of a resource: its instances (for_each, count) and the attributes that
 * matter for review, each as one short line of HCL for the table. Documents (policies, template
 * bodies, anything too long for a cell) are summarized in the table and shown in full below it:
 * a policy as its statements, any other document pretty-printed.
 */
import { count } from "../kit/text";
import { jsonPolicyStatements, policyDocumentStatements, type PolicyStatement } from "./policy";
import { decodeJsonencode, parseExpression, TerraformSyntaxError, Unevaluated, wholeInterpolation, type TerraformValue } from "../kit/terraform-expression";

/**
 * Which attributes of a resource a reviewer needs to see, per resource type. Types not listed
 * show every argument they set (the generic fallback), so a resource added by a new capability is
 * never invisible in the report.
 */
export const KEY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_organizations_organization: ["feature_set", "aws_service_access_principals", "enabled_policy_types"],
  aws_organizations_delegated_administrator: ["service_principal", "account_id"],
  aws_auditmanager_account_registration: ["delegated_admin_account", "kms_key", "deregister_on_destroy"],
  aws_auditmanager_organization_admin_account_registration: ["admin_account_id"],
  aws_auditmanager_assessment: ["name", "framework_id", "roles", "scope", "assessment_reports_destination"],
  aws_securityhub_account: ["enable_default_standards", "control_finding_generator", "auto_enable_controls"],
  aws_securityhub_organization_admin_account: ["admin_account_id"],
  aws_securityhub_organization_configuration: ["auto_enable", "auto_enable_standards", "organization_configuration"],
  aws_securityhub_finding_aggregator: ["linking_mode", "specified_regions"],
  aws_securityhub_configuration_policy: ["name", "configuration_policy"],
  aws_securityhub_configuration_policy_association: ["target_id", "policy_id"],
  aws_securityhub_standards_subscription: ["standards_arn"],
  aws_cloudformation_stack_set: ["name", "permission_model", "auto_deployment", "call_as", "capabilities", "parameters", "template_body"],
  aws_cloudformation_stack_instances: ["stack_set_name", "regions", "deployment_targets", "call_as"],
  aws_cloudformation_stack_set_instance: ["stack_set_name", "region", "deployment_targets", "call_as"],
  aws_config_configuration_aggregator: ["name", "organization_aggregation_source"],
  aws_kms_key: ["description", "key_usage", "customer_master_key_spec", "enable_key_rotation", "deletion_window_in_days", "policy"],
  aws_kms_key_policy: ["key_id", "policy", "bypass_policy_lockout_safety_check"],
  aws_kms_alias: ["name", "target_key_id"],
  aws_iam_policy: ["name", "path", "policy"],
  aws_iam_role_policy_attachment: ["role", "policy_arn"],
  aws_iam_group_policy_attachment: ["group", "policy_arn"],
  aws_iam_user_policy_attachment: ["user", "policy_arn"],
  aws_iam_policy_attachment: ["name", "roles", "groups", "users", "policy_arn"],
};

/** Arguments that never help a review: cdktf metadata, meta-arguments other than the instances, and tags (set once, by default_tags). */
const NOT_FOR_REVIEW = new Set(["//", "provider", "depends_on", "lifecycle", "count", "for_each", "tags", "tags_all", "timeouts"]);

/** Meta-arguments that say which instances exist (each.value / count.index refer to them), shown first. */
const INSTANCES = ["for_each", "count"];

/** Longest value shown in a table cell; a longer one is shown below the table. */
const MAX_CELL_VALUE = 100;

/** Data sources of the stack, by address, to show a policy built with `aws_iam_policy_document`. */
export type DataSources = ReadonlyMap<string, Record<string, unknown>>;

/** Shown below the resource table: a policy's statements, or a document pretty-printed. */
export type AttributeDetail = { readonly kind: "statements"; readonly statements: readonly PolicyStatement[] } | { readonly kind: "document"; readonly language: "json" | "hcl"; readonly text: string };

export interface KeyAttribute {
  readonly name: string;
  /** One short line for the table: the value as HCL or, when there is a detail, what it holds. */
  readonly summary: string;
  readonly detail?: AttributeDetail;
}

/** The instances and reviewed attributes of one resource, in table order. */
export function keyAttributes(type: string, body: Record<string, unknown>, data: DataSources = new Map()): KeyAttribute[] {
  const names = KEY_ATTRIBUTES[type] ?? Object.keys(body).filter((name) => !NOT_FOR_REVIEW.has(name)).sort();
  return [...INSTANCES, ...names].filter((name) => body[name] !== undefined).map((name) => describeAttribute(name, body[name], data));
}

const POLICY_DOCUMENT_REFERENCE = /^\$\{(data\.aws_iam_policy_document\.[\w-]+)\.json\}$/;

/**
 * One attribute. A JSON document, whether a JSON string or `${jsonencode(…)}`, is decoded; a policy
 * (any document with a Statement) is listed as statements, so the reviewer reads who may do what
 * for every policy-carrying attribute (IAM and KMS key policies, S3 bucket policies, Security Hub CSPM
 * configuration policies, StackSet template bodies alike).
 */
export function describeAttribute(name: string, value: unknown, data: DataSources = new Map()): KeyAttribute {
  const dataSource = typeof value === "string" ? POLICY_DOCUMENT_REFERENCE.exec(value)?.[1] : undefined;
  const policyDocument = dataSource ? data.get(dataSource) : undefined;
  if (policyDocument) return statementsOf(name, policyDocumentStatements(policyDocument), ` from ${dataSource}`);
  let encoded: TerraformValue | undefined;
  let document: TerraformValue | undefined;
  try {
    encoded = typeof value === "string" ? decodeJsonencode(value) : undefined;
    document = encoded ?? (typeof value === "string" ? jsonDocument(value) : undefined);
  } catch (error) {
    if (!(error instanceof TerraformSyntaxError)) throw error;
    return { name, summary: "jsonencode(…) with expressions the review does not evaluate, shown below", detail: { kind: "document", language: "hcl", text: indentExpression(wholeInterpolation(value as string) ?? String(value)) } };
  }
  if (document !== undefined) {
    const statements = jsonPolicyStatements(document);
    if (statements) return statementsOf(name, statements, "");
    const line = `jsonencode(${renderValue(encoded)})`;
    if (encoded !== undefined && line.length <= MAX_CELL_VALUE) return { name, summary: line };
    const text = JSON.stringify(document, (_key, item: unknown) => (item instanceof Unevaluated ? item.toString() : item), 2);
    return { name, summary: `JSON document, ${count(text.split("\n").length, "line")}, shown below`, detail: { kind: "document", language: "json", text } };
  }
  const line = renderValue(value);
  if (line.length <= MAX_CELL_VALUE) return { name, summary: line };
  const text = renderValue(value, "");
  return { name, summary: `${count(text.split("\n").length, "line")}, shown below`, detail: { kind: "document", language: "hcl", text } };
}

function statementsOf(name: string, statements: PolicyStatement[], source: string): KeyAttribute {
  return { name, summary: `${count(statements.length, "statement")}${source}, listed below`, detail: { kind: "statements", statements } };
}

/** A JSON object or array written as a string (cdktf's JSON.stringify), or undefined for any other string. */
function jsonDocument(value: string): TerraformValue | undefined {
  if (!/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value) as TerraformValue;
  } catch {
    return undefined;
  }
}

const HCL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * A value as HCL, the syntax of `cdktf synth --hcl` and of Terraform's plan: strings quoted, a
 * reference or function call bare (`each.value`, `aws_iam_policy.audit.arn`), `toset([…])` as
 * its list. On one line, or indented from `indent` on several.
 */
export function renderValue(value: unknown, indent?: string): string {
  if (value instanceof Unevaluated) return value.source;
  if (typeof value === "string") return renderString(value);
  if (value === null || typeof value !== "object") return String(value);
  const inner = indent === undefined ? undefined : `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((item) => renderValue(item, inner))
    : Object.entries(value).map(([key, item]) => `${HCL_IDENTIFIER.test(key) ? key : JSON.stringify(key)} = ${renderValue(item, inner)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (!items.length) return `${open}${close}`;
  if (inner === undefined) return Array.isArray(value) ? `[${items.join(", ")}]` : `{ ${items.join(", ")} }`;
  return `${open}\n${items.map((item) => `${inner}${item}`).join(Array.isArray(value) ? ",\n" : "\n")}\n${indent}${close}`;
}

/** A string attribute is a Terraform template: one interpolation is shown as its expression, anything else quoted. */
function renderString(value: string): string {
  const expression = wholeInterpolation(value);
  if (expression === undefined) return JSON.stringify(value);
  try {
    const parsed = parseExpression(expression);
    return parsed instanceof Unevaluated ? parsed.source : renderValue(parsed);
  } catch {
    return expression;
  }
}

/**
 * An expression the parser does not read, made readable: a line break after every `{`, `[` and
 * `,` and before every `}` and `]` outside quoted strings, indented by nesting depth.
 */
export function indentExpression(expression: string): string {
  let out = "";
  let depth = 0;
  let quoted = false;
  const newline = () => `\n${"  ".repeat(depth)}`;
  for (let i = 0; i < expression.length; i++) {
    const char = expression[i];
    if (quoted) {
      out += char;
      if (char === "\\") out += expression[++i] ?? "";
      else if (char === '"') quoted = false;
    } else if (char === '"') {
      quoted = true;
      out += char;
    } else if (char === "{" || char === "[") {
      depth++;
      out += char + newline();
    } else if (char === "}" || char === "]") {
      depth = Math.max(0, depth - 1);
      out = out.trimEnd() + newline() + char;
    } else if (char === ",") {
      out += char + newline();
      while (expression[i + 1] === " ") i++;
    } else out += char;
  }
  return out;
}
