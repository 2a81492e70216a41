/**
 * Known tortured phrases: the training list's phrases found as written in a sentence — the
 * fingerprints the Problematic Paper Screener flags papers by. The verdict weighs how many
 * different ones a text holds (verdict/known-phrases.ts).
 */
import type { Lexicon } from '../resources/lexicon.js';
import { normalizeWord, tokenize } from '../text/tokenize.js';
import { type Sentence, wordKey } from './positions.js';

/** Stands for the punctuation between two words of a listed phrase ("exactness, accuracy, review"). */
export const PUNCTUATION_KEY = ',';

/**
 * A listed phrase's words as word positions key them: lower-case, bracketed abbreviations
 * dropped, a possessive 's split off ("Alzheimer's illness (AD)" → alzheimer, illness), and
 * PUNCTUATION_KEY where punctuation parts two words ("exactness, accuracy, review" →
 * exactness, ",", accuracy, ",", review): a phrase is matched across punctuation only where the list has some.
 */
export function phraseKeys(phrase: string): string[] {
  const keys: string[] = [];
  let parted = false;
  for (const token of tokenize(phrase.replace(/\s*\([^)]*\)\s*/g, ' '))) {
    // A URL parts words as punctuation does (some rows' correct terms cite one).
    if (token.kind === 'punct' || token.kind === 'url') {
      parted = keys.length > 0;
      continue;
    }
    if (parted) keys.push(PUNCTUATION_KEY);
    parted = false;
    keys.push(wordKey(token, normalizeWord(token.text)).key);
  }
  return keys;
}

/**
 * The phrase as reported and counted: its words, lower-case, without the punctuation (one
 * phrase listed both as "0.33-birthday celebration" and "0.33 birthday celebration" is one).
 */
export function phraseText(keys: readonly string[]): string {
  return keys.filter((k) => k !== PUNCTUATION_KEY).join(' ');
}

/**
 * Adds to `found` each known tortured phrase of the sentence (its words joined by spaces):
 * the longest that starts at a word, then on after it, so that one stretch of text counts
 * once however many listed phrases it holds ("voice acknowledgment framework").
 */
export function collectKnownPhrases(sentence: Sentence, lexicon: Lexicon, found: Set<string>): void {
  const longest = lexicon.maxKnownPhraseWords;
  let start = 0;
  while (start < sentence.length) {
    let match = '';
    let matchEnd = start + 1;
    if (lexicon.startsKnownPhrase(sentence[start].key)) {
      const words = [sentence[start].key];
      for (let end = start + 1; end < sentence.length && words.length < longest; end++) {
        // Across a possessive too ("alzheimer's illness" is listed as "alzheimer illness"),
        // and across punctuation (any mark) where the listed phrase has some; never a URL.
        if (sentence[end].afterUrl) break;
        if (!sentence[end].joinedToPrevious) words.push(PUNCTUATION_KEY);
        words.push(sentence[end].key);
        if (lexicon.isKnownPhrase(words)) {
          match = phraseText(words);
          matchEnd = end + 1;
        }
      }
    }
    if (match) found.add(match);
    start = matchEnd;
  }
}
