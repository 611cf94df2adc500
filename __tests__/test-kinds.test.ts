/**
 * `npm run test:unit` keeps the test files that run inside jest's workers (support/test-kinds.cjs).
 * Checked against the import graph, an oracle other than the filter's own reading of each file:
 * no module a unit test file reaches starts a process, a browser or Terraform.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { PROJECT_ROOT } from "./support/project";

const unitTests: (paths: string[]) => Promise<{ filtered: { test: string }[] }> = require("./support/test-kinds.cjs");

const TESTS = readdirSync(__dirname).filter((file) => file.endsWith(".test.ts")).map((file) => join(__dirname, file));
/** jest's global setup runs once, in jest's own process: test files import its constants, never run its processes. */
const GLOBAL_SETUP = join(__dirname, "support", "global-setup.ts");

/** The project's files `file` imports or requires by a relative path. */
function localImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/(?:from|import|require\()\s*"(\.{1,2}\/[^"]+)"/g)].map(([, path]) => {
    const base = resolve(dirname(file), path);
    const found = [base, `${base}.ts`, join(base, "index.ts")].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
    if (!found) throw new Error(`${relative(PROJECT_ROOT, file)} imports ${path}, which is no file of the project`);
    return found;
  });
}

/** Every project file `file` reaches through relative imports, itself included. */
function reached(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file) || file === GLOBAL_SETUP) return seen;
  seen.add(file);
  for (const next of localImports(file)) reached(next, seen);
  return seen;
}

const STARTS_SOMETHING = /from "node:child_process"|from "puppeteer-core"/;

test("no module a unit test file reaches starts a process, a browser or Terraform", async () => {
  const { filtered } = await unitTests(TESTS);
  const offenders = filtered.flatMap(({ test: file }) =>
    [...reached(file)].filter((module) => STARTS_SOMETHING.test(readFileSync(module, "utf8"))).map((module) => `${relative(PROJECT_ROOT, file)} reaches ${relative(PROJECT_ROOT, module)}`),
  );
  expect(offenders).toEqual([]);
});

test.each([
  ["terraform.test.ts", "the Terraform support"],
  ["iam-policy.terraform.test.ts", "Terraform through terraformValues"],
  ["config-loading.test.ts", "the terraform command and the compiled app"],
  ["coverage-html.test.ts", "a browser"],
  ["library.test.ts", "TypeScript and npm"],
])("the unit run leaves out %s, which starts %s", async (file) => {
  const { filtered } = await unitTests([join(__dirname, file)]);
  expect(filtered).toEqual([]);
});

test("the unit run keeps a file that only builds constructs and reads configurations", async () => {
  const file = join(__dirname, "organizations.test.ts");
  expect((await unitTests([file])).filtered).toEqual([{ test: file }]);
});
