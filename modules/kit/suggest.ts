/**
 * "Did you mean": the candidate nearest to a mistyped value, by edit distance (letters inserted,
 * removed, replaced or two neighbours swapped; case and spaces at either end ignored). A candidate
 * is offered only when at most a third of the longer text differs (at least one edit), so a
 * value that resembles nothing gets no guess.
 */

/** Optimal string alignment distance: Levenshtein's edits plus a swap of two adjacent characters. */
export function editDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** The candidate nearest to `value` (the first of equally near ones), or undefined when none is near. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  const wanted = value.trim().toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const limit = Math.max(1, Math.floor(Math.max(wanted.length, candidate.length) / 3));
    // The distance is at least the difference in length: a long value costs nothing to turn down.
    if (Math.abs(wanted.length - candidate.length) > limit) continue;
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance > limit) continue;
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best?.candidate;
}
