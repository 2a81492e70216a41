/**
 * How often clean text is read as listed terms: counts, in each development text, the
 * different listed terms its findings read it as with confidence (`countTermReadings`, the
 * findings weighed by the verdict without this evidence, as `check` does), and with --write
 * stores the rate per word in src/verdict/term-readings.json for the verdict. Run it on the
 * shipped resources: the rate belongs to the lexicon that reads the text.
 *
 * With the development resources (UNSPIN_DEV_HOLDOUT=1 setup), it also counts them in the
 * development papers (Brown's learned texts with five held-out tortured phrases each) and
 * their clean twins: the numbers MIN_TERM_READINGS was chosen by.
 *
 *   npx tsx scripts/term-reading-rate.ts [--write] [--max N]
 *   UNSPIN_RESOURCES=/tmp/devres npx tsx scripts/term-reading-rate.ts --papers
 */
import { writeFileSync } from 'node:fs';
import { loadDevDocuments } from '../bench/corpora.js';
import { judgeText } from '../src/api/pipeline.js';
import { analyzeText } from '../src/decode/analyze.js';
import { loadResources } from '../src/resources/index.js';
import { MAX_CLEAN_TAIL } from '../src/verdict/known-phrases.js';
import { MIN_TERM_READINGS } from '../src/verdict/term-readings.js';
import { devPapers, hasDevHoldout } from './lib/dev-papers.js';
import { countedLengths } from './lib/rare-count.js';

const res = loadResources();

interface Count {
  texts: number;
  words: number;
  readings: number;
  byCount: Map<number, number>;
}

function count(texts: Iterable<string>): Count {
  const c: Count = { texts: 0, words: 0, readings: 0, byCount: new Map() };
  for (const text of texts) {
    const { findings, evidence } = analyzeText(text, res, 0.05);
    const n = judgeText(findings, evidence).verdict.termReadings;
    c.texts++;
    c.words += evidence.words;
    c.readings += n;
    c.byCount.set(n, (c.byCount.get(n) ?? 0) + 1);
  }
  return c;
}

function report(name: string, c: Count): void {
  const byCount = [...c.byCount].sort((a, b) => a[0] - b[0]).map(([k, n]) => `${k}: ${n}`);
  console.log(`${name}: ${c.texts} texts, ${c.words} words, ${c.readings} listed-term readings`);
  console.log(`  texts by distinct readings: ${byCount.join(', ')}`);
}

if (process.argv.includes('--papers')) {
  if (!hasDevHoldout()) {
    console.error(
      '--papers needs the development resources: UNSPIN_DEV_HOLDOUT=1 UNSPIN_RESOURCES=/tmp/devres npm run setup',
    );
    process.exit(2);
  }
  const papers = devPapers({ perPaper: () => 5 });
  report(
    'development papers, 5 held-out tortured phrases each',
    count(papers.filter((p) => p.spun).map((p) => p.text)),
  );
  report('their clean twins (the correct terms)', count(papers.filter((p) => !p.spun).map((p) => p.text)));
} else {
  const at = process.argv.indexOf('--max');
  const max = at > 0 ? Number(process.argv[at + 1]) : undefined;
  const documents = loadDevDocuments({ maxDocuments: max });
  const dev = count(documents.map((d) => d.text));
  report('development texts', dev);
  // One reading added, so that a rate measured as zero stays above it.
  const cleanRatePerWord = (dev.readings + 1) / dev.words;
  console.log(`clean rate: ${cleanRatePerWord.toExponential(3)} per word`);
  const sign = { minCount: MIN_TERM_READINGS, cleanRatePerWord };
  console.log(`at that rate (P(N ≥ k) ≤ ${MAX_CLEAN_TAIL}): ${countedLengths(sign, 3)}`);
  if (process.argv.includes('--write')) {
    const out = {
      cleanRatePerWord: Number(cleanRatePerWord.toPrecision(4)),
      measuredOn: `${dev.texts} development texts (${dev.words} words; Brown outside press reportage, SOTU before 1900 or of odd years, nlp-corpus), shipped resources: ${dev.readings} distinct listed-term readings, plus one, by scripts/term-reading-rate.ts`,
    };
    writeFileSync(
      new URL('../src/verdict/term-readings.json', import.meta.url),
      `${JSON.stringify(out, null, 2)}\n`,
    );
    console.log('wrote src/verdict/term-readings.json');
  }
}
