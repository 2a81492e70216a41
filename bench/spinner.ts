/**
 * Spinner simulators: turn clean text into spun text with a gold alignment, imitating how real
 * article spinners behave (docs/product.md): random dictionary swaps word by word, any sense,
 * function words included (from the observed swap table), phrases on both sides (one word <->
 * several), capitalised words of organisation names swapped one by one with the capital
 * copied, people's names and numbers mostly left alone, inflection kept.
 */
import { type Lexicon, loadLexicon } from './lexicon.js';
import { type Rng, rngFor } from './prng.js';
import {
  inResourceLookup,
  outOfResourceLookup,
  type SubstituteLookup,
  type Weighted,
} from './substitutes.js';
import { wordSpans } from './text.js';

export interface GoldSpan {
  /** Where the substitute sits in the spun text. */
  spunOffset: number;
  spunLength: number;
  spun: string;
  /** What it replaced, and where, in the original text. */
  originalOffset: number;
  originalLength: number;
  original: string;
  /** Number of original words replaced. */
  words: number;
}

export interface SpinResult {
  text: string;
  /** Sorted by offset, non-overlapping. */
  spans: GoldSpan[];
  changedWords: number;
  totalWords: number;
  /** Achieved rate (changed original words / all words); may fall short of the target. */
  rate: number;
}

export type SpinnerName = 'A' | 'B';

export interface Spinner {
  /** 'A' or 'B' for the benchmark's two; development tools may name others. */
  name: string;
  description: string;
  spin(text: string, rate: number, rng: Rng): SpinResult;
}

const MAX_PHRASE = 4;
/** Phrase spans are tried before single words this much more often, so phrase swaps are common. */
const PHRASE_BOOST = 3;
/** Chance that a word that is mostly a name in Brown ("Fulton", "Bush") is swapped anyway. */
const NAME_SWAP_CHANCE = 0.03;
/** Real spun pages sometimes keep a spintax alternative in braces: "{dollars}". */
const SPINTAX_CHANCE = 0.003;
const SMALL_WORDS = new Set(['of', 'for', 'and', 'the', 'in', 'on', 'at', 'to', 'a', 'an', 'or', 'by']);

interface Token {
  start: number;
  end: number;
  /** The word without a possessive 's. */
  core: string;
  possessive: string;
  initial: boolean;
  /** Capitalised and chiefly a name (decided once per occurrence, so phrases cannot retry it). */
  protectedName: boolean;
}

const ALPHA = /^\p{L}+(?:[-'’]\p{L}+)*$/u;

function isSentenceInitial(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && /[\s"“‘'(]/.test(text[i])) i--;
  return i < 0 || /[.!?:]/.test(text[i]);
}

function tokenize(lex: Lexicon, text: string, rng: Rng): { tokens: (Token | undefined)[]; total: number } {
  const spans = wordSpans(text);
  const tokens = spans.map((w) => {
    const m = /^(.*?)(['’]s)?$/u.exec(w.text)!;
    const core = m[1];
    if (!ALPHA.test(core)) return undefined;
    const lower = core.toLowerCase();
    return {
      start: w.start,
      end: w.end,
      core,
      possessive: m[2] ?? '',
      initial: isSentenceInitial(text, w.start),
      protectedName: core !== lower && isNameLike(lex, lower) && rng() >= NAME_SWAP_CHANCE,
    };
  });
  return { tokens, total: spans.length };
}

function isNameLike(lex: Lexicon, word: string): boolean {
  const lower = lex.lowerCount.get(word) ?? 0;
  return lower < 3 || lower < 0.1 * (lex.capitalCount.get(word) ?? 0);
}

function capitalise(w: string): string {
  return w.length === 0 ? w : w[0].toUpperCase() + w.slice(1);
}

/** Copies the original's capitalisation pattern onto the substitute. */
export function copyCase(original: string, substitute: string): string {
  const words = original.split(' ');
  const letters = original.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return substitute.toUpperCase();
  const titled = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  if (words.length > 1 && titled === words.length) {
    return substitute
      .split(' ')
      .map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : capitalise(w)))
      .join(' ');
  }
  return /^\p{Lu}/u.test(original) ? capitalise(substitute) : substitute;
}

function pickWeighted(rng: Rng, items: Weighted[]): string {
  let total = 0;
  for (const it of items) total += it.weight;
  let r = rng() * total;
  for (const it of items) {
    r -= it.weight;
    if (r <= 0) return it.text;
  }
  return items[items.length - 1].text;
}

interface Candidate {
  first: number;
  count: number;
  pools: Weighted[][];
  order: number;
}

function candidates(lookup: SubstituteLookup, text: string, tokens: (Token | undefined)[], rng: Rng) {
  const out: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const words: string[] = [];
    let properName = false;
    for (let n = 1; n <= MAX_PHRASE && i + n <= tokens.length; n++) {
      const tok = tokens[i + n - 1];
      if (!tok) break;
      if (n > 1 && (text.slice(tokens[i + n - 2]!.end, tok.start) !== ' ' || tokens[i + n - 2]!.possessive))
        break;
      const lower = tok.core.toLowerCase();
      // Acronyms stay; so, mostly, do words that are chiefly names.
      if (tok.core.length > 1 && tok.core === tok.core.toUpperCase()) break;
      const capital = tok.core !== lower;
      if (tok.protectedName) break;
      words.push(lower);
      if (capital && !tok.initial) properName = true;
      const pools = lookup(words.join(' '), n > 1 && properName);
      if (pools.length === 0) continue;
      const weight = n > 1 ? PHRASE_BOOST : 1;
      out.push({ first: i, count: n, pools, order: rng() ** (1 / weight) });
    }
  }
  return out.sort((a, b) => b.order - a.order);
}

function spinWith(lex: Lexicon, lookup: SubstituteLookup, text: string, rate: number, rng: Rng): SpinResult {
  const { tokens, total } = tokenize(lex, text, rng);
  const target = Math.max(1, Math.round(rate * total));
  const used = new Uint8Array(tokens.length);
  const chosen: { first: number; count: number; substitute: string }[] = [];
  let changed = 0;
  for (const c of candidates(lookup, text, tokens, rng)) {
    if (changed >= target) break;
    let free = true;
    for (let k = c.first; k < c.first + c.count; k++) if (used[k]) free = false;
    if (!free) continue;
    const first = tokens[c.first]!;
    const last = tokens[c.first + c.count - 1]!;
    const original = text.slice(first.start, last.end - last.possessive.length);
    let substitute = copyCase(original, pickWeighted(rng, c.pools[Math.floor(rng() * c.pools.length)]));
    if (first.initial && !/^\p{Lu}/u.test(original)) substitute = capitalise(substitute);
    if (rng() < SPINTAX_CHANCE) substitute = `{${original}}`;
    chosen.push({ first: c.first, count: c.count, substitute: substitute + last.possessive });
    for (let k = c.first; k < c.first + c.count; k++) used[k] = 1;
    changed += c.count;
  }
  chosen.sort((a, b) => a.first - b.first);
  let out = '';
  let cursor = 0;
  const spans: GoldSpan[] = [];
  for (const c of chosen) {
    const start = tokens[c.first]!.start;
    const end = tokens[c.first + c.count - 1]!.end;
    out += text.slice(cursor, start);
    spans.push({
      spunOffset: out.length,
      spunLength: c.substitute.length,
      spun: c.substitute,
      originalOffset: start,
      originalLength: end - start,
      original: text.slice(start, end),
      words: c.count,
    });
    out += c.substitute;
    cursor = end;
  }
  out += text.slice(cursor);
  return {
    text: out,
    spans,
    changedWords: changed,
    totalWords: total,
    rate: total > 0 ? changed / total : 0,
  };
}

export function createSpinner(name: SpinnerName, lex: Lexicon = loadLexicon()): Spinner {
  return name === 'A'
    ? createSpinnerWith(
        name,
        'in-resource: WordNet synonyms + similar-to, MyThes, real-spinner swap table, tortured-phrase train pairs',
        inResourceLookup(lex),
        lex,
      )
    : createSpinnerWith(
        name,
        'out-of-resource: WordNet hypernyms, hyponyms and coordinate terms only, minus every in-resource pair',
        outOfResourceLookup(lex),
        lex,
      );
}

/** A spinner drawing from a lookup of its own (development tools: a held-out swap table). */
export function createSpinnerWith(
  name: string,
  description: string,
  lookup: SubstituteLookup,
  lex: Lexicon = loadLexicon(),
): Spinner {
  return { name, description, spin: (text, rate, rng) => spinWith(lex, lookup, text, rate, rng) };
}

/** Spins a document reproducibly: the same (seed, label) always gives the same copy. */
export function spinDocument(
  spinner: Spinner,
  text: string,
  rate: number,
  seed: number,
  label: string,
): SpinResult {
  return spinner.spin(text, rate, rngFor(seed, `${spinner.name}/${rate}/${label}`));
}
