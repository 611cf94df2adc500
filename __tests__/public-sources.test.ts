/**
 * Product files cite public sources only: AWS's and HashiCorp's documentation by title and
 * address, never the team's working material (the seed documents, a shared reference folder, its
 * facts file) and never a path outside the repository, which a user's clone does not have. Every
 * file of the project is read (what .gitignore leaves out is not part of it); only this file, which
 * has to name what it looks for, is skipped.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { PROJECT_ROOT } from "./support/project";

/** The folders .gitignore keeps out of the repository: installed packages, build and synthesis output, state. */
const NOT_IN_REPOSITORY = new Set([".git", "node_modules", "dist", "cdktf.out", ".gen", "state", ".terraform", "bench-out"]);

const FORBIDDEN: readonly [string, RegExp][] = [
  ["a seed document", /\bseeds?[ _-]?0\d\d\b/i],
  ["the seeds folder", /\bseeds\//i],
  ["the shared reference folder", /\bshared\/(reference|seeds)\b/i],
  ["the facts file", /\baws-facts\b/i],
  ["a path on the build machine", /(^|[^\w.~-])\/(work|home|root|Users|mnt)\//],
];

function projectFiles(dir = PROJECT_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (NOT_IN_REPOSITORY.has(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? projectFiles(path) : [path];
  });
}

/** Text files only: a NUL byte marks a binary (a screenshot, a PDF). */
const textFiles = projectFiles()
  .filter((file) => file !== __filename)
  .map((file) => ({ file: relative(PROJECT_ROOT, file), text: readFileSync(file, "utf8") }))
  .filter(({ text }) => !text.includes("\0"));

/** Where `text` matches `pattern`: "<file>:<line>: <the line>". */
function findings(file: string, text: string, pattern: RegExp): string[] {
  return text.split("\n").flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}: ${line.trim().slice(0, 160)}`] : []));
}

test("the scan reads the project's files: docs, sources, generated schema, help and tests", () => {
  const files = new Set(textFiles.map(({ file }) => file));
  for (const file of ["README.md", "help", "config/schema.json", "docs/iam-policy.md", "modules/iam-policy/policy-document.ts", "__tests__/iam-policy.test.ts"]) expect(files).toContain(file);
});

test.each(FORBIDDEN)("no product file refers to %s", (_, pattern) => {
  expect(textFiles.flatMap(({ file, text }) => findings(file, text, pattern))).toEqual([]);
});

test("no Markdown link leads out of the repository", () => {
  const outside = textFiles
    .filter(({ file }) => file.endsWith(".md"))
    .flatMap(({ file, text }) =>
      [...text.matchAll(/\]\(([^)\s#]+)[^)]*\)/g)]
        .map((match) => match[1]!)
        .filter((target) => !/^[a-z]+:/i.test(target) && relative(PROJECT_ROOT, resolve(PROJECT_ROOT, dirname(file), target)).startsWith(".."))
        .map((target) => `${file}: ${target}`),
    );
  expect(outside).toEqual([]);
});
