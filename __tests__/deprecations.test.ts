/**
 * Nothing the project writes uses what hashicorp/aws deprecates, so the stacks' range
 * `>= 5.100.0, < 7.0.0` holds without warnings on both lines: every stack of both shipped
 * configurations (as Terraform JSON and as HCL) and every generated module (terraform-modules/,
 * JSON and HCL) and the example estate (examples/) sets no argument or block, and references no
 * attribute, that
 *  - the schema of the provider installed here (`terraform providers schema -json`, 5.100.0: the
 *    only version that runs on this machine) marks `deprecated`, or
 *  - the hashicorp/aws 6.0 upgrade guide deprecates, removes or gives a new meaning
 *    (__tests__/fixtures/aws-provider-6-deprecations.json, copied from the guide; 6.x is checked
 *    against that list only, never run).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PROJECT_ROOT, projectConfig, synth, synthHcl } from "./support/synth";
import { terraform, withTerraform } from "./support/terraform";
import { parseHcl } from "./support/hcl";

interface SchemaBlock {
  readonly attributes?: Record<string, { readonly deprecated?: boolean }>;
  readonly block_types?: Record<string, { readonly block: SchemaBlock }>;
  readonly deprecated?: boolean;
}
interface ProviderSchema {
  readonly provider: { readonly block: SchemaBlock };
  readonly resource_schemas: Record<string, { readonly block: SchemaBlock }>;
  readonly data_source_schemas: Record<string, { readonly block: SchemaBlock }>;
}
type Kind = "resource" | "data";
type Body = Record<string, unknown>;

const SIX: {
  resourceTypes: { deprecated: string[]; removed: string[] };
  dataSourceTypes: { deprecated: string[] };
  provider: Record<string, string>;
  resources: Record<string, Record<string, string>>;
  dataSources: Record<string, Record<string, string>>;
} = JSON.parse(readFileSync(join(__dirname, "fixtures", "aws-provider-6-deprecations.json"), "utf8"));

/** Terraform's meta-arguments: the language's, not the provider's. */
const META_ARGUMENTS = new Set(["provider", "depends_on", "count", "for_each", "lifecycle", "provisioner", "connection", "//"]);

/** A block written once is an object in Terraform JSON and a one-element list in parsed HCL. */
const bodies = (value: unknown): Body[] => (Array.isArray(value) ? value.flatMap(bodies) : value !== null && typeof value === "object" ? [value as Body] : []);

/** Every resource and data source block of a configuration, with its type. */
function blocks(config: Body): { kind: Kind; type: string; name: string; body: Body }[] {
  return (["resource", "data"] as const).flatMap((kind) =>
    bodies(config[kind]).flatMap((byType) =>
      Object.entries(byType).flatMap(([type, byName]) => bodies(byName).flatMap((named) => Object.entries(named).flatMap(([name, body]) => bodies(body).map((b) => ({ kind, type, name, body: b }))))),
    ),
  );
}

/** The `aws` provider blocks' bodies. */
const providerBodies = (config: Body): Body[] => bodies(config.provider).flatMap((byName) => bodies((byName as Body).aws));

/** Every `${…}` expression in the configuration's strings. */
function expressions(value: unknown): string[] {
  if (typeof value === "string") {
    const found: string[] = [];
    for (let start = value.indexOf("${"); start !== -1; start = value.indexOf("${", start + 2)) {
      let depth = 0;
      for (let i = start + 1; i < value.length; i++) {
        if (value[i] === "{") depth++;
        else if (value[i] === "}" && --depth === 0) {
          found.push(value.slice(start + 2, i));
          break;
        }
      }
    }
    return found;
  }
  if (Array.isArray(value)) return value.flatMap(expressions);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(expressions);
  return [];
}

/** References to an attribute of a resource or data source: `aws_x.name.attr`, `data.aws_x.name[0].attr`. */
function references(config: Body): { kind: Kind; type: string; attribute: string; text: string }[] {
  const pattern = /(?<![\w.])(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])*\.([a-z_][a-z0-9_]*)/g;
  return expressions(config).flatMap((expression) => [...expression.matchAll(pattern)].map((m) => ({ kind: m[1] ? ("data" as const) : ("resource" as const), type: m[2], attribute: m[4], text: m[0] })));
}

/** What `config` uses that `schema` marks deprecated. */
function deprecatedIn5(config: Body, schema: ProviderSchema): string[] {
  const found: string[] = [];
  const walk = (body: Body, block: SchemaBlock, path: string) => {
    for (const [key, value] of Object.entries(body)) {
      if (META_ARGUMENTS.has(key)) continue;
      if (block.attributes?.[key]?.deprecated) found.push(`${path}.${key}`);
      const nested = block.block_types?.[key]?.block;
      if (!nested) continue;
      if (nested.deprecated) found.push(`${path}.${key} (block)`);
      for (const item of bodies(value)) walk(item, nested, `${path}.${key}`);
    }
  };
  // The AWS provider's blocks; terraform_data is Terraform's built-in provider's (terraform validate checks it).
  for (const { kind, type, name, body } of blocks(config).filter((block) => block.type.startsWith("aws_"))) {
    const typeSchema = (kind === "resource" ? schema.resource_schemas : schema.data_source_schemas)[type]?.block;
    if (!typeSchema) throw new Error(`${kind} ${type} is not in the provider schema`);
    if (typeSchema.deprecated) found.push(`${kind} ${type} (deprecated type)`);
    walk(body, typeSchema, `${kind === "data" ? "data." : ""}${type}.${name}`);
  }
  for (const body of providerBodies(config)) walk(body, schema.provider.block, "provider.aws");
  for (const { kind, type, attribute, text } of references(config)) {
    const typeSchema = (kind === "resource" ? schema.resource_schemas : schema.data_source_schemas)[type]?.block;
    if (typeSchema?.attributes?.[attribute]?.deprecated || typeSchema?.block_types?.[attribute]?.block.deprecated) found.push(`reference ${text}`);
  }
  return found;
}

/** What `config` uses that the 6.0 upgrade guide deprecates, removes or redefines. */
function changedIn6(config: Body): string[] {
  const found: string[] = [];
  for (const { kind, type, name, body } of blocks(config)) {
    const typeChanges = kind === "resource" ? [...SIX.resourceTypes.deprecated, ...SIX.resourceTypes.removed] : SIX.dataSourceTypes.deprecated;
    if (typeChanges.includes(type)) found.push(`${kind} ${type}`);
    const changes = (kind === "resource" ? SIX.resources : SIX.dataSources)[type] ?? {};
    for (const key of Object.keys(body)) if (changes[key]) found.push(`${kind === "data" ? "data." : ""}${type}.${name}.${key}: ${changes[key]}`);
  }
  for (const body of providerBodies(config)) for (const key of Object.keys(body)) if (SIX.provider[key]) found.push(`provider.aws.${key}: ${SIX.provider[key]}`);
  for (const { kind, type, attribute, text } of references(config)) {
    const change = (kind === "resource" ? SIX.resources : SIX.dataSources)[type]?.[attribute];
    if (change) found.push(`reference ${text}: ${change}`);
  }
  return found;
}

/** Both shipped configurations' stacks, synthesized as Terraform JSON and as HCL. */
async function stackSources(): Promise<[string, Body][]> {
  const sources: [string, Body][] = [];
  for (const file of ["config/example.json", "config/all-regions.json"]) {
    for (const stack of synth(projectConfig(file)).stacks) sources.push([`${file} ${stack.name} (JSON)`, stack.json]);
    const hcl = synthHcl(projectConfig(file));
    for (const { name } of hcl.stacks) sources.push([`${file} ${name} (HCL)`, await parseHcl("cdk.tf", readFileSync(join(hcl.outdir, "stacks", name, "cdk.tf"), "utf8"))]);
  }
  return sources;
}

/** The committed modules and the example estate, as Terraform reads them. */
async function moduleSources(): Promise<[string, Body][]> {
  const sources: [string, Body][] = [];
  for (const folder of ["terraform-modules", "examples"]) {
    const files = readdirSync(join(PROJECT_ROOT, folder), { recursive: true, encoding: "utf8" }).filter((file) => /\.tf(\.json)?$/.test(file)).sort();
    for (const file of files) {
      const text = readFileSync(join(PROJECT_ROOT, folder, file), "utf8");
      sources.push([join(folder, file), file.endsWith(".json") ? JSON.parse(text) : await parseHcl(file, text)]);
    }
  }
  return sources;
}

let schema: ProviderSchema;
let providerVersion: string;
let sources: [string, Body][];

beforeAll(async () => {
  sources = [...(await stackSources()), ...(await moduleSources())];
  // Once for the file: the schema comes from the provider the harness already started (TF_REATTACH_PROVIDERS).
  await withTerraform(async (workspace) => {
    const initDir = dirname(workspace.lockFile);
    const result = await terraform(["providers", "schema", "-json"], initDir, workspace.env);
    if (!result.ok) throw new Error(`terraform providers schema failed:\n${result.output}`);
    const all = JSON.parse(result.output.slice(result.output.indexOf("{")));
    schema = all.provider_schemas["registry.terraform.io/hashicorp/aws"];
    providerVersion = /provider "registry.terraform.io\/hashicorp\/aws" \{\s*version\s*=\s*"([^"]+)"/.exec(readFileSync(workspace.lockFile, "utf8"))![1];
  });
}, 600_000);

test("reads every stack of both configurations twice (JSON, HCL) and every module in both formats", () => {
  const names = sources.map(([name]) => name);
  expect(names.filter((name) => name.startsWith("config/all-regions.json") && name.endsWith("(HCL)"))).toHaveLength(13);
  expect(names.filter((name) => name.startsWith("terraform-modules/json/"))).toHaveLength(readdirSync(join(PROJECT_ROOT, "terraform-modules", "json")).length);
  expect(names.filter((name) => name.startsWith("terraform-modules/hcl/"))).toHaveLength(readdirSync(join(PROJECT_ROOT, "terraform-modules", "hcl")).length);
});

test("the schema checked against is the provider installed here, hashicorp/aws 5.100.x (docs/versions.md)", () => {
  expect(providerVersion).toMatch(/^5\.100\./);
});

test("the checks find what they look for: an argument, a block and a reference 5.100 deprecates, and data.aws_region.name of 6.0", () => {
  const config = {
    resource: { aws_s3_bucket: { logs: { bucket: "logs", acl: "private", versioning: { enabled: true } } }, aws_iam_role: { r: { name: "r", assume_role_policy: "{}", managed_policy_arns: [] } } },
    data: { aws_region: { here: {} } },
    output: { bucket: { value: "${aws_s3_bucket.logs.acl}" }, region: { value: "${upper(data.aws_region.here.name)}" } },
  };
  expect(deprecatedIn5(config, schema).sort()).toEqual(["aws_iam_role.r.managed_policy_arns", "aws_s3_bucket.logs.acl", "aws_s3_bucket.logs.versioning (block)", "reference aws_s3_bucket.logs.acl"]);
  expect(changedIn6(config)).toEqual([`reference data.aws_region.here.name: ${SIX.dataSources.aws_region.name}`]);
});

describe("no deprecated use", () => {
  test("every source against hashicorp/aws 5.100's schema", () => {
    const found = sources.flatMap(([name, config]) => deprecatedIn5(config, schema).map((use) => `${name}: ${use}`));
    expect(found).toEqual([]);
  });

  test("every source against the 6.0 upgrade guide's deprecations, removals and new meanings", () => {
    const found = sources.flatMap(([name, config]) => changedIn6(config).map((use) => `${name}: ${use}`));
    expect(found).toEqual([]);
  });
});
