/**
 * Word positions: the words of a text as the models see them — grouped into sentences,
 * with their lexicon key, their language-model ids and how reluctant a spinner is to
 * touch them.
 */
import type { LanguageModel } from '../resources/language-model.js';
import type { Lexicon } from '../resources/lexicon.js';
import { isAllCaps, isCapitalised, isWrittenInCapitals, isWrittenInTitleCase } from '../text/case.js';
import { spokenNumber } from '../text/numbers.js';
import { lineJoined, normalizeWord, type Token } from '../text/tokenize.js';

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
  /**
   * Only spaces, perhaps a line break, between this word and the previous one in the same
   * sentence: a phrase may run on (text from a PDF breaks lines anywhere; a line break before
   * a capital letter starts a new sentence).
   */
  joinedToPrevious: boolean;
  /** A URL stands between this word and the previous one: nothing is read across it. */
  afterUrl: boolean;
  /** Right after an opening round bracket: "(CNN)", "(convolutional neural network)". */
  opensBracket: boolean;
  /** Right before a closing round bracket. Both: the word alone in brackets, as an abbreviation after its term. */
  closesBracket: boolean;
}

export type Sentence = WordPosition[];

/**
 * Whether the word at `p` (> 0) reads on from the one before in a phrase: no punctuation
 * and no possessive between them.
 */
export function joinsPrevious(sentence: Sentence, p: number): boolean {
  return sentence[p].joinedToPrevious && !sentence[p - 1].possessive;
}

const POSSESSIVE = /['’]s$/i;
/** Longest sentence decoded as one unit; longer runs without punctuation are split. */
const MAX_SENTENCE_WORDS = 120;

const INITIALISM = /^(?:\p{L}\.){2,}$/u;

/**
 * Language-model ids of a written word. The model was trained on transcripts, which have
 * no abbreviation dots: "Mr." is its "mr" and "U.S." its "u. s.". Read as unknown words,
 * abbreviations made every "Mr." look like a swap of "Mr".
 */
function wordIds(lm: LanguageModel, word: string): number[] {
  const id = lm.id(word);
  if (id >= 0 || !word.includes('.')) return [id];
  if (INITIALISM.test(word)) {
    const letters = word
      .split('.')
      .filter(Boolean)
      .map((letter) => lm.id(`${letter}.`));
    if (letters.every((l) => l >= 0)) return letters;
  }
  const bare = lm.id(word.replaceAll('.', ''));
  return [bare >= 0 ? bare : id];
}

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
      ids.push(...wordIds(lm, word), lm.id("'s"));
      return;
    }
    ids.push(...wordIds(lm, word));
  });
  return ids;
}

function classify(token: Token): WordClass {
  if (token.kind === 'number') return 'number';
  if (token.quoted) return 'quoted';
  // A letter standing alone is a symbol (a variable, an initial, a list mark): real spinners
  // never touched one in the swap data, though thesauri list senses such as x = ten.
  // So is an abbreviation (Dr., Feb., p.m.): the speech-trained model knows only its spoken
  // form ("doctor"), so it would always prefer that as an "original".
  if (isAllCaps(token.text) || /^\p{L}$/u.test(token.text) || /\p{L}\.$/u.test(token.text)) return 'acronym';
  if (!token.sentenceStart && isCapitalised(token.text)) return 'capitalised';
  return 'plain';
}

/**
 * Capitals that are the style of a sentence, not names or acronyms, are read as ordinary words.
 * In a sentence written in capitals (a headline, a shouted line, a document typed in capitals):
 * read as acronyms, a clean text in capitals offered a spinner almost no word to change, and
 * the few readings it had made it look spun. In a sentence in Title Case (a headline) likewise
 * with capitalised words read as names: on 300 development headlines (runs of 6–14 words of dev
 * sentences, `scripts/title-case.ts`), Title Case had 22 clean ones called spun against 2 as
 * written, and detection F1 0.599 against 0.654 on their spun copies; read as words, 2 and 0.652.
 */
function readStyleCapitals(sentence: Sentence): Sentence {
  const words = sentence.map((p) => p.token.text);
  if (isWrittenInCapitals(words)) {
    for (const position of sentence) {
      const { text } = position.token;
      if (position.wordClass === 'acronym' && isAllCaps(text) && !/\p{L}\.$/u.test(text))
        position.wordClass = 'plain';
    }
  } else if (isWrittenInTitleCase(words)) {
    for (const position of sentence) if (position.wordClass === 'capitalised') position.wordClass = 'plain';
  }
  return sentence;
}

/** Whether `full` can be abbreviated as `short` (letters in order, same first letter: dr → doctor). */
function abbreviates(short: string, full: string): boolean {
  if (short[0] !== full[0]) return false;
  let at = 0;
  for (const letter of full) if (letter === short[at]) at++;
  return at === short.length;
}

/**
 * Language-model ids of an abbreviation as it is spoken: its expansion among the lexicon's
 * readings of it ("Dr." → doctor, "Jr." → junior), since transcripts spell those out; the
 * expansion read as an "original" then changes nothing and gains nothing.
 */
function spokenAbbreviation(lm: LanguageModel, lexicon: Lexicon, key: string): number[] | undefined {
  if (!/^\p{L}+\.$/u.test(key)) return undefined;
  const short = key.slice(0, -1);
  for (const { original } of lexicon.originalsOf(key)) {
    if (original.includes(' ') || !abbreviates(short, original)) continue;
    const id = lm.id(original);
    if (id >= 0) return [id];
  }
  return undefined;
}

export function wordPositions(tokens: readonly Token[], lm: LanguageModel, lexicon: Lexicon): Sentence[] {
  return [...sentencesOf(tokens, lm, lexicon)];
}

/** A word token's lexicon key and possessive, from its normalised text. */
export function wordKey(token: Token, normal: string): { key: string; possessive: string } {
  const possessive = token.kind === 'word' && POSSESSIVE.test(normal) && normal.length > 2 ? "'s" : '';
  const key =
    token.kind === 'number' ? normal.replace(/\s+/g, '') : possessive ? normal.slice(0, -2) : normal;
  return { key, possessive };
}

/** The sentences of the tokens one at a time, so a long text need not hold them all at once. */
export function* sentencesOf(
  tokens: readonly Token[],
  lm: LanguageModel,
  lexicon: Lexicon,
): Generator<Sentence> {
  let current: Sentence = [];
  let afterUrl = false;
  let afterPunctuation = false;
  /** The token before this one. */
  let previous: Token | undefined;
  const knownToModel = (word: string) => lm.id(word) >= 0;
  for (const token of tokens) {
    if (token.kind === 'punct') {
      const last = current[current.length - 1];
      if (token.text === ')' && last?.token === previous) last.closesBracket = true;
      previous = token;
      afterPunctuation = true;
      continue;
    }
    if (token.kind === 'url') {
      // A URL is opaque: no phrase is read across it.
      previous = token;
      afterUrl = true;
      continue;
    }
    if ((token.sentenceStart || current.length >= MAX_SENTENCE_WORDS) && current.length) {
      yield readStyleCapitals(current);
      current = [];
    }
    const { key, possessive } = wordKey(token, normalizeWord(lineJoined(token.text, knownToModel)));
    const opensBracket = previous?.kind === 'punct' && previous.text === '(';
    previous = token;
    current.push({
      token,
      key,
      possessive,
      lmIds: (!possessive && spokenAbbreviation(lm, lexicon, key)) || lmIdsOfPhrase(lm, [key], possessive),
      wordClass: classify(token),
      propensity: lexicon.propensity(key),
      joinedToPrevious: current.length > 0 && !afterPunctuation && !afterUrl,
      afterUrl,
      opensBracket,
      closesBracket: false,
    });
    afterUrl = false;
    afterPunctuation = false;
  }
  if (current.length) yield readStyleCapitals(current);
}
