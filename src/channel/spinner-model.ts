/**
 * The spinner model P(spun | original): a spinner visits each original word and, with
 * probability λ·κ(word), replaces it (or a phrase starting there) by a substitute drawn
 * from q(spun | original) in the lexicon. λ is the document's spin rate, estimated per
 * document; κ says how reluctant spinners are to touch a class of word.
 */
import type { WordClass } from './positions.js';

export interface SpinnerModelParams {
  /** Reluctance factors κ by word class (1 = as likely as any word). */
  reluctance: Record<WordClass, number>;
  /** Spin-rate prior: pseudo-counts of changed and unchanged spinnable words. */
  ratePrior: { changed: number; unchanged: number };
  /** Bounds of the estimated spin rate. */
  minRate: number;
  maxRate: number;
  /**
   * Weight of the language model against the spinner model (log-linear). Below 1 it
   * tempers the model's over-confident preferences for one common word over another.
   */
  languageModelWeight: number;
  /**
   * log10 probability of an established multi-word term ("feature extraction") as a
   * unit, the floor under the language model's own score for its words: the model
   * alone knows few technical terms. Roughly log10(share of text that is such terms /
   * number of terms).
   */
  termLogProb: number;
  /**
   * log10 offset of the term model's probability of a multi-word reading (its own
   * probability as a term) when used as the floor of a reading not on the term list:
   * roughly log10(share of text that is such terms).
   */
  termModelLogProb: number;
  /**
   * log10 added per word a reading has beyond the spun text (subtracted per word it has
   * fewer), as a word-insertion bonus in speech decoding. Negative as measured on the
   * development split (scripts/tune.ts): long phrase readings of single words were the
   * decoder's most frequent false restorations.
   */
  wordBonus: number;
}

export const DEFAULT_SPINNER_MODEL: SpinnerModelParams = {
  // Names and other capitalised words in running text, numbers and quotations are
  // changed less often by spinners; acronyms and lone letters almost never (they are not in
  // thesauri as spinners use them).
  reluctance: { plain: 1, capitalised: 0.3, acronym: 0.02, number: 0.1, quoted: 0.5 },
  ratePrior: { changed: 1, unchanged: 19 },
  minRate: 0.002,
  maxRate: 0.6,
  languageModelWeight: 1.15,
  termLogProb: -6,
  termModelLogProb: 0,
  wordBonus: -0.5,
};

/** log10 P(word left as is | original = word). */
export function logKeep(rate: number, reluctance: number, propensity: number): number {
  return propensity > 0 ? Math.log10(1 - Math.min(0.95, rate * reluctance * propensity)) : 0;
}

/**
 * log10 P(spun | original) for a substitution with lexicon weight logQ that changed
 * `changes` words (a term restored word by word may have changed several).
 */
export function logSubstitute(
  rate: number,
  reluctance: number,
  propensity: number,
  logQ: number,
  changes = 1,
): number {
  return changes * Math.log10(Math.min(0.95, rate * reluctance * propensity)) + logQ;
}
