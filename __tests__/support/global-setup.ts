/**
 * The run's temporary folder (jest globalSetup, with global-teardown.ts): every test process
 * starts with TMPDIR pointing at a new private folder, so os.tmpdir() in the tests, the cdktf
 * library, npm, Terraform and the provider's plugin sockets all write there. The teardown fails the
 * run when anything is left in it, then removes it. Jest starts its workers after this runs, so
 * they inherit the variable.
 */
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const GUARD_VARIABLE = "AUDIT_MANAGER_TEST_TMPDIR";

export default function globalSetup(): void {
  const dir = mkdtempSync(join(tmpdir(), "audit-manager-tests-"));
  // The folder's identity, so a test that removes and recreates it cannot pass for a clean run.
  const { ino, dev } = statSync(dir);
  process.env[`${GUARD_VARIABLE}_ORIGINAL`] = process.env.TMPDIR ?? "";
  process.env[GUARD_VARIABLE] = JSON.stringify({ dir, ino, dev });
  process.env.TMPDIR = dir;
}
