/**
 * The verdict on short texts: passages of a sentence or a paragraph (bench/passages.ts) of
 * one corpus's measure documents, clean and spun by spinner A, by length band. The document
 * rows measure texts of 50–400 words; a user also pastes a sentence or a paragraph.
 */
import { assertNoDevDocuments, type CorpusName, loadMeasureDocuments } from './corpora.js';
import type { Engine } from './engine.js';
import { tally, type VerdictCounts } from './metrics.js';
import { passageDrawer } from './passages.js';
import { createSpinner, spinDocument } from './spinner.js';

/** Length bands (most words; from `bandStart`). The verdict's own bands end at 15 and 60 words. */
export const SHORT_TEXT_BANDS = [15, 60, 150];
/** The spin rate of the spun passages. */
export const SHORT_TEXT_RATE = 0.25;

export interface ShortTextResult {
  /** Most words in the band. */
  maxWords: number;
  texts: number;
  clean: VerdictCounts;
  spun: VerdictCounts;
}

const tallyOf = (verdicts: readonly string[]): VerdictCounts => {
  const counts: VerdictCounts = { spun: 0, clean: 0, uncertain: 0 };
  for (const verdict of verdicts) tally(counts, verdict);
  return counts;
};

export function runShortTexts(
  engine: Engine,
  corpus: CorpusName,
  perBand: number,
  seed: number,
): ShortTextResult[] {
  const spinner = createSpinner('A');
  const documents = loadMeasureDocuments(corpus, seed);
  assertNoDevDocuments(documents);
  const drawn = passageDrawer(documents, SHORT_TEXT_BANDS, seed)(perBand);
  const verdictOf = (text: string) => engine.check(text).verdict;
  return SHORT_TEXT_BANDS.map((maxWords, k) => {
    const texts = drawn[k];
    return {
      maxWords,
      texts: texts.length,
      clean: tallyOf(texts.map((t) => verdictOf(t.text))),
      spun: tallyOf(
        texts.map((t) => verdictOf(spinDocument(spinner, t.text, SHORT_TEXT_RATE, seed, t.id).text)),
      ),
    };
  });
}
