/**
 * A language model of established multi-word terms ("feature extraction", "support vector
 * machine"): a bigram model over the words of the known terms, each term read as
 * `<t> w1 … wn </t>`, with absolute discounting and Kneser–Ney continuation unigrams.
 * It scores terms it has never seen by how term-like their words and word pairs are
 * ("feature descriptor" high: "feature" starts many terms, "descriptor" ends some;
 * "include descriptor" low), which the speech-trained sentence model cannot judge.
 * Built at load time from the lexicon's term list (a few thousand phrases, milliseconds).
 */

export interface TermModel {
  /** Whether the word occurs in some known term. */
  has(word: string): boolean;
  /** log10 P(the term is exactly these words). */
  logProb(words: readonly string[]): number;
  /** The model's id of a word (−1 when it occurs in no term), and of the term boundaries. */
  id(word: string): number;
  readonly start: number;
  readonly end: number;
  /** log10 P(b | a) for model ids. */
  logBigram(a: number, b: number): number;
}

/** Absolute discount of the bigram counts. */
const DISCOUNT = 0.75;
/** Pseudo-count of a word never seen in a term, and the vocabulary it is spread over. */
const UNSEEN = 0.1;
const VOCABULARY = 100_000;
const START = '<t>';
const END = '</t>';

export function buildTermModel(terms: Iterable<string>): TermModel {
  const ids = new Map<string, number>([
    [START, 0],
    [END, 1],
  ]);
  const id = (w: string) => {
    let v = ids.get(w);
    if (v === undefined) {
      v = ids.size;
      ids.set(w, v);
    }
    return v;
  };
  const pairs = new Map<number, number>();
  const key = (a: number, b: number) => a * 0x100000 + b;
  for (const term of terms) {
    const words = [0, ...term.split(' ').map(id), 1];
    for (let i = 1; i < words.length; i++) {
      const k = key(words[i - 1], words[i]);
      pairs.set(k, (pairs.get(k) ?? 0) + 1);
    }
  }
  const size = ids.size;
  const contextCount = new Float64Array(size);
  const contextTypes = new Float64Array(size);
  const continuation = new Float64Array(size);
  for (const [k, count] of pairs) {
    const a = Math.floor(k / 0x100000);
    const b = k % 0x100000;
    contextCount[a] += count;
    contextTypes[a]++;
    continuation[b]++;
  }
  const continuationTotal = pairs.size + UNSEEN * VOCABULARY;
  const unigram = (b: number) => ((b >= 0 ? continuation[b] : 0) + UNSEEN) / continuationTotal;
  const bigram = (a: number, b: number): number => {
    const n = a >= 0 ? contextCount[a] : 0;
    if (n === 0) return unigram(b);
    const seen = b >= 0 ? (pairs.get(key(a, b)) ?? 0) : 0;
    return Math.max(seen - DISCOUNT, 0) / n + ((DISCOUNT * contextTypes[a]) / n) * unigram(b);
  };
  const logBigram = (a: number, b: number) => Math.log10(bigram(a, b));
  return {
    id: (word) => ids.get(word) ?? -1,
    start: 0,
    end: 1,
    logBigram,
    has: (word) => ids.has(word) && word !== START && word !== END,
    logProb(words) {
      let total = 0;
      let previous = 0;
      for (const w of words) {
        const current = ids.get(w) ?? -1;
        total += logBigram(previous, current);
        previous = current;
      }
      return total + logBigram(previous, 1);
    },
  };
}
