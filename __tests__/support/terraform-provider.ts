/**
 * The one Terraform setup a test run shares (jest globalSetup starts it, globalTeardown stops it):
 * a CLI configuration pointing at the provider mirror, `terraform init` of the AWS provider into a
 * data directory, and that provider started once in its debug mode. Every Terraform command of
 * every test file attaches to it (TF_REATTACH_PROVIDERS, Terraform's way to use a provider it did
 * not start) instead of starting the 700 MB provider again: measured on one Region stack, validate
 * fell from 3.2 s to 0.9 s of CPU and test from 6.3 s to 1.1 s; sharing it across the run instead of
 * per test file saves an init and a provider start (about 1.6 s of CPU) for each file that runs
 * Terraform. It is the same binary, schema and protocol. Terraform reaches it through
 * provider-proxy.ts, which cuts the schema Terraform decodes on every command down to the
 * types this project uses.
 *
 * Provider source: `TF_PROVIDER_MIRROR` (a filesystem mirror folder) when set, else
 * /opt/tf-plugins when it exists (this project's build machines keep a mirror there), else the
 * public registry.
 *
 * This module runs in jest's main process, outside any test file, so it imports nothing that
 * registers test hooks.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { AWS_PROVIDER_VERSIONS } from "../../modules/stacks/account-stack";
import { projectAwsTypeNames, proxyable, startProviderProxy } from "./provider-proxy";

const run = promisify(execFile);
export const TERRAFORM = process.env.TERRAFORM_BIN ?? "terraform";
const DEFAULT_MIRROR = "/opt/tf-plugins";

/** The filesystem mirror the tests install hashicorp/aws from, if any (else the public registry). */
export function providerMirror(environment: NodeJS.ProcessEnv): string | undefined {
  return environment.TF_PROVIDER_MIRROR ?? (existsSync(DEFAULT_MIRROR) ? DEFAULT_MIRROR : undefined);
}
const PROJECT_ROOT = join(__dirname, "..", "..");

/** How test processes find the run's Terraform setup: JSON of SharedTerraform. */
export const SHARED_TERRAFORM_VARIABLE = "AUDIT_MANAGER_TEST_TERRAFORM";

export type SharedTerraform =
  | { readonly variables: Record<string, string>; readonly lockFile: string; readonly version: string }
  /** Terraform could not be set up; every test that needs it fails with this message. */
  | { readonly error: string };

export interface CommandResult {
  readonly ok: boolean;
  readonly output: string;
}

const running = new Set<AbortController>();
let stopped = false;

export async function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  if (stopped) return { ok: false, output: "not run: the test file has ended (a timed-out hook's work is stopped)" };
  const abort = new AbortController();
  running.add(abort);
  try {
    const { stdout, stderr } = await run(TERRAFORM, args, { cwd, env, maxBuffer: 64 * 1024 * 1024, signal: abort.signal });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const { stdout = "", stderr = "", message } = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${stdout}${stderr}` || message };
  } finally {
    running.delete(abort);
  }
}

/**
 * Ends this test file's Terraform work: running commands are killed and later ones do not start.
 * Work a timed-out hook left running would otherwise go on writing into folders the file has
 * already removed.
 */
export function stopTerraformCommands(): void {
  stopped = true;
  for (const abort of running) abort.abort();
}

/**
 * Sets Terraform up in `root` and starts the shared provider. Never throws: a missing CLI or a
 * failed init becomes `error`, so only the tests that need Terraform fail, each saying how to get it.
 */
export async function startSharedTerraform(root: string): Promise<{ shared: SharedTerraform; stop: () => Promise<void> }> {
  try {
    return await prepare(root);
  } catch (error) {
    return { shared: { error: (error as Error).message }, stop: async () => {} };
  }
}

/** Fails loudly, with the way to get Terraform, when the CLI is missing. */
async function prepare(root: string): Promise<{ shared: SharedTerraform; stop: () => Promise<void> }> {
  // The environment as the setup found it: the global setup goes on (and points TMPDIR at the
  // run's guarded folder) while this runs.
  const environment = { ...process.env };
  let version: string;
  try {
    version = (await run(TERRAFORM, ["version", "-json"], { env: environment })).stdout;
  } catch (error) {
    throw new Error(
      `Terraform CLI not found (${(error as Error).message}). These tests run the real Terraform: install Terraform >= 1.10 ` +
        `(https://developer.hashicorp.com/terraform/install, or your package manager) and put it on PATH, or set TERRAFORM_BIN.`,
    );
  }
  // GOMAXPROCS=1: the run keeps both cores busy with two test files, each running two Terraform
  // commands at a time; Go's idle threads looking for work cost Terraform and the provider about
  // 8 % more CPU (measured on terraform.test.ts) and won no time.
  const variables: Record<string, string> = { CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_DATA_DIR: join(root, "data"), GOMAXPROCS: "1" };
  const mirror = providerMirror(environment);
  if (mirror) {
    const cliConfig = join(root, "terraformrc");
    writeFileSync(
      cliConfig,
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`,
    );
    variables.TF_CLI_CONFIG_FILE = cliConfig;
  }
  const initDir = join(root, "init");
  mkdirSync(initDir);
  writeFileSync(join(initDir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version: AWS_PROVIDER_VERSIONS } } } }));
  const init = await terraform(["init", "-backend=false", "-input=false", "-no-color"], initDir, { ...environment, ...variables });
  if (!init.ok) throw new Error(`terraform init failed${mirror ? ` with the provider mirror ${mirror}` : " (no TF_PROVIDER_MIRROR set, so it used the public registry)"}:\n${init.output}`);
  // The provider's temporary files and plugin socket (TMPDIR) stay in this folder too. It starts
  // without the machine's AWS_CA_BUNDLE: the one test that configures it (a plan by the real
  // provider, assessment-adoption.terraform.test.ts) never calls AWS, and a configured provider
  // refuses that bundle in a plain HTTP client ("unable to add custom RootCAs HTTPClient").
  const scratch = join(root, "tmp");
  mkdirSync(scratch);
  const { AWS_CA_BUNDLE: _bundle, ...providerEnvironment } = environment;
  const provider = await startSharedProvider(join(root, "data", "providers"), { ...providerEnvironment, ...variables, TMPDIR: scratch });
  let reattach = provider.reattach;
  let stop = provider.stop;
  if (environment.AUDIT_MANAGER_TEST_FULL_SCHEMA !== "1" && proxyable(provider.reattach)) {
    try {
      const proxy = await startProviderProxy(provider.reattach, join(root, "provider.sock"), projectAwsTypeNames(PROJECT_ROOT));
      reattach = proxy.reattach;
      stop = async () => {
        await proxy.stop();
        await provider.stop();
      };
    } catch (error) {
      await provider.stop();
      throw error;
    }
  }
  // GOGC=200 for the Terraform commands, not the provider: a command collects garbage half as
  // often, measured (alternating runs, 2026-12-07) at 12 % less CPU for the organization stack's
  // terraform test and 5 % for the home Region's, for about 18 MB more per command; the long-lived
  // provider's heap would grow by far more.
  return {
    shared: { variables: { ...variables, GOGC: "200", TF_REATTACH_PROVIDERS: reattach }, lockFile: join(initDir, ".terraform.lock.hcl"), version: JSON.parse(version).terraform_version },
    stop,
  };
}

/**
 * Starts the installed AWS provider in its debug mode, which serves any number of Terraform
 * commands until stopped and prints the TF_REATTACH_PROVIDERS value that points Terraform at it.
 * A shell holds it and stops it when this process's end of its stdin closes, so no provider
 * outlives the test run, however the run ends; the shell exits once the provider has.
 */
async function startSharedProvider(providersDir: string, env: NodeJS.ProcessEnv): Promise<{ reattach: string; stop: () => Promise<void> }> {
  const binary = readdirSync(providersDir, { recursive: true, encoding: "utf8" }).find((file) => /terraform-provider-aws[^/]*$/.test(file));
  if (!binary) throw new Error(`terraform init installed no AWS provider under ${providersDir}`);
  const holder = spawn("sh", ["-c", '"$0" -debug & provider=$!; cat > /dev/null; kill $provider; wait $provider', join(providersDir, binary)], { env, stdio: ["pipe", "pipe", "ignore"] });
  const exited = new Promise<number | null>((resolve) => holder.once("exit", resolve));
  const stop = async () => {
    // Referenced again, so this process waits for the exit instead of ending first.
    holder.ref();
    holder.stdin.end();
    await exited;
  };
  let printed = "";
  const started = new Promise<string>((resolve, reject) => {
    holder.stdout.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(printed);
      if (match) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`the AWS provider stopped (exit ${code}) before it printed TF_REATTACH_PROVIDERS:\n${printed.slice(0, 2000)}`)));
  });
  // A provider that stops after a timeout rejects `started` too; that is already reported.
  started.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the AWS provider printed no TF_REATTACH_PROVIDERS within 60 s:\n${printed.slice(0, 2000)}`)), 60_000);
  });
  let reattach: string;
  try {
    reattach = await Promise.race([started, timeout]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  // Its log keeps coming on stdout: drained, and the handles do not keep the test worker alive.
  holder.stdout.removeAllListeners("data").resume();
  for (const handle of [holder, holder.stdout, holder.stdin]) (handle as unknown as { unref(): void }).unref();
  return { reattach, stop };
}

