/**
 * Development tool, DEV split only: would a trigram model of the development corpora, laid
 * over the speech model, restore news better? It counts trigrams in the dev documents of
 * the given sources, leaving out every source file that an evaluated document comes from,
 * and scores each word by absolute discounting that backs off, trigram → bigram → the
 * product's model (so a context the counts never saw is scored as before). Then spinner-A
 * news at 25% is checked and restored with and without it, per corpus of the evaluated
 * documents. Nothing here changes the product.
 *   npx tsx scripts/dev-trigram.ts [documents] [sources, default brown,sotu] [discount]
 */
import { type DevSource, loadDevDocuments } from '../bench/corpora.js';
import { sentencesOf } from '../src/channel/positions.js';
import { type LanguageModel, loadResources } from '../src/resources/index.js';
import { tokenize } from '../src/text/tokenize.js';
import { measureDevNews } from './lib/dev-news.js';

const documents = Number(process.argv[2] ?? 120);
const sources = (process.argv[3] ?? 'brown,sotu').split(',') as DevSource[];
const discount = Number(process.argv[4] ?? 0.8);
const res = loadResources();
const evaluated = loadDevDocuments({ sources: ['brown', 'sotu'], seed: 11, maxDocuments: documents });
const fileOf = (id: string) => id.split('#')[0];
const heldOut = new Set(evaluated.map((d) => fileOf(d.id)));

/** Counts of n-grams and of their contexts (total and distinct followers), keyed by ids. */
interface Counted {
  grams: Map<number, number>;
  contexts: Map<number, { total: number; types: number }>;
}
const counted = (): Counted => ({ grams: new Map(), contexts: new Map() });
const SHIFT = 2 ** 17;
function add(into: Counted, context: number, word: number): void {
  const key = context * SHIFT + word;
  const n = (into.grams.get(key) ?? 0) + 1;
  into.grams.set(key, n);
  const c = into.contexts.get(context) ?? { total: 0, types: 0 };
  c.total++;
  if (n === 1) c.types++;
  into.contexts.set(context, c);
}

function trainedOver(base: LanguageModel): { score: LanguageModel['score']; words: number } {
  const bigrams = counted();
  const trigrams = counted();
  let words = 0;
  const training = loadDevDocuments({ sources, seed: 11 }).filter((d) => !heldOut.has(fileOf(d.id)));
  for (const doc of training) {
    for (const sentence of sentencesOf(tokenize(doc.text), base, res.lexicon)) {
      const ids = [base.sentenceStart, ...sentence.flatMap((p) => p.lmIds), base.sentenceEnd];
      words += ids.length - 2;
      for (let i = 1; i < ids.length; i++) {
        const [h2, h1, w] = [i > 1 ? ids[i - 2] : -1, ids[i - 1], ids[i]];
        if (w < 0 || h1 < 0) continue;
        add(bigrams, h1, w);
        if (i === 1 || h2 >= 0) add(trigrams, (h2 + 1) * SHIFT + h1, w);
      }
    }
  }
  const discounted = (into: Counted, context: number, word: number, lower: number) => {
    const c = into.contexts.get(context);
    if (!c) return lower;
    const n = into.grams.get(context * SHIFT + word) ?? 0;
    return Math.max(n - discount, 0) / c.total + ((discount * c.types) / c.total) * lower;
  };
  const baseScore = base.score.bind(base);
  const cache = new Map<number, number>();
  const score = (w: number, h1: number, h2: number) => {
    if (w < 0 || h1 < 0) return baseScore(w, h1, h2);
    const key = ((h2 + 1) * SHIFT + (h1 + 1)) * SHIFT + w;
    let out = cache.get(key);
    if (out === undefined) {
      const bigram = discounted(bigrams, h1, w, 10 ** baseScore(w, h1, h2));
      out = Math.fround(Math.log10(discounted(trigrams, (h2 + 1) * SHIFT + h1, w, bigram)));
      cache.set(key, out);
    }
    return out;
  };
  return { score, words };
}

measureDevNews('speech model', evaluated);
const { score, words } = trainedOver(res.lm);
// The product reads the model through `res.lm.score`; the calibration stays as fitted.
(res.lm as { score: LanguageModel['score'] }).score = score;
measureDevNews(
  `with a trigram of ${words.toLocaleString('en-US')} dev words (${sources.join(', ')}, d = ${discount})`,
  evaluated,
);
console.log(`(${evaluated.length} dev documents; their ${heldOut.size} source files left out of the counts)`);
