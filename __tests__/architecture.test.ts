import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { importsOf, sourcesUnder } from "./support/imports";
import { AUDIT_MANAGER_KEY_ADDRESSES, REPORTS_BUCKET_ADDRESSES, REPORTS_BUCKET_RESOURCES } from "../modules/audit-manager/evidence-addresses";

const ROOT = join(__dirname, "..");
const MODULES = join(ROOT, "modules");

/**
 * The layers of modules/, bottom to top (issue 25, "no arrow runs back up"). A file may import its
 * own layer or a lower one, never a higher one:
 * - kit: what every layer shares and that imports no capability (string rules and fields,
 *   cross-field check types, Regions, JSON parsing, the config-file resolver, ConfigError, stack
 *   names, Terraform text and expressions, sorting),
 *   and the AWS clients, which import only the AWS SDK (evidence reads a framework with them);
 * - capabilities: one folder per AWS capability, its configuration section and its constructs;
 * - schema: config/ assembles the capabilities' sections into the configuration and loads it;
 * - stacks and synthesis: the stacks, their output and the plain Terraform modules;
 * - tools: the commands that read AWS or the synthesized output (doctor, coverage, review,
 *   settings);
 * - package: the construct library's entry point (modules/index.ts).
 */
const LAYERS = ["kit", "capabilities", "schema", "stacks and synthesis", "tools", "package"] as const;
type Layer = (typeof LAYERS)[number];

const LAYER_OF: Record<string, Layer> = {
  kit: "kit",
  "aws-clients": "kit",
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
  "module-generator": "stacks and synthesis",
  "audit-manager-settings": "tools",
  coverage: "tools",
  doctor: "tools",
  review: "tools",
  "index.ts": "package",
};

/** modules/<folder>/… or modules/index.ts → its key in LAYER_OF. */
const folderOf = (file: string) => relative(MODULES, file).split(sep)[0];

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

/** Every type declared in a source file: its name and its text (the alias's right side, or the interface's heritage and body). */
const typeDeclarations = (file: string) => {
  const text = readFileSync(file, "utf8");
  const aliases = [...text.matchAll(/^(?:export )?type (\w+)(?:<[^=]*>)? = ([\s\S]*?);$/gm)].map((match) => ({ name: match[1]!, text: match[2]! }));
  const interfaces = [...text.matchAll(/^(?:export )?interface (\w+)([\s\S]*?)^\}$/gm)].map((match) => ({ name: match[1]!, text: match[2]! }));
  return [...aliases, ...interfaces];
};

const mentions = (text: string, names: ReadonlySet<string>) => [...text.matchAll(/\b\w+\b/g)].map((match) => match[0]).filter((word) => names.has(word));

/**
 * The configuration section types: every type declared in modules/ as a zod schema's output or
 * input (`z.output<typeof auditManagerSection>`, `AppConfig`, …), and every type declared from one
 * of them (`Pick<AppConfig, …>`, `AwsConfigConfig["deliveryBucket"]`), to a fixpoint.
 */
function sectionTypes(): Set<string> {
  const declarations = sourcesUnder(MODULES).flatMap(typeDeclarations);
  const sections = new Set(declarations.filter((declaration) => /\bz\.(output|input|infer)</.test(declaration.text)).map((declaration) => declaration.name));
  for (let size = 0; size !== sections.size; ) {
    size = sections.size;
    for (const declaration of declarations) if (!declaration.name.endsWith("Props") && mentions(declaration.text, sections).length) sections.add(declaration.name);
  }
  return sections;
}

/**
 * Constructs take props, not configuration sections (issue 25, as the Landing Zone Accelerator's
 * constructs do): a props interface holds the plain values its construct uses, and the stacks
 * translate a section into them, so a construct can be built without a configuration file.
 */
describe("construct props", () => {
  const sections = sectionTypes();

  it("the section types found include every capability's section and the whole configuration", () => {
    expect([...sections]).toEqual(expect.arrayContaining(["AppConfig", "AuditManagerSettings", "SecurityHubConfig", "AwsConfigConfig", "IamPolicySettings", "OrganizationsConfig", "AssessmentSettings"]));
  });

  it("no *Props interface in a capability folder references a configuration section type", () => {
    const capabilityFiles = sourcesUnder(MODULES).filter((file) => LAYER_OF[folderOf(file)] === "capabilities");
    const referencing = capabilityFiles.flatMap((file) =>
      typeDeclarations(file)
        .filter((declaration) => declaration.name.endsWith("Props"))
        .flatMap((declaration) => mentions(declaration.text, sections).map((section) => `${relative(ROOT, file)}: ${declaration.name} references ${section}`)),
    );
    expect(referencing).toEqual([]);
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

/**
 * docs/development.md's "Folders" section gives every top-level folder and every folder of
 * modules/ one line, `- \`<folder>/\` (<layer>): …` (the layer only for modules/), so a new folder
 * cannot go undocumented and a moved one cannot leave a stale line.
 */
describe("docs/development.md describes every folder", () => {
  const page = readFileSync(join(ROOT, "docs", "development.md"), "utf8");
  const section = page.slice(page.indexOf("\n## Folders\n"), page.indexOf("\n## ", page.indexOf("\n## Folders\n") + 1));
  /** Each line's folder (without the trailing slash) and its layer, when it names one. */
  const described = new Map([...section.matchAll(/^- `([^`]+)\/`(?: \(([^)]+)\))?: /gm)].map(([, folder, layer]) => [folder, layer]));
  /** Build output and installed packages: the folders .gitignore names (`dist/`, `node_modules`, …), and git's own. */
  const ignored = new Set([".git", ...readFileSync(join(ROOT, ".gitignore"), "utf8").split("\n").map((line) => line.trim().replace(/\/$/, "")).filter((line) => line && !/[*?[]/.test(line))]);
  const foldersOf = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

  it("every top-level folder has a line", () => {
    expect(foldersOf(ROOT).filter((name) => !ignored.has(name) && !described.has(name))).toEqual([]);
  });

  it("every folder of modules/ has a line with the layer the import table gives it", () => {
    const mismatched = foldersOf(MODULES)
      .filter((name) => described.get(`modules/${name}`) !== LAYER_OF[name])
      .map((name) => `modules/${name}/: described as ${described.get(`modules/${name}`) ?? "nothing"}, layer ${LAYER_OF[name]}`);
    expect(mismatched).toEqual([]);
  });

  it("every line names a folder that exists", () => {
    expect([...described.keys()].filter((folder) => !existsSync(join(ROOT, folder)))).toEqual([]);
  });
});
