/**
 * A probability or score to the four decimals results report: enough for any decision a
 * client makes from it, and stable output for diffs and tests.
 */
export function roundProbability(p: number): number {
  return Math.round(p * 1e4) / 1e4;
}
