/**
 * Entry point: loads the configuration and wires it to the stacks. Nothing else lives here.
 *
 * The configuration file is the one every command uses (resolveConfigFile): $AUDIT_MANAGER_CONFIG,
 * the cdktf context key `configFile` (cdktf.json "context"), or config/example.json.
 *
 * After synthesis it leaves exactly what this synthesis wrote (removeStaleSynthOutput) and ends
 * with a short summary on stderr; `--quiet` (`npm run synth -- --quiet`), or a run by the cdktf or
 * CDK Terrain CLI, leaves the summary out.
 *
 * The CDK library and the stacks are loaded once the configuration is valid: a bad file is
 * reported in under half the time (0.35 s instead of 0.8 s of CPU on 2 cores).
 */
import { resolveConfigFile } from "./modules/kit/config-file";
import { ConfigError, loadConfig } from "./modules/config/load";
import { synthSummary } from "./modules/synth/summary";
import { removeStaleSynthOutput } from "./modules/synth/synth-output";

// Run by the cdktf or CDK Terrain CLI (both always set CDKTF_CONTEXT_JSON): the CLI reports the
// synthesis itself, and CDK Terrain's shows everything the app writes to stderr as [ERROR] lines.
const quiet = process.argv.slice(2).includes("--quiet") || process.env.CDKTF_CONTEXT_JSON !== undefined;

try {
  const configFile = resolveConfigFile();
  // Validate before the App exists: creating it already prepares the output folder, and a bad
  // file must write nothing.
  const config = loadConfig(configFile);
  const { App } = require("cdktf") as typeof import("cdktf");
  const { addStacks, APP_OPTIONS } = require("./modules/stacks") as typeof import("./modules/stacks");
  const app = new App(APP_OPTIONS);
  const { organization, regions } = addStacks(app, config);
  app.synth();
  for (const path of removeStaleSynthOutput(app.outdir)) process.stderr.write(`removed stale ${path}\n`);
  if (!quiet) {
    process.stderr.write(
      synthSummary({
        configFile,
        outdir: app.outdir,
        hcl: app.hclOutput,
        stacks: [organization, ...regions].map((stack) => ({ name: stack.node.id, region: stack.region })),
        managementAccountId: config.accounts.management.accountId,
        delegatedAdministratorAccountId: config.accounts.delegatedAdministrator.accountId,
      }),
    );
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
