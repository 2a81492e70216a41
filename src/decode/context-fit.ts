/**
 * How well a text's words fit their context: the mean, over ordinary words the language
 * model knows, of log10 P(word | two words before) − log10 P(word). Clean prose is
 * predictable from its context; a spinner's substitute is a word chosen without looking at
 * it, so it fits worse, whether or not the lexicon knows the swap (a broader term, a
 * domain word, an unlisted synonym leave no candidate in the lattice, but lower this).
 */
import type { Sentence } from '../channel/positions.js';
import type { LanguageModel } from '../resources/language-model.js';

export interface ContextFitSum {
  /** Σ log10 P(w | h) − log10 P(w) over the words counted. */
  total: number;
  words: number;
}

/** Adds a sentence's words to `sum` (names, numbers, quoted and unknown words are context only). */
export function addContextFit(sum: ContextFitSum, sentence: Sentence, lm: LanguageModel): void {
  let h1 = lm.sentenceStart;
  let h2 = -1;
  for (const position of sentence) {
    const counted = position.wordClass === 'plain';
    for (const id of position.lmIds) {
      if (counted && id >= 0) {
        sum.total += lm.score(id, h1, h2) - lm.unigram(id);
        sum.words++;
      }
      h2 = h1;
      h1 = id;
    }
  }
}

/** The mean fit of the words summed (0 when none were). */
export function meanContextFit(sum: ContextFitSum): number {
  return sum.words ? sum.total / sum.words : 0;
}
