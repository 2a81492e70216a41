/**
 * Candidate originals for every word and phrase of a sentence: the lattice edges the
 * decoder chooses among. A cheap local test (the language model in the fixed context
 * of the neighbouring words, and the spinner model at a generous spin rate) drops the
 * candidates that could not win, so most words end with none and cost nothing later.
 */
import type { LanguageModel, Resources } from '../resources/index.js';
import { getOrCreate } from '../util/maps.js';
import { lmIdsOfPhrase, type Sentence, type WordPosition } from './positions.js';
import { logKeep, logSubstitute, type SpinnerModelParams } from './spinner-model.js';

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
  /** The original is an established multi-word term. */
  term: boolean;
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

function spanReluctance(sentence: Sentence, start: number, end: number, params: SpinnerModelParams): number {
  let r = 1;
  for (let p = start; p < end; p++) r = Math.min(r, params.reluctance[sentence[p].wordClass]);
  return r;
}

/**
 * log10 LM score of `ids` following `h2 h1`, then of the `right` ids. With a `floor`
 * (an established term), the term's own words score at least the floor.
 */
function localScore(
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

interface OriginalInfo {
  /** Language-model ids; empty when some word is unknown to the model. */
  ids: number[];
  propensity: number;
  words: number;
  term: boolean;
}

const originalInfoCache = new WeakMap<Resources, Map<string, OriginalInfo>>();

/** Per-original facts looked up once per process, not once per occurrence. */
function originalInfo(res: Resources, original: string, possessive: string): OriginalInfo {
  let cache = originalInfoCache.get(res);
  if (!cache) {
    cache = new Map();
    originalInfoCache.set(res, cache);
  }
  return getOrCreate(cache, possessive ? `${original}\u0000s` : original, () => {
    const ids = lmIdsOfPhrase(res.lm, original.split(' '), possessive);
    return {
      ids: ids.some((id) => id < 0) ? [] : ids,
      propensity: res.lexicon.propensity(original),
      words: original.split(' ').length,
      term: res.lexicon.isTerm(original),
    };
  });
}

function flatIds(sentence: Sentence, from: number, to: number): number[] {
  const ids: number[] = [];
  for (let p = from; p < to; p++) ids.push(...sentence[p].lmIds);
  return ids;
}

export function sentenceCandidates(
  sentence: Sentence,
  res: Resources,
  params: SpinnerModelParams,
  options: CandidateOptions = DEFAULT_CANDIDATE_OPTIONS,
): Substitution[] {
  const { lexicon, lm } = res;
  const out: Substitution[] = [];
  const n = sentence.length;
  for (let start = 0; start < n; start++) {
    const first: WordPosition = sentence[start];
    let key = '';
    for (let end = start + 1; end <= Math.min(n, start + lexicon.maxKeyWords); end++) {
      const position = sentence[end - 1];
      if (end > start + 1) {
        // Phrases never cross punctuation, and only start where the lexicon has phrases.
        if (!position.joinedToPrevious || !lexicon.startsPhrase(first.key) || sentence[end - 2].possessive)
          break;
        key += ` ${position.key}`;
      } else {
        key = first.key;
      }
      const found = lexicon.originalsOf(key);
      if (found.length === 0) continue;
      const reluctance = spanReluctance(sentence, start, end, params);
      const left = flatIds(sentence, Math.max(0, start - 2), start);
      const h1 = left.length >= 1 ? left[left.length - 1] : lm.sentenceStart;
      const h2 = left.length >= 2 ? left[left.length - 2] : left.length === 1 ? lm.sentenceStart : -1;
      const right = flatIds(sentence, end, Math.min(n, end + 2));
      if (end + 2 > n) right.push(lm.sentenceEnd);
      let keepCost = 0;
      for (let p = start; p < end; p++) {
        keepCost += logKeep(
          options.testRate,
          params.reluctance[sentence[p].wordClass],
          sentence[p].propensity,
        );
      }
      const weight = params.languageModelWeight;
      const identity = weight * localScore(lm, h2, h1, flatIds(sentence, start, end), right) + keepCost;
      const scored: [number, Substitution][] = [];
      for (const candidate of found) {
        const { ids, propensity, words, term } = originalInfo(
          res,
          candidate.original,
          sentence[end - 1].possessive,
        );
        if (ids.length === 0) continue;
        const lengthChange = words - (end - start);
        const channel =
          logSubstitute(options.testRate, reluctance, propensity, candidate.logQ) +
          params.wordBonus * lengthChange;
        const floor = term ? params.termLogProb : Number.NEGATIVE_INFINITY;
        const score = weight * localScore(lm, h2, h1, ids, right, floor) + channel - identity;
        if (score < -options.margin) continue;
        scored.push([
          score,
          {
            start,
            end,
            original: candidate.original,
            lmIds: ids,
            logQ: candidate.logQ,
            reluctance,
            propensity,
            changes: 1,
            term,
          },
        ]);
      }
      scored.sort((a, b) => b[0] - a[0]);
      for (const [, s] of scored.slice(0, options.perSpan)) out.push(s);
    }
  }
  out.push(...termCandidates(sentence, res, params));
  return out;
}

/**
 * Readings of 2–3 adjacent words as an established term, each word kept or replaced
 * by one of its lexicon originals ("component extraction" → "feature extraction");
 * and a spun phrase that already is a term, kept as a unit.
 */
function termCandidates(sentence: Sentence, res: Resources, params: SpinnerModelParams): Substitution[] {
  const { lexicon } = res;
  const out: Substitution[] = [];
  // Each word's readings (as written, or one of its lexicon originals with log q), built
  // only for words that may take part in a term.
  const choicesAt: (Map<string, number> | undefined)[] = new Array(sentence.length);
  const choices = (p: number) => {
    let map = choicesAt[p];
    if (!map) {
      map = new Map([[sentence[p].key, 0]]);
      for (const c of lexicon.originalsOf(sentence[p].key))
        if (!map.has(c.original)) map.set(c.original, c.logQ);
      choicesAt[p] = map;
    }
    return map;
  };
  for (let start = 0; start + 1 < sentence.length; start++) {
    if (!sentence[start + 1].joinedToPrevious || sentence[start].possessive) continue;
    for (const first of choices(start).keys()) {
      for (const term of lexicon.termsStartingWith(first)) {
        const termWords = term.split(' ');
        const end = start + termWords.length;
        if (end > sentence.length) continue;
        let fits = true;
        for (let i = 1; i < termWords.length && fits; i++) {
          const p = start + i;
          fits = sentence[p].joinedToPrevious && !sentence[p - 1].possessive && choices(p).has(termWords[i]);
        }
        if (!fits) continue;
        let logQ = 0;
        let changes = 0;
        let propensity = 1;
        termWords.forEach((w, i) => {
          if (w === sentence[start + i].key) return;
          changes++;
          logQ += choices(start + i).get(w)!;
          propensity = Math.min(propensity, lexicon.propensity(w) || 1);
        });
        const { ids } = originalInfo(res, term, sentence[end - 1].possessive);
        if (ids.length === 0) continue;
        out.push({
          start,
          end,
          original: term,
          lmIds: ids,
          logQ,
          reluctance: spanReluctance(sentence, start, end, params),
          propensity,
          changes,
          term: true,
        });
      }
    }
  }
  return out;
}
