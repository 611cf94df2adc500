/**
 * Temporary folders of a test file, all removed after its last test whether the tests passed or
 * failed (jest runs afterAll hooks after failures too). Everything a test writes goes into one of
 * these, under os.tmpdir(), which jest.global-setup.ts points at a private folder for the run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GUARD_VARIABLE } from "./run-variables";

const created: string[] = [];

/** A new empty folder, removed after this test file. */
export function temporaryDirectory(prefix: string): string {
  const guarded = JSON.parse(process.env[GUARD_VARIABLE] ?? "null")?.dir;
  if (!guarded || tmpdir() !== guarded) throw new Error(`os.tmpdir() is ${tmpdir()}, not the run's private folder: run the tests with jest's configuration in package.json, whose globalSetup makes that folder and whose globalTeardown checks nothing is left in it`);
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  created.push(dir);
  return dir;
}

const beforeRemoval: (() => Promise<void>)[] = [];

/** `stop` runs before the folders are removed: work that may still write into them ends first. */
export function beforeRemovingTemporaryDirectories(stop: () => Promise<void>): void {
  beforeRemoval.push(stop);
}

afterAll(async () => {
  for (const stop of beforeRemoval) await stop();
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});
