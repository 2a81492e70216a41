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
  /**
   * A further thesaurus, for development measurements only (nothing ships it): a file of
   * headwords, each line "headword,related,related,…" (the Moby Thesaurus II's words.txt),
   * and the share of the thesaurus prior of an original that it takes when the shipped
   * thesauri list substitutes for that original too.
   */
  extraThesaurus?: { path: string; share: number };
  /** Keeps only some training rows (to hold out a development slice); all when absent. */
  keepTorturedRow?: (tortured: string) => boolean;
  /**
   * Keeps only some of the swaps learned from inside real spinners' rows, by original: a fold
   * held out of the table is held out of its other rows' parts too. All when absent.
   */
  keepNewsPart?: (original: string) => boolean;
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

/**
 * `LexiconSources.extraThesaurus` from "path[@share]" (share 0.1 unless given). At share 0 the
 * thesaurus still gives the whole prior of an original the shipped thesauri have nothing for.
 */
export function parseExtraThesaurus(spec: string): { path: string; share: number } {
  const m = /^(.+)@(\d+(?:\.\d+)?)$/.exec(spec);
  const share = m ? Number(m[2]) : 0.1;
  if (share > 1) throw new Error(`a further thesaurus's share must be in [0, 1], got ${spec}`);
  return { path: m ? m[1] : spec, share };
}
