/**
 * Passages: runs of consecutive sentences whose lengths spread evenly over a band, as a user
 * pastes a sentence, a paragraph or a few. The benchmark measures the verdict on short texts
 * with them (measure split), and scripts/tune.ts fits the short-text bars on them (dev split):
 * whole documents leave the shortest lengths out, and a bar fitted on a hundred texts calls
 * its "1%" on one or two of them.
 */
import { type BenchDocument, splitSentences } from './corpora.js';
import { rngFor } from './prng.js';
import { countWords } from './text.js';

export interface Passage {
  /** The document it was taken from. */
  id: string;
  text: string;
}

/**
 * `count` passages of `minWords` to `maxWords` words, each from its own document of
 * `documents` not in `exclude`, the target length drawn uniformly.
 */
export function passages(
  documents: readonly BenchDocument[],
  count: number,
  minWords: number,
  maxWords: number,
  seed: number,
  exclude: ReadonlySet<string> = new Set(),
): Passage[] {
  const rng = rngFor(seed, `passages/${minWords}-${maxWords}`);
  const out: Passage[] = [];
  for (const doc of documents) {
    if (out.length >= count) break;
    if (exclude.has(doc.id)) continue;
    const sentences = splitSentences(doc.text);
    const target = minWords + Math.floor(rng() * (maxWords - minWords + 1));
    const start = Math.floor(rng() * sentences.length);
    let [from, to] = [start, start];
    // Forward from a random sentence, then back, while the passage stays within its target.
    const fits = (a: number, b: number) => countWords(sentences.slice(a, b).join(' ')) <= target;
    while (to < sentences.length && fits(from, to + 1)) to++;
    while (from > 0 && fits(from - 1, to)) from--;
    const text = sentences.slice(from, to).join(' ');
    if (countWords(text) >= minWords) out.push({ id: doc.id, text });
  }
  return out;
}

/** Fewest words of band `k` of `bands` (most words each): one more than the band before, 3 for the first. */
export const bandStart = (bands: readonly number[], k: number): number => (k > 0 ? bands[k - 1] + 1 : 3);

/**
 * Draws `perBand` passages of each band (`bandStart` to its most words) from `documents`,
 * never two from one document over all draws: a later draw holds other documents than an
 * earlier one.
 */
export function passageDrawer(
  documents: readonly BenchDocument[],
  bands: readonly number[],
  seed: number,
): (perBand: number) => Passage[][] {
  const used = new Set<string>();
  return (perBand) =>
    bands.map((most, k) => {
      const drawn = passages(documents, perBand, bandStart(bands, k), most, seed, used);
      for (const passage of drawn) used.add(passage.id);
      return drawn;
    });
}
