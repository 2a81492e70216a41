/**
 * Exact decoding of one sentence's lattice under the noisy-channel model
 * P(original) · P(spun | original): Viterbi for the most probable original, and
 * forward–backward for the posterior of every edge. The state is the trigram history
 * (two previous original words); at words with no candidate the states collapse, so
 * the work grows with the number of ambiguous words, not the sentence length.
 */
import { abbreviationInitials, type Initials, spellableInitials, spells } from '../channel/abbreviations.js';
import type { Sentence } from '../channel/positions.js';
import { logKeep, logSubstitute, type SpinnerModelParams } from '../channel/spinner-model.js';
import { changesWord, type Substitution } from '../channel/substitution.js';
import type { LanguageModel } from '../resources/language-model.js';

export interface SentenceDecoding {
  /** log10 P(spun sentence) under the spinner model at the given rate. */
  logLikelihood: number;
  /** Substitutions on the most probable path. */
  best: Substitution[];
  /** Per position, the posterior probability that a substitution covers it. */
  changed: Float64Array;
  /** Posterior of each substitution edge (same objects as the input). */
  edgePosterior: Map<Substitution, number>;
  /** Expected number of substitutions. */
  expectedChanges: number;
}

/** Most states kept per position: a safety net for pathological sentences. */
const BEAM = 64;
const STATE_BASE = 1 << 18;

function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log10(1 + 10 ** (b - a)) : b + Math.log10(1 + 10 ** (a - b));
}

interface Edge {
  start: number;
  end: number;
  ids: readonly number[];
  channel: number;
  /**
   * Whether the words read spell the letters a bracketed abbreviation after them asks for
   * (`abbreviations.ts`); undefined where none asks.
   */
  spells?: boolean;
  substitution?: Substitution;
  /** For an established term: the floor under the language model's score of its words. */
  termFloor?: number;
  /**
   * The same original can also be read word by word (a term reading whose words are each
   * kept or a single-word substitution in the lattice): the edge then carries only the
   * probability its floor adds above that reading, so that no reading is counted twice.
   */
  excess?: boolean;
}

/**
 * The part of a substitution that changes the text: a term reading that keeps its first or
 * last words ("cooling framework" → cooling system) is reported as the change of the rest
 * ("framework" → system), so that it adds up with the same change read word by word.
 */
function changedPart(sentence: Sentence, s: Substitution): Substitution {
  if (!s.keepsWords) return s;
  const words = s.original.split(' ');
  if (words.length !== s.end - s.start) return s;
  let from = 0;
  let to = words.length;
  while (from < to && sentence[s.start + from].key === words[from]) from++;
  while (to > from && sentence[s.start + to - 1].key === words[to - 1]) to--;
  if (from === 0 && to === words.length) return s;
  return { ...s, start: s.start + from, end: s.start + to, original: words.slice(from, to).join(' ') };
}

/**
 * The weighted language-model part of an edge's score: with a term floor, the larger of
 * the model's score and the floor; for an `excess` edge only what the floor adds
 * (undefined when it adds nothing).
 */
function languageModelPart(edge: Edge, lmScore: number, weight: number): number | undefined {
  if (edge.termFloor === undefined) return weight * lmScore;
  if (!edge.excess) return weight * Math.max(lmScore, edge.termFloor);
  if (lmScore >= edge.termFloor) return undefined;
  return weight * edge.termFloor + Math.log10(1 - 10 ** (weight * (lmScore - edge.termFloor)));
}

/** The history after the edge last read by `readEdge` (reused: the decoder's inner loop). */
const edgeEnd = { h2: -1, h1: -1 };

/** The weighted language-model part of reading `edge` after `h2 h1` (see `languageModelPart`). */
function readEdge(lm: LanguageModel, edge: Edge, h2: number, h1: number, weight: number): number | undefined {
  let lmScore = 0;
  for (const w of edge.ids) {
    lmScore += lm.score(w, h1, h2);
    h2 = h1;
    h1 = w;
  }
  edgeEnd.h2 = h2;
  edgeEnd.h1 = h1;
  return languageModelPart(edge, lmScore, weight);
}

/**
 * log10 P(sentence) if nothing was spun: the text as written, under the same P(original)
 * as the spun hypothesis — the language model with the term floors of term readings that
 * keep every word — so that a known term ("deep learning") counts for neither hypothesis.
 */
export function cleanLogLikelihood(
  sentence: Sentence,
  substitutions: readonly Substitution[],
  lm: LanguageModel,
  params: SpinnerModelParams,
): number {
  // The channel plays no part: only the language-model scores of the written words' edges.
  const { edgesFrom, initials } = latticeEdges(sentence, substitutions, lm, params, 0);
  const weight = params.languageModelWeight;
  const n = edgesFrom.length;
  const at: Map<number, { h2: number; h1: number; alpha: number }>[] = Array.from(
    { length: n + 1 },
    () => new Map(),
  );
  at[0].set(0, { h2: -1, h1: lm.sentenceStart, alpha: 0 });
  for (let p = 0; p < n; p++) {
    for (const state of at[p].values()) {
      for (const edge of edgesFrom[p]) {
        // Only the words as written: each word kept, or read in a term that keeps them all.
        if (edge.substitution) continue;
        const lmPart = readEdge(lm, edge, state.h2, state.h1, weight);
        if (lmPart === undefined) continue;
        const { h2, h1 } = edgeEnd;
        const key = (h2 + 1) * STATE_BASE + (h1 + 1);
        const next = at[edge.end].get(key);
        const alpha = state.alpha + lmPart;
        if (next) next.alpha = logAdd(next.alpha, alpha);
        else at[edge.end].set(key, { h2, h1, alpha });
      }
    }
  }
  // Every clean reading is of the words as written, which spell each abbreviation or not.
  let total = Number.NEGATIVE_INFINITY;
  const spelled = writtenSpellingBonus(sentence, initials);
  for (const state of at[n].values()) {
    total = logAdd(total, state.alpha + weight * lm.score(lm.sentenceEnd, state.h1, state.h2));
  }
  return total + spelled;
}

/**
 * The lattice's edges, by start position: each word kept as written, and every
 * substitution, with its channel score at `rate`.
 */
function latticeEdges(
  sentence: Sentence,
  substitutions: readonly Substitution[],
  lm: LanguageModel,
  params: SpinnerModelParams,
  rate: number,
): { edgesFrom: Edge[][]; initials: Initials } {
  const initials = spellableInitials(sentence, abbreviationInitials(sentence, lm), substitutions);
  const spelling = initials.bonusAt.size > 0;
  const edgesFrom: Edge[][] = sentence.map((position, p) => [
    {
      start: p,
      end: p + 1,
      ids: position.lmIds,
      channel: logKeep(rate, params.reluctance[position.wordClass], position.propensity),
      spells: spelling ? spells(initials, p, p + 1, [position.key]) : undefined,
    },
  ]);
  const singles = new Set<string>();
  for (const s of substitutions)
    if (s.end - s.start === 1 && s.changes > 0) singles.add(`${s.start} ${s.original}`);
  const readWordByWord = (s: Substitution) => {
    const words = s.original.split(' ');
    return (
      words.length === s.end - s.start &&
      words.every((w, i) => sentence[s.start + i].key === w || singles.has(`${s.start + i} ${w}`))
    );
  };
  for (const s of substitutions) {
    // Words a term reading keeps pay the cost of being kept; a term reading that keeps
    // every word is another way of reading the text as it is, not a substitution.
    // A reading with more (or fewer) words than written: `wordBonus` per extra word.
    const words = s.original.split(' ');
    let channel = params.wordBonus * (words.length - (s.end - s.start));
    for (let p = s.start; p < s.end; p++) {
      if (sentence[p].key === words[p - s.start]) {
        channel += logKeep(rate, params.reluctance[sentence[p].wordClass], sentence[p].propensity);
      }
    }
    channel += s.changes > 0 ? logSubstitute(rate, s.reluctance, s.propensity, s.logQ, s.changes) : 0;
    edgesFrom[s.start].push({
      start: s.start,
      end: s.end,
      ids: s.lmIds,
      channel,
      spells: spelling ? spells(initials, s.start, s.end, words, s.listedTerm === true) : undefined,
      substitution: s.changes > 0 ? changedPart(sentence, s) : undefined,
      termFloor: s.termFloor > Number.NEGATIVE_INFINITY ? s.termFloor : undefined,
      excess: s.keepsWords && readWordByWord(s),
    });
  }
  return { edgesFrom, initials };
}

/** log10 of the abbreviations' factor for the words as written: the bonus of each they spell. */
function writtenSpellingBonus(sentence: Sentence, initials: Initials): number {
  let bonus = 0;
  let from = 0;
  for (const [at, b] of initials.bonusAt) {
    const written: string[] = [];
    for (let p = from; p < at; p++) written.push(sentence[p].key);
    if (spells(initials, from, at, written)) bonus += b;
    from = at;
  }
  return bonus;
}

export function decodeSentence(
  sentence: Sentence,
  substitutions: readonly Substitution[],
  lm: LanguageModel,
  params: SpinnerModelParams,
  rate: number,
): SentenceDecoding {
  const n = sentence.length;
  const weight = params.languageModelWeight;
  const { edgesFrom, initials } = latticeEdges(sentence, substitutions, lm, params, rate);
  const { bonusAt } = initials;
  const spelling = bonusAt.size > 0;

  // Nodes: (position, h2, h1, missed), where `missed` says that a word read since the last
  // abbreviation does not spell the letter the next one asks of it (`abbreviations.ts`: its
  // factor is for readings that spell it in full). Parallel arrays keep allocation low.
  const nodeH1: number[] = [];
  const nodeH2: number[] = [];
  const nodeMissed: boolean[] = [];
  const alpha: number[] = [];
  const bestScore: number[] = [];
  const bestBack: number[] = [];
  const nodesAt: Map<number, number>[] = Array.from({ length: n + 1 }, () => new Map());
  const transFrom: number[] = [];
  const transTo: number[] = [];
  const transScore: number[] = [];
  const transEdge: Edge[] = [];

  const node = (position: number, h2: number, h1: number, missed: boolean): number => {
    // Without an abbreviation in the sentence the bit is always clear: the key as before.
    const history = (h2 + 1) * STATE_BASE + (h1 + 1);
    const key = spelling ? history * 2 + (missed ? 1 : 0) : history;
    let id = nodesAt[position].get(key);
    if (id === undefined) {
      id = nodeH1.length;
      nodeH1.push(h1);
      nodeH2.push(h2);
      if (spelling) nodeMissed.push(missed);
      alpha.push(Number.NEGATIVE_INFINITY);
      bestScore.push(Number.NEGATIVE_INFINITY);
      bestBack.push(-1);
      nodesAt[position].set(key, id);
    }
    return id;
  };

  const start = node(0, -1, lm.sentenceStart, false);
  alpha[start] = 0;
  bestScore[start] = 0;

  for (let p = 0; p < n; p++) {
    let live = [...nodesAt[p].values()];
    if (live.length > BEAM) {
      live.sort((a, b) => alpha[b] - alpha[a]);
      for (const dead of live.slice(BEAM)) alpha[dead] = Number.NEGATIVE_INFINITY;
      live = live.slice(0, BEAM);
    }
    for (const from of live) {
      if (alpha[from] === Number.NEGATIVE_INFINITY) continue;
      for (const edge of edgesFrom[p]) {
        const lmPart = readEdge(lm, edge, nodeH2[from], nodeH1[from], weight);
        if (lmPart === undefined) continue;
        let score = edge.channel + lmPart;
        let missed = false;
        if (spelling) {
          missed = nodeMissed[from] || edge.spells === false;
          const bonus = bonusAt.get(edge.end);
          if (bonus !== undefined) {
            // The words an abbreviation spells end here: its factor, and a fresh start.
            if (!missed) score += bonus;
            missed = false;
          }
        }
        const to = node(edge.end, edgeEnd.h2, edgeEnd.h1, missed);
        const t = transFrom.length;
        transFrom.push(from);
        transTo.push(to);
        transScore.push(score);
        transEdge.push(edge);
        alpha[to] = logAdd(alpha[to], alpha[from] + score);
        if (bestScore[from] + score > bestScore[to]) {
          bestScore[to] = bestScore[from] + score;
          bestBack[to] = t;
        }
      }
    }
  }

  // Close the sentence with </s>.
  const beta = new Array<number>(nodeH1.length).fill(Number.NEGATIVE_INFINITY);
  let logLikelihood = Number.NEGATIVE_INFINITY;
  let bestFinal = -1;
  let bestFinalScore = Number.NEGATIVE_INFINITY;
  for (const id of nodesAt[n].values()) {
    const end = weight * lm.score(lm.sentenceEnd, nodeH1[id], nodeH2[id]);
    beta[id] = end;
    logLikelihood = logAdd(logLikelihood, alpha[id] + end);
    if (bestScore[id] + end > bestFinalScore) {
      bestFinalScore = bestScore[id] + end;
      bestFinal = id;
    }
  }
  for (let t = transFrom.length - 1; t >= 0; t--) {
    beta[transFrom[t]] = logAdd(beta[transFrom[t]], transScore[t] + beta[transTo[t]]);
  }

  const changed = new Float64Array(n);
  const edgePosterior = new Map<Substitution, number>();
  let expectedChanges = 0;
  for (let t = 0; t < transFrom.length; t++) {
    const edge = transEdge[t];
    if (!edge.substitution) continue;
    const posterior = 10 ** (alpha[transFrom[t]] + transScore[t] + beta[transTo[t]] - logLikelihood);
    if (!(posterior > 0)) continue;
    edgePosterior.set(edge.substitution, (edgePosterior.get(edge.substitution) ?? 0) + posterior);
    const s = edge.substitution;
    for (let p = s.start; p < s.end; p++) if (changesWord(sentence, s, p)) changed[p] += posterior;
    expectedChanges += posterior;
  }
  for (let p = 0; p < n; p++) changed[p] = Math.min(1, changed[p]);

  const best: Substitution[] = [];
  for (let id = bestFinal; id >= 0 && bestBack[id] >= 0; id = transFrom[bestBack[id]]) {
    const edge = transEdge[bestBack[id]];
    if (edge.substitution) best.unshift(edge.substitution);
  }

  return { logLikelihood, best, changed, edgePosterior, expectedChanges };
}
