/**
 * Known tortured phrases: the training list's phrases found as written in a sentence — the
 * fingerprints the Problematic Paper Screener flags papers by. The verdict weighs how many
 * different ones a text holds (verdict/known-phrases.ts).
 */
import type { Lexicon } from '../resources/lexicon.js';
import type { Sentence } from './positions.js';

/** Adds to `found` each known tortured phrase of the sentence (its words joined by spaces). */
export function collectKnownPhrases(sentence: Sentence, lexicon: Lexicon, found: Set<string>): void {
  const longest = lexicon.maxKnownPhraseWords;
  for (let start = 0; start < sentence.length; start++) {
    if (!lexicon.startsKnownPhrase(sentence[start].key)) continue;
    const words = [sentence[start].key];
    for (let end = start + 1; end < sentence.length && words.length < longest; end++) {
      // Across a possessive too: the list's "alzheimer's illness" is keyed "alzheimer illness".
      if (!sentence[end].joinedToPrevious) break;
      words.push(sentence[end].key);
      if (lexicon.isKnownPhrase(words)) found.add(words.join(' '));
    }
  }
}
