/**
 * Entry point: loads the configuration and wires it to the stacks. Nothing else lives here.
 *
 * The configuration file is, in order: $AUDIT_MANAGER_CONFIG, the cdktf context key `configFile`
 * (cdktf.json "context", which the cdktf CLI hands to the app as CDKTF_CONTEXT_JSON), or
 * config/example.json.
 */
import { App } from "cdktf";
import { ConfigError, loadConfig } from "./modules/config/load";
import { addStacks } from "./modules/stacks";

const context = JSON.parse(process.env.CDKTF_CONTEXT_JSON ?? "{}");
const configFile: string = process.env.AUDIT_MANAGER_CONFIG ?? context.configFile ?? "config/example.json";

try {
  // Validate before the App exists: creating it already prepares the output folder, and a bad
  // file must write nothing.
  const config = loadConfig(configFile);
  const app = new App();
  addStacks(app, config);
  app.synth();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
