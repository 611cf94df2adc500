/**
 * Runs after every synthesis (`npm run synth`, and so `cdktf synth`, `cdktf synth --hcl`,
 * `npm run synth:hcl`, `cdktf deploy`). The folder is $CDKTF_OUTDIR or cdktf.out.
 *
 * 1. When the synthesis wrote HCL, synthesizes the same app (same environment, so the same
 *    configuration file) once more as JSON into a temporary folder and repairs each stack's HCL
 *    from its JSON twin (modules/synth/hcl-repair.ts: what cdktf 0.21's HCL renderer gets wrong).
 * 2. Removes the other format's file beside each stack and the folders of stacks no longer
 *    synthesized (see removeStaleSynthOutput).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeStaleSynthOutput } from "../modules/synth/synth-output";
import { holdsHcl, repairHclStacks } from "../modules/synth/hcl-output";

const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";

if (holdsHcl(outdir)) {
  const jsonOutdir = mkdtempSync(join(tmpdir(), "cdktf-json-"));
  try {
    const { SYNTH_HCL_OUTPUT: _hcl, ...env } = process.env;
    const app = spawnSync(process.execPath, [join(__dirname, "..", "main.js")], { env: { ...env, CDKTF_OUTDIR: jsonOutdir }, stdio: "inherit" });
    if (app.status !== 0) throw new Error(`the JSON synthesis the HCL is repaired from failed (exit ${app.status})`);
    for (const file of repairHclStacks(outdir, jsonOutdir)) process.stderr.write(`repaired ${file} from its Terraform JSON\n`);
  } finally {
    rmSync(jsonOutdir, { recursive: true, force: true });
  }
}
for (const path of removeStaleSynthOutput(outdir)) process.stderr.write(`removed stale ${path}\n`);
