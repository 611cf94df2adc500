/**
 * Stops the run's Terraform provider and removes its folder and the synthesis store, then fails
 * the run when the tests left anything in the run's private temporary folder (global-setup.ts),
 * naming what, and removes that folder either way, so a failed check still leaves the system's
 * temporary folder as it found it.
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { sharedRun } from "./global-setup";
import { GUARD_VARIABLE } from "./run-variables";

export default async function globalTeardown(): Promise<void> {
  const { root, stop, syntheses } = sharedRun();
  try {
    await stop?.();
  } finally {
    for (const dir of [root, syntheses]) if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
  checkTemporaryFolder();
}

/** Fails when the private temporary folder holds anything or is not the one the setup made; removes it. */
export function checkTemporaryFolder(): void {
  const { dir, ino, dev } = JSON.parse(process.env[GUARD_VARIABLE] ?? "null") ?? {};
  if (!dir) throw new Error(`${GUARD_VARIABLE} is not set: the temporary-folder guard's setup did not run`);
  const original = process.env[`${GUARD_VARIABLE}_ORIGINAL`];
  if (original) process.env.TMPDIR = original;
  else delete process.env.TMPDIR;
  let identity: { ino: number; dev: number };
  try {
    identity = statSync(dir);
  } catch {
    throw new Error(`the run's temporary folder ${dir} was removed by a test; tests must remove only what they made`);
  }
  const left = readdirSync(dir);
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  if (identity.ino !== ino || identity.dev !== dev) throw new Error(`the run's temporary folder ${dir} was removed and made again by a test; tests must remove only what they made`);
  if (left.length) throw new Error(`the tests left ${left.length} entr${left.length === 1 ? "y" : "ies"} in the temporary folder (removed now; remove them in the test that makes them): ${left.sort().join(", ")}`);
}
