/**
 * Development papers with fingerprints: Brown's learned texts, each with five held-out
 * tortured phrases and two known tortured phrases of the development lexicon, in the tortured
 * benchmark's template sentence. Compares weighing every finding by the document's spin
 * probability (raised by the fingerprints) with the product's `weighFindings` (listed-term
 * readings by it, the others by the probability that the text was spun throughout): held-out
 * phrases restored, and words changed outside the added phrases.
 *
 *   UNSPIN_RESOURCES=/tmp/devres npx tsx scripts/papers-weighing.ts
 */
import { scoreRestoration } from '../bench/papers.js';
import { DEFAULT_MIN_CONFIDENCE, judgeText, restorationChanges, weighFinding } from '../src/api/pipeline.js';
import { analyzeText } from '../src/decode/analyze.js';
import type { SpanFinding } from '../src/decode/findings.js';
import { loadResources } from '../src/resources/index.js';
import { devFingerprints, devPapers, hasDevHoldout, scoredPaper } from './lib/dev-papers.js';

if (!hasDevHoldout()) {
  console.error(
    'needs the development resources: UNSPIN_DEV_HOLDOUT=1 UNSPIN_RESOURCES=/tmp/devres npm run setup',
  );
  process.exit(2);
}
const res = loadResources();
const papers = devPapers({ perPaper: () => 5, knownPerPaper: 2, fingerprints: devFingerprints(res) }).filter(
  (paper) => paper.spun,
);

const tally = { all: { restored: 0, other: 0 }, product: { restored: 0, other: 0 } };
let phrases = 0;
let words = 0;
let calledSpun = 0;
for (const paper of papers) {
  const { findings, evidence } = analyzeText(paper.text, res, 0.05);
  const { verdict, weighed } = judgeText(findings, evidence);
  if (verdict.verdict === 'spun') calledSpun++;
  words += evidence.words;
  phrases += paper.phrases.length;
  const ways: [keyof typeof tally, SpanFinding[]][] = [
    ['all', findings.map((f) => weighFinding(f, verdict.listedTermWeight))],
    ['product', weighed],
  ];
  const added = scoredPaper(paper.text, paper.phrases, paper.known);
  for (const [way, weighed] of ways) {
    const changes = restorationChanges(
      paper.text,
      weighed.filter((f) => f.confidence >= DEFAULT_MIN_CONFIDENCE),
      res.lm,
    );
    const score = scoreRestoration(added, paper.phrases, changes);
    tally[way].restored += score.restored;
    tally[way].other += score.otherWords;
  }
}
console.log(
  `${papers.length} papers, ${calledSpun} called spun, ${phrases} held-out phrases, ${words} words`,
);
for (const [way, t] of Object.entries(tally)) {
  console.log(
    `${way === 'all' ? 'every finding by P(spun)' : 'weighFindings'}: ${((100 * t.restored) / phrases).toFixed(1)}% of held-out phrases restored, ${((100 * t.other) / words).toFixed(2)} other words changed per 100`,
  );
}
