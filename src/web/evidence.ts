/**
 * The side-by-side view of a copy and its source: one row per evidence passage, the
 * copy's passage beside the source's, each swapped word marked with its counterpart.
 * The index reports the swaps of a passage in reading order, so they are found one after
 * another, each after the previous one.
 */
import type { Evidence, Swap } from './types.js';

export interface Segment {
  text: string;
  /** Set on a swapped word: the word standing in its place on the other side. */
  other?: string;
}

export interface AlignedPassage {
  queryOffset: number;
  sourceOffset: number;
  query: Segment[];
  source: Segment[];
  swaps: number;
}

export function alignPassages(
  queryText: string,
  sourceText: string,
  evidence: readonly Evidence[],
): AlignedPassage[] {
  return [...evidence]
    .sort((a, b) => a.queryOffset - b.queryOffset)
    .map((e) => ({
      queryOffset: e.queryOffset,
      sourceOffset: e.sourceOffset,
      query: markSwaps(queryText.slice(e.queryOffset, e.queryOffset + e.queryLength), e.swaps, 'query'),
      source: markSwaps(sourceText.slice(e.sourceOffset, e.sourceOffset + e.sourceLength), e.swaps, 'source'),
      swaps: e.swaps.length,
    }));
}

export interface AlignedRow {
  query: Segment[];
  source: Segment[];
}

/** A sentence end: stop, closing quotes or brackets, then space. */
const SENTENCE_END = /[.!?]["'”’)\]]*\s+/;

/**
 * Cuts an aligned passage into rows of matching sentences, so that a long passage reads
 * sentence beside sentence. Between the same two swaps both sides hold the same aligned
 * words, so a sentence end found there on both sides is a shared boundary. When the swaps
 * could not all be found on both sides, the passage stays one row.
 */
export function sentenceRows(passage: AlignedPassage): AlignedRow[] {
  const q = gaps(passage.query);
  const s = gaps(passage.source);
  if (q.swaps.length !== s.swaps.length) return [{ query: passage.query, source: passage.source }];
  const rows: AlignedRow[] = [];
  let row: AlignedRow = { query: [], source: [] };
  const push = (side: Segment[], text: string) => {
    if (text) side.push({ text });
  };
  for (let i = 0; i < q.gaps.length; i++) {
    const qm = SENTENCE_END.exec(q.gaps[i]);
    const sm = SENTENCE_END.exec(s.gaps[i]);
    if (qm && sm) {
      push(row.query, q.gaps[i].slice(0, qm.index + qm[0].length));
      push(row.source, s.gaps[i].slice(0, sm.index + sm[0].length));
      rows.push(row);
      row = { query: [], source: [] };
      push(row.query, q.gaps[i].slice(qm.index + qm[0].length));
      push(row.source, s.gaps[i].slice(sm.index + sm[0].length));
    } else {
      push(row.query, q.gaps[i]);
      push(row.source, s.gaps[i]);
    }
    if (i < q.swaps.length) {
      row.query.push(q.swaps[i]);
      row.source.push(s.swaps[i]);
    }
  }
  if (row.query.length || row.source.length) rows.push(row);
  return rows.filter((r) => r.query.some((x) => x.text.trim()) || r.source.some((x) => x.text.trim()));
}

/** The plain text before each swap and after the last (`gaps.length === swaps.length + 1`). */
function gaps(segments: readonly Segment[]): { gaps: string[]; swaps: Segment[] } {
  const out = { gaps: [''], swaps: [] as Segment[] };
  for (const seg of segments) {
    if (seg.other === undefined) out.gaps[out.gaps.length - 1] += seg.text;
    else {
      out.swaps.push(seg);
      out.gaps.push('');
    }
  }
  return out;
}

/** Cuts a passage into plain runs and swapped words (the `side` word of each swap). */
export function markSwaps(passage: string, swaps: readonly Swap[], side: 'query' | 'source'): Segment[] {
  const other = side === 'query' ? 'source' : 'query';
  const out: Segment[] = [];
  let at = 0;
  for (const swap of swaps) {
    const found = findWord(passage, swap[side], at);
    if (!found) continue;
    if (found.start > at) out.push({ text: passage.slice(at, found.start) });
    out.push({ text: passage.slice(found.start, found.end), other: swap[other] });
    at = found.end;
  }
  if (at < passage.length) out.push({ text: passage.slice(at) });
  return out;
}

/** The next whole-word occurrence of `word` from `from`; exact case first, then any case. */
function findWord(text: string, word: string, from: number): { start: number; end: number } | undefined {
  if (!word) return undefined;
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const flags of ['gu', 'giu']) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, flags);
    re.lastIndex = from;
    const m = re.exec(text);
    if (m) return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}
