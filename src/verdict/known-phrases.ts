/**
 * The verdict from known tortured phrases (channel/known-phrases.ts): ordinary prose almost
 * never holds two different ones (`scripts/known-phrase-rate.ts` counts them in the
 * development texts), so two are evidence of a paper mill whatever the language model makes
 * of the rest of the text.
 */
import knownPhraseRate from './known-phrases.json' with { type: 'json' };

/** Distinct known phrases from which a text is judged by them (one alone is left to the model). */
export const MIN_KNOWN_PHRASES = 2;

/** P(N ≥ k) for N Poisson-distributed with mean μ. */
function poissonTail(k: number, mu: number): number {
  let term = Math.exp(-mu);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= mu / (i + 1);
  }
  return Math.max(0, 1 - below);
}

/**
 * P(spun) from `count` distinct known phrases in `words` words, or 0 below
 * MIN_KNOWN_PHRASES. Clean text shows them at the rate measured on the development texts
 * (a Poisson count); a paper mill's paper is taken to show them. With even prior odds, the
 * probability is then 1 / (1 + P(a clean text this long shows at least `count`)).
 */
export function knownPhraseSpinProbability(
  count: number,
  words: number,
  cleanRatePerWord: number = knownPhraseRate.cleanRatePerWord,
): number {
  return rareCountSpinProbability(count, words, { minCount: MIN_KNOWN_PHRASES, cleanRatePerWord });
}

/** Something clean text seldom shows, counted per text: the fewest that count, and how often. */
export interface RareSign {
  minCount: number;
  cleanRatePerWord: number;
}

/**
 * The most probable a count may be in clean text of the same length and still count: a
 * count that one clean text in a hundred reaches proves nothing, however high it is (a long
 * enough text holds a few of anything).
 */
export const MAX_CLEAN_TAIL = 0.01;

/**
 * P(spun) at even prior odds from `count` of a rare sign in `words` words, taking a spun
 * text to show it and a clean one to show it as a Poisson count: 1 / (1 + P(N ≥ count)).
 * 0 below the sign's `minCount`, or when P(N ≥ count) is over MAX_CLEAN_TAIL.
 */
export function rareCountSpinProbability(count: number, words: number, sign: RareSign): number {
  if (count < sign.minCount) return 0;
  const tail = poissonTail(count, sign.cleanRatePerWord * words);
  return tail > MAX_CLEAN_TAIL ? 0 : 1 / (1 + tail);
}
