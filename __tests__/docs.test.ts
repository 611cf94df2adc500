/**
 * The documentation as a reader meets it: the README is a short front door that links every page
 * in docs/, every relative link and #anchor in README.md and docs/*.md leads somewhere, and the
 * troubleshooting page quotes every error message Terraform can stop a plan with.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseConfig } from "../modules/config/load";
import { exampleInput, PROJECT_ROOT, synth } from "./support/synth";

const DOCS = join(PROJECT_ROOT, "docs");
const README = join(PROJECT_ROOT, "README.md");
const docsPages = () => readdirSync(DOCS).filter((name) => name.endsWith(".md")).sort().map((name) => join(DOCS, name));
const pages = () => [README, ...docsPages()];
const read = (file: string) => readFileSync(file, "utf8");

/** The Markdown outside fenced code blocks, where links and headings are what they look like. */
function prose(markdown: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split("\n")) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && !fence) fence = marker;
    else if (marker && fence && line.trim() === fence) fence = undefined;
    else if (!fence) lines.push(line);
  }
  return lines;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const line of prose(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    found.add(count ? `${slug}-${count}` : slug);
  }
  return found;
}

/** Every inline link target outside code: `[text](target)`, without external URLs. */
function relativeLinks(markdown: string): string[] {
  return prose(markdown)
    .map((line) => line.replace(/`[^`]*`/g, ""))
    .flatMap((line) => [...line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]))
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe("links", () => {
  test.each(pages().map((file) => [relative(PROJECT_ROOT, file), file]))("every relative link and anchor in %s resolves", (_name, file) => {
    const broken = relativeLinks(read(file)).flatMap((target) => {
      const [path, anchor] = target.split("#", 2);
      const destination = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
      if (!existsSync(destination)) return [`${target}: no such file`];
      if (anchor === undefined) return [];
      if (!destination.endsWith(".md")) return [`${target}: an anchor into a file that is not Markdown`];
      return anchors(read(destination)).has(anchor) ? [] : [`${target}: no heading with anchor #${anchor} in ${relative(PROJECT_ROOT, destination)}`];
    });
    expect(broken).toEqual([]);
  });

  test("the anchor rule matches GitHub's for headings with code, punctuation and repeats", () => {
    expect([...anchors("# `auditManager`: Audit Manager in every Region\n## Top level\n## Top level\n```\n# not a heading\n```\n## Preflight: `npm run doctor`")]).toEqual([
      "auditmanager-audit-manager-in-every-region",
      "top-level",
      "top-level-1",
      "preflight-npm-run-doctor",
    ]);
  });
});

describe("the README is the front door", () => {
  test("it has at most 250 lines", () => {
    expect(read(README).split("\n").length).toBeLessThanOrEqual(250);
  });

  test("it links every page in docs/", () => {
    const linked = new Set(relativeLinks(read(README)).map((target) => resolve(PROJECT_ROOT, target.split("#")[0])));
    expect(docsPages().filter((page) => !linked.has(page)).map((page) => relative(PROJECT_ROOT, page))).toEqual([]);
  });

  test("it gives the two commands exactly, and points to the cheat sheet", () => {
    const text = read(README);
    expect(text).toContain("npm ci && npm run synth");
    expect(text).toContain("npm test");
    expect(text).toContain("cat help");
  });
});

describe("help is the one-screen cheat sheet", () => {
  const lines = read(join(PROJECT_ROOT, "help")).trimEnd().split("\n");

  test("it has at most 40 lines", () => {
    expect(lines.length).toBeLessThanOrEqual(40);
  });

  test("no line is wider than 100 columns", () => {
    expect(lines.filter((line) => [...line].length > 100)).toEqual([]);
  });
});

describe("troubleshooting quotes every message Terraform can stop a plan with", () => {
  const page = read(join(DOCS, "troubleshooting.md")).replace(/\s+/g, " ");

  /**
   * The parts of a message that do not depend on the configuration or the organization: Terraform
   * expressions, the given values, and what the Region stacks write in from the configuration (a
   * field path such as auditManager.assessments[0].shards and its value "(now 3)", where a module says var.shards;
   * the number of assessments a Region runs and the quota increase it asks for).
   */
  function fixedParts(message: string, values: readonly string[]): string[] {
    const variable = new RegExp([String.raw`\$\{[^}]*\}`, String.raw`auditManager\.assessments\[\d+\]`, String.raw`\(now \d+\)`, String.raw`(?<=runs )\d+(?= assessments)`, String.raw`(?<=--desired-value )\d+`, ...values.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))].join("|"), "g");
    return message
      .split(variable)
      .map((part) => part.replace(/\s+/g, " ").trim())
      .filter((part) => part.length >= 12);
  }

  function errorMessages(node: unknown): string[] {
    if (Array.isArray(node)) return node.flatMap(errorMessages);
    if (node === null || typeof node !== "object") return [];
    return Object.entries(node).flatMap(([key, value]) => (key === "error_message" && typeof value === "string" ? [value] : errorMessages(value)));
  }

  const external = (() => {
    const input = exampleInput();
    return parseConfig({ ...input, organizations: { ...input.organizations, trustedAccess: { mode: "external" } } });
  })();

  test.each([
    ["the example configuration's stacks", parseConfig(exampleInput())],
    ["external mode's stacks", external],
  ])("%s: every postcondition and precondition message", (_name, config) => {
    const messages = synth(config).stacks.flatMap((stack) => errorMessages(stack.json));
    expect(messages.length).toBeGreaterThan(0);
    const values = [config.organizationId, config.accounts.management.accountId, config.accounts.delegatedAdministrator.accountId, ...config.regions, ...config.auditManager.assessments.map((entry) => entry.name)];
    expect(messages.flatMap((message) => fixedParts(message, values)).filter((part) => !page.includes(part))).toEqual([]);
  });

  test("the Terraform modules: every variable validation and postcondition message", () => {
    const root = join(PROJECT_ROOT, "terraform-modules", "json");
    const messages = readdirSync(root).flatMap((module) => errorMessages(JSON.parse(read(join(root, module, "main.tf.json")))));
    expect(messages.length).toBeGreaterThan(20);
    expect(messages.flatMap((message) => fixedParts(message, [])).filter((part) => !page.includes(part))).toEqual([]);
  });

  test("the maintenance-mode error of Audit Manager, word for word", () => {
    expect(page).toContain("ValidationException: AWS Audit Manager is now in maintenance mode. As of April 30, 2026, you cannot enable Audit Manager for new accounts or in additional AWS Regions.");
  });
});
