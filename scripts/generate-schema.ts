/** Writes config/schema.json (`npm run schema`); __tests__/schema.test.ts fails when it is stale. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { configJsonSchema } from "../modules/config/json-schema";

const file = join(__dirname, "..", "..", "config", "schema.json");
writeFileSync(file, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);
