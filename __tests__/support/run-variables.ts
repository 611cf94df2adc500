/**
 * The environment variables by which jest's global setup (global-setup.ts) tells every test file
 * what the run shares. A module of their names alone, so that a test file reading them loads
 * nothing of the setup (its Terraform support loads cdktf and the provider bindings).
 */

/** The run's private temporary folder and its identity (temp.ts, global-teardown.ts). */
export const GUARD_VARIABLE = "AUDIT_MANAGER_TEST_TMPDIR";
/** The folder of the run's synthesis store (synth.ts). */
export const SYNTHESES_VARIABLE = "AUDIT_MANAGER_TEST_SYNTHESES";
