/**
 * Verifies a candidate source by aligning the query's words to the source's words with a
 * local alignment (Smith–Waterman) that knows about spinning: an equal word is a match, a
 * pair the lexicon lists as a spinner substitution (also one word <-> two words) almost
 * one, any other substitution a small penalty (a spinner may use swaps the lexicon lacks),
 * and a skipped word a larger one. Local alignment finds the copied passage inside a long
 * source and ignores the rest; repeating it with the found query words masked finds further
 * passages (a copy with reordered paragraphs, or several sources stitched together).
 */
import type { Word } from './fingerprint.js';

/** What the aligner needs from the lexicon: the originals a spun word or phrase may come from. */
export interface SwapLexicon {
  originalsOf(spun: string): readonly { original: string }[];
}

export interface Swap {
  /** The query's wording. */
  query: string;
  /** The source's wording it replaced. */
  source: string;
}

export interface Evidence {
  queryOffset: number;
  queryLength: number;
  sourceOffset: number;
  sourceLength: number;
  swaps: Swap[];
}

/** One aligned passage with the query words it explains (what score and coverage add up). */
export interface Passage {
  evidence: Evidence;
  /** Query words aligned, unknown substitutions counting half. */
  credit: number;
  /** Query words aligned. */
  aligned: number;
}

export interface AlignmentResult {
  /** 0..1: query words explained by the source, unknown substitutions counting half. */
  score: number;
  /** 0..1: share of the query's words aligned to the source's. */
  coverage: number;
  evidence: Evidence[];
  /** The same passages with their word counts, in the order they were found. */
  passages: Passage[];
}

// Scores per step. Function words match by chance everywhere, so they earn less; an
// unknown substitution costs less than a gap because spinners replace words in place.
const EXACT = 1;
const EXACT_STOP = 0.6;
const KNOWN_SWAP = 0.8;
const MISMATCH = -0.3;
const GAP = -0.8;
/**
 * A passage must score at least this (a dozen or so aligned words) to count as evidence:
 * shorter shared runs are set phrases ("the Secretary of the Treasury"), not copies.
 */
export const MIN_PASSAGE = 10;
const MAX_PASSAGES = 8;
const MASKED = -1e9;

enum Op {
  Stop = 0,
  Diag = 1,
  SkipQuery = 2,
  SkipSource = 3,
  TwoToOne = 4,
  OneToTwo = 5,
}

interface Step {
  op: Op;
  /** Query word index range [qi, qe) and source word range [si, se). */
  qi: number;
  qe: number;
  si: number;
  se: number;
  exact: boolean;
}

/**
 * The texts as integer word ids, and per query word the ids of the source words (or
 * word pairs) that the lexicon lists as its possible originals, so the alignment's inner
 * loop compares integers instead of strings.
 */
interface Encoded {
  q: Int32Array;
  s: Int32Array;
  qStop: Uint8Array;
  /** Per query word: source-word ids it may be a swap of (empty for most words). */
  one: Int32Array[];
  /** Per query word: [first, second] id pairs of two-word originals. */
  oneToTwo: Int32Array[];
  /** Per query word i: ids of originals of the phrase (word i-1, word i). */
  two: Int32Array[];
}

const NONE = new Int32Array(0);

/** The lexicon's originals of each query word and word pair, looked up once per query. */
export interface QueryOriginals {
  one: string[][];
  two: string[][];
}

export function queryOriginals(q: readonly Word[], lex: SwapLexicon): QueryOriginals {
  const list = (phrase: string) => lex.originalsOf(phrase).map((c) => c.original);
  return {
    one: q.map((w) => list(w.norm)),
    two: q.map((w, i) => (i > 0 ? list(`${q[i - 1].norm} ${w.norm}`) : [])),
  };
}

function encode(q: readonly Word[], s: readonly Word[], originals: QueryOriginals): Encoded {
  const ids = new Map<string, number>();
  const sIds = Int32Array.from(s, (w) => {
    let id = ids.get(w.norm);
    if (id === undefined) {
      id = ids.size;
      ids.set(w.norm, id);
    }
    return id;
  });
  const qIds = Int32Array.from(q, (w) => ids.get(w.norm) ?? -1 - ids.size);
  const inSource = (list: readonly string[]): number[] => {
    const out: number[] = [];
    for (const original of list) {
      const id = ids.get(original);
      if (id !== undefined) out.push(id);
    }
    return out;
  };
  const one: Int32Array[] = [];
  const oneToTwo: Int32Array[] = [];
  const two: Int32Array[] = [];
  for (let i = 0; i < q.length; i++) {
    const singles: number[] = [];
    const pairs: number[] = [];
    for (const original of originals.one[i]) {
      const space = original.indexOf(' ');
      if (space < 0) {
        const id = ids.get(original);
        if (id !== undefined) singles.push(id);
      } else if (original.indexOf(' ', space + 1) < 0) {
        const a = ids.get(original.slice(0, space));
        const b = ids.get(original.slice(space + 1));
        if (a !== undefined && b !== undefined) pairs.push(a, b);
      }
    }
    one.push(singles.length ? Int32Array.from(singles) : NONE);
    oneToTwo.push(pairs.length ? Int32Array.from(pairs) : NONE);
    const phrase = inSource(originals.two[i]);
    two.push(phrase.length ? Int32Array.from(phrase) : NONE);
  }
  return { q: qIds, s: sIds, qStop: Uint8Array.from(q, (w) => (w.stop ? 1 : 0)), one, oneToTwo, two };
}

/** One pass of local alignment over unmasked query words; returns the best passage's steps. */
function bestPassage(e: Encoded, masked: Uint8Array): { score: number; steps: Step[] } {
  const m = e.q.length;
  const n = e.s.length;
  const w = n + 1;
  const h = new Float32Array((m + 1) * w);
  const back = new Uint8Array((m + 1) * w);
  const s = e.s;
  let best = 0;
  let bestAt = 0;
  for (let i = 1; i <= m; i++) {
    const qid = e.q[i - 1];
    const off = masked[i - 1] ? MASKED : 0;
    const exactScore = e.qStop[i - 1] ? EXACT_STOP : EXACT;
    const one = e.one[i - 1];
    const pairs = e.oneToTwo[i - 1];
    const two = i >= 2 && !masked[i - 2] ? e.two[i - 1] : NONE;
    const row = i * w;
    const prev = row - w;
    for (let j = 1; j <= n; j++) {
      const sid = s[j - 1];
      const sub = qid === sid ? exactScore : one.length > 0 && one.includes(sid) ? KNOWN_SWAP : MISMATCH;
      let v = 0;
      let op = Op.Stop;
      const diag = h[prev + j - 1] + sub + off;
      if (diag > v) {
        v = diag;
        op = Op.Diag;
      }
      const up = h[prev + j] + GAP + off;
      if (up > v) {
        v = up;
        op = Op.SkipQuery;
      }
      const left = h[row + j - 1] + GAP;
      if (left > v) {
        v = left;
        op = Op.SkipSource;
      }
      if (two.length > 0 && two.includes(sid)) {
        const t = h[prev - w + j - 1] + 2 * KNOWN_SWAP + off;
        if (t > v) {
          v = t;
          op = Op.TwoToOne;
        }
      }
      if (pairs.length > 0 && j >= 2) {
        for (let k = 0; k < pairs.length; k += 2) {
          if (pairs[k] !== s[j - 2] || pairs[k + 1] !== sid) continue;
          const t = h[prev + j - 2] + 2 * KNOWN_SWAP + off;
          if (t > v) {
            v = t;
            op = Op.OneToTwo;
          }
        }
      }
      h[row + j] = v;
      back[row + j] = op;
      if (v > best) {
        best = v;
        bestAt = row + j;
      }
    }
  }
  const steps: Step[] = [];
  let i = Math.floor(bestAt / w);
  let j = bestAt % w;
  while (i > 0 && j > 0 && h[i * w + j] > 0) {
    const op = back[i * w + j] as Op;
    const di = op === Op.Diag || op === Op.SkipQuery || op === Op.OneToTwo ? 1 : op === Op.TwoToOne ? 2 : 0;
    const dj = op === Op.Diag || op === Op.SkipSource || op === Op.TwoToOne ? 1 : op === Op.OneToTwo ? 2 : 0;
    if (di === 0 && dj === 0) break;
    const exact = op === Op.Diag && e.q[i - 1] === s[j - 1];
    steps.push({ op, qi: i - di, qe: i, si: j - dj, se: j, exact });
    i -= di;
    j -= dj;
  }
  steps.reverse();
  return { score: best, steps };
}

/** Groups the non-exact steps of a passage into swaps, worded as in the two texts. */
function swapsOf(
  steps: readonly Step[],
  q: readonly Word[],
  qText: string,
  s: readonly Word[],
  sText: string,
) {
  const swaps: Swap[] = [];
  let k = 0;
  while (k < steps.length) {
    if (steps[k].exact) {
      k++;
      continue;
    }
    let e = k;
    while (e < steps.length && !steps[e].exact) e++;
    const qi = steps[k].qi;
    const qe = steps[e - 1].qe;
    const si = steps[k].si;
    const se = steps[e - 1].se;
    const query = qe > qi ? qText.slice(q[qi].offset, q[qe - 1].end) : '';
    const source = se > si ? sText.slice(s[si].offset, s[se - 1].end) : '';
    if (query.toLowerCase() !== source.toLowerCase()) swaps.push({ query, source });
    k = e;
  }
  return swaps;
}

/** Aligns query words to one source's words and collects the evidence passages. */
export function alignSource(
  q: readonly Word[],
  qText: string,
  s: readonly Word[],
  sText: string,
  originals: QueryOriginals,
): AlignmentResult {
  const empty = { score: 0, coverage: 0, evidence: [], passages: [] };
  if (q.length === 0 || s.length === 0) return empty;
  const enc = encode(q, s, originals);
  const masked = new Uint8Array(q.length);
  const passages: Passage[] = [];
  let unmasked = q.length;
  for (let pass = 0; pass < MAX_PASSAGES; pass++) {
    const { score, steps } = bestPassage(enc, masked);
    if (score < MIN_PASSAGE || steps.length === 0) break;
    let credit = 0;
    let aligned = 0;
    for (const st of steps) {
      for (let i = st.qi; i < st.qe; i++) {
        if (!masked[i]) unmasked--;
        masked[i] = 1;
      }
      if (st.op === Op.SkipQuery || st.op === Op.SkipSource) continue;
      const words = st.qe - st.qi;
      aligned += words;
      const known = st.exact || st.op !== Op.Diag || enc.one[st.qi].includes(enc.s[st.si]);
      credit += known ? words : words / 2;
    }
    const first = steps[0];
    const last = steps[steps.length - 1];
    const qStart = q[first.qi].offset;
    const qEnd = q[last.qe - 1].end;
    const sStart = s[first.si].offset;
    const sEnd = s[last.se - 1].end;
    const evidence = {
      queryOffset: qStart,
      queryLength: qEnd - qStart,
      sourceOffset: sStart,
      sourceLength: sEnd - sStart,
      swaps: swapsOf(steps, q, qText, s, sText),
    };
    passages.push({ evidence, credit, aligned });
    // Too few words left to form another passage.
    if (unmasked < 8) break;
  }
  return summarize(passages, q.length);
}

/** Score, coverage and evidence (in query order) of passages that do not overlap in the query. */
export function summarize(passages: readonly Passage[], queryWords: number): AlignmentResult {
  if (passages.length === 0 || queryWords === 0) return { score: 0, coverage: 0, evidence: [], passages: [] };
  const credit = passages.reduce((a, p) => a + p.credit, 0);
  const aligned = passages.reduce((a, p) => a + p.aligned, 0);
  const evidence = passages.map((p) => p.evidence).sort((a, b) => a.queryOffset - b.queryOffset);
  return { score: credit / queryWords, coverage: aligned / queryWords, evidence, passages: [...passages] };
}
