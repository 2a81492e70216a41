/**
 * Reader and scorer for the CMU Sphinx "Trie Language Model" binary format
 * (`en-us.lm.bin`): a quantised, bit-packed, reversed trie of 1- to 3-grams.
 *
 * Layout (all little-endian): header string, order (u8), n-gram counts (u32 each),
 * quantiser type (i32) and tables (float32 bins), unigrams {prob, backoff, next}
 * (f32, f32, u32; one extra sentinel), bit-packed middle and longest n-gram arrays,
 * then the vocabulary as NUL-separated strings. Contexts are stored reversed: the
 * bigram "a b" is found under unigram b, entry a; its `next` points at trigrams
 * "x a b" stored under it as entries x. Values are stored in sphinxbase "logmath" units
 * (log base 1.0001); they are converted to log10 at load.
 */
import { ResourceError, SETUP_HINT } from './errors.js';
import { decodeWrittenBigrams, writtenMixer } from './written-bigrams.js';

const HEADER = 'Trie Language Model';
const QUANT_BITS = 16;
/** log10(1.0001): sphinxbase log units to log10. */
const LOGMATH_TO_LOG10 = Math.log10(1.0001);

function requiredBits(maxValue: number): number {
  let bits = 0;
  let v = maxValue;
  while (v > 0) {
    bits++;
    v = Math.floor(v / 2);
  }
  return bits;
}

function baseSize(entries: number, maxVocab: number, remainingBits: number): number {
  const totalBits = requiredBits(maxVocab) + remainingBits;
  return Math.floor(((1 + entries) * totalBits + 7) / 8) + 8;
}

/** A bit-packed array of n-gram entries: word id, quantised values, optional next pointer. */
class PackedLevel {
  readonly wordBits: number;
  readonly totalBits: number;
  readonly nextBits: number;
  constructor(
    private readonly bytes: Uint8Array,
    readonly entries: number,
    maxVocab: number,
    readonly quantBits: number,
    maxNext: number,
  ) {
    this.wordBits = requiredBits(maxVocab);
    this.nextBits = maxNext > 0 ? requiredBits(maxNext) : 0;
    this.totalBits = this.wordBits + quantBits + this.nextBits;
  }

  /** Reads `bits` (≤ 25) bits starting at bit position `bit`. */
  read(bit: number, bits: number): number {
    const byte = bit >>> 3;
    const shift = bit & 7;
    const b = this.bytes;
    // 25 + 7 bits fit in 4 bytes; read them as an unsigned 32-bit little-endian value.
    const v = (b[byte] | (b[byte + 1] << 8) | (b[byte + 2] << 16) | (b[byte + 3] << 24)) >>> 0;
    return (v >>> shift) & ((1 << bits) - 1);
  }

  word(index: number): number {
    return this.read(index * this.totalBits, this.wordBits);
  }
  quant(index: number, offset: number): number {
    return this.read(index * this.totalBits + this.wordBits + offset, QUANT_BITS);
  }
  next(index: number): number {
    return this.read(index * this.totalBits + this.wordBits + this.quantBits, this.nextBits);
  }

  /** Binary search for `word` among entries [begin, end), sorted by word id. −1 when absent. */
  find(begin: number, end: number, word: number): number {
    let lo = begin;
    let hi = end - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const w = this.word(mid);
      if (w === word) return mid;
      if (w < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

export interface LanguageModel {
  readonly vocabularySize: number;
  /** Word id of a lower-case word, or −1 when the model has never seen it. */
  id(word: string): number;
  word(id: number): string;
  /** log10 P(w | h2 h1); h1 is the previous word, h2 the one before (−1 for none). */
  score(w: number, h1: number, h2: number): number;
  /** log10 unigram probability. */
  unigram(w: number): number;
  readonly sentenceStart: number;
  readonly sentenceEnd: number;
  /** log10 probability given to a word the model has never seen. */
  readonly unseenWordLogProb: number;
}

/**
 * Reads the model. With `written` (compiled bigram counts of written English and their
 * weight), each bigram probability is mixed with the written counts (see `writtenMixer`).
 */
export function readLanguageModel(
  buffer: Uint8Array,
  written?: { bigrams: Uint8Array; weight: number },
): LanguageModel {
  const fail = (why: string) =>
    new ResourceError(`The language model file is corrupt (${why}). ${SETUP_HINT}`, 'resource-corrupt');
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const header = new TextDecoder('latin1').decode(buffer.subarray(0, HEADER.length));
  if (header !== HEADER) throw fail('bad header');
  let p = HEADER.length;
  const order = buffer[p++];
  if (order !== 3) throw fail(`expected a trigram model, found order ${order}`);
  const counts = [0, 0, 0].map((_, i) => view.getUint32(p + 4 * i, true));
  p += 12;
  p += 4; // quantiser type: always 16-bit bins in this format
  const binCount = 1 << QUANT_BITS;
  // Middle order: probability and backoff tables; longest order: probability only.
  const tableBytes = (2 * binCount + binCount) * 4;
  if (p + tableBytes > buffer.byteLength) throw fail('truncated');
  const tables = new Float32Array(
    buffer.buffer.slice(buffer.byteOffset + p, buffer.byteOffset + p + tableBytes),
  );
  for (let i = 0; i < tables.length; i++) tables[i] *= LOGMATH_TO_LOG10;
  const midProb = tables.subarray(0, binCount);
  const midBackoff = tables.subarray(binCount, 2 * binCount);
  const longProb = tables.subarray(2 * binCount, 3 * binCount);
  p += tableBytes;

  const unigramBytes = 12 * (counts[0] + 1);
  const uni = new DataView(buffer.buffer, buffer.byteOffset + p, unigramBytes);
  const uniProb = new Float32Array(counts[0] + 1);
  const uniBackoff = new Float32Array(counts[0] + 1);
  const uniNext = new Uint32Array(counts[0] + 1);
  for (let i = 0; i <= counts[0]; i++) {
    uniProb[i] = uni.getFloat32(12 * i, true) * LOGMATH_TO_LOG10;
    uniBackoff[i] = uni.getFloat32(12 * i + 4, true) * LOGMATH_TO_LOG10;
    uniNext[i] = uni.getUint32(12 * i + 8, true);
  }
  p += unigramBytes;

  const midSize = baseSize(counts[1], counts[0], 2 * QUANT_BITS + requiredBits(counts[2]));
  const longSize = baseSize(counts[2], counts[0], QUANT_BITS);
  if (p + midSize + longSize + 4 > buffer.byteLength) throw fail('truncated');
  const middle = new PackedLevel(
    buffer.subarray(p, p + midSize),
    counts[1],
    counts[0],
    2 * QUANT_BITS,
    counts[2],
  );
  p += midSize;
  const longest = new PackedLevel(buffer.subarray(p, p + longSize), counts[2], counts[0], QUANT_BITS, 0);
  p += longSize;

  const vocabBytes = view.getInt32(p, true);
  p += 4;
  if (p + vocabBytes !== buffer.byteLength) throw fail('vocabulary size mismatch');
  const words = new TextDecoder('utf-8').decode(buffer.subarray(p, p + vocabBytes)).split('\0');
  words.length = counts[0];
  const ids = new Map<string, number>();
  for (let i = 0; i < words.length; i++) ids.set(words[i], i);

  // The model has no <unk>: an unseen word scores like the rarest word it knows, so that a
  // rare word is not "corrected" merely because the model has not seen it.
  let rarest = 0;
  for (let i = 0; i < counts[0]; i++) if (uniProb[i] > -90) rarest = Math.min(rarest, uniProb[i]);
  const sentenceStart = ids.get('<s>') ?? -1;
  const sentenceEnd = ids.get('</s>') ?? -1;
  if (sentenceStart < 0 || sentenceEnd < 0) throw fail('no sentence markers');

  // Decoding asks for the same trigrams again and again (the same context for every
  // candidate, every EM iteration): a direct-mapped cache halves the work.
  const CACHE_BITS = 20;
  // Key and value side by side (one memory access per look-up). Every score is returned at
  // single precision, whether or not it was in the cache: a score that came back more
  // precise on a miss than on a hit made a text's result depend on what the process had
  // checked before it (and on the cache's size).
  const cache = new Float64Array(2 << CACHE_BITS).fill(-1);
  const SHIFT = 2 ** 17;
  function score(w: number, h1: number, h2: number): number {
    const key = ((h2 + 1) * SHIFT + (h1 + 1)) * SHIFT + (w + 1);
    const slot =
      ((Math.imul(w + 1, 0x9e3779b1) ^ Math.imul(h1 + 1, 0x85ebca6b) ^ Math.imul(h2 + 2, 0xc2b2ae35)) >>>
        (32 - CACHE_BITS)) <<
      1;
    if (cache[slot] === key) return cache[slot + 1];
    const value = Math.fround(computeScore(w, h1, h2));
    cache[slot] = key;
    cache[slot + 1] = value;
    return value;
  }

  const mix = written
    ? writtenMixer(decodeWrittenBigrams(written.bigrams, counts[0]), written.weight)
    : undefined;

  function computeScore(w: number, h1: number, h2: number): number {
    const speech = speechScore(w, h1, h2);
    return mix && w >= 0 ? mix(speech, w, h1) : speech;
  }

  function speechScore(w: number, h1: number, h2: number): number {
    if (w < 0) return rarest + (h1 >= 0 ? uniBackoff[h1] : 0);
    let prob = uniProb[w];
    if (h1 < 0) return prob;
    const bigram = middle.find(uniNext[w], uniNext[w + 1], h1);
    if (bigram < 0) {
      prob += uniBackoff[h1];
      if (h2 >= 0) prob += contextBackoff(h1, h2);
      return prob;
    }
    prob = midProb[middle.quant(bigram, QUANT_BITS)];
    if (h2 < 0) return prob;
    const trigram = longest.find(middle.next(bigram), middle.next(bigram + 1), h2);
    if (trigram < 0) return prob + contextBackoff(h1, h2);
    return longProb[longest.quant(trigram, 0)];
  }

  /** Backoff weight of the bigram context "h2 h1" (0 when the bigram is unseen). */
  function contextBackoff(h1: number, h2: number): number {
    const entry = middle.find(uniNext[h1], uniNext[h1 + 1], h2);
    return entry < 0 ? 0 : midBackoff[middle.quant(entry, 0)];
  }

  return {
    vocabularySize: counts[0],
    id: (word) => ids.get(word) ?? -1,
    word: (id) => words[id],
    score,
    unigram: (w) => (w < 0 ? rarest : uniProb[w]),
    sentenceStart,
    sentenceEnd,
    unseenWordLogProb: rarest,
  };
}
