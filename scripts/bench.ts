/**
 * `npm run bench`: wall time and peak memory of the app and of `npm run synth`, and of the same
 * app run the way the cdktf init template runs it (ts-node with the provider's root import).
 * Each figure is the median of several runs; memory is the peak resident set of the largest
 * process (GNU time's %M). Targets (issue 2): app for 12 Regions <= 0.5 s and 200 MB;
 * `npm run synth` <= 3 s.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const TIME = "/usr/bin/time";
if (!existsSync(TIME)) {
  process.stderr.write("bench needs GNU time at /usr/bin/time (Debian: apt-get install time)\n");
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), "bench-"));
const example = JSON.parse(readFileSync(join(ROOT, "config", "example.json"), "utf8"));
const oneRegion = join(scratch, "one-region.json");
// One Region has nothing to aggregate, so Security Hub runs in local mode there.
writeFileSync(oneRegion, JSON.stringify({ ...example, $schema: undefined, regions: [example.homeRegion], securityHub: { mode: "local" } }));
const twelveRegions = join(ROOT, "config", "all-regions.json");

interface Measure { seconds: number; megabytes: number }

function measure(command: string[], env: NodeJS.ProcessEnv): Measure {
  const outdir = mkdtempSync(join(scratch, "out-"));
  const result = spawnSync(TIME, ["-f", "%e %M", ...command], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir, ...env }, encoding: "utf8" });
  rmSync(outdir, { recursive: true, force: true });
  const last = result.stderr.trim().split("\n").pop() ?? "";
  const [seconds, kilobytes] = last.split(" ").map(Number);
  if (result.status !== 0 || Number.isNaN(seconds)) throw new Error(`${command.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  return { seconds, megabytes: kilobytes / 1024 };
}

function median(command: string[], env: NodeJS.ProcessEnv, runs: number): Measure {
  const samples = Array.from({ length: runs }, () => measure(command, env));
  const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { seconds: mid(samples.map((s) => s.seconds)), megabytes: mid(samples.map((s) => s.megabytes)) };
}

// The template's way: ts-node type-checks and loads everything the app imports, and its main.ts
// imports the provider package root. This entry adds that root import to the same app.
const templateEntry = join(ROOT, ".bench-template-main.ts");
// The package root is named only inside this generated comparison entry, never imported by the app.
const PROVIDER_PACKAGE_ROOT = "@cdktf/provider-aws";
writeFileSync(templateEntry, `import * as aws from "${PROVIDER_PACKAGE_ROOT}";\nvoid aws;\nimport "./main";\n`);

const rows: [string, Measure, string][] = [];
try {
  const node = ["node", "dist/main.js"];
  rows.push(["app, compiled, deep imports, 1 Region", median(node, { AUDIT_MANAGER_CONFIG: oneRegion }, 5), ""]);
  rows.push(["app, compiled, deep imports, 12 Regions", median(node, { AUDIT_MANAGER_CONFIG: twelveRegions }, 5), "target <= 0.5 s, 200 MB"]);
  rows.push(["npm run synth (type-check + build + app, example configuration)", median(["npm", "run", "--silent", "synth"], {}, 3), "target <= 3 s"]);
  rows.push([
    "cdktf init template way: ts-node + root import, 12 Regions",
    median(["npx", "--no-install", "ts-node", "--compiler", "typescript5", templateEntry], { AUDIT_MANAGER_CONFIG: twelveRegions, TS_NODE_PROJECT: join(ROOT, "tsconfig.build.json") }, 1),
    "for comparison",
  ]);
} finally {
  rmSync(templateEntry, { force: true });
  rmSync(scratch, { recursive: true, force: true });
}

const width = Math.max(...rows.map(([name]) => name.length));
process.stdout.write(`${"what".padEnd(width)}  wall (s)  peak (MB)\n`);
for (const [name, m, note] of rows) {
  process.stdout.write(`${name.padEnd(width)}  ${m.seconds.toFixed(2).padStart(8)}  ${m.megabytes.toFixed(0).padStart(9)}  ${note}\n`);
}

// npm run coverage against mocks of 5,000 accounts in 17 Regions, 20 ms per call (scripts/coverage-bench.ts). Targets (issue 12): <= 60 s, <= 500 MB.
const coverageRun = spawnSync(TIME, ["-f", "%M", "node", "dist/scripts/coverage-bench.js"], { cwd: ROOT, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" }, encoding: "utf8" });
const [accounts, regionCount, calls, seconds] = coverageRun.stdout.trim().split(" ");
const peakKilobytes = Number(coverageRun.stderr.trim().split("\n").pop());
if (coverageRun.status !== 0 || !seconds || Number.isNaN(peakKilobytes)) throw new Error(`coverage benchmark failed:\n${coverageRun.stdout}${coverageRun.stderr}`);
process.stdout.write(`coverage: ${accounts} accounts x ${regionCount} Regions: ${calls} API calls, ${Number(seconds).toFixed(1)} s, ${(peakKilobytes / 1024).toFixed(0)} MB peak (targets: <= 60 s, <= 500 MB)\n`);
