/** Reads HCL with Terraform's own HCL parser (@cdktf/hcl2json) and compares it with Terraform JSON. */
import { decodeJsonencode, Unevaluated } from "../../modules/kit/terraform-expression";
import { compileWebAssemblyWithoutOptimizing } from "./webassembly";

/** An HCL file as Terraform's HCL parser reads it, in the JSON shape of @cdktf/hcl2json. */
export function parseHcl(fileName: string, text: string): Promise<Record<string, any>> {
  compileWebAssemblyWithoutOptimizing();
  // Loaded here, after the flag: the package compiles its WebAssembly as soon as it is loaded.
  const { parse }: typeof import("@cdktf/hcl2json") = require("@cdktf/hcl2json");
  return parse(fileName, text);
}

/**
 * Arguments whose value is a reference or a type constraint: JSON writes `"a.b"`, the HCL parser
 * reads the bare `a.b` as `"${a.b}"` (also an instance address, `a.b["key"]`, as a `moved` block names).
 */
const BARE_ARGUMENTS = new Set(["provider", "depends_on", "ignore_changes", "replace_triggered_by", "to", "from", "type"]);

/**
 * One shape for Terraform JSON and parsed HCL: a block written once may be an object (JSON) or a
 * one-element list (the HCL parser lists every block); cdktf's "//" metadata is no configuration.
 * A JSON document is compared by its value: a string of JSON text (an object or an array) and a
 * `${jsonencode(…)}` call (decoded by the review's parser of Terraform expressions) both become
 * `{ document: value }`.
 */
export function normalize(value: unknown, key = ""): unknown {
  if (BARE_ARGUMENTS.has(key)) value = unwrapReference(value);
  if (typeof value === "string") return documentOf(value) ?? value;
  if (Array.isArray(value)) {
    const [only] = value;
    return value.length === 1 && only !== null && typeof only === "object" && !Array.isArray(only) ? normalize(only) : value.map((item) => normalize(item));
  }
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([name]) => name !== "//")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, item]) => [name, normalize(item, name)]),
  );
}

function unwrapReference(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapReference);
  return typeof value === "string" && /^\$\{[\w.\[\]"-]+\}$/.test(value) ? value.slice(2, -1) : value;
}

function documentOf(text: string): { document: unknown } | undefined {
  if (text.startsWith("${jsonencode(")) return { document: JSON.parse(JSON.stringify(decodeJsonencode(text), (_key, item: unknown) => (item instanceof Unevaluated ? item.toString() : item))) };
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return { document: JSON.parse(text) };
  } catch {
    return undefined;
  }
}
