/**
 * A substitution — one candidate original for a span of a sentence, an edge of the
 * lattice — and what candidate generation shares: the local score in a fixed context, the
 * per-process facts of each original, and term floors.
 */
import type { LanguageModel, Resources } from '../resources/index.js';
import { lmIdsOfPhrase, type Sentence } from './positions.js';
import type { SpinnerModelParams } from './spinner-model.js';

export interface Substitution {
  /** First position of the spun span in the sentence. */
  start: number;
  /** Position after the span. */
  end: number;
  /** The candidate original, lower-case words joined by spaces. */
  original: string;
  lmIds: number[];
  logQ: number;
  reluctance: number;
  /** Spin propensity of the original. */
  propensity: number;
  /** Words the spinner changed: 1 for a lexicon swap, more for a term swapped word by word, 0 for a kept term. */
  changes: number;
  /**
   * For a reading as a multi-word term: the floor under the language model's score of its
   * words (the term model's probability of the term); −∞ otherwise.
   */
  termFloor: number;
  /** A term reading whose words may be partly kept as written (the others are all changed). */
  keepsWords?: boolean;
  /**
   * The reading is an established (listed) term, a tortured phrase's restoration; kept when
   * the substitution is cut down to its changed words ("boondocks" → forest in random forest).
   */
  listedTerm?: boolean;
  /**
   * For a listed term: the term it counts as (`Lexicon.termGroup`: one for all its forms), whole
   * even where the substitution is cut down to its changed words ("data classification" for
   * "type" → classification in "data type").
   */
  term?: string;
}

export interface CandidateOptions {
  /** Spin rate at which candidates are tested (generous, so none is lost too early). */
  testRate: number;
  /** How far (log10) below keeping the word a candidate may score locally and still be kept. */
  margin: number;
  /** Most candidates kept per span. */
  perSpan: number;
}

export const DEFAULT_CANDIDATE_OPTIONS: CandidateOptions = { testRate: 0.4, margin: 2.5, perSpan: 6 };

export function spanReluctance(
  sentence: Sentence,
  start: number,
  end: number,
  params: SpinnerModelParams,
): number {
  let r = 1;
  for (let p = start; p < end; p++) r = Math.min(r, params.reluctance[sentence[p].wordClass]);
  return r;
}

/**
 * log10 LM score of `ids` following `h2 h1`, then of the `right` ids. With a `floor`
 * (an established term), the term's own words score at least the floor.
 */
export function localScore(
  lm: LanguageModel,
  h2: number,
  h1: number,
  ids: readonly number[],
  right: readonly number[],
  floor = Number.NEGATIVE_INFINITY,
): number {
  let inside = 0;
  for (const w of ids) {
    inside += lm.score(w, h1, h2);
    h2 = h1;
    h1 = w;
  }
  let total = Math.max(inside, floor);
  for (const w of right) {
    total += lm.score(w, h1, h2);
    h2 = h1;
    h1 = w;
  }
  return total;
}

export interface OriginalInfo {
  /** Language-model ids; empty when some word is unknown to the model. */
  ids: number[];
  /** Language-model ids as they are, unknown words included (−1). */
  allIds: number[];
  propensity: number;
  words: number;
  /** log10 probability of the original as a multi-word term (−∞ for a single word). */
  termLogProb: number;
  /** On the list of established terms. */
  listed: boolean;
}

/** A cache of `res`'s, made by `make` when first asked for. */
export function cacheOf<T>(caches: WeakMap<Resources, T>, res: Resources, make: () => T): T {
  let cache = caches.get(res);
  if (cache === undefined) {
    cache = make();
    caches.set(res, cache);
  }
  return cache;
}

/** Per resources: the facts of each original, without and with a possessive. */
const originalInfoCache = new WeakMap<Resources, [Map<string, OriginalInfo>, Map<string, OriginalInfo>]>();
const newInfoMaps = (): [Map<string, OriginalInfo>, Map<string, OriginalInfo>] => [new Map(), new Map()];

/** Per-original facts looked up once per process, not once per occurrence. */
export function originalInfo(res: Resources, original: string, possessive: string): OriginalInfo {
  const cache = cacheOf(originalInfoCache, res, newInfoMaps)[possessive ? 1 : 0];
  let info = cache.get(original);
  if (info === undefined) {
    const words = original.split(' ');
    const ids = lmIdsOfPhrase(res.lm, words, possessive);
    info = {
      ids: ids.some((id) => id < 0) ? [] : ids,
      allIds: ids,
      propensity: res.lexicon.propensity(original),
      words: words.length,
      termLogProb: termLogProb(res, words),
      listed: res.lexicon.isTerm(original),
    };
    cache.set(original, info);
  }
  return info;
}

export function termFloor(params: SpinnerModelParams, listed: boolean, termLogProb: number): number {
  return Math.max(
    listed ? params.termLogProb : Number.NEGATIVE_INFINITY,
    params.termModelLogProb + termLogProb,
  );
}

/**
 * Whether the word at `position` of the sentence is changed by the substitution: a term
 * reading may keep some of its words ("cooling framework" → cooling system keeps "cooling").
 */
export function changesWord(sentence: Sentence, s: Substitution, position: number): boolean {
  if (!s.keepsWords) return true;
  const words = s.original.split(' ');
  return words.length !== s.end - s.start || sentence[position].key !== words[position - s.start];
}

/** Terms of 2 to this many words are scored by the term model. */
export const MAX_TERM_WORDS = 4;

export function termLogProb(res: Resources, words: readonly string[]): number {
  if (words.length < 2 || words.length > MAX_TERM_WORDS) return Number.NEGATIVE_INFINITY;
  return res.lexicon.termModel.logProb(words);
}

/** The language-model history before word `start` of the sentence, as [h2, h1]. */
export function historyBefore(sentence: Sentence, start: number, lm: LanguageModel): [number, number] {
  const left = flatIds(sentence, Math.max(0, start - 2), start);
  const h1 = left.length >= 1 ? left[left.length - 1] : lm.sentenceStart;
  const h2 = left.length >= 2 ? left[left.length - 2] : left.length === 1 ? lm.sentenceStart : -1;
  return [h2, h1];
}

/** The language-model ids of the two words after `end` (and the sentence end if they are the last). */
export function contextAfter(sentence: Sentence, end: number, lm: LanguageModel): number[] {
  const right = flatIds(sentence, end, Math.min(sentence.length, end + 2));
  if (end + 2 > sentence.length) right.push(lm.sentenceEnd);
  return right;
}

export function flatIds(sentence: Sentence, from: number, to: number): number[] {
  const ids: number[] = [];
  for (let p = from; p < to; p++) ids.push(...sentence[p].lmIds);
  return ids;
}
