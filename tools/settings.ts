/**
 * `npm run settings`: Audit Manager's settings in each managed Region against `auditManager.settings`
 * (docs/settings.md).
 *
 *   npm run settings                      the differences; reads only
 *   npm run settings -- --apply           applies them (one UpdateSettings per Region that differs)
 *   npm run settings -- --json <file>     also saves what AWS has, for npm run review -- --settings <file>
 *
 * Exit codes, as doctor and coverage: 0 in sync or applied, 1 differences left, 2 could not run.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { exitCodeOf, renderPlans, settings, snapshotJson } from "../modules/audit-manager-settings";
import { resolveConfigFile } from "../modules/kit/config-file";
import { ConfigError, loadConfig } from "../modules/config/load";
import { createClients, ReadError } from "../modules/aws-clients/clients";

export interface Terminal {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PROCESS: Terminal = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** The command; resolves to its exit code. */
export async function runSettingsCommand(argv: readonly string[], terminal: Terminal = PROCESS, configFile: () => string = resolveConfigFile, makeClients: typeof createClients = createClients): Promise<number> {
  let values: { apply?: boolean; json?: string };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { apply: { type: "boolean" }, json: { type: "string" } } }));
  } catch (error) {
    // `npm run settings -- --help` is answered before this runs (scripts/command.sh).
    terminal.stderr(`settings: ${(error as Error).message}\n(npm run settings -- --help lists the options)\n`);
    return 2;
  }
  try {
    const file = configFile();
    const config = loadConfig(file);
    const apply = values.apply ?? false;
    terminal.stderr(`settings: ${file}, delegated administrator ${config.accounts.delegatedAdministrator.accountId}${apply ? "" : " (read-only)"}\n`);
    const run = await settings(config, { apply, progress: (m) => terminal.stderr(`  ${m}\n`), makeClients });
    if (values.json) {
      writeFileSync(values.json, snapshotJson(run.snapshots));
      terminal.stderr(`settings: wrote what AWS has to ${values.json}\n`);
    }
    terminal.stdout(renderPlans(run.plans, apply));
    return exitCodeOf(run.plans, apply);
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof ReadError)) throw error;
    terminal.stderr(`settings: ${error.message}\n`);
    if (error instanceof ReadError) {
      const fix = error.action === "auditmanager:UpdateSettings" ? "allow auditmanager:UpdateSettings for the delegated administrator's role (docs/settings-policy.json)" : error.fixFor("npm run settings");
      terminal.stderr(`  fix: ${fix}\n`);
    }
    return 2;
  }
}


if (require.main === module) {
  runSettingsCommand(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`settings: ${(error as Error).stack}\n`);
      process.exitCode = 2;
    },
  );
}
