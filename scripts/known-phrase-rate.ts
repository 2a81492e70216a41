/**
 * How often clean text holds known tortured phrases: counts the training list's phrases
 * (as the product finds them) in the development texts, which are clean prose, and with
 * --write stores the rate per word in src/verdict/known-phrases.json for the verdict.
 * Then the same in clean stand-ins for papers: Brown's learned texts, each with ten correct
 * terms of the training rows in the tortured benchmark's template sentence — the vocabulary
 * a clean paper shares with the list.
 *
 *   npx tsx scripts/known-phrase-rate.ts [--write]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brownFiles, brownSentences, loadDevDocuments } from '../bench/corpora.js';
import { repoRoot } from '../bench/lexicon.js';
import { readPhrases, withPhrases } from '../bench/papers.js';
import { rngFor, shuffled } from '../bench/prng.js';
import { collectKnownPhrases } from '../src/channel/known-phrases.js';
import { sentencesOf } from '../src/channel/positions.js';
import { loadResources } from '../src/resources/index.js';
import { tokenize } from '../src/text/tokenize.js';
import { MAX_CLEAN_TAIL, MIN_KNOWN_PHRASES } from '../src/verdict/known-phrases.js';
import { countedLengths } from './lib/rare-count.js';

const res = loadResources();

interface Count {
  texts: number;
  words: number;
  matches: number;
  byCount: Map<number, number>;
  seen: Map<string, number>;
}

function count(texts: Iterable<string>): Count {
  const c: Count = { texts: 0, words: 0, matches: 0, byCount: new Map(), seen: new Map() };
  for (const text of texts) {
    const found = new Set<string>();
    for (const sentence of sentencesOf(tokenize(text), res.lm, res.lexicon)) {
      c.words += sentence.length;
      collectKnownPhrases(sentence, res.lexicon, found);
    }
    c.texts++;
    c.matches += found.size;
    c.byCount.set(found.size, (c.byCount.get(found.size) ?? 0) + 1);
    for (const phrase of found) c.seen.set(phrase, (c.seen.get(phrase) ?? 0) + 1);
  }
  return c;
}

function report(name: string, c: Count): void {
  console.log(`${name}: ${c.texts} texts, ${c.words} words, ${c.matches} known phrases`);
  console.log(
    '  texts by distinct known phrases:',
    [...c.byCount]
      .sort((a, b) => a[0] - b[0])
      .map(([k, n]) => `${k}: ${n}`)
      .join(', '),
  );
  console.log('  phrases:', [...c.seen].map(([p, n]) => `${p} (${n})`).join(', ') || 'none');
}

const documents = loadDevDocuments();
const dev = count(documents.map((d) => d.text));
report('development texts', dev);
const { words, matches } = dev;

const terms = shuffled(
  rngFor(1, 'known-phrase-rate/terms'),
  readPhrases(join(repoRoot(), 'data', 'tortured-phrases-train.tsv')).map((row) => row.correct),
);
const papers = brownFiles((name) => name.startsWith('cj')).map(
  (file, i) => withPhrases(brownSentences(file), terms.slice(i * 10, i * 10 + 10), ' ').text,
);
report('clean papers (Brown learned texts with 10 correct terms each)', count(papers));
// One match added, so that a list no clean text matches still gets a rate above zero.
const cleanRatePerWord = (matches + 1) / words;
console.log(`clean rate: ${cleanRatePerWord.toExponential(3)} per word`);
const sign = { minCount: MIN_KNOWN_PHRASES, cleanRatePerWord };
console.log(`at that rate (P(N ≥ k) ≤ ${MAX_CLEAN_TAIL}): ${countedLengths(sign, 2)}`);
if (process.argv.includes('--write')) {
  const out = {
    cleanRatePerWord: Number(cleanRatePerWord.toPrecision(4)),
    measuredOn: `${documents.length} development texts (${words} words; Brown outside press reportage, SOTU before 1900 or of odd years, nlp-corpus): ${matches} known tortured phrases, plus one, by scripts/known-phrase-rate.ts`,
  };
  writeFileSync(
    new URL('../src/verdict/known-phrases.json', import.meta.url),
    `${JSON.stringify(out, null, 2)}\n`,
  );
  console.log('wrote src/verdict/known-phrases.json');
}
