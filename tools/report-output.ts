/**
 * A report written to standard output, for the commands whose output is a document
 * (`npm run review > review.md`, `npm run coverage > coverage.md`).
 *
 * npm writes its banner ("\n> <package>@<version> <script>\n> <command>\n\n") to standard output
 * before the script starts, and leaves it out only at log level "silent" (npm's display.js), which
 * would also hide npm's own errors. So when standard output is a regular file that holds exactly
 * that banner and nothing else, the report replaces it, and the file holds only the report. A
 * terminal, a pipe, or a file with any other content (one appended to with `>>`) is written to as
 * it is.
 */
import { fstatSync, ftruncateSync, readFileSync, writeSync } from "node:fs";

/** npm's banner: an empty line, one or more "> " lines, an empty line. */
const NPM_BANNER = /^\n(?:> [^\n]*\n)+\n$/;
const STDOUT = 1;

export function writeReport(report: string, stdoutPath = "/dev/stdout"): void {
  if (process.env.npm_lifecycle_event && holdsOnlyNpmBanner(stdoutPath)) {
    ftruncateSync(STDOUT, 0);
    // At position 0: the descriptor's offset still stands after the banner, where a plain write would leave a gap of zero bytes.
    writeSync(STDOUT, report, 0, "utf8");
    return;
  }
  process.stdout.write(report);
}

function holdsOnlyNpmBanner(stdoutPath: string): boolean {
  try {
    const stat = fstatSync(STDOUT);
    // The banner is at most a few hundred bytes: a larger file is the user's.
    return stat.isFile() && stat.size > 0 && stat.size < 4096 && NPM_BANNER.test(readFileSync(stdoutPath, "utf8"));
  } catch {
    return false;
  }
}
