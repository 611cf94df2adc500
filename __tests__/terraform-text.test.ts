/**
 * No configuration string is ever evaluated by Terraform. Every string field of the schema
 * (walked from the generated JSON Schema, so a new field is covered without touching this test)
 * gets hostile text: `${…}` interpolation, `%{…}` directives and the escapes `$${`, `%%{` that must
 * stay literal. A field either refuses it, naming the field (safe by validation), or accepts it;
 * every accepted value is then synthesized, and Terraform itself evaluates each place the value
 * reaches, in the stacks' JSON and in their HCL, and must read back exactly the configured text.
 * Terraform also validates every such stack, JSON and HCL.
 */
import { App, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configJsonSchema } from "../modules/config/json-schema";
import { formatPath, parseConfig } from "../modules/config/load";
import { addStacks, APP_OPTIONS } from "../modules/stacks";
import { stackHcl } from "../modules/synth/hcl";
import { configProblems, withChange } from "./support/config";
import { validateStack, withTerraform } from "./support/terraform";
import { appliedOutputs } from "./support/terraform-values";

/**
 * Everything Terraform could evaluate: an interpolation (breaks validation), a directive (silently
 * rewritten to "y"), and the escapes `$${`, `%%{` (must stay as written). No spaces, so patterns
 * that refuse spaces still see the rest. `FIELD` is replaced by a marker naming the field.
 */
const HOSTILE = "${FIELD}%{if!false}y%{endif}$${z}%%{w}";
/** The same, in the shapes some patterns ask for (an IAM path starts and ends with "/"). */
const VARIANTS = [(text: string) => text, (text: string) => `/${text}/`];

type Step = { key: string } | { item: true } | { recordValue: true } | { recordKey: true };
interface Discriminant { readonly key: string; readonly value: unknown }
/** The property a union branch is told apart by: the one holding a constant ("type", or "create"). */
const discriminantOf = (branch: any): Discriminant | undefined =>
  Object.entries<any>(branch.properties ?? {}).filter(([, child]) => child.const !== undefined).map(([key, child]) => ({ key, value: child.const }))[0];

interface StringField {
  readonly steps: readonly Step[];
  /** Discriminants of the union branches on the way (e.g. stateBackend's type "s3", a bucket's create false), by object path. */
  readonly branches: ReadonlyMap<string, Discriminant>;
}

/** Every string-valued place of the JSON Schema: properties, list items, record keys and values, in every union branch. */
function stringFields(node: any, steps: Step[] = [], branches = new Map<string, Discriminant>(), out: StringField[] = []): StringField[] {
  for (const branch of node.anyOf ?? node.oneOf ?? []) {
    const discriminant = discriminantOf(branch);
    walkNode(branch, steps, discriminant ? new Map([...branches, [stepsKey(steps), discriminant]]) : branches, out);
  }
  if (!node.anyOf && !node.oneOf) walkNode(node, steps, branches, out);
  return out;
}

function walkNode(node: any, steps: Step[], branches: Map<string, Discriminant>, out: StringField[]) {
  if (node.type === "string" && node.const === undefined) out.push({ steps, branches });
  if (node.type === "array") stringFields(node.items, [...steps, { item: true }], branches, out);
  if (node.type === "object") {
    for (const [key, child] of Object.entries<any>(node.properties ?? {})) if (child.const === undefined) stringFields(child, [...steps, { key }], branches, out);
    if (typeof node.additionalProperties === "object") stringFields(node.additionalProperties, [...steps, { recordValue: true }], branches, out);
    if (node.propertyNames) out.push({ steps: [...steps, { recordKey: true }], branches });
  }
}

/** The field as a reader names it: "tags.<key>", "tags.<value>", "regions[]". */
const fieldName = (steps: readonly Step[]) =>
  steps.map((step) => ("key" in step ? `.${step.key}` : "item" in step ? "[]" : "recordKey" in step ? ".<key>" : ".<value>")).join("").slice(1);

const stepsKey = (steps: readonly Step[]) => steps.map((step) => ("key" in step ? step.key : "[]")).join(".");

/** A valid object for each union branch, so a field of that branch is judged on its own value. */
const BRANCH_BASES: Record<string, object> = {
  "stateBackend:s3": { type: "s3", bucket: "org-tf-state", region: "us-east-1" },
  "stateBackend:local": { type: "local" },
  "stateBackend:cloud": { type: "cloud", organization: "example-org" },
  "auditManager.kmsKey:create": { type: "create" },
  "auditManager.kmsKey:existing": { type: "existing", keyArns: { "us-east-1": "arn:aws:kms:us-east-1:111111111111:key/mrk-0123456789abcdef0123456789abcdef" } },
  "auditManager.kmsKey:awsOwned": { type: "awsOwned" },
  "auditManager.assessmentReports.bucket:true": { create: true },
  "auditManager.assessmentReports.bucket:false": { create: false, names: { "us-east-1": "audit-reports-us-east-1" } },
};

/** A valid item for each list of objects, so a field of an item is judged on its own value. */
const ITEM_BASES: Record<string, object> = {
  "auditManager.assessments": { name: "pci-dss", framework: "PCI DSS V4.0", processOwnerRoleArns: ["arn:aws:iam::222222222222:role/AuditOwner"], accounts: "organization" },
};

/** One Region, so existing keys and every list need one entry; Security Hub local mode works with one Region. */
function baseInput(): any {
  return withChange((c) => {
    c.regions = ["us-east-1"];
    c.securityHub = { mode: "local" };
    // The example's assessment deploys Config rules from the evidence map, whose key is its framework text.
    delete c.auditManager.assessments;
  });
}

/** Puts `text` at the field in `input`; returns the concrete path the loader names. */
function put(input: any, field: StringField, text: string): (string | number)[] {
  const path: (string | number)[] = [];
  let node = input;
  field.steps.forEach((step, index) => {
    const last = index === field.steps.length - 1;
    const next = field.steps[index + 1];
    const container = () => (next && "item" in next ? [] : {});
    const branch = field.branches.get(stepsKey(field.steps.slice(0, index + 1)));
    if ("key" in step) {
      if (last) node[step.key] = text;
      else {
        if (branch && node[step.key]?.[branch.key] !== branch.value) node[step.key] = structuredClone(BRANCH_BASES[`${stepsKey(field.steps.slice(0, index + 1))}:${String(branch.value)}`]);
        // A list field whose base holds another form (assessments' accounts: "organization") becomes a list.
        if (next && "item" in next && !Array.isArray(node[step.key])) node[step.key] = [];
        node[step.key] ??= container();
        node = node[step.key];
      }
      path.push(step.key);
    } else if ("item" in step) {
      if (last) node[0] = text;
      else node = node[0] ??= structuredClone(ITEM_BASES[stepsKey(field.steps.slice(0, index))]) ?? container();
      path.push(0);
    } else if ("recordValue" in step) {
      const key = Object.keys(node)[0] ?? "us-east-1";
      if (last) node[key] = text;
      else node = node[key] ??= container();
      path.push(key);
    } else {
      node[text] = Object.values(node)[0] ?? "x";
      path.push(text);
    }
  });
  return path;
}

const fields = stringFields(configJsonSchema());
const marker = (index: number) => `f${index}x`;

/** The variant of the hostile text a field accepts, if any, and whether each refusal names the field. */
const judged = fields.map((field, index) => {
  const hostile = HOSTILE.replace("FIELD", marker(index));
  for (const variant of VARIANTS) {
    const input = baseInput();
    const path = put(input, field, variant(hostile));
    const problems = configProblems(input);
    if (problems.length === 0) return { field, index, path, accepted: variant(hostile), hostile };
    const named = [formatPath(path), formatPath(path.slice(0, -1))];
    if (!problems.some((problem) => named.some((name) => problem.startsWith(`${name}: `)))) return { field, index, path, unexplained: problems };
  }
  return { field, index, path: put(baseInput(), field, hostile), refused: true };
});

describe("every string field of the schema", () => {
  test("the walk finds the string fields (properties, list items, record keys and values, union branches)", () => {
    const names = fields.map((field) => fieldName(field.steps));
    expect(names).toEqual(expect.arrayContaining(["organizationId", "accounts.management.profile", "iamPolicy.description", "iamPolicy.attachTo.management.roles[]", "stateBackend.directory", "stateBackend.kmsKeyId", "auditManager.kmsKey.alias", "auditManager.kmsKey.keyArns.<key>", "tags.<key>", "tags.<value>"]));
    expect(fields.length).toBeGreaterThan(40);
  });

  test.each(judged.map((j) => [fieldName(j.field.steps), j] as const))("%s refuses the hostile text naming itself, or accepts it", (_, j) => {
    expect("unexplained" in j ? j.unexplained : []).toEqual([]);
  });
});

describe("accepted configuration text reaches Terraform as literal text", () => {
  const accepted = judged.filter((j): j is Extract<typeof j, { accepted: string }> => "accepted" in j);
  const dir = mkdtempSync(join(tmpdir(), "terraform-text-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The accepted values put together, as few configurations as their union branches allow. */
  const groups: { input: any; members: typeof accepted }[] = [];
  for (const j of accepted) {
    const group = groups.find(({ input }) => {
      const trial = structuredClone(input);
      put(trial, j.field, j.accepted);
      return configProblems(trial).length === 0;
    });
    if (group) {
      put(group.input, j.field, j.accepted);
      group.members.push(j);
    } else {
      const input = baseInput();
      put(input, j.field, j.accepted);
      groups.push({ input, members: [j] });
    }
  }

  test("the fields that accept the hostile text are the free-text ones", () => {
    // A field not listed here that accepts "${" must be looked at: Terraform would see it.
    expect(accepted.map((j) => fieldName(j.field.steps)).sort()).toEqual(["$schema", "accounts.management.profile", "auditManager.assessments[].description", "iamPolicy.description", "iamPolicy.path", "stateBackend.directory"]);
  });

  test("Terraform evaluates every place each value reaches, JSON and HCL, to the configured text, and validates every stack", async () => {
    // Each place a value reaches, as Terraform JSON and as HCL, with the text Terraform must read there.
    const places = { json: [] as { expression: string; expected: string }[], hcl: [] as { expression: string; expected: string }[] };
    const reached = new Set<number>();
    const stackDirs: string[] = [];
    for (const [groupIndex, group] of groups.entries()) {
      const outdir = join(dir, `out-${groupIndex}`);
      const app = new App({ ...APP_OPTIONS, outdir });
      const deployment = addStacks(app, parseConfig(group.input));
      app.synth();
      for (const stack of [deployment.organization, ...deployment.regions] as TerraformStack[]) {
        const jsonDir = join(outdir, "stacks", stack.node.id);
        const hclDir = join(dir, `hcl-${groupIndex}-${stack.node.id}`);
        mkdirSync(hclDir);
        const hcl = stack.toHclTerraform().hcl as string;
        writeFileSync(join(hclDir, "cdk.tf"), hcl);
        stackDirs.push(jsonDir, hclDir);
        const json = JSON.parse(readFileSync(join(jsonDir, "cdk.tf.json"), "utf8"));
        for (const j of group.members) {
          const tag = marker(j.index);
          // In JSON: every string or key holding the marker, outside the backend (read literally, below).
          for (const { path, text } of stringsIn(json)) {
            if (!text.includes(tag)) continue;
            reached.add(j.index);
            if (path[0] === "terraform" && path[1] === "backend") expect(text).toContain(j.accepted);
            else places.json.push({ expression: text, expected: j.accepted });
          }
          // In HCL: every argument or object entry line holding the marker (the `=` aligned as
          // terraform fmt aligns it; entries of a jsonencode document have quoted keys), evaluated
          // as the expression it is.
          for (const line of hcl.split("\n")) {
            const argument = /^\s*(?:[\w-]+|"[^"]*") += (".*")$/.exec(line);
            if (argument && line.includes(tag)) places.hcl.push({ expression: argument[1]!, expected: j.accepted });
          }
        }
      }
    }
    // $schema is read by editors only; every other accepted field reaches Terraform.
    expect(accepted.filter((j) => !reached.has(j.index)).map((j) => fieldName(j.field.steps))).toEqual(["$schema"]);

    expect(places.json.length).toBeGreaterThan(0);
    expect(places.hcl.length).toBeGreaterThanOrEqual(places.json.length);
    const jsonValues = evaluate(join(dir, "oracle-json"), "main.tf.json", JSON.stringify({ output: Object.fromEntries(places.json.map((p, i) => [`v${i}`, { value: p.expression }])) }));
    const hclValues = evaluate(join(dir, "oracle-hcl"), "main.tf", places.hcl.map((p, i) => `output "v${i}" {\n  value = ${p.expression}\n}\n`).join(""));
    expect(jsonValues.map((value, i) => value.includes(places.json[i]!.expected))).toEqual(places.json.map(() => true));
    expect(hclValues.map((value, i) => value.includes(places.hcl[i]!.expected))).toEqual(places.hcl.map(() => true));

    await withTerraform(async (workspace) => {
      for (const stackDir of stackDirs) {
        const result = await validateStack(workspace, stackDir);
        expect({ stackDir, ...result }).toEqual({ stackDir, ok: true, output: expect.anything() });
      }
    });
  });
});

/** Every string and object key in a Terraform JSON document, with its path. */
function stringsIn(value: unknown, path: string[] = []): { path: string[]; text: string }[] {
  if (typeof value === "string") return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, [...path, String(i)]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => [{ path: [...path, key], text: key }, ...stringsIn(item, [...path, key])]);
  }
  return [];
}

/** Terraform's value of each output of a root module holding only outputs, in output order (v0, v1, …). */
function evaluate(dir: string, file: string, text: string): string[] {
  mkdirSync(dir);
  writeFileSync(join(dir, file), text);
  const values = appliedOutputs(dir);
  return Object.keys(values)
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
    .map((name) => values[name] as string);
}

describe("where Terraform reads JSON literally, the HCL rendering escapes", () => {
  const dir = mkdtempSync(join(tmpdir(), "terraform-literal-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a variable default and description (the generated modules' defaults) read the same in JSON and HCL", () => {
    const text = HOSTILE.replace("FIELD", "default");
    const app = new App({ outdir: join(dir, "out") });
    const stack = new TerraformStack(app, "module");
    const variable = new TerraformVariable(stack, "text", { type: "string", default: text, description: text });
    new TerraformOutput(stack, "value", { value: variable.value, description: text });
    // stackHcl renders the HCL from the stack's Terraform JSON, which it returns as the metadata.
    const { hcl, metadata } = stackHcl(stack);
    const [fromJson] = evaluate(join(dir, "json"), "main.tf.json", JSON.stringify(metadata));
    const [fromHcl] = evaluate(join(dir, "hcl"), "main.tf", hcl);
    expect([fromJson, fromHcl]).toEqual([text, text]);
  });
});
