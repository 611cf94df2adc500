/** What a source file imports, read from its text (the architecture tests' view of the code). */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every .ts file under `folder`, recursively. */
export const sourcesUnder = (folder: string): string[] =>
  readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return name.endsWith(".ts") ? [path] : [];
  });

/** Every module a file names: imports, type imports, re-exports, import() types and require(). */
export const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/(?:from\s+|import\(|require\()"([^"]+)"/g)].map((match) => match[1]);
