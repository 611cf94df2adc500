/**
 * The configuration reference (docs/configuration.md), generated like config/schema.json from
 * the validator's own schema: every field's path, type, default, allowed values and description
 * come from the zod definitions, so the page cannot drift from what synthesis accepts.
 * `npm run schema` writes it; __tests__/schema.test.ts fails when the committed page is stale.
 */
import { configJsonSchema } from "./json-schema";

/** The parts of a JSON Schema node (draft 2020-12, as zod writes it) this page reads. */
interface SchemaNode {
  readonly type?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: SchemaNode;
  readonly properties?: Record<string, SchemaNode>;
  readonly required?: readonly string[];
  readonly additionalProperties?: SchemaNode | boolean;
  readonly propertyNames?: SchemaNode;
  readonly oneOf?: readonly SchemaNode[];
  readonly anyOf?: readonly SchemaNode[];
  readonly allOf?: readonly SchemaNode[];
}

interface Row {
  readonly field: string;
  readonly type: string;
  readonly value: string;
  readonly allowed: string;
  readonly meaning: string;
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const json = (value: unknown) => code(JSON.stringify(value));
/** Table cells cannot hold a bare "|" or a line break. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
/** Prose outside code spans: "<stack>" would be read as an HTML tag and vanish. */
const prose = (text: string) => text.replace(/</g, "&lt;").replace(/>/g, "&gt;");

function typeOf(node: SchemaNode): string {
  if (node.oneOf) return `one of ${node.oneOf.length} objects (below)`;
  if (node.anyOf) return node.anyOf.map(typeOf).join(" or ");
  if (node.const !== undefined) return json(node.const);
  if (node.type === "array") return `list of ${node.items ? typeOf(node.items) : "any"}`;
  if (node.type === "object" && !node.properties && typeof node.additionalProperties === "object") return `map of ${typeOf(node.additionalProperties)}`;
  return node.type ?? "any";
}

function allowedOf(node: SchemaNode): string[] {
  const rules: string[] = [];
  if (node.enum) rules.push(node.enum.map((v) => json(v)).join(", "));
  if (node.pattern) rules.push(`matches ${code(node.pattern)}`);
  for (const part of node.allOf ?? []) rules.push(...allowedOf(part));
  if (node.minLength !== undefined && node.maxLength !== undefined) rules.push(`${node.minLength} to ${node.maxLength} characters`);
  else if (node.maxLength !== undefined) rules.push(`at most ${node.maxLength} characters`);
  else if (node.minLength !== undefined) rules.push(`at least ${node.minLength} character${node.minLength === 1 ? "" : "s"}`);
  if (node.minItems !== undefined) rules.push(`at least ${node.minItems} item${node.minItems === 1 ? "" : "s"}`);
  if (node.maxItems !== undefined) rules.push(`at most ${node.maxItems} items`);
  if (node.anyOf) rules.push(...node.anyOf.flatMap((part) => (part.const !== undefined ? [json(part.const)] : allowedOf(part))));
  if (node.type === "array" && node.items && !node.items.properties) rules.push(...allowedOf(node.items).map((rule) => `each: ${rule}`));
  if (node.propertyNames) rules.push(...allowedOf(node.propertyNames).map((rule) => `keys: ${rule}`));
  if (typeof node.additionalProperties === "object" && !node.additionalProperties.properties) rules.push(...allowedOf(node.additionalProperties).map((rule) => `values: ${rule}`));
  return rules;
}

/** "required", the default, or "optional" (no default: absent means not set). */
function valueOf(node: SchemaNode, required: boolean): string {
  if (node.default !== undefined) return json(node.default);
  return required ? "required" : "optional";
}

function rowsOf(node: SchemaNode, path: string, required: boolean, qualifier = ""): Row[] {
  const own: Row = {
    field: `${code(path)}${qualifier}`,
    type: typeOf(node),
    value: valueOf(node, required),
    allowed: allowedOf(node).join("; "),
    meaning: prose(node.description ?? ""),
  };
  if (node.oneOf) {
    return [
      own,
      ...node.oneOf.flatMap((variant) => {
        const discriminator = Object.entries(variant.properties ?? {}).find(([, child]) => child.const !== undefined);
        const when = discriminator ? ` (${discriminator[0]} ${json(discriminator[1].const)})` : "";
        return [
          { field: `${code(path)}${when}`, type: "object", value: "", allowed: "", meaning: prose(variant.description ?? "") },
          ...childRows(variant, path, when),
        ];
      }),
    ];
  }
  // An object's defaults are its fields' defaults, listed in their own rows.
  if (node.properties) return [...(own.meaning ? [{ ...own, value: required && node.default === undefined ? "required" : "optional" }] : []), ...childRows(node, path, qualifier)];
  if (node.type === "array" && node.items?.properties) return [own, ...childRows(node.items, `${path}[]`, qualifier)];
  return [own];
}

function childRows(node: SchemaNode, path: string, qualifier: string): Row[] {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => (child.const !== undefined ? [] : rowsOf(child, path ? `${path}.${key}` : key, node.required?.includes(key) ?? false, qualifier)));
}

function table(rows: readonly Row[]): string {
  const lines = rows.map((r) => `| ${[r.field, r.type, r.value, r.allowed, r.meaning].map(cell).join(" | ")} |`);
  return ["| field | type | default | allowed | meaning |", "|---|---|---|---|---|", ...lines].join("\n");
}

/** docs/configuration.md: one table for the top-level fields, then one per section. */
export function configReferenceMarkdown(): string {
  const schema = configJsonSchema() as SchemaNode;
  const entries = Object.entries(schema.properties ?? {});
  const isSection = (node: SchemaNode) => Boolean(node.properties || node.oneOf);
  const topLevel = entries.filter(([, node]) => !isSection(node)).flatMap(([key, node]) => rowsOf(node, key, schema.required?.includes(key) ?? false));
  const sections = entries
    .filter(([, node]) => isSection(node))
    .map(([key, node]) => `## \`${key}\`\n\n${prose(node.description ?? "")}\n\n${table(rowsOf(node, key, schema.required?.includes(key) ?? false).filter((row) => row.field !== code(key) || node.oneOf))}\n`);
  return [
    "# Configuration reference",
    "",
    "<!-- Generated by `npm run schema` from the validator's schema (modules/config/schema.ts and each capability's config.ts). Do not edit: __tests__/schema.test.ts fails when this page is stale. -->",
    "",
    "Every field of the configuration file, generated from the schema that validates it. The file is",
    "validated before anything is synthesized; unknown keys are errors, and every problem is reported at",
    "once as `<field path>: <value> is not …; allowed: …`. Rules that relate fields to each other (a",
    "home Region that must be in `regions`, an account that must not be the management account, …)",
    "are checked too but cannot be listed per field; [troubleshooting](troubleshooting.md#configuration-errors)",
    "lists their messages. What each section does in AWS is on its capability's page: [organizations](organizations.md),",
    "[auditManager](audit-manager.md), [securityHub](security-hub.md), [awsConfig](aws-config.md),",
    "[iamPolicy](iam-policy.md).",
    "",
    "\"default\" is the value used when the field is absent; \"required\" fields have none; \"optional\"",
    "fields without a default are simply not set when absent. `a.b[]` is each item of list `a.b`;",
    "`(type \"x\")` marks the fields of one shape of a field that has several.",
    "",
    "## Top level",
    "",
    table(topLevel),
    "",
    ...sections,
  ].join("\n");
}
