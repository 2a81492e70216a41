/**
 * Word positions: the words of a text as the models see them — grouped into sentences,
 * with their lexicon key, their language-model ids and how reluctant a spinner is to
 * touch them.
 */
import type { LanguageModel } from '../resources/language-model.js';
import type { Lexicon } from '../resources/lexicon.js';
import { isAllCaps, isCapitalised } from '../text/case.js';
import { spokenNumber } from '../text/numbers.js';
import { normalizeWord, type Token } from '../text/tokenize.js';

export type WordClass = 'plain' | 'capitalised' | 'acronym' | 'number' | 'quoted';

export interface WordPosition {
  token: Token;
  /** Lexicon lookup key: lower-case, possessive split off, fractions without spaces. */
  key: string;
  /** "'s" when a possessive was split off the key, else ''. */
  possessive: string;
  /** Language-model ids of the word as written. */
  lmIds: number[];
  wordClass: WordClass;
  /** Spin propensity of the word as written (0: a spinner has no substitute for it). */
  propensity: number;
  /** No punctuation between this word and the previous one in the same sentence. */
  joinedToPrevious: boolean;
}

export type Sentence = WordPosition[];

const POSSESSIVE = /['’]s$/i;
/** Longest sentence decoded as one unit; longer runs without punctuation are split. */
const MAX_SENTENCE_WORDS = 120;

export function lmIdsOfPhrase(lm: LanguageModel, words: readonly string[], possessive: string): number[] {
  const ids: number[] = [];
  words.forEach((word, i) => {
    if (/^\d/.test(word)) {
      for (const spoken of spokenNumber(word)) ids.push(lm.id(spoken));
      return;
    }
    if (i === words.length - 1 && possessive) {
      const joined = lm.id(`${word}'s`);
      if (joined >= 0) {
        ids.push(joined);
        return;
      }
      ids.push(lm.id(word), lm.id("'s"));
      return;
    }
    ids.push(lm.id(word));
  });
  return ids;
}

function classify(token: Token): WordClass {
  if (token.kind === 'number') return 'number';
  if (token.quoted) return 'quoted';
  // A letter standing alone is a symbol (a variable, an initial, a list mark): real spinners
  // never touched one in the swap data, though thesauri list senses such as x = ten.
  if (isAllCaps(token.text) || /^\p{L}$/u.test(token.text)) return 'acronym';
  if (!token.sentenceStart && isCapitalised(token.text)) return 'capitalised';
  return 'plain';
}

export function wordPositions(tokens: readonly Token[], lm: LanguageModel, lexicon: Lexicon): Sentence[] {
  const sentences: Sentence[] = [];
  let current: Sentence = [];
  let afterUrl = false;
  for (const token of tokens) {
    if (token.kind === 'punct') continue;
    if (token.kind === 'url') {
      // A URL is opaque: no phrase is read across it.
      afterUrl = true;
      continue;
    }
    if ((token.sentenceStart || current.length >= MAX_SENTENCE_WORDS) && current.length) {
      sentences.push(current);
      current = [];
    }
    const normal = normalizeWord(token.text);
    const possessive = token.kind === 'word' && POSSESSIVE.test(normal) && normal.length > 2 ? "'s" : '';
    const key =
      token.kind === 'number' ? normal.replace(/\s+/g, '') : possessive ? normal.slice(0, -2) : normal;
    current.push({
      token,
      key,
      possessive,
      lmIds: lmIdsOfPhrase(lm, [key], possessive),
      wordClass: classify(token),
      propensity: lexicon.propensity(key),
      joinedToPrevious: current.length > 0 && !token.breakBefore && !afterUrl,
    });
    afterUrl = false;
  }
  if (current.length) sentences.push(current);
  return sentences;
}
