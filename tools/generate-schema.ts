/**
 * Writes config/schema.json and docs/configuration.md (`npm run schema`), both from the
 * validator's schema; __tests__/schema.test.ts fails when either is stale.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { configJsonSchema } from "../modules/config/json-schema";
import { configReferenceMarkdown } from "../modules/config/reference";

const root = join(__dirname, "..", "..");
const files: [string, string][] = [
  [join(root, "config", "schema.json"), `${JSON.stringify(configJsonSchema(), null, 2)}\n`],
  [join(root, "docs", "configuration.md"), configReferenceMarkdown()],
];
for (const [file, content] of files) {
  writeFileSync(file, content);
  process.stdout.write(`wrote ${file}\n`);
}
