/**
 * A Mermaid flowchart (GitHub renders it in comments and Markdown files): one box per Region
 * holding the stacks that act there, the accounts each stack acts in, and the dependencies that
 * order `cdktf deploy '*'`.
 */
import { byCodePoint } from "../kit/order";
import { count } from "../kit/text";
import { regionOf, type StackModel } from "./stack-model";

const id = (prefix: string, name: string) => `${prefix}_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
const label = (text: string) => `"${text.replace(/"/g, "#quot;")}"`;

export function renderDiagram(stacks: readonly StackModel[], removedStacks: readonly string[], homeRegion: string | undefined): string {
  const lines = ["```mermaid", "flowchart LR"];
  const regions = [...new Set(stacks.map(regionOf))];
  for (const region of regions) {
    lines.push(`  subgraph ${id("region", region)}[${label(region === homeRegion ? `${region} (home Region)` : region)}]`);
    for (const stack of stacks.filter((s) => regionOf(s) === region)) {
      lines.push(`    ${id("stack", stack.name)}[${label(`${stack.name}<br/>${count(stack.resources.length, "resource")}, ${count(stack.imports.length, "import")}`)}]`);
    }
    lines.push("  end");
  }
  for (const name of removedStacks) lines.push(`  ${id("stack", name)}[${label(`${name}<br/>removed by this change`)}]:::removed`);
  const accounts = new Map<string, string>();
  for (const provider of stacks.flatMap((s) => s.providers)) accounts.set(provider.accountId, provider.accountRole);
  for (const [account, role] of [...accounts].sort(([a], [b]) => byCodePoint(a, b))) lines.push(`  ${id("account", account)}[(${label(`${role}<br/>${account}`)})]`);
  for (const stack of stacks) {
    for (const dependency of stack.dependencies) lines.push(`  ${id("stack", stack.name)} -->|depends on| ${id("stack", dependency)}`);
  }
  for (const stack of stacks) {
    for (const provider of stack.providers) {
      const resources = stack.resources.filter((r) => r.provider === provider.reference).length;
      lines.push(`  ${id("stack", stack.name)} -.->|${provider.reference}: ${count(resources, "resource")}| ${id("account", provider.accountId)}`);
    }
  }
  if (removedStacks.length) lines.push("  classDef removed stroke-dasharray: 5 5");
  lines.push("```");
  return lines.join("\n");
}
