import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * config/ composes the capabilities' sections and hands each check its own section (issue 16, "untie
 * the knot"), so dependencies run one way: config/schema.ts imports the capabilities, never back.
 */
const CAPABILITIES = ["audit-manager", "aws-config", "iam-policy", "organizations", "security-hub"];

const importsOf = (file: string) => [...readFileSync(file, "utf8").matchAll(/from\s+"([^"]+)"/g)].map((match) => match[1]);

describe("module dependencies", () => {
  it.each(CAPABILITIES)("%s never imports the composed configuration (config/schema)", (capability) => {
    const folder = join(__dirname, "..", "modules", capability);
    const offenders = readdirSync(folder)
      .filter((file) => file.endsWith(".ts"))
      .filter((file) => importsOf(join(folder, file)).some((source) => /config\/schema$/.test(source)));
    expect(offenders).toEqual([]);
  });

  it("the capability list above names every capability folder that has a configuration section", () => {
    const modules = join(__dirname, "..", "modules");
    const withSection = readdirSync(modules).filter((name) => {
      try {
        return readFileSync(join(modules, name, "config.ts"), "utf8").includes("Section");
      } catch {
        return false;
      }
    });
    expect(withSection.sort()).toEqual([...CAPABILITIES].sort());
  });
});
