import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { importsOf } from "./support/imports";

const ROOT = join(__dirname, "..");

/**
 * The commands that read AWS or the synthesized output must start fast, so they load no cdktf:
 * loading coverage pulled in 584 modules, 409 of them cdktf, provider bindings or constructs
 * (0.4 s on every run) before the stack names, the shared names, the quota codes, the evidence
 * addresses and the AWS clients moved out of the construct files. Each command's script is read
 * for the project modules it imports, and their compiled JavaScript (dist/, which the commands run
 * and the run's global setup builds) is loaded in one child process that records every module Node
 * loads for them; the module cache is emptied between commands, so each record is that command's
 * alone. (The scripts themselves run their command when loaded, so they are read, not loaded.)
 * Loading dist/ instead of compiling the sources with ts-node costs about 1 s of CPU instead of 5 s.
 */
const TOOL_SCRIPTS = ["doctor", "coverage", "review", "settings", "evidence-map"];
/** A source module's compiled JavaScript, as Node resolves it (`modules/x` is `dist/modules/x.js` or `dist/modules/x/index.js`). */
const compiled = (source: string) => join("dist", source.replace(/\.ts$/, ""));
/** The control: a construct loads cdktf, a provider binding and constructs, so a detector that sees nothing fails here. */
const CONSTRUCT_ENTRY = compiled("modules/audit-manager/assessment-quotas.ts");

/** The CDK packages, as package.json names them (its peerDependencies: the library, its AWS provider bindings, constructs). */
const CDK_PACKAGES = Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).peerDependencies as Record<string, string>).sort();
const CDKTF_MODULE = new RegExp(`/node_modules/(${CDK_PACKAGES.map((name) => name.replace(/[/.-]/g, "\\$&")).join("|")})/`);

/** The compiled modules (dist/modules/…) that a command's script names, type imports included. */
const projectModulesOf = (script: string) =>
  importsOf(join(ROOT, "tools", `${script}.ts`))
    .filter((source) => source.startsWith("../modules/"))
    .map((source) => compiled(relative(ROOT, resolve(ROOT, "tools", source))));

function modulesLoadedBy(entries: Record<string, readonly string[]>): Record<string, string[]> {
  const script = `
    const Module = require("node:module");
    const load = Module._load;
    let loaded;
    Module._load = function (request, parent, isMain) {
      try { loaded?.add(Module._resolveFilename(request, parent, isMain)); } catch {}
      return load.apply(this, arguments);
    };
    const result = {};
    for (const [name, modules] of Object.entries(${JSON.stringify(entries)})) {
      for (const key of Object.keys(require.cache)) delete require.cache[key];
      loaded = new Set();
      for (const entry of modules) require(require("node:path").resolve(entry));
      result[name] = [...loaded];
    }
    process.stdout.write(JSON.stringify(result));
  `;
  const output = execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(output) as Record<string, string[]>;
}

describe("the tools load no cdktf", () => {
  let loaded: Record<string, string[]>;
  beforeAll(() => {
    loaded = modulesLoadedBy({ ...Object.fromEntries(TOOL_SCRIPTS.map((script) => [script, projectModulesOf(script)])), construct: [CONSTRUCT_ENTRY] });
  });

  it("a construct loads cdktf, the provider bindings and constructs (the detector sees them)", () => {
    const found = new Set(loaded.construct.map((file) => CDKTF_MODULE.exec(file.replace(/\\/g, "/"))?.[1]).filter(Boolean));
    expect([...found].sort()).toEqual(CDK_PACKAGES);
  });

  it.each(TOOL_SCRIPTS)("npm run %s loads no cdktf, @cdktf/provider-aws or constructs module", (script) => {
    expect(loaded[script].filter((file) => CDKTF_MODULE.test(file.replace(/\\/g, "/")))).toEqual([]);
  });
});
