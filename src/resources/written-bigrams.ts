/**
 * Bigram counts of written English over the language model's vocabulary, compiled by
 * `npm run setup` from WordNet's glosses, example sentences and multi-word lemmas. The
 * Sphinx model was trained on transcribed speech; these counts add the written and
 * technical word pairs it has seldom heard ("regression analysis", "fatty liver").
 * Stored row by row (the previous word's row holds the words seen after it and their
 * counts), so a look-up is a binary search in one short row.
 */
import { ResourceError, SETUP_HINT } from './errors.js';

const MAGIC = 'UNSPINWB1\n';
const HEADER_BYTES = 24;

export interface WrittenBigrams {
  /** Row of previous word h: entries [rowStart[h], rowStart[h + 1]). */
  rowStart: Uint32Array;
  /** Next word of each entry, ascending within a row. */
  words: Uint32Array;
  counts: Uint32Array;
}

/** Counts word pairs in runs of words; words the language model does not know break a run. */
export function countWrittenBigrams(
  runs: Iterable<readonly string[]>,
  id: (word: string) => number,
  vocabularySize: number,
): WrittenBigrams {
  const pairs = new Map<number, number>();
  for (const run of runs) {
    let previous = -1;
    for (const word of run) {
      const current = id(word);
      if (previous >= 0 && current >= 0) {
        const key = previous * vocabularySize + current;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
      previous = current;
    }
  }
  const keys = [...pairs.keys()].sort((a, b) => a - b);
  const rowStart = new Uint32Array(vocabularySize + 1);
  const words = new Uint32Array(keys.length);
  const counts = new Uint32Array(keys.length);
  keys.forEach((key, i) => {
    const h = Math.floor(key / vocabularySize);
    rowStart[h + 1]++;
    words[i] = key % vocabularySize;
    counts[i] = pairs.get(key)!;
  });
  for (let h = 0; h < vocabularySize; h++) rowStart[h + 1] += rowStart[h];
  return { rowStart, words, counts };
}

export function encodeWrittenBigrams(bigrams: WrittenBigrams): Uint8Array {
  const vocabulary = bigrams.rowStart.length - 1;
  const entries = bigrams.words.length;
  const out = new Uint8Array(HEADER_BYTES + 4 * (vocabulary + 1 + 2 * entries));
  out.set(new TextEncoder().encode(MAGIC));
  const view = new DataView(out.buffer);
  view.setUint32(16, vocabulary, true);
  view.setUint32(20, entries, true);
  const body = new Uint32Array(out.buffer, HEADER_BYTES);
  body.set(bigrams.rowStart, 0);
  body.set(bigrams.words, vocabulary + 1);
  body.set(bigrams.counts, vocabulary + 1 + entries);
  return out;
}

export function decodeWrittenBigrams(bytes: Uint8Array, vocabularySize: number): WrittenBigrams {
  const corrupt = (why: string) =>
    new ResourceError(`The written-English bigrams are corrupt (${why}). ${SETUP_HINT}`, 'resource-corrupt');
  if (bytes.byteLength < HEADER_BYTES || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC)
    throw corrupt('bad header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vocabulary = view.getUint32(16, true);
  const entries = view.getUint32(20, true);
  if (vocabulary !== vocabularySize) throw corrupt('built for another language model');
  if (bytes.byteLength !== HEADER_BYTES + 4 * (vocabulary + 1 + 2 * entries)) throw corrupt('truncated');
  // Copy once into an aligned buffer, whatever the source offset.
  const body = new Uint32Array(vocabulary + 1 + 2 * entries);
  new Uint8Array(body.buffer).set(bytes.subarray(HEADER_BYTES));
  return {
    rowStart: body.subarray(0, vocabulary + 1),
    words: body.subarray(vocabulary + 1, vocabulary + 1 + entries),
    counts: body.subarray(vocabulary + 1 + entries),
  };
}

/** Absolute discount of the written counts. */
const DISCOUNT = 0.75;

/**
 * P(w | h1) mixed from the speech model and the written counts: with weight μ, the
 * discounted written bigram, its left-over mass going to the speech model, so that
 * P = (1 − μ + μ·λ(h1))·P_speech + μ·max(c(h1 w) − D, 0)/c(h1), which still sums to one.
 * Returns the log10 probability; rows without written counts keep the speech model's.
 */
export function writtenMixer(bigrams: WrittenBigrams, weight: number) {
  const { rowStart, words, counts } = bigrams;
  const rows = rowStart.length - 1;
  const total = new Float64Array(rows);
  const scale = new Float64Array(rows).fill(1);
  for (let h = 0; h < rows; h++) {
    const from = rowStart[h];
    const to = rowStart[h + 1];
    if (from === to) continue;
    let n = 0;
    for (let i = from; i < to; i++) n += counts[i];
    total[h] = n;
    scale[h] = 1 - weight + (weight * DISCOUNT * (to - from)) / n;
  }
  return (logSpeech: number, w: number, h1: number): number => {
    if (h1 < 0 || h1 >= rows || total[h1] === 0) return logSpeech;
    let lo = rowStart[h1];
    let hi = rowStart[h1 + 1] - 1;
    let written = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = words[mid];
      if (v === w) {
        written = (counts[mid] - DISCOUNT) / total[h1];
        break;
      }
      if (v < w) lo = mid + 1;
      else hi = mid - 1;
    }
    return Math.log10(scale[h1] * 10 ** logSpeech + weight * written);
  };
}
