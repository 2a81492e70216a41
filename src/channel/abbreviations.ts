/**
 * Abbreviations in brackets as evidence of the original wording. A writer who introduces
 * "convolutional neural network (CNN)" spells the abbreviation from the words of the term; a
 * spinner swaps the words ("convolutional neural organization (CNN)") but leaves the
 * abbreviation, which is in no thesaurus. So a reading of the phrase that spells the
 * abbreviation is likelier than one that does not, whether the reading is the text as
 * written or a restoration.
 *
 * All or nothing: an abbreviation is evidence for a reading that spells it in full, and
 * says nothing about one that matches some of its letters ("rest wrecked breathing (SDB)"
 * read as "rest difficult breathing" explains the D, not the abbreviation). The factor
 * belongs to P(original), so the clean reading gets it too where it spells the abbreviation;
 * one that no reading spells ("analysis of variance (ANOVA)") weighs on none.
 */
import type { LanguageModel } from '../resources/language-model.js';
import { joinsPrevious, type Sentence, type WordPosition } from './positions.js';
import type { Substitution } from './substitution.js';

/**
 * log10 of the factor per letter for a reading that spells an abbreviation in full, against
 * one that does not. A letter matches by chance about one time in 26 (10^1.4); on the
 * development split 10, 10^1.5, 10^2 and 10^3 per letter restored 29.7%, 29.8%, 29.9% and
 * 29.9% of held-out tortured phrases (docs/how-it-works.md).
 */
export const SPELLED_LETTER_LOG10 = 2;

/** Words an abbreviation skips ("theory of planned behaviour (TPB)"). */
const SKIPPED = new Set([
  'of',
  'and',
  'the',
  'for',
  'in',
  'on',
  'to',
  'a',
  'an',
  'with',
  'by',
  'at',
  'from',
  '&',
]);

/** Abbreviations of two to six letters, perhaps with a plural s ("ATMs"). */
const ABBREVIATION = /^\p{L}{2,6}$/u;

/** The bracketed abbreviations of a sentence and the words they spell. */
export interface Initials {
  /**
   * For each position, the letter its original word should begin with (or one per part of a
   * hyphenated word), or undefined.
   */
  letters: readonly (string | undefined)[];
  /**
   * For each abbreviation, by the position after the last word it spells (where its
   * brackets open): log10 of the factor of a reading that spells it in full.
   */
  bonusAt: ReadonlyMap<number, number>;
  /**
   * The first word an abbreviation spells, as written, where nothing marks it as the start of
   * the term (a word before it that an abbreviation would spell too: "we apply individual
   * number (PIN)"). The term may be shorter than the letters, and the word outside it must not
   * be changed to make up a letter: only a listed term read in full may change it.
   */
  openStarts: ReadonlyMap<number, string>;
}

export const NO_INITIALS: Initials = { letters: [], bonusAt: new Map(), openStarts: new Map() };

/**
 * The abbreviations in brackets right after a phrase (words joined without punctuation) that
 * has as many words to spell them with, skipped words aside, and the abbreviations followed by
 * their words in brackets ("AI (artificial intelligence)").
 */
export function abbreviationInitials(sentence: Sentence, lm: LanguageModel): Initials {
  let letters: (string | undefined)[] | undefined;
  const bonusAt = new Map<number, number>();
  const openStarts = new Map<number, string>();
  const add = (spelledLetters: string, spelled: readonly [number, number][], end: number) => {
    letters ??= new Array(sentence.length).fill(undefined);
    let at = 0;
    for (const [p, count] of spelled) {
      letters[p] = spelledLetters.slice(at, at + count);
      at += count;
    }
    bonusAt.set(end, spelledLetters.length * SPELLED_LETTER_LOG10);
  };
  for (let q = 0; q < sentence.length; q++) {
    const position = sentence[q];
    // Only words next to brackets are looked at further: this runs for every sentence decoded.
    const alone = position.opensBracket && position.closesBracket;
    if (!alone && !sentence[q + 1]?.opensBracket) continue;
    if (!readsAsAbbreviation(position, lm)) continue;
    if (alone) {
      if (q === 0) continue;
      const spelledLetters = lettersOf(position.token.text, sentence[q - 1].key);
      const spelled = bestSpelling(sentence, q, spelledLetters);
      if (!spelled) continue;
      add(spelledLetters, spelled, q);
      const [first] = spelled[0];
      if (first > 0 && joinsPrevious(sentence, first) && !SKIPPED.has(sentence[first - 1].key)) {
        openStarts.set(first, sentence[first].key);
      }
      continue;
    }
    // The other order: the abbreviation, then all of its words in brackets.
    if (position.opensBracket) continue;
    let close = q + 1;
    while (!sentence[close].closesBracket && sentence[close + 1]?.joinedToPrevious) close++;
    if (!sentence[close].closesBracket) continue;
    const spelledLetters = lettersOf(position.token.text, sentence[close].key);
    const spelled = bestSpelling(sentence, close + 1, spelledLetters);
    // The words in brackets must start the spelling: from the first that is no small word.
    let firstWord = q + 1;
    while (firstWord < close && SKIPPED.has(sentence[firstWord].key)) firstWord++;
    if (spelled && spelled[0][0] === firstWord) add(spelledLetters, spelled, close + 1);
  }
  return letters ? { letters, bonusAt, openStarts } : NO_INITIALS;
}

/**
 * The words before position `end` that spell `letters`, each with the letters it spells: a
 * word a letter, or a hyphenated word a letter per part ("human-computer interaction (HCI)");
 * where both fit, the one whose written words spell more of it.
 */
function bestSpelling(sentence: Sentence, end: number, letters: string): [number, number][] | undefined {
  const byWords = spelledWords(sentence, end, letters.length, () => 1);
  const byParts = spelledWords(sentence, end, letters.length, (key) => Math.max(1, partsOf(key).length));
  if (!byWords || !byParts) return byWords ?? byParts;
  return writtenMatches(sentence, byParts, letters) > writtenMatches(sentence, byWords, letters)
    ? byParts
    : byWords;
}

/**
 * The words before position `q` that spell `letters` letters, first to last, each with the
 * number of letters it spells (`lettersIn` of its key): undefined unless the phrase holds
 * exactly that many, skipped words aside.
 */
function spelledWords(
  sentence: Sentence,
  q: number,
  letters: number,
  lettersIn: (key: string) => number,
): [number, number][] | undefined {
  const spelled: [number, number][] = [];
  let count = 0;
  for (let p = q - 1; p >= 0 && count < letters; p--) {
    const skipped = SKIPPED.has(sentence[p].key);
    if (!skipped) {
      const n = lettersIn(sentence[p].key);
      spelled.push([p, n]);
      count += n;
    }
    if (p === 0 || !joinsPrevious(sentence, p)) break;
    if (skipped && spelled.length === 0) break;
  }
  return count === letters && spelled.length > 0 ? spelled.reverse() : undefined;
}

/** How many of `letters` the written words of an alignment begin with. */
function writtenMatches(sentence: Sentence, spelled: readonly [number, number][], letters: string): number {
  let matches = 0;
  let at = 0;
  for (const [p, count] of spelled) {
    const key = sentence[p].key;
    const units = count === 1 ? [key] : partsOf(key);
    for (let i = 0; i < count; i++) if (units[i]?.startsWith(letters[at + i])) matches++;
    at += count;
  }
  return matches;
}

/**
 * The parts of a hyphenated word that an abbreviation may spell one letter each
 * ("human-computer interaction (HCI)", "X-ray diffraction (XRD)"), small words aside.
 */
function partsOf(word: string): string[] {
  return word.split('-').filter((part) => part !== '' && !SKIPPED.has(part));
}

/** Whether `word` begins with `letters`' one letter, or its parts with its several. */
function beginsWith(word: string, letters: string): boolean {
  if (letters.length === 1) return word.startsWith(letters);
  const parts = partsOf(word);
  return parts.length === letters.length && parts.every((part, i) => part.startsWith(letters[i]));
}

/**
 * log10 unigram probability above which a word in small letters in brackets is read as a word,
 * not an abbreviation: "(see)", "(new)" and "(move)" are common words, "(sms)", "(bi)" and
 * "(pin)" in lower-cased text are rarer than one word in 10,000.
 */
const COMMON_WORD_LOG10 = -4;

/**
 * Whether a word reads as an abbreviation: written in capitals ("CNN", "ATMs"), or in small
 * letters (as in lower-cased text) where it is no common word.
 */
function readsAsAbbreviation(position: WordPosition, lm: LanguageModel): boolean {
  const { text } = position.token;
  if (!ABBREVIATION.test(text)) return false;
  if (/^\p{Lu}+s?$/u.test(text)) return true;
  const id = lm.id(position.key);
  return id < 0 || lm.unigram(id) < COMMON_WORD_LOG10;
}

/**
 * The letters an abbreviation spells: without a plural s where it is written in capitals
 * with a small s ("ATMs"), or, written all in small letters, where the word before it is a
 * plural too ("data centers (dcs)").
 */
function lettersOf(written: string, previousKey: string): string {
  const lower = written.toLowerCase();
  const pluralInCapitals = /^\p{Lu}+s$/u.test(written);
  const pluralInSmall =
    written === lower && lower.length > 2 && lower.endsWith('s') && previousKey.endsWith('s');
  return pluralInCapitals || pluralInSmall ? lower.slice(0, -1) : lower;
}

/**
 * Whether reading positions [start, end) as `words` spells the letters the span is asked for:
 * undefined where it is asked for none. A reading with as many words as it covers is compared
 * word by word; another by its unskipped words, which must be as many as the letters.
 */
export function spells(
  initials: Initials,
  start: number,
  end: number,
  words: readonly string[],
  listedTerm = false,
): boolean | undefined {
  const { letters } = initials;
  let expected = 0;
  for (let p = start; p < end; p++) if (letters[p] !== undefined) expected++;
  if (expected === 0) return undefined;
  if (!listedTerm) {
    for (const [p, written] of initials.openStarts) {
      if (p >= start && p < end && (words.length !== end - start || words[p - start] !== written))
        return false;
    }
  }
  if (words.length === end - start) {
    for (let p = start; p < end; p++) {
      const expectedHere = letters[p];
      if (expectedHere !== undefined && !beginsWith(words[p - start], expectedHere)) return false;
    }
    return true;
  }
  // Another number of words: their letters in order against the span's, part by part where the
  // span's words spell several each.
  let asked = '';
  for (let p = start; p < end; p++) asked += letters[p] ?? '';
  const byParts = asked.length > expected;
  const spelling = words.flatMap((w) => (SKIPPED.has(w) ? [] : byParts ? partsOf(w) : [w]));
  return spelling.length === asked.length && spelling.every((w, i) => w.startsWith(asked[i]));
}

/**
 * `initials` less the abbreviations that no reading can spell: those with a word that neither
 * as written nor by any of `substitutions` begins with its letter. They weigh on no reading,
 * and the decoder need not follow them.
 */
export function spellableInitials(
  sentence: Sentence,
  initials: Initials,
  substitutions: readonly Substitution[],
): Initials {
  if (initials.bonusAt.size === 0) return initials;
  const { letters } = initials;
  const spellable = letters.map((letter, p) => letter === undefined || sentence[p].key.startsWith(letter));
  for (const s of substitutions) {
    if (spells(initials, s.start, s.end, s.original.split(' '), s.listedTerm === true) !== true) continue;
    for (let p = s.start; p < s.end; p++) spellable[p] = true;
  }
  const kept = [...letters];
  const bonusAt = new Map(initials.bonusAt);
  let from = 0;
  for (const end of [...initials.bonusAt.keys()].sort((a, b) => a - b)) {
    const group: number[] = [];
    for (let p = from; p < end; p++) if (letters[p] !== undefined) group.push(p);
    if (!group.every((p) => spellable[p])) {
      for (const p of group) kept[p] = undefined;
      bonusAt.delete(end);
    }
    from = end;
  }
  if (bonusAt.size === 0) return NO_INITIALS;
  const openStarts = new Map([...initials.openStarts].filter(([p]) => kept[p] !== undefined));
  return { letters: kept, bonusAt, openStarts };
}

/**
 * log10 of the factor for reading [start, end) as `original` against reading it as written, in
 * a test of one span at a time (the candidates' local test): the bonus of the abbreviation if,
 * with the rest of its words as written, the reading spells it in full and the written words do
 * not, or the reverse. (A span that matches its own letters is no reason to keep it, where the
 * words around it do not spell the rest: "apply individual number (PIN)".)
 */
export function localSpellingScore(
  initials: Initials,
  sentence: Sentence,
  start: number,
  end: number,
  original: string,
  listedTerm: boolean,
): number {
  // Most sentences have no abbreviation: nothing to split or compare.
  if (initials.bonusAt.size === 0) return 0;
  const { letters } = initials;
  let asked = false;
  for (let p = start; p < end; p++) if (letters[p] !== undefined) asked = true;
  if (!asked) return 0;
  // The abbreviation the span's letters belong to is the first after it (they are in order).
  let from = 0;
  let groupEnd = -1;
  let bonus = 0;
  for (const [at, b] of initials.bonusAt) {
    if (at < end) {
      from = at;
      continue;
    }
    groupEnd = at;
    bonus = b;
    break;
  }
  let groupStart = from;
  while (letters[groupStart] === undefined) groupStart++;
  const windowStart = Math.min(start, groupStart);
  const around = (p: number) => sentence[p].key;
  const written: string[] = [];
  const read: string[] = [];
  for (let p = windowStart; p < start; p++) written.push(around(p));
  read.push(...written);
  for (let p = start; p < end; p++) written.push(around(p));
  read.push(...original.split(' '));
  for (let p = end; p < groupEnd; p++) {
    written.push(around(p));
    read.push(around(p));
  }
  const asWritten = spells(initials, windowStart, groupEnd, written) === true;
  const asRead = spells(initials, windowStart, groupEnd, read, listedTerm) === true;
  return asRead === asWritten ? 0 : asRead ? bonus : -bonus;
}
