/**
 * String order shared by every layer that writes a report or a file (synth's outputs, review's
 * report and diagram), so sorting sits in the kit rather than in one of its users.
 */

/** Byte order (not the locale's collation), so the same input sorts the same on every machine. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
