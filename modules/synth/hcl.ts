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
 * The HCL is written as `terraform fmt` writes it (`terraform fmt -check` passes): two spaces per
 * nesting level, and the `=` of consecutive one-line arguments aligned (alignedBody). A JSON
 * document in a string argument that the provider compares as a document (DOCUMENT_ARGUMENTS) is
 * written as `jsonencode({ … })`, which a reviewer can read, instead of one escaped string.
 */
import { DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformProvider, TerraformResource, Tokenization, type TerraformStack } from "cdktf";
import { decodeJsonencode, TerraformSyntaxError, Unevaluated } from "../kit/terraform-expression";
import { literalText } from "../kit/terraform-text";

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

/**
 * String arguments that hold a JSON document the AWS provider compares by meaning, not by its
 * text: IAM, KMS and bucket policies (`policy`, `assume_role_policy`: equivalent policies show no
 * difference, "aws_iam_role", "aws_s3_bucket_policy" and "aws_kms_key" on
 * registry.terraform.io/providers/hashicorp/aws) and templates (`template_body` of
 * aws_cloudformation_stack_set and aws_config_organization_conformance_pack: DiffSuppressFunc
 * verify.SuppressEquivalentJSONOrYAMLDiffs, internal/service/cloudformation/stack_set.go and
 * internal/service/configservice/organization_conformance_pack.go in
 * github.com/hashicorp/terraform-provider-aws).
 * Written as `jsonencode({ … })`, Terraform encodes
 * the same document with its keys sorted and without spaces; for these arguments that is the same
 * value. Any other string, and a document that is not an object or array, stays a string.
 */
const DOCUMENT_ARGUMENTS = new Set(["policy", "assume_role_policy", "template_body"]);

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
  return { hcl: `${terraformIndentation(blocks.join("\n\n"))}\n`, metadata: json };
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
  const lines = Object.entries(body).flatMap(([key, value]): BodyLine[] => {
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
    if (kind === "required_providers") return [{ name: key, value: renderRequiredProvider(value as Body, depth + 1) }];
    if (language.bare?.includes(key)) return [{ name: key, value: renderBare(value) }];
    if (language.literal === true || language.literal?.includes(key)) return [{ name: key, value: renderValue(value, depth + 1, literalString) }];
    if (argument !== undefined && DOCUMENT_ARGUMENTS.has(key)) return [{ name: key, value: renderDocument(value, depth + 1) }];
    if (argument !== undefined || !language.attributes || language.attributes.includes(key)) return [{ name: key, value: renderValue(value, depth + 1) }];
    throw new Error(`${at}: no HCL rendering for ${key}`);
  });
  return `${"  ".repeat(depth)}${header} {\n${alignedBody(lines, depth + 1)}\n${"  ".repeat(depth)}}`;
}

/** One line of a body: an argument (`name = value`), or a nested block already rendered. */
type BodyLine = { readonly name: string; readonly value: string } | string;

/**
 * A body's lines at `depth`, as `terraform fmt` writes them: the `=` of consecutive arguments
 * whose value fits on one line stand in one column, one space after the longest name (counted
 * in grapheme clusters); a nested block or a value over several lines (`{`, `[{`, `jsonencode({`)
 * ends the run. This is hclwrite's rule (formatCells and linesForFormat in hclwrite/format.go,
 * github.com/hashicorp/hcl), which `terraform fmt` applies.
 */
function alignedBody(lines: readonly BodyLine[], depth: number): string {
  const indent = "  ".repeat(depth);
  const oneLine = (line: BodyLine): line is { name: string; value: string } => typeof line !== "string" && !line.value.includes("\n");
  const out: string[] = [];
  for (let start = 0; start < lines.length; ) {
    let end = start;
    while (end < lines.length && oneLine(lines[end]!)) end += 1;
    const run = lines.slice(start, end) as { name: string; value: string }[];
    const width = Math.max(0, ...run.map((line) => columns(line.name)));
    out.push(...run.map((line) => `${indent}${line.name}${" ".repeat(width - columns(line.name))} = ${line.value}`));
    if (end < lines.length) {
      const line = lines[end]!;
      out.push(typeof line === "string" ? line : `${indent}${line.name} = ${line.value}`);
    }
    start = end + 1;
  }
  return out.join("\n");
}

/**
 * Each line indented as `terraform fmt` indents it (formatIndent in hclwrite/format.go,
 * github.com/hashicorp/hcl): two spaces per open bracket group, where a line that opens more
 * brackets than it closes opens one group, a line that closes more closes as many groups as its
 * brackets end, and a line that closes and opens as many (`}, {` between the objects of a list)
 * stays at the inner level.
 */
function terraformIndentation(text: string): string {
  const groups: number[] = [];
  return text
    .split("\n")
    .map((line) => {
      const content = line.trimStart();
      if (!content) return "";
      const net = bracketChange(content);
      if (net < 0) {
        for (let closed = -net; closed > 0 && groups.length; ) {
          const last = groups.pop()!;
          if (closed < last) groups.push(last - closed);
          closed -= last;
        }
      }
      const indented = `${"  ".repeat(groups.length)}${content}`;
      if (net > 0) groups.push(net);
      return indented;
    })
    .join("\n");
}

/**
 * Brackets a line opens minus those it closes, as HCL's tokens count them: `{ [ (` and the `${`
 * and `%{` that start a template sequence open, `} ] )` close; brackets inside the literal text
 * of a quoted string, and the escapes `$${` and `%%{`, are text.
 */
function bracketChange(line: string): number {
  let net = 0;
  // What each open `{` or quote is: a string, a template sequence in a string, or an expression brace.
  const open: ("string" | "sequence" | "brace")[] = [];
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index]!;
    if (open.at(-1) === "string") {
      if (character === "\\") index += 1;
      else if (line.startsWith("$${", index) || line.startsWith("%%{", index)) index += 2;
      else if (line.startsWith("${", index) || line.startsWith("%{", index)) {
        open.push("sequence");
        net += 1;
        index += 1;
      } else if (character === '"') open.pop();
    } else if (character === '"') open.push("string");
    else if ("{[(".includes(character)) {
      if (character === "{") open.push("brace");
      net += 1;
    } else if ("}])".includes(character)) {
      if (character === "}") open.pop();
      net -= 1;
    }
  }
  return net;
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const columns = (text: string) => [...GRAPHEMES.segment(text)].length;

/**
 * A DOCUMENT_ARGUMENTS value: `jsonencode({ … })` when the string is a JSON object or array (its
 * strings stay templates, as they are in Terraform JSON); anything else as any other value.
 */
function renderDocument(value: unknown, depth: number): string {
  const document = typeof value === "string" && /^\s*[[{]/.test(value) ? jsonDocument(value) : undefined;
  return document === undefined ? renderValue(value, depth) : `jsonencode(${renderValue(document, depth)})`;
}

function jsonDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
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
  const lines = Object.entries(requirement).map(([name, item]) => ({ name, value: name === "configuration_aliases" ? renderBare(item) : renderValue(item, depth + 1) }));
  return `{\n${alignedBody(lines, depth + 1)}\n${"  ".repeat(depth)}}`;
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
  if (value instanceof Unevaluated) return value.source;
  if (typeof value === "string") return string === hclExpression ? renderExpression(value, depth) : string(value);
  if (Array.isArray(value)) return `[${value.map((item) => renderValue(item, depth, string)).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const key = string === hclExpression ? JSON.stringify : string;
    const lines = Object.entries(value).map(([name, item]) => ({ name: key(name), value: renderValue(item, depth + 1, string) }));
    return lines.length ? `{\n${alignedBody(lines, depth + 1)}\n${"  ".repeat(depth)}}` : "{}";
  }
  return JSON.stringify(value);
}

/**
 * A string Terraform evaluates, as an HCL expression. cdktf writes `Fn.jsonencode(document)` as
 * one line, `${jsonencode({"Version" = "2012-10-17", "Statement" = [...]})}`; that call is written
 * as `jsonencode({` with the document's entries one per line, the same expression laid out.
 */
function renderExpression(template: string, depth: number): string {
  const document = jsonencodeArgument(template);
  return document === undefined ? hclExpression(template) : `jsonencode(${renderValue(document, depth)})`;
}

/**
 * The argument of `${jsonencode(<literal>)}` as a value to write again, or undefined when writing
 * it again could change it: outside the literal subset the review's parser reads (references stay
 * references), with a literal `$${` or `%%{` (the parser decodes the escape), or with a type
 * conversion (toset sorts and deduplicates; the parser keeps the list).
 */
function jsonencodeArgument(template: string): unknown {
  if (!template.startsWith("${jsonencode(") || /\$\$\{|%%\{|\bto(set|list|map)\s*\(/.test(template)) return undefined;
  try {
    return decodeJsonencode(template);
  } catch (error) {
    if (error instanceof TerraformSyntaxError) return undefined;
    throw error;
  }
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
