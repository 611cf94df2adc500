/**
 * Markdown building blocks that stay intact whatever text they hold (GitHub Flavored Markdown
 * spec, https://github.github.com/gfm/): a backtick inside a value must not end its code span, a
 * `|` must not split a table cell, and a fence inside a block must not close it.
 */

/** The longest run of backticks in the text (0 when there is none). */
function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/**
 * Inline code. GFM "Code spans": the span is closed by a backtick string of the same length, so
 * the delimiter is one backtick longer than any run inside; a space pads content that starts or
 * ends with a backtick (and is stripped again by the renderer).
 */
export function codeSpan(text: string): string {
  const fence = "`".repeat(longestBacktickRun(text) + 1);
  const padding = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${padding}${text}${padding}${fence}`;
}

/**
 * Text for one table cell: GFM "Tables" splits cells at every unescaped `|`, even inside code
 * spans, so each is escaped; a line break would end the row, so it becomes a space.
 */
export function tableCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Inline code inside a table cell. */
export const cellCode = (text: string): string => tableCell(codeSpan(text));

/** A fenced code block whose fence is longer than any backtick run in the text (GFM "Fenced code blocks"). */
export function fencedBlock(text: string, language = ""): string {
  const fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${language}\n${text.replace(/\n+$/, "")}\n${fence}`;
}

/** Text inside an HTML element such as `<summary>`, where Markdown is not rendered. */
export function htmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A block folded under a one-line summary; GitHub renders Markdown inside after the blank line. */
export function collapsible(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

