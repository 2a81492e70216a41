/**
 * How long a text a count of a rare sign still counts in (`rareCountSpinProbability` is 0
 * beyond): the figures the README gives for known phrases and readings as listed terms.
 */
import { type RareSign, rareCountSpinProbability } from '../../src/verdict/known-phrases.js';

/** The most words (to the hundred) in which `count` of the sign still counts. */
export function longestCounted(count: number, sign: RareSign): number {
  let lo = 0;
  let hi = 100_000; // in hundreds of words: ten million
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (rareCountSpinProbability(count, mid * 100, sign) > 0) lo = mid;
    else hi = mid - 1;
  }
  return lo * 100;
}

/** "k counts up to about N words", for k from the sign's minimum on. */
export function countedLengths(sign: RareSign, counts: number): string {
  return Array.from({ length: counts }, (_, i) => sign.minCount + i)
    .map((k) => `${k} count up to ${longestCounted(k, sign).toLocaleString('en-US')} words`)
    .join(', ');
}
