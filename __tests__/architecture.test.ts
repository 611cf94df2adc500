import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { AUDIT_MANAGER_KEY_ADDRESSES, REPORTS_BUCKET_ADDRESSES, REPORTS_BUCKET_RESOURCES } from "../modules/audit-manager/evidence-addresses";

const ROOT = join(__dirname, "..");
const MODULES = join(ROOT, "modules");

/**
 * The layers of modules/, bottom to top (issue 25, "no arrow runs back up"). A file may import its
 * own layer or a lower one, never a higher one:
 * - kit: what every layer shares and that imports no capability (field rules, cross-field check
 *   types, Regions, JSON parsing, the config-file resolver, ConfigError, stack names, sorting);
 * - capabilities: one folder per AWS capability, its configuration section and its constructs;
 * - schema: config/ assembles the capabilities' sections into the configuration and loads it;
 * - stacks and synthesis: the stacks, their output and the plain Terraform modules;
 * - tools: the commands that read AWS or the synthesized output (doctor, coverage, review,
 *   settings) and the AWS clients they share;
 * - package: the construct library's entry point (modules/index.ts).
 */
const LAYERS = ["kit", "capabilities", "schema", "stacks and synthesis", "tools", "package"] as const;
type Layer = (typeof LAYERS)[number];

const LAYER_OF: Record<string, Layer> = {
  kit: "kit",
  "audit-manager": "capabilities",
  "aws-config": "capabilities",
  evidence: "capabilities",
  "iam-policy": "capabilities",
  organizations: "capabilities",
  s3: "capabilities",
  "security-hub": "capabilities",
  config: "schema",
  stacks: "stacks and synthesis",
  synth: "stacks and synthesis",
  "terraform-modules": "stacks and synthesis",
  "audit-manager-settings": "tools",
  "aws-clients": "tools",
  coverage: "tools",
  doctor: "tools",
  review: "tools",
  "index.ts": "package",
};

/** modules/<folder>/… or modules/index.ts → its key in LAYER_OF. */
const folderOf = (file: string) => relative(MODULES, file).split(sep)[0];

const sourcesUnder = (folder: string): string[] =>
  readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return name.endsWith(".ts") ? [path] : [];
  });

/** Every module a file names: imports, type imports, re-exports, import() types and require(). */
const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/(?:from\s+|import\(|require\()"([^"]+)"/g)].map((match) => match[1]);

describe("layers", () => {
  it("every folder of modules/ has a layer", () => {
    const unplaced = readdirSync(MODULES).filter((name) => !(name in LAYER_OF));
    expect(unplaced).toEqual([]);
  });

  it("no import runs from a lower layer to a higher one", () => {
    const upward = sourcesUnder(MODULES).flatMap((file) =>
      importsOf(file)
        .filter((source) => source.startsWith("."))
        .map((source) => ({ source, target: resolve(dirname(file), source) }))
        .filter(({ target }) => target.startsWith(MODULES + sep))
        .filter(({ target }) => LAYERS.indexOf(LAYER_OF[folderOf(target)]) > LAYERS.indexOf(LAYER_OF[folderOf(file)]))
        .map(({ source, target }) => `${relative(ROOT, file)} imports ${source} (${LAYER_OF[folderOf(file)]} → ${LAYER_OF[folderOf(target)]})`),
    );
    expect(upward).toEqual([]);
  });

  it("no two folders of modules/ import each other (within a layer, imports also run one way)", () => {
    const edges = new Set(
      sourcesUnder(MODULES).flatMap((file) =>
        importsOf(file)
          .filter((source) => source.startsWith("."))
          .map((source) => resolve(dirname(file), source))
          .filter((target) => target.startsWith(MODULES + sep) && folderOf(target) !== folderOf(file))
          .map((target) => `${folderOf(file)} → ${folderOf(target)}`),
      ),
    );
    const mutual = [...edges].filter((edge) => edges.has(edge.split(" → ").reverse().join(" → ")));
    expect(mutual).toEqual([]);
  });

  it("the capabilities in the table are the folders with a configuration section, and s3 and evidence", () => {
    const withSection = readdirSync(MODULES).filter((name) => {
      try {
        return readFileSync(join(MODULES, name, "config.ts"), "utf8").includes("Section");
      } catch {
        return false;
      }
    });
    const capabilities = Object.keys(LAYER_OF).filter((folder) => LAYER_OF[folder] === "capabilities");
    expect(capabilities.sort()).toEqual([...withSection, "evidence", "s3"].sort());
  });
});

/**
 * The commands that read AWS or the synthesized output must start fast, so they load no cdktf:
 * loading coverage pulled in 584 modules, 409 of them cdktf, provider bindings or constructs
 * (0.4 s on every run) before the stack names, the shared names, the quota codes, the evidence
 * addresses and the AWS clients moved out of the construct files. Each command's script is read
 * for the project modules it imports, and those are loaded in one child process (ts-node,
 * transpile only) that records every module Node loads for them; the module cache is emptied
 * between commands, so each record is that command's alone. (The scripts themselves run their
 * command when loaded, so they are read, not loaded.)
 */
const TOOL_SCRIPTS = ["doctor", "coverage", "review", "settings"];
/** The control: a construct loads cdktf, a provider binding and constructs, so a detector that sees nothing fails here. */
const CONSTRUCT_ENTRY = "modules/audit-manager/assessment-quotas.ts";

const CDKTF_MODULE = /[\\/]node_modules[\\/](cdktf|@cdktf[\\/]provider-aws|constructs)[\\/]/;

const projectModulesOf = (script: string) =>
  importsOf(join(ROOT, "scripts", `${script}.ts`))
    .filter((source) => source.startsWith("../modules/"))
    .map((source) => relative(ROOT, resolve(ROOT, "scripts", source)));

function modulesLoadedBy(entries: Record<string, readonly string[]>): Record<string, string[]> {
  const script = `
    const Module = require("node:module");
    const load = Module._load;
    let loaded;
    Module._load = function (request, parent, isMain) {
      try { loaded?.add(Module._resolveFilename(request, parent, isMain)); } catch {}
      return load.apply(this, arguments);
    };
    const result = {};
    for (const [name, modules] of Object.entries(${JSON.stringify(entries)})) {
      for (const key of Object.keys(require.cache)) if (!key.includes("/node_modules/ts-node/") && !key.includes("/node_modules/typescript5/")) delete require.cache[key];
      loaded = new Set();
      for (const entry of modules) require(require("node:path").resolve(entry));
      result[name] = [...loaded];
    }
    process.stdout.write(JSON.stringify(result));
  `;
  const output = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
    cwd: ROOT,
    // v8-compile-cache (loaded by TypeScript 5) would leave its cache in the temporary folder.
    env: { ...process.env, TS_NODE_COMPILER: "typescript5", TS_NODE_PROJECT: join(ROOT, "tsconfig.json"), DISABLE_V8_COMPILE_CACHE: "1" },
    encoding: "utf8",
  });
  return JSON.parse(output) as Record<string, string[]>;
}

describe("the tools load no cdktf", () => {
  let loaded: Record<string, string[]>;
  beforeAll(() => {
    loaded = modulesLoadedBy({ ...Object.fromEntries(TOOL_SCRIPTS.map((script) => [script, projectModulesOf(script)])), construct: [CONSTRUCT_ENTRY] });
  });

  it("a construct loads cdktf, the provider bindings and constructs (the detector sees them)", () => {
    const found = new Set(loaded.construct.map((file) => CDKTF_MODULE.exec(file)?.[1]?.replace(/\\/g, "/")).filter(Boolean));
    expect([...found].sort()).toEqual(["@cdktf/provider-aws", "cdktf", "constructs"]);
  });

  it.each(TOOL_SCRIPTS)("npm run %s loads no cdktf, @cdktf/provider-aws or constructs module", (script) => {
    expect(loaded[script].filter((file) => CDKTF_MODULE.test(file))).toEqual([]);
  });
});

/**
 * What the tools need from the constructs is written out without the provider classes; each
 * written-out resource type must be the one the construct creates (the class's tfResourceType).
 */
describe("the evidence addresses the review gate reads without cdktf", () => {
  it("the key's addresses name the KMS key and alias resource types", () => {
    expect(AUDIT_MANAGER_KEY_ADDRESSES).toEqual({ key: `${KmsKey.tfResourceType}.audit_manager`, alias: `${KmsAlias.tfResourceType}.audit_manager` });
  });

  it("the report bucket's addresses name the bucket's resource types, bucket first", () => {
    const { bucket, publicAccessBlock, ownershipControls, encryption, versioning, policy } = REPORTS_BUCKET_RESOURCES;
    expect(REPORTS_BUCKET_ADDRESSES).toEqual([
      `${S3Bucket.tfResourceType}.${bucket}`,
      `${S3BucketPublicAccessBlock.tfResourceType}.${publicAccessBlock}`,
      `${S3BucketOwnershipControls.tfResourceType}.${ownershipControls}`,
      `${S3BucketServerSideEncryptionConfigurationA.tfResourceType}.${encryption}`,
      `${S3BucketVersioningA.tfResourceType}.${versioning}`,
      `${S3BucketPolicy.tfResourceType}.${policy}`,
    ]);
  });
});
