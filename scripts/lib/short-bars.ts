/**
 * Fitting the verdict's short-text bars (scripts/tune.ts): clean passages of the development
 * split by length band, and the bar that calls a given share of them spun.
 */
import { loadDevDocuments } from '../../bench/corpora.js';
import { type Passage, passageDrawer } from '../../bench/passages.js';

/**
 * The lowest bar, in steps of 0.01 and not below `floor`, at which at most `budget` of the
 * clean texts' probabilities would be called spun.
 */
export function barFor(cleanProbabilities: readonly number[], budget: number, floor: number): number {
  const sorted = [...cleanProbabilities].sort((a, b) => b - a);
  const above = sorted[Math.floor(budget * sorted.length)] ?? 0;
  return Math.max(floor, Math.min(0.99, Math.ceil((above + 1e-9) * 100) / 100));
}

/** Draws passages of each band from the Brown and State of the Union dev documents (`passageDrawer`). */
export function devPassageDrawer(bands: readonly number[], seed: number): (perBand: number) => Passage[][] {
  return passageDrawer(loadDevDocuments({ sources: ['brown', 'sotu'], seed }), bands, seed);
}

/**
 * One line per band: how many of its passages the verdict calls spun, clean and spun at 15%
 * and 25%, under the band's bar.
 */
export function passageReport(
  drawn: readonly Passage[][],
  bands: readonly number[],
  judge: {
    spun: (passage: Passage, rate: number) => string;
    verdict: (text: string) => string;
    bar: (words: number) => number;
  },
): string[] {
  return drawn.map((passages, k) => {
    const called = [0, 0.15, 0.25].map((rate) => {
      const spun = passages.filter(
        (passage) => judge.verdict(rate ? judge.spun(passage, rate) : passage.text) === 'spun',
      ).length;
      return `${rate ? `A${rate * 100}` : 'clean'} ${((100 * spun) / Math.max(1, passages.length)).toFixed(1)}%`;
    });
    return `passages of ≤${bands[k]} words (${passages.length}, bar ${judge.bar(bands[k])}) called spun: ${called.join(', ')}`;
  });
}
