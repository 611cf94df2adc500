/**
 * The construct library, used the way another cdktf app uses it: the package is built
 * (`npm run build`, by the test run's global setup), a consumer folder outside the project gets it under its package name in
 * node_modules, and a TypeScript app there imports constructs and config helpers from the package
 * name alone, composes them with its own stack and providers, is type-checked against the
 * published declarations, runs and synthesizes.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PROJECT_ROOT } from "./support/project";
import { temporaryDirectory } from "./support/temp";

const packageJson = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"));
const consumerDir = temporaryDirectory("library-consumer");
/** The CDK packages are named once, as package.json's peer dependencies (a switch to CDK Terrain renames them there). */
const peers = Object.keys(packageJson.peerDependencies);
const peerNamed = (pattern: RegExp) => peers.find((name) => pattern.test(name))!;
const [cdkLibrary, awsProviderBindings] = [peerNamed(/^cdkt\w+$/), peerNamed(/\/provider-aws$/)];

/** A consumer's own app: its own stack, provider aliases and backend; our constructs inside. */
const consumerApp = `
import { App, LocalBackend, TerraformStack } from "${cdkLibrary}";
import { AwsProvider } from "${awsProviderBindings}/lib/provider";
import { writeFileSync } from "node:fs";
import * as library from "${packageJson.name}";
import { AuditManager, SecurityHub, parseConfig, type AuditManagerProps } from "${packageJson.name}";

// What the package name resolves to, export by export, for the test to read.
writeFileSync(process.env.CONSUMER_EXPORTS!, JSON.stringify(Object.fromEntries(Object.entries(library).map(([name, value]) => [name, typeof value]))));

const config = parseConfig(JSON.parse(process.env.CONSUMER_CONFIG!));
const app = new App({ outdir: process.env.CONSUMER_OUTDIR! });
const stack = new TerraformStack(app, "platform-audit");
new LocalBackend(stack, { path: "platform-audit.tfstate" });
const payer = new AwsProvider(stack, "payer", { alias: "payer", region: "eu-central-1" });
const security = new AwsProvider(stack, "security", { alias: "security", region: "eu-central-1" });

// Constructs take plain values (issue 25); the configuration is only where this app keeps its accounts.
const props: AuditManagerProps = {
  kmsKey: { createWithAlias: "alias/audit-manager" },
  deregisterOnDestroy: false,
  adopt: false,
  partition: config.partition,
  region: "eu-central-1",
  managementAccountId: config.accounts.management.accountId,
  delegatedAdministratorAccountId: config.accounts.delegatedAdministrator.accountId,
  managementProvider: payer,
};
new AuditManager(stack, "audit", props);
new SecurityHub(stack, "hub", {
  mode: "local",
  standards: [{ name: "pci-dss", arn: "arn:aws:securityhub:eu-central-1::standards/pci-dss/v/4.0.1" }],
  disabledControls: [],
  adoptExisting: false,
  preventDestroy: true,
  region: "eu-central-1",
  homeRegion: "eu-central-1",
  regions: ["eu-central-1"],
  administratorAccountId: config.accounts.delegatedAdministrator.accountId,
  providers: { management: payer, delegatedAdministrator: security },
  organizationRootId: () => "r-abcd",
});
app.synth();
`;

const consumerConfig = {
  organizationId: "o-abcdefghij",
  partition: "aws",
  homeRegion: "eu-central-1",
  regions: ["eu-central-1"],
  accounts: {
    management: { accountId: "111111111111" },
    delegatedAdministrator: { accountId: "222222222222", assumeRole: { roleArn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole" } },
  },
  auditManager: { acknowledgeManagementAccountStopsAssessments: true, currentDelegatedAdministrator: "222222222222", activeRegions: "all", kmsKey: { type: "create" } },
  securityHub: { mode: "local" },
  awsConfig: { mode: "external" },
};

let stack: any;
/** The type of each export of the package, as the consumer's app saw them. */
let exported: Record<string, string>;

beforeAll(() => {
  // The package under its name, as `npm install` would place it; its peers are the consumer's own.
  mkdirSync(join(consumerDir, "node_modules"));
  symlinkSync(PROJECT_ROOT, join(consumerDir, "node_modules", packageJson.name));
  for (const dependency of [...peers, "@types/node"]) {
    mkdirSync(dirname(join(consumerDir, "node_modules", dependency)), { recursive: true });
    symlinkSync(join(PROJECT_ROOT, "node_modules", dependency), join(consumerDir, "node_modules", dependency));
  }
  writeFileSync(join(consumerDir, "app.ts"), consumerApp);
  writeFileSync(
    join(consumerDir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, skipLibCheck: true, types: ["node"], outDir: "out" }, files: ["app.ts"] }),
  );
  // Type-checks the consumer against the package's declarations and emits it.
  execFileSync(process.execPath, [join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", consumerDir], { stdio: "pipe" });
  const outdir = join(consumerDir, "cdktf.out");
  const exports = join(consumerDir, "exports.json");
  execFileSync(process.execPath, [join(consumerDir, "out", "app.js")], { cwd: consumerDir, env: { ...process.env, CONSUMER_CONFIG: JSON.stringify(consumerConfig), CONSUMER_OUTDIR: outdir, CONSUMER_EXPORTS: exports }, stdio: "pipe" });
  stack = JSON.parse(readFileSync(join(outdir, "stacks", "platform-audit", "cdk.tf.json"), "utf8"));
  exported = JSON.parse(readFileSync(exports, "utf8"));
}, 120_000);

test("package.json points main and types at the compiled entry point", () => {
  expect(packageJson.main).toBe("dist/modules/index.js");
  expect(packageJson.types).toBe("dist/modules/index.d.ts");
});

test("a Git checkout, which has no dist/, packs the compiled library and its declarations and no tests: prepare builds them", () => {
  // What `npm install git+https://…` does: check out the repository (here: its files without dist/),
  // install its dependencies, run prepare, pack. The dependencies are linked, not installed again.
  const checkout = temporaryDirectory("library-checkout");
  const repositoryFiles = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: PROJECT_ROOT, encoding: "utf8" }).split("\0");
  for (const file of repositoryFiles.filter((file) => file && existsSync(join(PROJECT_ROOT, file)))) cpSync(join(PROJECT_ROOT, file), join(checkout, file));
  symlinkSync(join(PROJECT_ROOT, "node_modules"), join(checkout, "node_modules"));
  expect(existsSync(join(checkout, "dist"))).toBe(false);
  const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts=false"], { cwd: checkout, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  const files = pack.files.map((file: { path: string }) => file.path);
  expect(files).toEqual(expect.arrayContaining(["dist/modules/index.js", "dist/modules/index.d.ts", "dist/modules/audit-manager/audit-manager.js", "package.json"]));
  expect(files.filter((file: string) => !file.startsWith("dist/modules/") && !["package.json", "README.md"].includes(file))).toEqual([]);
});

test("cdktf, constructs and the AWS provider bindings are peer dependencies, so a consumer's app and the library share one copy", () => {
  expect(peers).toHaveLength(3);
  expect(peers).toEqual(expect.arrayContaining([cdkLibrary, awsProviderBindings, "constructs"]));
  for (const name of peers) {
    expect(packageJson.peerDependencies[name]).toBe(`^${packageJson.devDependencies[name]}`);
    expect(packageJson.dependencies[name]).toBeUndefined();
  }
});

// Read from the consumer's app, which loads the package by its name (package.json's main), so this
// file does not load cdktf and the provider bindings a second time (about 1 s of CPU).
test("the entry point exports every capability construct and the config helpers", () => {
  for (const name of ["OrganizationsIntegration", "AuditManager", "AuditManagerKey", "AuditManagerAssessments", "Assessment", "AssessmentReportsBucket", "KeptEvidence", "SecurityHub", "ConfigRecording", "ManagementConfigRecorder", "ConfigDeliveryBucket", "AuditManagerIamPolicy", "OrganizationStack", "RegionStack", "addStacks", "parseConfig", "loadConfig"]) {
    expect([name, exported[name]]).toEqual([name, "function"]);
  }
});

test("the consumer's registration acts through the consumer's own management provider", () => {
  expect(stack.resource.aws_auditmanager_account_registration.audit_manager).toMatchObject({ provider: "aws.payer", delegated_admin_account: "222222222222" });
});

test("the key the construct creates sits in the consumer's stack and is the one Audit Manager registers with", () => {
  expect(stack.resource.aws_kms_key.audit_manager.provider).toBe("aws.payer");
  expect(stack.resource.aws_auditmanager_account_registration.audit_manager.kms_key).toBe("${aws_kms_key.audit_manager.arn}");
});

test("Security Hub CSPM's administrator hub uses the consumer's delegated administrator provider and the designation its management provider", () => {
  expect(stack.resource.aws_securityhub_account.security_hub_administrator_hub.provider).toBe("aws.security");
  expect(stack.resource.aws_securityhub_organization_admin_account.security_hub_administrator).toMatchObject({ provider: "aws.payer", admin_account_id: "222222222222" });
});

test("the consumer's backend and providers are the only ones in the stack", () => {
  expect(Object.keys(stack.terraform.backend)).toEqual(["local"]);
  expect(stack.provider.aws.map((provider: { alias: string }) => provider.alias).sort()).toEqual(["payer", "security"]);
});
