/**
 * Repairs the HCL that cdktf 0.21 writes (`cdktf synth --hcl`) from the same stack's Terraform
 * JSON, so both files are the same configuration. cdktf's HCL renderer (no longer maintained:
 * HashiCorp archived cdktf on 10 December 2025) gets four things wrong in this project's stacks:
 *
 * - `lifecycle { precondition/postcondition }` becomes an attribute list of objects whose strings
 *   keep their inner quotes unescaped, which Terraform cannot parse.
 * - top-level `removed` blocks (and `check` blocks) are dropped: the renderer knows only
 *   terraform, provider, resource, data, module, output, moved, import, locals and variable.
 * - an output whose value is a string of digits (an account ID) is written as a number, which
 *   changes its type and would drop an account ID's leading zeros.
 * - `provider = "aws.x"`, `depends_on = ["a.b"]` and the lifecycle's `ignore_changes` and
 *   `replace_triggered_by` lists are quoted references, deprecated since Terraform 0.12 ("Quoted
 *   references are deprecated"; a warning on every validate, an error in a future Terraform).
 *
 * The repair rewrites exactly those parts from the JSON and then checks that the HCL holds as many
 * blocks of each kind as the JSON; anything it cannot place fails loudly instead of yielding a
 * configuration that differs from the JSON one.
 */
import { hclExpression, hclString } from "./hcl";

/** The parts of a stack's Terraform JSON the repair reads. */
export interface TerraformJsonStack {
  readonly resource?: Record<string, Record<string, TerraformJsonBlock>>;
  readonly data?: Record<string, Record<string, TerraformJsonBlock>>;
  readonly output?: Record<string, { readonly value?: unknown }>;
  readonly removed?: readonly Record<string, unknown>[];
  readonly moved?: readonly Record<string, unknown>[];
  readonly import?: readonly Record<string, unknown>[];
  readonly check?: Record<string, Record<string, unknown>>;
  readonly [key: string]: unknown;
}

interface Condition {
  readonly condition: string;
  readonly error_message: string;
}

interface TerraformJsonBlock {
  readonly provider?: string;
  readonly depends_on?: readonly string[];
  readonly lifecycle?: {
    readonly precondition?: readonly Condition[];
    readonly postcondition?: readonly Condition[];
    /** References, or the keyword "all" for ignore_changes. */
    readonly ignore_changes?: readonly string[] | string;
    readonly replace_triggered_by?: readonly string[];
  };
  readonly [key: string]: unknown;
}

/** A top-level block opens at column 0 with one of Terraform's block types. */
const TOP_LEVEL_HEADER = /^(terraform|provider|resource|data|module|output|variable|locals|import|moved|removed|check)\b.*\{$/;

/** The HCL of `hcl` made equal to the configuration in `json` (see the file comment). */
export function repairHcl(hcl: string, json: TerraformJsonStack): string {
  const lines = hcl.split("\n");
  for (const kind of ["resource", "data"] as const) {
    for (const [type, blocks] of Object.entries(json[kind] ?? {})) {
      for (const [name, block] of Object.entries(blocks)) repairBlock(lines, `${kind} "${type}" "${name}" {`, block);
    }
  }
  for (const [name, output] of Object.entries(json.output ?? {})) {
    if (typeof output.value === "string") quoteOutputValue(lines, name, output.value);
  }
  const repaired = `${lines.join("\n").trimEnd()}\n${renderMissingBlocks(lines, json)}`;
  assertSameBlocks(repaired, json);
  return repaired;
}

function repairBlock(lines: string[], header: string, block: TerraformJsonBlock) {
  for (const kind of ["precondition", "postcondition"] as const) {
    const conditions = block.lifecycle?.[kind];
    if (conditions?.length) replaceList(lines, blockRange(lines, header), kind, conditions.length * 4, () => conditions.map((c) => renderConditionBlock(kind, c)).join("\n"));
  }
  if (block.depends_on?.length) unquoteReferences(lines, header, "depends_on", block.depends_on);
  for (const kind of ["ignore_changes", "replace_triggered_by"] as const) {
    const references = block.lifecycle?.[kind];
    if (Array.isArray(references) && references.length) unquoteReferences(lines, header, kind, references);
  }
  if (block.provider) {
    const { start, end } = blockRange(lines, header);
    const quoted = `provider = ${JSON.stringify(block.provider)}`;
    const at = lines.findIndex((line, index) => index > start && index < end && line.trim() === quoted);
    if (at < 0) throw new Error(`${header} has no line ${quoted} in cdktf's HCL`);
    lines[at] = `provider = ${block.provider}`;
  }
}

/** The lines of the top-level block opened by `header`: start is the header, end the next block's header. */
function blockRange(lines: readonly string[], header: string) {
  const start = lines.indexOf(header);
  if (start < 0) throw new Error(`cdktf's HCL has no block ${header}`);
  const next = lines.findIndex((line, index) => index > start && TOP_LEVEL_HEADER.test(line));
  return { start, end: next < 0 ? lines.length : next };
}

/**
 * Replaces cdktf's `<name> = [` … `]` list inside a block with `replacement`, after checking it
 * has the expected number of lines (4 per condition object, 1 per depends_on entry), so a format
 * change in cdktf fails here instead of leaving half a list behind.
 */
function replaceList(lines: string[], range: { start: number; end: number }, name: string, expectedLines: number, replacement: (indent: string) => string) {
  const start = lines.findIndex((line, index) => index > range.start && index < range.end && line.trim() === `${name} = [`);
  const end = lines.findIndex((line, index) => index > start && line.trim() === "]");
  if (start < 0 || end < 0 || end - start - 1 !== expectedLines) {
    throw new Error(`${lines[range.start]} ${name}: cdktf's HCL does not hold the list the JSON has (${expectedLines} lines expected)`);
  }
  lines.splice(start, end - start + 1, replacement(lines[start]!.slice(0, lines[start]!.indexOf(name))));
}

/** `name = ["a.b", …]` (a quoted reference per line) becomes `name = [a.b, …]`. */
function unquoteReferences(lines: string[], header: string, name: string, references: readonly string[]) {
  replaceList(lines, blockRange(lines, header), name, references.length, (indent) => `${indent}${name} = [${references.join(", ")}]`);
}

/** A `precondition`/`postcondition`/`assert` block (Terraform docs, "Custom Conditions"). */
export function renderConditionBlock(kind: "precondition" | "postcondition" | "assert", condition: Condition): string {
  return `  ${kind} {\n    condition     = ${hclExpression(condition.condition)}\n    error_message = ${hclString(condition.error_message)}\n  }`;
}

function quoteOutputValue(lines: string[], name: string, value: string) {
  const { start, end } = blockRange(lines, `output "${name}" {`);
  const at = lines.findIndex((line, index) => index > start && index < end && line.startsWith("value = "));
  if (at < 0) throw new Error(`output "${name}" has no value line in cdktf's HCL`);
  lines[at] = `value = ${hclString(value)}`;
}

/** The `removed`, `moved`, `import` and `check` blocks of the JSON that cdktf's HCL does not have. */
function renderMissingBlocks(lines: readonly string[], json: TerraformJsonStack): string {
  const present = (type: string) => lines.some((line) => line === `${type} {` || line.startsWith(`${type} "`));
  const rendered: string[] = [];
  if (!present("removed")) rendered.push(...(json.removed ?? []).map(renderRemoved));
  if (!present("moved")) rendered.push(...(json.moved ?? []).map((moved) => renderBlock("moved", moved, { from: bare, to: bare })));
  if (!present("import")) rendered.push(...(json.import ?? []).map((block) => renderBlock("import", block, { to: bare, id: hclString, provider: bare, for_each: hclExpression })));
  if (!present("check")) rendered.push(...Object.entries(json.check ?? {}).map(([name, check]) => renderCheck(name, check)));
  return rendered.map((block) => `\n${block}\n`).join("");
}

type Render = (value: string) => string;

const bare: Render = (reference) => reference;

/** A flat block whose every key has a renderer; an unknown key fails rather than being dropped. */
function renderBlock(type: string, block: Record<string, unknown>, renderers: Record<string, Render>): string {
  const attributes = Object.entries(block).map(([key, value]) => {
    const render = renderers[key];
    if (!render || typeof value !== "string") throw new Error(`${type} block: ${key} = ${JSON.stringify(value)} cannot be rendered as HCL`);
    return `  ${key} = ${render(value)}`;
  });
  return `${type} {\n${attributes.join("\n")}\n}`;
}

/** `removed { from = …; lifecycle { destroy = … } }` (Terraform >= 1.7, "removed block"). */
export function renderRemoved(removed: Record<string, unknown>): string {
  const { lifecycle, ...rest } = removed;
  const block = renderBlock("removed", rest, { from: bare });
  if (lifecycle === undefined) return block;
  const { destroy, ...other } = lifecycle as Record<string, unknown>;
  if (typeof destroy !== "boolean" || Object.keys(other).length) throw new Error(`removed block: lifecycle ${JSON.stringify(lifecycle)} cannot be rendered as HCL`);
  return `${block.slice(0, -1)}  lifecycle {\n    destroy = ${destroy}\n  }\n}`;
}

/** `check "<name>" { assert { … } }`; a scoped data source would need the provider schema to render, so it fails. */
export function renderCheck(name: string, check: Record<string, unknown>): string {
  const { assert, ...other } = check;
  if (Object.keys(other).length || !Array.isArray(assert)) throw new Error(`check "${name}": only assert blocks can be rendered as HCL, got ${Object.keys(check).join(", ")}`);
  const asserts = (assert as Condition[]).map((condition) => renderConditionBlock("assert", condition));
  return `check "${name}" {\n${asserts.join("\n")}\n}`;
}

/** Every resource, data source, output and top-level block of the JSON is in the HCL exactly once. */
function assertSameBlocks(hcl: string, json: TerraformJsonStack) {
  const expected = blockHeaders(json);
  const actual = hcl.split("\n").filter((line) => TOP_LEVEL_HEADER.test(line) && !/^(terraform|provider|locals|variable|module) /.test(line)).map((line) => line.slice(0, -2));
  const missing = expected.filter((header) => !actual.includes(header));
  const counts = (list: string[]) => JSON.stringify([...list].sort());
  if (missing.length || counts(expected) !== counts(actual)) {
    throw new Error(`the repaired HCL does not declare the same blocks as the JSON: missing ${missing.join(", ") || "none"}; HCL has ${actual.length}, JSON ${expected.length}`);
  }
}

function blockHeaders(json: TerraformJsonStack): string[] {
  const named = (kind: "resource" | "data") => Object.entries(json[kind] ?? {}).flatMap(([type, blocks]) => Object.keys(blocks).map((name) => `${kind} "${type}" "${name}"`));
  return [
    ...named("resource"),
    ...named("data"),
    ...Object.keys(json.output ?? {}).map((name) => `output "${name}"`),
    ...Object.keys(json.check ?? {}).map((name) => `check "${name}"`),
    ...(["import", "moved", "removed"] as const).flatMap((type) => (json[type] ?? []).map(() => type)),
  ];
}
