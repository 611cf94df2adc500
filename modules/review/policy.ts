/**
 * Policy documents (IAM, KMS key, S3 bucket policies: the IAM JSON policy grammar,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html) as
 * statements a reviewer reads: who may or may not do what, on which resources, under which
 * conditions. JSON documents and `aws_iam_policy_document` data sources give the same words.
 */
import { codeSpan } from "./markdown";
import { Unevaluated } from "../kit/terraform-expression";

/** One side of a statement: its values, or (`Not…`) every value but these. */
interface Subject {
  readonly except: boolean;
  readonly values: readonly string[];
}

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: string;
  readonly actions: Subject;
  readonly resources: Subject;
  /** Principal type (`AWS`, `Service`, `*`) with identifiers; absent in identity-based policies. */
  readonly principals?: { readonly except: boolean; readonly byType: readonly [string, readonly string[]][] };
  /** Condition operator, key and the values that satisfy it (any of them). */
  readonly conditions: readonly [string, string, readonly string[]][];
}

/** A value as text: strings as they are, a value known after apply as `${…}`. */
const text = (value: unknown): string => (typeof value === "string" ? value : value instanceof Unevaluated ? value.toString() : JSON.stringify(value));
const texts = (value: unknown): string[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value.map(text) : [text(value)]);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Unevaluated);

/**
 * The statements of a JSON policy document (parsed), or undefined when the value is not one. A
 * single statement object is allowed by the grammar (`"Statement": {…}`) and read as a list of one.
 */
export function jsonPolicyStatements(document: unknown): PolicyStatement[] | undefined {
  if (!isRecord(document)) return undefined;
  const statements = Array.isArray(document.Statement) ? document.Statement : isRecord(document.Statement) ? [document.Statement] : undefined;
  if (!statements?.every(isRecord)) return undefined;
  return statements.map((statement) => ({
    sid: statement.Sid === undefined ? undefined : text(statement.Sid),
    effect: text(statement.Effect ?? "Allow"),
    actions: statement.NotAction !== undefined ? { except: true, values: texts(statement.NotAction) } : { except: false, values: texts(statement.Action) },
    resources: statement.NotResource !== undefined ? { except: true, values: texts(statement.NotResource) } : { except: false, values: texts(statement.Resource) },
    principals: jsonPrincipals(statement.NotPrincipal ?? statement.Principal, statement.NotPrincipal !== undefined),
    conditions: isRecord(statement.Condition)
      ? Object.entries(statement.Condition).flatMap(([operator, byKey]) => (isRecord(byKey) ? Object.entries(byKey).map(([key, values]): [string, string, string[]] => [operator, key, texts(values)]) : []))
      : [],
  }));
}

function jsonPrincipals(principal: unknown, except: boolean): PolicyStatement["principals"] {
  if (principal === undefined) return undefined;
  // "Principal": "*" means everyone, as "Principal": {"AWS": "*"} does.
  const byType = isRecord(principal) ? Object.entries(principal).map(([type, who]): [string, string[]] => [type, texts(who)]) : [["*", texts(principal)] as [string, string[]]];
  return { except, byType };
}

interface DocumentBlock {
  sid?: string;
  effect?: string;
  actions?: string[];
  not_actions?: string[];
  resources?: string[];
  not_resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  not_principals?: { type: string; identifiers: string[] }[];
  condition?: { test: string; variable: string; values: string[] }[];
}

/** The statement blocks of an `aws_iam_policy_document` data source (its arguments as synthesized). */
export function policyDocumentStatements(dataSource: Record<string, unknown>): PolicyStatement[] {
  const blocks = (dataSource.statement as DocumentBlock[] | undefined) ?? [];
  return blocks.map((block) => {
    const principals = block.not_principals ?? block.principals;
    return {
      sid: block.sid,
      effect: block.effect ?? "Allow",
      actions: block.not_actions ? { except: true, values: block.not_actions } : { except: false, values: block.actions ?? [] },
      resources: block.not_resources ? { except: true, values: block.not_resources } : { except: false, values: block.resources ?? [] },
      principals: principals && { except: block.not_principals !== undefined, byType: principals.map((p): [string, string[]] => [p.type, p.identifiers]) },
      conditions: (block.condition ?? []).map((c): [string, string, string[]] => [c.test, c.variable, c.values]),
    };
  });
}

const codes = (values: readonly string[]) => values.map(codeSpan).join(", ");

/**
 * One statement as a Markdown line, e.g.
 * "**EventsAccess**: Allow `events:PutTargets` on `arn:aws:events:*:*:rule/X` when StringEquals `aws:PrincipalOrgID` is `o-1`".
 * Values are code spans, so `*` in an action never reads as emphasis.
 */
export function describeStatement(statement: PolicyStatement): string {
  const sid = statement.sid ? `**${statement.sid.replace(/([\\`*_[\]<>])/g, "\\$1")}**: ` : "";
  const actions = statement.actions.except ? `every action except ${codes(statement.actions.values)}` : codes(statement.actions.values) || "no action";
  const principals = statement.principals
    ? ` for ${statement.principals.except ? "everyone except " : ""}${statement.principals.byType.map(([type, who]) => (type === "*" ? codes(who) : `${type} ${codes(who)}`)).join(" and ")}`
    : "";
  const resources = statement.resources.values.length ? ` on ${statement.resources.except ? "every resource except " : ""}${codes(statement.resources.values)}` : "";
  const conditions = statement.conditions.map(([operator, key, values]) => `${operator} ${codeSpan(key)} is ${values.map(codeSpan).join(" or ")}`);
  return `${sid}${statement.effect} ${actions}${principals}${resources}${conditions.length ? ` when ${conditions.join(" and ")}` : ""}`;
}
