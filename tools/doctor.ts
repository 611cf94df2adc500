/**
 * `npm run doctor`: read-only preflight against the organization the configured credentials
 * reach. Prints a table with a fix for every failure; exits 1 when something would make the
 * deploy fail, 2 when it could not run.
 */
import { resolveConfigFile } from "../modules/kit/config-file";
import { ConfigError, loadConfig } from "../modules/config/load";
import { ReadError } from "../modules/aws-clients/clients";
import { doctor, exitCodeOf, renderFindings } from "../modules/doctor";

async function main() {
  const configFile = resolveConfigFile();
  const config = loadConfig(configFile);
  process.stderr.write(`doctor: ${configFile}, management account ${config.accounts.management.accountId}, ${config.regions.length} Regions (read-only)\n`);
  const findings = await doctor(config, (message) => process.stderr.write(`  ${message}\n`));
  process.stdout.write(renderFindings(findings));
  process.exitCode = exitCodeOf(findings);
}

main().catch((error) => {
  const known = error instanceof ConfigError || error instanceof ReadError;
  process.stderr.write(`doctor: ${known ? error.message : (error as Error).stack}\n`);
  if (error instanceof ReadError) process.stderr.write(`  fix: ${error.fix}\n`);
  process.exitCode = 2;
});
