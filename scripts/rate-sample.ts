/**
 * Development tool, DEV split only: what estimating the spin rate on a sample of a long
 * text's sentences (RATE_SAMPLE_WORDS in src/decode/analyze.ts) changes, against other
 * sample sizes. Long texts of development documents (Brown and SOTU, joined), clean and
 * spun by spinner A at 25%, are analysed with each sample size: time, the rate, the
 * findings shared with the first sample size's (before the verdict weighs them; the
 * default first is larger than any text, so the whole text) and the verdict.
 *   npx tsx scripts/rate-sample.ts [words...] [--samples 1000000,20000,10000]
 */
import { loadDevDocuments } from '../bench/corpora.js';
import { createSpinner, spinDocument } from '../bench/spinner.js';
import { judgeText } from '../src/api/pipeline.js';
import { DEFAULT_SPINNER_MODEL } from '../src/channel/spinner-model.js';
import { type Analysis, analyzeText } from '../src/decode/analyze.js';
import { loadResources } from '../src/resources/index.js';

const at = process.argv.indexOf('--samples');
const samples = (at > 0 ? process.argv[at + 1] : '1000000,20000,10000').split(',').map(Number);
const lengths = process.argv
  .slice(2)
  .filter((a, i, all) => /^\d+$/.test(a) && all[i - 1] !== '--samples')
  .map(Number);
const res = loadResources();
const docs = loadDevDocuments({ sources: ['brown', 'sotu'], seed: 51 });
const spinner = createSpinner('A');

function devText(words: number): string {
  const parts: string[] = [];
  let total = 0;
  for (const doc of docs) {
    parts.push(doc.text);
    total += doc.words;
    if (total >= words) break;
  }
  return parts.join('\n\n');
}

const key = (a: Analysis) => new Set(a.findings.map((f) => `${f.offset}:${f.suggestions[0]}`));
// Warm the process up, so that the first timing does not pay for it.
analyzeText(devText(2000), res, 0.5);
for (const words of lengths.length ? lengths : [30_000, 60_000, 100_000]) {
  const clean = devText(words);
  for (const [name, text] of [
    ['clean', clean],
    ['spun', spinDocument(spinner, clean, 0.25, 7, `rate-sample/${words}`).text],
  ]) {
    let reference: Set<string> | undefined;
    for (const rateSampleWords of samples) {
      const started = performance.now();
      const analysis = analyzeText(text, res, 0.5, DEFAULT_SPINNER_MODEL, { rateSampleWords });
      const seconds = (performance.now() - started) / 1000;
      const found = key(analysis);
      reference ??= found;
      let shared = 0;
      for (const f of found) if (reference.has(f)) shared++;
      const { verdict } = judgeText(analysis.findings, analysis.evidence).verdict;
      console.log(
        `${name} ${analysis.evidence.words} words, sample ${rateSampleWords}: ${seconds.toFixed(2)} s, ` +
          `rate ${analysis.evidence.rate.toFixed(4)}, ${found.size} findings, ` +
          `${((100 * shared) / Math.max(1, reference.size)).toFixed(1)}% of the first sample's, ${verdict}`,
      );
    }
  }
}
