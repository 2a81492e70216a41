/**
 * Known tortured phrases: the training list's phrases found as written in a sentence — the
 * fingerprints the Problematic Paper Screener flags papers by. The verdict weighs how many
 * different ones a text holds (verdict/known-phrases.ts).
 */
import type { Lexicon } from '../resources/lexicon.js';
import { normalizeWord } from '../text/tokenize.js';
import type { Sentence } from './positions.js';

/**
 * A listed phrase's words as word positions key them: lower-case, bracketed abbreviations
 * dropped, a possessive 's split off ("Alzheimer's illness (AD)" → alzheimer, illness).
 */
export function phraseKeys(phrase: string): string[] {
  return normalizeWord(phrase.replace(/\s*\([^)]*\)\s*/g, ' '))
    .trim()
    .split(/\s+/)
    .map((w) => (w.length > 2 ? w.replace(/'s$/, '') : w));
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
        // Across a possessive too ("alzheimer's illness" is listed as "alzheimer illness").
        if (!sentence[end].joinedToPrevious) break;
        words.push(sentence[end].key);
        if (lexicon.isKnownPhrase(words)) {
          match = words.join(' ');
          matchEnd = end + 1;
        }
      }
    }
    if (match) found.add(match);
    start = matchEnd;
  }
}
