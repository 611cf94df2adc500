/**
 * Terraform JSON to HCL for every stack the project writes as HCL: the deployable stacks
 * (`npm run synth:hcl`, `cdktf synth --hcl`) and the generated modules (`npm run synth:modules`).
 * Each stack's toHclTerraform() returns stackHcl(this), which renders the stack's own resolved
 * Terraform JSON, the format cdktf writes exactly, so a stack's HCL and its JSON are the same
 * configuration.
 *
 * cdktf 0.21's own HCL renderer (no longer maintained: HashiCorp archived cdktf on 10 December
 * 2025) is not used because in these stacks it writes lifecycle pre/postconditions as attribute
 * lists Terraform cannot parse, drops `removed` and `check` blocks, writes a digit-only string
 * output as a number (an account ID would lose its leading zeros), quotes references (deprecated
 * since Terraform 0.12: "Quoted references are deprecated"), keeps provider blocks an override
 * removed, drops `default = false` and `nullable = false` of variables, and breaks strings whose
 * interpolations contain quotes.
 *
 * Terraform JSON does not say which arguments of a resource, data source or provider are nested
 * blocks; the provider bindings do (`isBlock` in each element's toHclTerraform()), and that is all
 * that is read from cdktf's HCL side. The nested blocks of the Terraform language itself (lifecycle,
 * conditions, backend, …) are listed in LANGUAGE. Whatever has no rendering here throws, naming the
 * stack and the key, instead of being dropped or written as something Terraform reads differently.
 * Nested blocks are indented two spaces per level, so the HCL reads well without `terraform fmt`.
 */
import { DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformProvider, TerraformResource, Tokenization, type TerraformStack } from "cdktf";
import { literalText } from "./terraform-text";

type Body = Record<string, unknown>;

/**
 * Token resolution as cdktf's own synthesis does it (its private lib/_tokens: a DefaultTokenResolver
 * over StringConcat, not preparing), through the package's public API only, so a rename of the
 * package (CDK Terrain, docs/cdk-terrain.md) stays a rename.
 */
const TOKEN_RESOLVER = new DefaultTokenResolver(new StringConcat());
const resolve = (scope: TerraformStack, value: unknown): unknown => Tokenization.resolve(value, { scope, preparing: false, resolver: TOKEN_RESOLVER });

/** cdktf's annotation of one argument of a resource, data source or provider (`is_block` at a provider's top level). */
interface ArgumentInfo {
  readonly isBlock?: boolean;
  readonly is_block?: boolean;
  readonly value?: unknown;
}
type BlockInfo = Record<string, ArgumentInfo | string | undefined>;

/**
 * How the body of one kind of block is written (Terraform docs, "Terraform Language"): its nested
 * blocks (each of the kind of the same name), nested blocks with a label (`backend "s3"`), the
 * arguments written bare (references, keywords like `all`, type constraints) and its other
 * arguments. Without `attributes`, every other key is an argument (backend settings, locals).
 */
interface BlockKind {
  /**
   * Arguments Terraform reads literally in JSON (it evaluates them without an evaluation context,
   * where a JSON string is its own value): written as HCL strings with `${` and `%{` escaped, since
   * HCL reads every quoted string as a template. `true`: every argument of the block.
   */
  readonly literal?: readonly string[] | true;
  readonly blocks?: readonly string[];
  readonly labelled?: readonly string[];
  readonly bare?: readonly string[];
  readonly attributes?: readonly string[];
}

const CONDITION: BlockKind = { attributes: ["condition", "error_message"] };
/** Resources and data sources: the meta-arguments; every other argument is the provider binding's (see bindingArguments). */
const RESOURCE: BlockKind = { blocks: ["lifecycle"], bare: ["provider", "depends_on"], attributes: ["count", "for_each"] };

const LANGUAGE: Record<string, BlockKind> = {
  terraform: { blocks: ["required_providers", "cloud"], labelled: ["backend"], attributes: ["required_version"] },
  required_providers: {},
  backend: { literal: true },
  cloud: { blocks: ["workspaces"], attributes: ["organization", "hostname", "token"], literal: true },
  workspaces: { attributes: ["name", "project", "tags"], literal: true },
  provider: { attributes: ["alias"] },
  variable: { blocks: ["validation"], bare: ["type"], literal: ["default", "description"], attributes: ["default", "description", "nullable", "sensitive", "ephemeral"] },
  validation: CONDITION,
  locals: {},
  data: RESOURCE,
  resource: RESOURCE,
  lifecycle: { blocks: ["precondition", "postcondition"], bare: ["ignore_changes", "replace_triggered_by"], attributes: ["create_before_destroy", "prevent_destroy", "destroy"] },
  precondition: CONDITION,
  postcondition: CONDITION,
  import: { bare: ["to", "provider"], attributes: ["id", "for_each"] },
  moved: { bare: ["from", "to"], attributes: [] },
  removed: { blocks: ["lifecycle"], bare: ["from"], attributes: [] },
  // A check's scoped data source would need its provider binding's annotations; none is written.
  check: { blocks: ["assert"], attributes: [] },
  assert: CONDITION,
  output: { blocks: ["precondition"], bare: ["depends_on"], literal: ["description"], attributes: ["value", "description", "sensitive", "ephemeral"] },
  /** A provider binding's nested block: its arguments are the binding's annotations alone, or blocks it generates with `dynamic`. */
  binding: { labelled: ["dynamic"], attributes: [] },
  /**
   * `dynamic "<block>" { for_each … content { … } }`: content is the generated block, annotated as
   * the binding's `<block>` when the binding sets it; otherwise every key of content is an argument.
   */
  dynamic: { attributes: ["for_each", "iterator"] },
  content: {},
};

/** The top-level keys of Terraform JSON, in the order their blocks are written. */
const TOP_LEVEL = ["terraform", "provider", "variable", "locals", "data", "resource", "import", "moved", "removed", "check", "output"];

/**
 * The stack as HCL, rendered from its resolved Terraform JSON (see the file comment). The metadata
 * (cdktf writes it to metadata.json beside cdk.tf) is that JSON too: the cdktf CLI reads from it
 * what it reads from cdk.tf.json of a JSON synthesis (backend, required providers, imports, the
 * construct paths of resources and outputs), and Terraform does not load it.
 */
export function stackHcl(stack: TerraformStack): { hcl: string; metadata: Record<string, unknown> } {
  const json = resolve(stack, stack.toTerraform()) as Record<string, unknown>;
  const at = stack.node.id;
  const unknown = Object.keys(json).filter((key) => key !== "//" && !TOP_LEVEL.includes(key));
  if (unknown.length) throw new Error(`${at}: no HCL rendering for the top-level ${unknown.join(", ")}`);
  const bindings = bindingArguments(stack);
  const blocks = TOP_LEVEL.flatMap((key) => topLevelBlocks(key, json[key], `${at}: ${key}`, bindings));
  return { hcl: `${blocks.join("\n\n")}\n`, metadata: json };
}

/** The blocks of one top-level key of Terraform JSON. */
function topLevelBlocks(key: string, value: unknown, at: string, bindings: Map<string, BlockInfo>): string[] {
  if (value === undefined) return [];
  const named = Object.entries((value ?? {}) as Record<string, unknown>);
  switch (key) {
    case "terraform":
    case "locals":
      return [renderBlock(key, key, value as Body, at)];
    case "variable":
    case "output":
    case "check":
      return named.map(([name, body]) => renderBlock(`${key} "${name}"`, key, body as Body, `${at} "${name}"`));
    case "import":
    case "moved":
    case "removed":
      return (value as Body[]).map((body, index) => renderBlock(key, key, body, `${at} #${index + 1}`));
    case "provider":
      return named.flatMap(([type, configurations]) =>
        (configurations as Body[]).map((body) => renderBlock(`provider "${type}"`, key, body, `${at} "${type}" ${body.alias ?? ""}`, bindings.get(bindingKey(key, type, body.alias)) ?? {})),
      );
    default: // data, resource
      return named.flatMap(([type, instances]) =>
        Object.entries(instances as Record<string, Body>).map(([name, body]) => renderBlock(`${key} "${type}" "${name}"`, key, body, `${at} "${type}" "${name}"`, bindings.get(bindingKey(key, type, name)) ?? {})),
      );
  }
}

/**
 * `header { … }` at `depth` (0: top level). `info` is the provider binding's annotation of the
 * block's arguments, for resources, data sources, providers and their nested blocks.
 */
function renderBlock(header: string, kind: string, body: Body, at: string, info?: BlockInfo, depth = 0): string {
  const language = LANGUAGE[kind]!;
  const indent = "  ".repeat(depth + 1);
  const lines = Object.entries(body).flatMap(([key, value]): string[] => {
    if (key === "//" || value === undefined) return [];
    const argument = info?.[key];
    if (language.blocks?.includes(key)) return items(value).map((item) => renderBlock(key, key, item, `${at} ${key}`, undefined, depth + 1));
    if (typeof argument === "object" && (argument.isBlock ?? argument.is_block)) {
      return items(value).map((item, index) => renderBlock(key, "binding", item, `${at} ${key}`, nestedInfo(argument.value, index), depth + 1));
    }
    if (kind === "dynamic" && key === "content") return [renderBlock(key, info && Object.keys(info).length ? "binding" : "content", value as Body, `${at} ${key}`, info, depth + 1)];
    if (language.labelled?.includes(key)) {
      return Object.entries(value as Record<string, Body>).map(([label, item]) =>
        renderBlock(`${key} "${label}"`, key, item, `${at} ${key}`, key === "dynamic" ? nestedInfo((info?.[label] as { value?: unknown } | undefined)?.value, 0) : undefined, depth + 1),
      );
    }
    if (kind === "required_providers") return [`${indent}${key} = ${renderRequiredProvider(value as Body, depth + 1)}`];
    if (language.bare?.includes(key)) return [`${indent}${key} = ${renderBare(value)}`];
    if (language.literal === true || language.literal?.includes(key)) return [`${indent}${key} = ${renderValue(value, depth + 1, literalString)}`];
    if (argument !== undefined || !language.attributes || language.attributes.includes(key)) return [`${indent}${key} = ${renderValue(value, depth + 1)}`];
    throw new Error(`${at}: no HCL rendering for ${key}`);
  });
  return `${"  ".repeat(depth)}${header} {\n${lines.join("\n")}\n${"  ".repeat(depth)}}`;
}

/** A block written once is an object in Terraform JSON, a repeated one a list. */
function items(value: unknown): Body[] {
  return (Array.isArray(value) ? value : [value]) as Body[];
}

function nestedInfo(value: unknown, index: number): BlockInfo {
  const item = Array.isArray(value) ? value[index] : value;
  return item !== null && typeof item === "object" ? (item as BlockInfo) : {};
}

/** `{ source = …, version = …, configuration_aliases = [aws.a, …] }`: the aliases are references. */
function renderRequiredProvider(requirement: Body, depth: number): string {
  const indent = "  ".repeat(depth + 1);
  const lines = Object.entries(requirement).map(([name, item]) => `${indent}${name} = ${name === "configuration_aliases" ? renderBare(item) : renderValue(item, depth + 1)}`);
  return `{\n${lines.join("\n")}\n${"  ".repeat(depth)}}`;
}

/** A reference, a list of references, a keyword (`ignore_changes = all`) or a type constraint, written without quotes. */
function renderBare(value: unknown): string {
  return Array.isArray(value) ? `[${value.map((item) => unwrap(item as string)).join(", ")}]` : unwrap(value as string);
}

function unwrap(reference: string): string {
  return isOneInterpolation(reference) ? reference.slice(2, -1) : reference;
}

/**
 * A Terraform JSON value as an HCL expression; strings keep their type (an account ID stays a
 * quoted string). `string` writes strings and object keys: as the templates they are in JSON, or,
 * where Terraform reads JSON literally, as literal text.
 */
function renderValue(value: unknown, depth = 0, string: (text: string) => string = hclExpression): string {
  if (typeof value === "string") return string(value);
  if (Array.isArray(value)) return `[${value.map((item) => renderValue(item, depth, string)).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const indent = "  ".repeat(depth + 1);
    const key = string === hclExpression ? JSON.stringify : string;
    return `{\n${Object.entries(value).map(([name, item]) => `${indent}${key(name)} = ${renderValue(item, depth + 1, string)}`).join("\n")}\n${"  ".repeat(depth)}}`;
  }
  return JSON.stringify(value);
}

/** A string Terraform reads literally in JSON, as an HCL string that reads the same. */
const literalString = (text: string) => hclString(literalText(text));

/** Key of a block's binding annotations: a provider configuration is known by its alias. */
function bindingKey(kind: string, type: string, name: unknown): string {
  return `${kind} ${type} ${name ?? ""}`;
}

/** Which arguments of each resource, data source and provider are nested blocks, as cdktf's bindings annotate them. */
function bindingArguments(stack: TerraformStack): Map<string, BlockInfo> {
  const bindings = new Map<string, BlockInfo>();
  for (const element of stack.node.findAll()) {
    if (!(element instanceof TerraformResource || element instanceof TerraformDataSource || element instanceof TerraformProvider)) continue;
    const fragment = resolve(stack, element.toHclTerraform()) as Record<string, Record<string, BlockInfo | Record<string, BlockInfo> | BlockInfo[]>>;
    for (const kind of ["resource", "data"] as const) {
      for (const [type, instances] of Object.entries(fragment[kind] ?? {})) {
        for (const [name, body] of Object.entries(instances as Record<string, BlockInfo>)) bindings.set(bindingKey(kind, type, name), body);
      }
    }
    for (const [type, configurations] of Object.entries(fragment.provider ?? {})) {
      for (const body of configurations as BlockInfo[]) bindings.set(bindingKey("provider", type, aliasOf(body.alias)), body);
    }
  }
  return bindings;
}

function aliasOf(alias: ArgumentInfo | string | undefined): unknown {
  return typeof alias === "object" ? alias.value : alias;
}

/**
 * A Terraform JSON string that holds an expression (a condition, an import's for_each) as HCL:
 * a string that is one `${…}` interpolation is that expression; anything else stays a template.
 */
export function hclExpression(template: string): string {
  return isOneInterpolation(template) ? template.slice(2, -1).trim() : hclString(template);
}

/** `${…}` around the whole string and nothing else. */
function isOneInterpolation(template: string): boolean {
  return template.startsWith("${") && interpolationEnd(template, 0) === template.length;
}

/**
 * A Terraform JSON string as an HCL quoted template: `"` and `\` (and control characters) are
 * escaped in the literal parts; `${…}` and `%{…}` sequences, already HCL expression syntax, and
 * the literal escape `$${` stay as they are (Terraform docs, "Strings and Templates").
 */
export function hclString(template: string): string {
  let out = "";
  let index = 0;
  while (index < template.length) {
    if (template.startsWith("$${", index) || template.startsWith("%%{", index)) {
      out += template.slice(index, index + 3);
      index += 3;
    } else if (template.startsWith("${", index) || template.startsWith("%{", index)) {
      const end = interpolationEnd(template, index);
      out += template.slice(index, end);
      index = end;
    } else {
      out += escapeCharacter(template[index]!);
      index += 1;
    }
  }
  return `"${out}"`;
}

const ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeCharacter(character: string): string {
  return ESCAPES[character] ?? character;
}

/** Index just after the `}` that closes the `${`/`%{` at `start`, skipping braces inside quoted strings. */
function interpolationEnd(text: string, start: number): number {
  let depth = 0;
  let index = start + 1;
  while (index < text.length) {
    const character = text[index]!;
    if (character === '"') index = quotedStringEnd(text, index);
    else {
      if (character === "{") depth += 1;
      if (character === "}" && --depth === 0) return index + 1;
      index += 1;
    }
  }
  throw new Error(`unclosed interpolation in ${JSON.stringify(text)}`);
}

/** Index just after the `"` that closes the HCL string opened at `start` (inside an interpolation). */
function quotedStringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    if (text[index] === "\\") index += 2;
    else if (text[index] === '"') return index + 1;
    else if (text.startsWith("${", index) || text.startsWith("%{", index)) index = interpolationEnd(text, index);
    else index += 1;
  }
  throw new Error(`unclosed string in ${JSON.stringify(text)}`);
}
