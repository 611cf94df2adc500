/**
 * The error of a configuration that cannot be used, in a module of its own: the configuration
 * file's resolver (config-file.ts) reports with it without loading the schema.
 */

/** Problems listed in a ConfigError's message; the rest are counted ("… and 12 more"). */
export const LISTED_PROBLEMS = 50;

/** Every problem found in a configuration file, one line each: "<field path>: <what is wrong>; allowed: …". */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => `  - ${p}`);
    if (problems.length > LISTED_PROBLEMS) listed.push(`  … and ${problems.length - LISTED_PROBLEMS} more`);
    super(`${source}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the configuration:\n${listed.join("\n")}`);
    this.name = "ConfigError";
  }
}
