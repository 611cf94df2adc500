/**
 * Runs after every synthesis (`npm run synth`, and so `cdktf synth`, `cdktf synth --hcl`,
 * `npm run synth:hcl`, `cdktf deploy`): removes the other format's file beside each stack and the
 * folders of stacks no longer synthesized (see removeStaleSynthOutput). The folder is
 * $CDKTF_OUTDIR or cdktf.out.
 */
import { removeStaleSynthOutput } from "../modules/synth/synth-output";

const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";

for (const path of removeStaleSynthOutput(outdir)) process.stderr.write(`removed stale ${path}\n`);
