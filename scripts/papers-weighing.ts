/**
 * Development papers: Brown's learned texts, each with five held-out tortured phrases in the
 * tortured benchmark's template sentence, alone or with two known tortured phrases of the
 * development lexicon; and their clean twins (the correct terms instead). Compares three ways
 * of weighing the findings:
 * - every finding by the document's spin probability;
 * - the product's `judgeText`: readings as listed terms by the spin probability, raised by the
 *   fingerprints and by the readings themselves (counted once, weighed without them), the
 *   others by the probability that the text was spun throughout;
 * - the same with readings as listed terms weighed without the readings' own evidence.
 * Reports held-out phrases restored, words changed outside the added phrases, and the
 * calibration (expected calibration error, 10 bins) of the confidence of readings as listed
 * terms: right when they overlap a tortured phrase (held-out or known).
 *
 *   UNSPIN_RESOURCES=/tmp/devres npx tsx scripts/papers-weighing.ts
 */
import { type Calibrated, calibration } from '../bench/metrics.js';
import { scoreRestoration } from '../bench/papers.js';
import { overlaps } from '../bench/text.js';
import {
  DEFAULT_MIN_CONFIDENCE,
  judgeText,
  restorationChanges,
  weighFinding,
  weighFindings,
} from '../src/api/pipeline.js';
import { analyzeText } from '../src/decode/analyze.js';
import type { SpanFinding } from '../src/decode/findings.js';
import { loadResources } from '../src/resources/index.js';
import { judgeDocument } from '../src/verdict/document.js';
import { type DevPaper, devFingerprints, devPapers, hasDevHoldout, scoredPaper } from './lib/dev-papers.js';

if (!hasDevHoldout()) {
  console.error(
    'needs the development resources: UNSPIN_DEV_HOLDOUT=1 UNSPIN_RESOURCES=/tmp/devres npm run setup',
  );
  process.exit(2);
}
const res = loadResources();
const WAYS = {
  all: 'every finding by P(spun)',
  product: 'judgeText (the product)',
  withoutReadings: 'listed terms not raised by the readings',
} as const;
type Way = keyof typeof WAYS;

function measure(name: string, papers: readonly DevPaper[]): void {
  const tally = new Map<Way, { restored: number; other: number; listed: Calibrated[] }>();
  let phrases = 0;
  let words = 0;
  let calledSpun = 0;
  for (const paper of papers) {
    const { findings, evidence } = analyzeText(paper.text, res, 0.05);
    const { verdict, weighed } = judgeText(findings, evidence);
    if (verdict.verdict === 'spun') calledSpun++;
    words += evidence.words;
    const held = paper.spun ? paper.phrases : [];
    phrases += held.length;
    const ways: [Way, SpanFinding[]][] = [
      ['all', findings.map((f) => weighFinding(f, verdict.spinProbability))],
      ['product', weighed],
      ['withoutReadings', weighFindings(findings, judgeDocument(evidence))],
    ];
    const added = scoredPaper(paper.text, paper.phrases, paper.known);
    for (const [way, list] of ways) {
      const changes = restorationChanges(
        paper.text,
        list.filter((f) => f.confidence >= DEFAULT_MIN_CONFIDENCE),
        res.lm,
      );
      const score = scoreRestoration(added, held, changes);
      const t = tally.get(way) ?? { restored: 0, other: 0, listed: [] };
      t.restored += score.restored;
      t.other += score.otherWords;
      for (const f of list) {
        if (!f.listedTerm) continue;
        const correct = [...held, ...paper.known].some((p) => overlaps(f.offset, f.end, p.start, p.end));
        t.listed.push({ confidence: f.confidence, correct });
      }
      tally.set(way, t);
    }
  }
  console.log(`${name}: ${papers.length} papers, ${calledSpun} called spun, ${words} words`);
  for (const [way, t] of tally) {
    const restored =
      phrases > 0 ? `${((100 * t.restored) / phrases).toFixed(1)}% of held-out phrases restored, ` : '';
    const ece = calibration(t.listed).ece.toFixed(3);
    console.log(
      `  ${WAYS[way]}: ${restored}${((100 * t.other) / words).toFixed(3)} other words changed per 100, listed-term ECE ${ece} (${t.listed.length} readings)`,
    );
  }
}

const fingerprints = devFingerprints(res);
for (const known of [0, 2]) {
  const papers = devPapers({ perPaper: () => 5, knownPerPaper: known, fingerprints });
  const label = known ? `five held-out and ${known} known phrases` : 'five held-out phrases';
  measure(
    label,
    papers.filter((p) => p.spun),
  );
  const twins = known ? `the correct terms and ${known} known phrases` : 'the correct terms';
  measure(
    `clean twins (${twins})`,
    papers.filter((p) => !p.spun),
  );
}
