/**
 * The guard that proves the tests leave nothing behind (support/global-setup.ts and
 * global-teardown.ts, jest's globalSetup and globalTeardown): it points TMPDIR at a private folder,
 * fails the run when anything is left there, and removes the folder whatever it finds.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { guardTemporaryFolder } from "./support/global-setup";
import { GUARD_VARIABLE } from "./support/run-variables";
import { checkTemporaryFolder } from "./support/global-teardown";

let saved: NodeJS.ProcessEnv;
beforeEach(() => {
  saved = { ...process.env };
});
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

/** Runs the guard's setup in this test's copy of the environment, and returns its folder. */
function guardedRun(): string {
  guardTemporaryFolder();
  return JSON.parse(process.env[GUARD_VARIABLE]!).dir;
}

describe("the temporary-folder guard", () => {
  test("this run itself is guarded: os.tmpdir() is the run's private folder", () => {
    expect(tmpdir()).toBe(JSON.parse(process.env[GUARD_VARIABLE]!).dir);
  });

  test("a clean run passes, and the private folder is gone afterwards", () => {
    const dir = guardedRun();
    expect(process.env.TMPDIR).toBe(dir);
    expect(() => checkTemporaryFolder()).not.toThrow();
    expect(existsSync(dir)).toBe(false);
  });

  test("a left folder fails the run, named, and is removed all the same", () => {
    const dir = guardedRun();
    mkdirSync(join(dir, "cdktf-out-abc123"));
    writeFileSync(join(dir, "cdktf-out-abc123", "cdk.tf.json"), "{}");
    expect(() => checkTemporaryFolder()).toThrow("the tests left 1 entry in the temporary folder (removed now; remove them in the test that makes them): cdktf-out-abc123");
    expect(existsSync(dir)).toBe(false);
  });

  test("removing the private folder and making it again does not pass for a clean run", () => {
    const dir = guardedRun();
    // Made while the old one still exists, so it cannot reuse its inode.
    mkdirSync(`${dir}.again`);
    rmSync(dir, { recursive: true });
    renameSync(`${dir}.again`, dir);
    expect(() => checkTemporaryFolder()).toThrow("was removed and made again by a test");
    expect(existsSync(dir)).toBe(false);
  });

  test("removing the private folder fails the run", () => {
    const dir = guardedRun();
    rmSync(dir, { recursive: true });
    expect(() => checkTemporaryFolder()).toThrow("was removed by a test");
  });
});
