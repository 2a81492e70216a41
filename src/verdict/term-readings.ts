/**
 * The verdict from readings as listed terms: a paper mill's paper holds tortured phrases the
 * list has never seen, and the decoder reads some of them back as the established terms
 * they disguise ("profound learning" → deep learning). Clean text seldom gets such a reading
 * with confidence (`scripts/term-reading-rate.ts` counts them in the development texts), so a
 * few different ones in a text are evidence of a paper mill, as known phrases are
 * (verdict/known-phrases.ts), only weaker: clean prose has them about 80 times as often, so
 * a text of more than about 6,700 words needs more than three (MAX_CLEAN_TAIL).
 */
import type { SpanFinding } from '../decode/findings.js';
import { rareCountSpinProbability } from './known-phrases.js';
import termReadingRate from './term-readings.json' with { type: 'json' };

/**
 * Distinct listed-term readings from which a text is judged by them. On development papers
 * (Brown's learned texts with five held-out tortured phrases each, and their clean twins),
 * two or more were found in 2 of the 80 clean twins, three or more in none of them and in
 * none of the 15,803 development texts (`scripts/term-reading-rate.ts --papers`, and without
 * it).
 */
export const MIN_TERM_READINGS = 3;

/**
 * The confidence a listed-term reading needs to count: the one `check` reports by default.
 * (At 0.4, 31 of the 80 development papers had three or more instead of 22, and none of
 * their clean twins, but clean texts had half as many again, so that three counted only up
 * to about 4,500 words: `scripts/term-reading-rate.ts`, measured before a term's forms were
 * counted as one; at 0.5 it is now 21.)
 */
export const TERM_READING_CONFIDENCE = 0.5;

/**
 * How many different listed terms the findings read the text as, with at least
 * TERM_READING_CONFIDENCE, weighed without this count, which must not feed itself
 * (`judgeText`), as `check` would report them without it; the bar is fixed, so that a
 * user's `--min-confidence` changes what is shown, never the verdict.
 */
export function countTermReadings(weighed: readonly SpanFinding[]): number {
  const terms = new Set<string>();
  for (const f of weighed) {
    // The whole term, counted once for all its forms: "spectral feature" and "spectral
    // features" are one term, and "type" read as classification in "data type" is data classification.
    if (f.listedTerm && f.confidence >= TERM_READING_CONFIDENCE)
      terms.add(f.term ?? f.suggestions[0].toLowerCase());
  }
  return terms.size;
}

/** P(spun) from `count` distinct listed-term readings in `words` words, or 0 below MIN_TERM_READINGS. */
export function termReadingSpinProbability(
  count: number,
  words: number,
  cleanRatePerWord: number = termReadingRate.cleanRatePerWord,
): number {
  return rareCountSpinProbability(count, words, { minCount: MIN_TERM_READINGS, cleanRatePerWord });
}
