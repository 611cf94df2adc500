/**
 * `npm run evidence-map`: reads, from Audit Manager in the delegated administrator account, every
 * control of the configured assessments' frameworks and the data sources it collects evidence
 * from, and writes the evidence map beside the configuration (read-only in AWS).
 *
 *   npm run evidence-map                      writes auditManager.evidenceMap (config/evidence-map.json)
 *   npm run evidence-map -- --output <file>   writes <file> instead
 *   npm run evidence-map -- --help            its usage, from the cheat sheet (scripts/command.sh answers it)
 *
 * Exit codes: 0 written, 2 could not run (nothing written).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { auditManagerRegions } from "../modules/audit-manager/config";
import { resolveConfigFile } from "../modules/kit/config-file";
import { ConfigError, loadConfig } from "../modules/config/load";
import { assumeRole, createClients, managementClients, ReadError } from "../modules/aws-clients/clients";
import { parseEvidenceMap } from "../modules/evidence/evidence-map";
import { evidenceMapJson, FrameworkNotFoundError, readEvidenceMap } from "../modules/evidence/read-map";


export interface Terminal {
  stdout(text: string): void;
  stderr(text: string): void;
}

class UsageError extends Error {}

function parseArguments(argv: readonly string[]): { output?: string } {
  const options: { output?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name !== "--output") throw new UsageError(`unknown argument ${JSON.stringify(name)}; allowed: --output <file>`);
    const value = argv[++i];
    if (!value || value.startsWith("--")) throw new UsageError(`${name} needs a value`);
    options.output = value;
  }
  return options;
}

const PROCESS: Terminal = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

export async function runEvidenceMapCommand(
  argv: readonly string[],
  terminal: Terminal = PROCESS,
  configFile: () => string = resolveConfigFile,
  makeClients: typeof createClients = createClients,
  today: () => string = () => new Date().toISOString().slice(0, 10),
): Promise<number> {
  try {
    // `npm run evidence-map -- --help` is answered before this runs (scripts/command.sh).
    const options = parseArguments(argv);
    const file = configFile();
    // The map this command writes may not exist yet, so it is not read as part of the configuration.
    const config = loadConfig(file, { evidenceMap: false });
    const output = options.output ?? config.auditManager.evidenceMap;
    const regions = auditManagerRegions(config.auditManager, config.regions);
    const region = regions.includes(config.homeRegion) ? config.homeRegion : regions[0];
    const frameworks = config.auditManager.assessments.map((entry) => entry.framework);
    if (!region || frameworks.length === 0) throw new UsageError(`${file} has ${region ? "no auditManager.assessments" : "no Region where Audit Manager is managed"}; nothing to read`);
    terminal.stderr(`evidence-map: ${file}, ${new Set(frameworks).size} framework(s), read in ${region} (read-only)\n`);
    const clientOptions = { region: config.homeRegion };
    const management = await managementClients(config.accounts.management, clientOptions, (m) => terminal.stderr(`  ${m}\n`), makeClients);
    terminal.stderr(`  assuming ${config.accounts.delegatedAdministrator.assumeRole.roleArn}…\n`);
    const delegatedAdministrator = await assumeRole(management, config.accounts.delegatedAdministrator.assumeRole, clientOptions, makeClients);
    const previous = existsSync(output) ? parseEvidenceMap(readFileSync(output, "utf8"), output).map : undefined;
    const map = await readEvidenceMap({ frameworks, region, clients: delegatedAdministrator, today: today(), previous });
    writeFileSync(output, evidenceMapJson(map));
    const controls = Object.values(map.frameworks).reduce((n, framework) => n + framework.controlSets.reduce((m, set) => m + set.controls.length, 0), 0);
    terminal.stderr(`evidence-map: wrote ${output}: ${Object.keys(map.frameworks).length} framework(s), ${controls} controls; review the diff and commit it\n`);
    return 0;
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof ReadError || error instanceof UsageError || error instanceof FrameworkNotFoundError;
    if (!known) throw error;
    terminal.stderr(`evidence-map: ${error.message}\n`);
    if (error instanceof ReadError) terminal.stderr(`  fix: ${error.fixFor("npm run evidence-map")}\n`);
    if (error instanceof UsageError) terminal.stderr("(npm run evidence-map -- --help lists the options)\n");
    return 2;
  }
}


if (require.main === module) {
  runEvidenceMapCommand(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`evidence-map: ${(error as Error).stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
