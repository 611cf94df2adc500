/**
 * Terraform JSON to HCL for the generated modules. cdktf 0.21's HCL output is not safe to ship as a
 * module: it keeps provider blocks an override removed, renders a terraform-block override as
 * `0 = …`, drops `default = false` and `nullable = false` of variables, and breaks strings whose
 * interpolations contain quotes (postcondition messages). So the JSON, which cdktf renders
 * exactly, is rendered here, and cdktf's HCL fragments are read only for what JSON cannot say:
 * whether a resource argument is a nested block (`isBlock`, from the provider bindings).
 */
import { hclExpression, isOneInterpolation } from "../synth/hcl-repair";

/** cdktf's annotation of one argument of a resource or data source, in TerraformResource.toHclTerraform(). */
interface ArgumentInfo {
  readonly isBlock?: boolean;
  readonly value?: unknown;
}
type BlockInfo = Record<string, ArgumentInfo | undefined>;

/** Terraform's own nested blocks, which no provider binding annotates. */
const META_BLOCKS = new Set(["lifecycle", "postcondition", "precondition", "validation", "required_providers"]);
/** Arguments whose strings are references, not values: bare in HCL. */
const REFERENCE_LISTS = new Set(["depends_on", "ignore_changes", "configuration_aliases"]);

export function renderBlock(header: string, body: Record<string, unknown>, info: BlockInfo = {}): string {
  const lines = Object.entries(body).flatMap(([key, value]): string[] => {
    if (key === "//" || value === undefined) return [];
    const argument = info[key];
    if (META_BLOCKS.has(key) || argument?.isBlock) {
      const items = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
      return items.map((item, index) => renderBlock(key, item, nestedInfo(argument?.value, index)));
    }
    if (header === "required_providers") return [`${key} = {\n${Object.entries(value as object).map(([name, item]) => `${name} = ${REFERENCE_LISTS.has(name) ? `[${(item as string[]).join(", ")}]` : renderValue(item)}`).join("\n")}\n}`];
    if (key === "provider") return [`provider = ${value}`];
    if (key === "type") return [`type = ${value}`];
    if (REFERENCE_LISTS.has(key)) return [`${key} = [${(value as string[]).map(unwrap).join(", ")}]`];
    return [`${key} = ${renderValue(value)}`];
  });
  return `${header} {\n${lines.join("\n")}\n}`;
}

function nestedInfo(value: unknown, index: number): BlockInfo {
  const item = Array.isArray(value) ? value[index] : value;
  return item !== null && typeof item === "object" ? (item as BlockInfo) : {};
}

export function renderValue(value: unknown): string {
  if (typeof value === "string") return hclExpression(value);
  if (Array.isArray(value)) return `[${value.map(renderValue).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{\n${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)} = ${renderValue(item)}`).join("\n")}\n}`;
  }
  return JSON.stringify(value);
}

function unwrap(reference: string): string {
  return isOneInterpolation(reference) ? reference.slice(2, -1) : reference;
}
