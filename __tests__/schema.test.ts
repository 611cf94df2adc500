import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configJsonSchema } from "../modules/config/json-schema";
import { configReferenceMarkdown } from "../modules/config/reference";
import { PROJECT_ROOT } from "./support/project";

test("config/schema.json is generated from the current validator (run `npm run schema` after changing it)", () => {
  const committed = JSON.parse(readFileSync(join(PROJECT_ROOT, "config", "schema.json"), "utf8"));
  expect(committed).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
});

test("the JSON Schema rejects unknown keys and describes each field, for editor completion", () => {
  const schema = configJsonSchema() as any;
  expect(schema.additionalProperties).toBe(false);
  expect(schema.required).toEqual(expect.arrayContaining(["organizationId", "homeRegion", "regions", "accounts"]));
  expect(schema.properties.organizationId.description).toMatch(/AWS Organization/);
  expect(schema.properties.organizationId.pattern).toBe("^o-[a-z0-9]{10,32}$");
});

test("docs/configuration.md is generated from the current validator (run `npm run schema` after changing it)", () => {
  expect(readFileSync(join(PROJECT_ROOT, "docs", "configuration.md"), "utf8")).toBe(configReferenceMarkdown());
});

test("the configuration reference lists every field with its default and allowed values", () => {
  const page = configReferenceMarkdown();
  expect(page).toContain('| `partition` | string | `"aws"` | `"aws"`, `"aws-cn"`, `"aws-us-gov"` | AWS partition; ARNs are built from it. |');
  expect(page).toContain("| `organizationId` | string | required | matches `^o-[a-z0-9]{10,32}$` |");
  expect(page).toContain('| `auditManager.kmsKey.alias` (type `"create"`) | string | `"alias/audit-manager"` |');
  expect(page).toContain("| `iamPolicy.attachTo.management.roles` | list of string | `[]` |");
});
