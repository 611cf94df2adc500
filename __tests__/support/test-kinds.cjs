/**
 * Which test files need Terraform, a browser or processes of their own, read from their source,
 * and the jest filter (`jest --filter`) that keeps the others: `npm run test:unit`, the inner loop,
 * whose tests run inside jest's workers. jest loads a filter
 * with a plain require, without its TypeScript transform, hence CommonJS; global-setup.ts asks
 * the same functions whether a run needs Terraform, so the two never disagree.
 *
 * A file needs Terraform when it imports the Terraform support (support/terraform,
 * support/terraform-values, support/terraform-provider) or starts the `terraform` command itself;
 * it needs a browser when it imports puppeteer-core or the coverage page's browser launcher; it
 * starts processes when it imports node:child_process (the compiled app, npm, TypeScript, git, as a
 * user runs them: seconds of CPU each).
 */
const { readFileSync } = require("node:fs");

const TERRAFORM = /from "\.\/support\/terraform[-a-z]*"|\(\s*"terraform",\s*\[/;
/** The run's shared Terraform and provider (support/terraform.ts); terraformValues and a test's own `terraform` command need none. */
const SHARED_TERRAFORM = /from "\.\/support\/terraform"/;
const BROWSER = /from "puppeteer-core"|\/coverage-browser"/;
const PROCESSES = /from "node:child_process"/;

/** Whether the test file at `path` uses the run's shared Terraform, which the global setup starts. */
function usesSharedTerraform(path) {
  return SHARED_TERRAFORM.test(readFileSync(path, "utf8"));
}

/** Whether the test file at `path` runs only inside its jest worker: no Terraform, browser or other process. */
function isUnitTest(path) {
  const source = readFileSync(path, "utf8");
  return ![TERRAFORM, BROWSER, PROCESSES].some((pattern) => pattern.test(source));
}

/** jest's filter: the unit test files. */
async function unitTests(testPaths) {
  return { filtered: testPaths.filter(isUnitTest).map((test) => ({ test })) };
}

module.exports = unitTests;
module.exports.usesSharedTerraform = usesSharedTerraform;
module.exports.isUnitTest = isUnitTest;
