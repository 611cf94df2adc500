/**
 * Prints the configuration file every command uses (modules/kit/config-file.ts), for
 * scripts/synth-if-changed.sh, which records it among the app's inputs. Exits 1, saying why, when
 * it cannot be told (a cdktf.json that is not JSON).
 */
import { resolveConfigFile } from "../modules/kit/config-file";

try {
  process.stdout.write(`${resolveConfigFile()}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
