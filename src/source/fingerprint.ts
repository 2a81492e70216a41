/**
 * Fingerprints of a text that survive spinning. Each is a 52-bit integer hash of a short
 * feature, so the index is one table of (hash, document) pairs:
 * - stop-word n-grams: n consecutive function words of the text with the content words
 *   removed; spinners rarely touch function words, so most of these survive;
 * - word shingles: n consecutive words; only the untouched runs of a spun copy keep them,
 *   but they are very specific, so a few shared ones single out the source. One in
 *   SHINGLE_SAMPLE is kept (by hash, so the same ones on both sides): measured on 20k
 *   documents, the sample ranks the source first as often as all shingles, at half the
 *   index size, and stop-word n-grams alone miss about 1% of short partial copies;
 * - immutables: pairs of consecutive numbers and mid-sentence capitalised words (names,
 *   dates), which spinners mostly leave alone.
 */
import { normalizeWord, tokenize } from '../text/tokenize.js';
import { isStopWord } from './stopwords.js';

export interface Word {
  /** Lower-case form, typographic apostrophes made plain. */
  norm: string;
  offset: number;
  end: number;
  /** Number, or capitalised word that does not start a sentence. */
  immutable: boolean;
  stop: boolean;
}

export const STOP_GRAM = 5;
export const SHINGLE = 3;
export const SHINGLE_SAMPLE = 4;

/** The words of a text with their offsets (punctuation dropped). */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const t of tokenize(text)) {
    if (t.kind === 'punct') continue;
    const norm = normalizeWord(t.text);
    const capitalised = t.kind === 'word' && !t.sentenceStart && /^\p{Lu}/u.test(t.text);
    out.push({
      norm,
      offset: t.offset,
      end: t.end,
      immutable: t.kind === 'number' || capitalised,
      stop: isStopWord(norm),
    });
  }
  return out;
}

/** Two independent 32-bit FNV-1a style hashes of a string. */
function wordHash(s: string, seed: number): [number, number] {
  let a = 0x811c9dc5 ^ seed;
  let b = 0x01000193 ^ 0x5bd1e995 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a, b];
}

/**
 * A 52-bit hash of a string: exact in a JavaScript number and in a 64-bit database
 * integer, and wide enough that collisions between distinct features stay rare even at
 * millions of documents.
 */
export function hash52(s: string): number {
  const [a, b] = wordHash(s, 0);
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}

const TAGS = { stop: 0x5370, word: 0x5772, immutable: 0x4936 } as const;

/**
 * The 52-bit hashes of every n consecutive items, from per-word hashes mixed in order
 * (hashing each word once instead of each joined n-gram string is what makes ingest fast).
 */
function grams(
  seq: readonly string[],
  n: number,
  tag: keyof typeof TAGS,
  into: Set<number>,
  sample = 1,
): void {
  const ha = new Int32Array(seq.length);
  const hb = new Int32Array(seq.length);
  for (let i = 0; i < seq.length; i++) [ha[i], hb[i]] = wordHash(seq[i], TAGS[tag]);
  for (let i = 0; i + n <= seq.length; i++) {
    let a = TAGS[tag] + n;
    let b = 0x9e3779b9 ^ n;
    for (let k = i; k < i + n; k++) {
      a = Math.imul(a ^ ha[k], 0x85ebca6b);
      a ^= a >>> 13;
      b = Math.imul(b ^ hb[k], 0xc2b2ae35);
      b ^= b >>> 16;
    }
    const h = (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
    if (h % sample === 0) into.add(h);
  }
}

/** The distinct fingerprints of a text, as stored for a document and looked up for a query. */
export function fingerprints(ws: readonly Word[]): number[] {
  const out = new Set<number>();
  grams(
    ws.filter((w) => w.stop).map((w) => w.norm),
    STOP_GRAM,
    'stop',
    out,
  );
  grams(
    ws.map((w) => w.norm),
    SHINGLE,
    'word',
    out,
    SHINGLE_SAMPLE,
  );
  grams(
    ws.filter((w) => w.immutable).map((w) => w.norm),
    2,
    'immutable',
    out,
  );
  return [...out];
}
