/**
 * Scoring: token-level detection, restoration gain (word error rate), false changes, document
 * verdicts, AUC and expected calibration error. Pure functions over plain numbers and spans.
 */
import { overlaps, type WordSpan, werTokens, wordSpans } from './text.js';

export interface Span {
  offset: number;
  length: number;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

function covered(word: WordSpan, spans: readonly Span[]): boolean {
  return spans.some((s) => overlaps(word.start, word.end, s.offset, s.offset + s.length));
}

/**
 * Each word of the spun text is gold-positive if it lies in a changed span and predicted
 * positive if it lies in a finding.
 */
export function detectionCounts(spunText: string, gold: readonly Span[], findings: readonly Span[]): Counts {
  const c: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const w of wordSpans(spunText)) {
    const g = covered(w, gold);
    const p = covered(w, findings);
    if (g && p) c.tp++;
    else if (p) c.fp++;
    else if (g) c.fn++;
  }
  return c;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}

/** Word-level Levenshtein distance (two rows), on lower-cased, punctuation-stripped words. */
export function wordEdits(hypothesis: string, reference: string): number {
  const h = werTokens(hypothesis);
  const r = werTokens(reference);
  let prev = new Uint32Array(r.length + 1);
  let cur = new Uint32Array(r.length + 1);
  for (let j = 0; j <= r.length; j++) prev[j] = j;
  for (let i = 1; i <= h.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= r.length; j++) {
      const sub = prev[j - 1] + (h[i - 1] === r[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[r.length];
}

/**
 * Share of the spinner's damage undone: 1 − WER(restored) / WER(spun), micro-averaged
 * (summed edits). Negative when restoring made things worse.
 */
export function restorationGain(spunEdits: number, restoredEdits: number): number {
  return spunEdits > 0 ? 1 - restoredEdits / spunEdits : 0;
}

/** Words touched by a set of changes (a change with no word, e.g. punctuation, counts one). */
export function changedWords(changes: readonly { text: string }[]): number {
  let n = 0;
  for (const c of changes) n += Math.max(1, wordSpans(c.text).length);
  return n;
}

/** Area under the ROC curve by the rank-sum formula, ties counted half. */
export function auc(negatives: readonly number[], positives: readonly number[]): number {
  if (negatives.length === 0 || positives.length === 0) return Number.NaN;
  const all = [
    ...negatives.map((v) => ({ v, pos: false })),
    ...positives.map((v) => ({ v, pos: true })),
  ].sort((a, b) => a.v - b.v);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j].v === all[i].v) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k].pos) rankSum += midRank;
    i = j;
  }
  const np = positives.length;
  return (rankSum - (np * (np + 1)) / 2) / (np * negatives.length);
}

export interface Calibrated {
  confidence: number;
  correct: boolean;
}

export interface CalibrationBin {
  lo: number;
  hi: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** Expected calibration error over equal-width bins: Σ (n_b / N)·|accuracy_b − confidence_b|. */
export function calibration(
  items: readonly Calibrated[],
  bins = 10,
): { ece: number; bins: CalibrationBin[] } {
  const sums = Array.from({ length: bins }, () => ({ n: 0, conf: 0, ok: 0 }));
  for (const it of items) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(it.confidence * bins)));
    sums[b].n++;
    sums[b].conf += it.confidence;
    sums[b].ok += it.correct ? 1 : 0;
  }
  let ece = 0;
  const out: CalibrationBin[] = [];
  sums.forEach((s, b) => {
    if (s.n === 0) return;
    const meanConfidence = s.conf / s.n;
    const accuracy = s.ok / s.n;
    ece += (s.n / Math.max(1, items.length)) * Math.abs(accuracy - meanConfidence);
    out.push({ lo: b / bins, hi: (b + 1) / bins, count: s.n, meanConfidence, accuracy });
  });
  return { ece: items.length > 0 ? ece : Number.NaN, bins: out };
}

/** A finding is right if it overlaps any gold changed span (spun-text offsets). */
export function findingsCalibration(
  findings: readonly (Span & { confidence: number })[],
  gold: readonly Span[],
): Calibrated[] {
  return findings.map((f) => ({
    confidence: f.confidence,
    correct: gold.some((g) => overlaps(f.offset, f.offset + f.length, g.offset, g.offset + g.length)),
  }));
}

export function mean(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
}

/** How many texts got each verdict. */
export interface VerdictCounts {
  spun: number;
  clean: number;
  uncertain: number;
}

/** Counts one verdict into `v`. */
export function tally(v: VerdictCounts, verdict: string): void {
  if (verdict === 'spun') v.spun++;
  else if (verdict === 'clean') v.clean++;
  else v.uncertain++;
}
