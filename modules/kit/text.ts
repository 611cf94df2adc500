/**
 * Wording shared by every report the project writes (the review report, the coverage report), so
 * each says "1 line" and "2 lines" the same way.
 */

/** "1 line", "2 lines": a number with its noun, singular for one. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
