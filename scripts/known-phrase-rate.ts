/**
 * How often clean text holds known tortured phrases: counts the training list's phrases
 * (as the product finds them) in the development texts, which are clean prose, and with
 * --write stores the rate per word in src/verdict/known-phrases.json for the verdict.
 *
 *   npx tsx scripts/known-phrase-rate.ts [--write]
 */
import { writeFileSync } from 'node:fs';
import { loadDevDocuments } from '../bench/corpora.js';
import { collectKnownPhrases } from '../src/channel/known-phrases.js';
import { sentencesOf } from '../src/channel/positions.js';
import { loadResources } from '../src/resources/index.js';
import { tokenize } from '../src/text/tokenize.js';

const res = loadResources();
const documents = loadDevDocuments();
let words = 0;
let matches = 0;
const byCount = new Map<number, number>();
const seen = new Map<string, number>();
for (const doc of documents) {
  const found = new Set<string>();
  for (const sentence of sentencesOf(tokenize(doc.text), res.lm, res.lexicon)) {
    words += sentence.length;
    collectKnownPhrases(sentence, res.lexicon, found);
  }
  matches += found.size;
  byCount.set(found.size, (byCount.get(found.size) ?? 0) + 1);
  for (const phrase of found) seen.set(phrase, (seen.get(phrase) ?? 0) + 1);
}
// One match added, so that a list no clean text matches still gets a rate above zero.
const cleanRatePerWord = (matches + 1) / words;
console.log(`${documents.length} development texts, ${words} words: ${matches} known phrases`);
console.log(
  'texts by distinct known phrases:',
  [...byCount]
    .sort((a, b) => a[0] - b[0])
    .map(([k, n]) => `${k}: ${n}`)
    .join(', '),
);
console.log('phrases:', [...seen].map(([p, n]) => `${p} (${n})`).join(', ') || 'none');
console.log(`clean rate: ${cleanRatePerWord.toExponential(3)} per word`);
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
