/**
 * Which attributes of a resource a reviewer needs to see, per resource type. Types not listed
 * show every scalar or list argument they set (the generic fallback), so a resource added by a
 * new capability is never invisible in the report.
 */
export const KEY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_organizations_organization: ["feature_set", "aws_service_access_principals", "enabled_policy_types"],
  aws_organizations_delegated_administrator: ["service_principal", "account_id"],
  aws_auditmanager_account_registration: ["delegated_admin_account", "kms_key", "deregister_on_destroy"],
  aws_auditmanager_organization_admin_account_registration: ["admin_account_id"],
  aws_securityhub_account: ["enable_default_standards", "control_finding_generator", "auto_enable_controls"],
  aws_securityhub_organization_admin_account: ["admin_account_id"],
  aws_securityhub_organization_configuration: ["auto_enable", "auto_enable_standards", "organization_configuration"],
  aws_securityhub_finding_aggregator: ["linking_mode", "specified_regions"],
  aws_securityhub_configuration_policy: ["name", "configuration_policy"],
  aws_securityhub_configuration_policy_association: ["target_id", "policy_id"],
  aws_securityhub_standards_subscription: ["standards_arn"],
  aws_cloudformation_stack_set: ["name", "permission_model", "auto_deployment", "call_as", "capabilities"],
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

/** Arguments that never help a review: Terraform meta-arguments, cdktf metadata and tags (set once, by default_tags). */
const NOT_FOR_REVIEW = new Set(["//", "provider", "depends_on", "lifecycle", "count", "for_each", "tags", "tags_all", "timeouts"]);

/** Data sources of the stack, by address, to show a policy built with `aws_iam_policy_document`. */
export type DataSources = ReadonlyMap<string, Record<string, unknown>>;

/** The reviewed attributes of one resource (an IAM or KMS `policy` shown as its statements), in table order, each rendered as one line of text. */
export function keyAttributes(type: string, body: Record<string, unknown>, data: DataSources = new Map()): [string, string][] {
  const names = KEY_ATTRIBUTES[type] ?? Object.keys(body).filter((name) => !NOT_FOR_REVIEW.has(name)).sort();
  return names.filter((name) => body[name] !== undefined).map((name) => [name, name === "policy" ? describePolicy(body[name], data) : renderValue(body[name])]);
}

const POLICY_DOCUMENT_REFERENCE = /^\$\{(data\.aws_iam_policy_document\.[\w-]+)\.json\}$/;

/** A value on one line: strings as they are (references stay `${…}`), everything else as compact JSON. */
export function renderValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value.length ? value.join(", ") : "(none)";
  return JSON.stringify(value);
}

/**
 * A policy document as its statements ("Sid: Effect action, action on resource"), so the
 * reviewer reads who may do what, whether it is JSON or an `aws_iam_policy_document` of the same
 * stack. Any other reference, or text that is not JSON, is shown as it is.
 */
export function describePolicy(value: unknown, data: DataSources = new Map()): string {
  const reference = typeof value === "string" ? POLICY_DOCUMENT_REFERENCE.exec(value) : null;
  const policyDocument = reference ? data.get(reference[1]) : undefined;
  if (policyDocument) return describePolicyDocument(policyDocument);
  let document: { Statement?: unknown } | undefined;
  try {
    document = typeof value === "string" ? JSON.parse(value) : (value as { Statement?: unknown });
  } catch {
    return renderValue(value);
  }
  const statements = document?.Statement;
  if (!Array.isArray(statements)) return renderValue(value);
  return statements.map((statement, index) => describeStatement(statement, index)).join("; ");
}

function describeStatement(statement: Record<string, unknown>, index: number): string {
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String).join(", ") : String(value ?? ""));
  const principal = statement.Principal === undefined ? "" : ` for ${typeof statement.Principal === "string" ? statement.Principal : Object.entries(statement.Principal as Record<string, unknown>).map(([kind, who]) => `${kind} ${list(who)}`).join(", ")}`;
  const action = statement.Action !== undefined ? list(statement.Action) : `everything except ${list(statement.NotAction)}`;
  const conditions = statement.Condition === undefined ? "" : ` if ${Array.isArray(statement.Condition) ? statement.Condition.join(" and ") : JSON.stringify(statement.Condition)}`;
  return `${statement.Sid ?? `#${index + 1}`}: ${statement.Effect} ${action}${principal} on ${list(statement.Resource ?? statement.NotResource)}${conditions}`;
}

/** An `aws_iam_policy_document` data source's statement blocks, in the same words as JSON statements. */
function describePolicyDocument(document: Record<string, unknown>): string {
  const blocks = (document.statement as Record<string, unknown>[] | undefined) ?? [];
  return blocks
    .map((block, index) =>
      describeStatement(
        {
          Sid: block.sid,
          Effect: block.effect ?? "Allow",
          Action: block.actions,
          NotAction: block.not_actions,
          Resource: block.resources,
          NotResource: block.not_resources,
          Principal: (block.principals as { type: string; identifiers: string[] }[] | undefined)?.reduce<Record<string, string[]>>((all, p) => ({ ...all, [p.type]: p.identifiers }), {}),
          Condition: (block.condition as { test: string; variable: string; values: string[] }[] | undefined)?.map((c) => `${c.test} ${c.variable} ${c.values.join(", ")}`),
        },
        index,
      ),
    )
    .join("; ");
}
