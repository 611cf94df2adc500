/**
 * The code names the CDK packages only where a rename to CDK Terrain (docs/cdk-terrain.md) can
 * find them mechanically: package.json and import specifiers, and it imports only their public
 * entry points (the library's root, the provider bindings' `lib/<resource>`), never a private
 * path such as the library's lib/_tokens, which a rename would not carry.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./support/project";

const packageJson = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"));
const peers = Object.keys(packageJson.peerDependencies);
const cdkLibrary = peers.find((name) => /^cdkt\w+$/.test(name))!;
const sources = ["main.ts", ...["modules", "tools", "test-doubles", "__tests__"].flatMap((folder) => readdirSync(join(PROJECT_ROOT, folder), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts")).map((file) => join(folder, file)))];
/** Every module specifier a file imports or requires. */
const specifiers = (file: string) => [...readFileSync(join(PROJECT_ROOT, file), "utf8").matchAll(/(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);

test("no source imports a private path of the CDK library or of constructs", () => {
  const privateImports = sources.flatMap((file) => specifiers(file).filter((specifier) => specifier.startsWith(`${cdkLibrary}/`) || specifier.startsWith("constructs/")).map((specifier) => `${file}: ${specifier}`));
  expect(privateImports).toEqual([]);
});

test("outside import specifiers, only the migration check spells a CDK package name", () => {
  const names = Object.keys(packageJson.devDependencies).filter((name) => name.includes(cdkLibrary));
  expect(names.length).toBe(4); // the library, its CLI, the AWS provider bindings, the HCL parser
  const spelled = sources
    .filter((file) => file !== join("tools", "check-cdktn.ts"))
    .flatMap((file) => {
      const text = readFileSync(join(PROJECT_ROOT, file), "utf8").replace(/(\bfrom\s+|\brequire\(\s*|\bimport\(\s*)["'][^"']+["']/g, "");
      return names.filter((name) => new RegExp(`["'\`]${name.replace(/[/-]/g, "\\$&")}(/[^"'\`]*)?["'\`]`).test(text)).map((name) => `${file}: ${name}`);
    });
  expect(spelled).toEqual([]);
});
