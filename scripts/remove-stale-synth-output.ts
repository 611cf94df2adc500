/**
 * Runs after every synthesis (`npm run synth`, and so `cdktf synth`, `cdktf synth --hcl`,
 * `cdktf deploy`): removes the other format's file beside each stack and the folders of stacks
 * no longer synthesized (see removeStaleSynthOutput). The folder is $CDKTF_OUTDIR or cdktf.out.
 */
import { removeStaleSynthOutput } from "../modules/review/synth-output";

for (const path of removeStaleSynthOutput(process.env.CDKTF_OUTDIR ?? "cdktf.out")) process.stderr.write(`removed stale ${path}\n`);
