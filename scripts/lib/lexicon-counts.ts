/**
 * What the lexicon build reads, and the swap counts it learns, shared by its parts
 * (build-lexicon.ts, tortured-lexicon.ts).
 */
import { getOrCreate } from '../../src/util/maps.js';

/** Longest phrase, in words, on either side of a substitution. */
export const MAX_WORDS = 4;

export interface LexiconSources {
  wordnetDir: string;
  mythesModule: string;
  swapsTsv: string;
  torturedTrainTsv: string;
  /** Keeps only some training rows (to hold out a development slice); all when absent. */
  keepTorturedRow?: (tortured: string) => boolean;
  /** Words the language model knows: originals must be made of these. */
  vocabulary: Set<string>;
  /** log10 probability of a phrase in isolation, by the language model. */
  phraseLogProb: (phrase: string) => number;
}

export type SubstituteSets = Map<string, Set<string>>;

export const wordCount = (phrase: string) => phrase.split(' ').length;

export type Counts = Map<string, Map<string, number>>;

export function countSwap(counts: Counts, original: string, spun: string, n: number) {
  const o = original.toLowerCase().trim();
  const s = spun.toLowerCase().trim();
  if (!o || !s || o === s || wordCount(o) > MAX_WORDS || wordCount(s) > MAX_WORDS) return;
  const m = getOrCreate(counts, o, () => new Map<string, number>());
  m.set(s, (m.get(s) ?? 0) + n);
}
