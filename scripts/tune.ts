/**
 * Development tool, DEV split only (never the measured documents): decodes clean and
 * spinner-A documents under the given model parameters, fits the document verdict on
 * them (so every setting is judged with its own calibration), and reports quality.
 *   UNSPIN_RESOURCES=/tmp/devres npx tsx scripts/tune.ts '{"languageModelWeight":0.9}' [documents] [--write]
 * --write stores the fitted verdict in src/verdict/calibration.json. It needs the development
 * resources (UNSPIN_DEV_HOLDOUT=1 UNSPIN_RESOURCES=/tmp/devres npm run setup), whose held-out
 * tortured rows make the dev papers for the listed-term scaling.
 */
import { writeFileSync } from 'node:fs';
import {
  addCounts,
  auc,
  type Counts,
  calibration,
  detectionCounts,
  prf,
  wordEdits,
} from '../bench/metrics.js';
import { scoreRestoration } from '../bench/papers.js';
import { createSpinner, spinDocument } from '../bench/spinner.js';
import type { Change } from '../src/api/index.js';
import {
  applyChanges,
  DEFAULT_MIN_CONFIDENCE,
  judgeText,
  restorationChanges,
  weighFindings,
} from '../src/api/pipeline.js';
import { DEFAULT_SPINNER_MODEL, type SpinnerModelParams } from '../src/channel/spinner-model.js';
import { type Analysis, analyzeText } from '../src/decode/analyze.js';
import { loadResources } from '../src/resources/index.js';
import {
  type Calibration,
  type DocumentVerdict,
  documentFeatures,
  judgeDocument,
  logit,
  spunBar,
} from '../src/verdict/document.js';
import { devFingerprints, devPapers, hasDevHoldout, scoredPaper } from './lib/dev-papers.js';
import { devTuningSets, KINDS, type Kind } from './lib/dev-sets.js';
import { fitLogistic, logistic } from './lib/logistic.js';
import { barFor, devPassageDrawer, passageReport } from './lib/short-bars.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const write = process.argv.includes('--write');
const params: SpinnerModelParams = { ...DEFAULT_SPINNER_MODEL, ...JSON.parse(args[0] ?? '{}') };
const documents = Number(args[1] ?? 80);
const RATES = [0.1, 0.15, 0.25, 0.4];
const SPUN_AT = 0.65;
const CLEAN_BELOW = 0.35;
/** Length bands (most words) of short texts that get their own bar for a "spun" verdict. */
const SHORT_BANDS = [15, 60];
/**
 * Length bands (most words) of the clean passages drawn: the short bands, and longer ones
 * reported at the article bar. (A bar for 61–150 words fitted like the short ones, 0.90,
 * calls 2.0% of other clean dev passages of that length spun instead of 5.5%, but 85.0% of
 * them spun by spinner A at 15% instead of 93.5%, and dev documents of 50–400 words at 15%
 * right 96.9% instead of 97.5%: measured with SHORT_BANDS = [15, 60, 150] and left out.)
 */
const PASSAGE_BANDS = [...SHORT_BANDS, 150, 400];
/**
 * Share of a band's clean dev passages its bar may call spun: the issue allows 2%, and a
 * share fitted on 800 passages is uncertain by about 0.4% (one standard error at 1.5%).
 */
const FALSE_SPUN_BUDGET = 0.015;
/** Clean passages per band the bars are fitted on, and the seed they are drawn with. */
const PASSAGES_PER_BAND = 800;
const PASSAGE_SEED = 13;
/** Passages from other documents, for what the bars do on texts they were not fitted on. */
const REPORT_PASSAGES_PER_BAND = 200;
const res = loadResources();
const spinner = createSpinner('A');

const sets = devTuningSets(documents);
const longDocs = sets.long;

interface Case {
  kind: Kind;
  rate: number;
  original: string;
  text: string;
  gold: { offset: number; length: number }[];
  analysis: Analysis;
}

const started = Date.now();
const cases: Case[] = [];
for (const kind of KINDS) {
  const docs = sets[kind];
  for (const doc of docs) {
    for (const rate of [0, ...RATES]) {
      const spun = rate ? spinDocument(spinner, doc.text, rate, 7, doc.id) : { text: doc.text, spans: [] };
      const gold = spun.spans.map((s) => ({ offset: s.spunOffset, length: s.spunLength }));
      cases.push({
        kind,
        rate,
        original: doc.text,
        text: spun.text,
        gold,
        analysis: analyzeText(spun.text, res, 0.05, params),
      });
    }
  }
}

const x = cases.map((c) => documentFeatures(c.analysis.evidence));
const y = cases.map((c) => (c.rate > 0 ? 1 : 0));
const positives = y.filter((v) => v === 1).length;
const weights = fitLogistic(x, y, (label) =>
  label ? cases.length / (2 * positives) : cases.length / (2 * (cases.length - positives)),
);

// The bar of each short band: the lowest that calls at most FALSE_SPUN_BUDGET of the band's
// clean passages spun (bench/passages.ts: hundreds per band, of every length in it). Fitted
// on the lattice evidence alone (`spunThroughout`); the verdict compares the larger of it and
// the probabilities from known tortured phrases and term readings, which clean passages
// seldom raise (the report below judges with the whole verdict).
const probabilityOf = (text: string) => {
  const { evidence } = analyzeText(text, res, 0.05, params);
  return { words: evidence.words, p: logistic(weights, documentFeatures(evidence)) };
};
const bandOf = (words: number) => PASSAGE_BANDS.findIndex((most) => words <= most);
const drawDevPassages = devPassageDrawer(PASSAGE_BANDS, PASSAGE_SEED);
const fitScores: number[][] = PASSAGE_BANDS.map(() => []);
for (const passages of drawDevPassages(PASSAGES_PER_BAND)) {
  for (const passage of passages) {
    const { words, p } = probabilityOf(passage.text);
    fitScores[bandOf(words)]?.push(p);
  }
}
PASSAGE_BANDS.forEach((words, k) => {
  const atBase = fitScores[k].filter((p) => p >= SPUN_AT).length / Math.max(1, fitScores[k].length);
  console.log(
    `texts of ≤${words} words: ${(100 * atBase).toFixed(1)}% of ${fitScores[k].length} clean passages called spun at ${SPUN_AT}`,
  );
});
const spunAtShort = SHORT_BANDS.map((words, k) => ({
  words,
  spunAt: barFor(fitScores[k], FALSE_SPUN_BUDGET, SPUN_AT),
}));
console.log(`short-text bars: ${spunAtShort.map((b) => `≤${b.words} words ${b.spunAt}`).join(', ')}`);

// Papers with a few held-out tortured phrases, and their clean twins (dev resources only:
// the phrases must be unknown to the lexicon). Not in the verdict's fit: a paper mill's
// paper is not spun throughout, and its verdict is the news verdict's to give.
if (write && !hasDevHoldout()) {
  throw new Error(
    'fitting needs the development resources: UNSPIN_DEV_HOLDOUT=1 UNSPIN_RESOURCES=/tmp/devres npm run setup, then run with UNSPIN_RESOURCES=/tmp/devres',
  );
}
// Half of them also hold two known tortured phrases, as a paper the screeners flag does.
// Those are reported, not fitted on: fitting the listed-term scaling on them too (where
// known phrases raise the P(spun) it is applied with) lowered restore@1 on dev tortured
// sentences from 28.6% to 27.6% and the held-out phrases restored in such papers
// (scripts/papers-weighing.ts) from 35.3% to 32.5%.
const papers = hasDevHoldout()
  ? [
      ...devPapers({ perPaper: (i) => (i % 2 ? 3 : 10) }),
      ...devPapers({
        perPaper: (i) => (i % 2 ? 10 : 3),
        knownPerPaper: 2,
        fingerprints: devFingerprints(res),
      }),
    ].map((paper) => ({
      ...paper,
      analysis: analyzeText(paper.text, res, 0.05, params),
    }))
  : [];

// Finding confidences: a Platt scaling of P(changed | spun)·P(spun) against whether the
// span really was changed, fitted on the same dev texts; readings of listed terms get
// their own, which may also lean on P(changed | spun) alone.
const findingX: number[][] = [];
const findingY: number[] = [];
const termX: number[][] = [];
const termY: number[] = [];
const addFinding = (f: Analysis['findings'][number], p: number, changed: boolean) => {
  if (f.listedTerm) {
    termX.push([1, logit(f.confidence * p), logit(f.confidence)]);
    termY.push(changed ? 1 : 0);
  } else {
    findingX.push([1, logit(f.confidence * p)]);
    findingY.push(changed ? 1 : 0);
  }
};
// The weights each finding is scaled with in the product (judgeDocument), under the verdict
// fitted above.
const provisional: Calibration = {
  weights,
  spunAt: SPUN_AT,
  spunAtShort,
  cleanBelow: CLEAN_BELOW,
  findingScale: [],
};
/** Each finding's weight in the product, before readings as listed terms count: listed terms by `spinProbability`, others by `spunThroughout`. */
const weigher = (a: Analysis) => {
  const judged = judgeDocument(a.evidence, provisional);
  return (f: Analysis['findings'][number]) => (f.listedTerm ? judged.spinProbability : judged.spunThroughout);
};
const inside = (f: Analysis['findings'][number], spans: readonly { start: number; end: number }[]) =>
  spans.some((g) => f.offset < g.end && g.start < f.end);
for (const c of cases) {
  const weightOf = weigher(c.analysis);
  const gold = c.gold.map((g) => ({ start: g.offset, end: g.offset + g.length }));
  for (const f of c.analysis.findings) addFinding(f, weightOf(f), inside(f, gold));
}
for (const paper of papers.filter((paper) => paper.known.length === 0)) {
  const weightOf = weigher(paper.analysis);
  // Only their listed-term readings: the other scaling stays fitted on the news texts alone.
  for (const f of paper.analysis.findings.filter((f) => f.listedTerm)) {
    addFinding(f, weightOf(f), paper.spun && inside(f, paper.phrases));
  }
}
const findingScale = fitLogistic(findingX, findingY, () => 1);
const termFindingScale = termX.length >= 50 ? fitLogistic(termX, termY, () => 1) : undefined;
const ece = (scores: number[], labels: number[]) =>
  calibration(scores.map((confidence, j) => ({ confidence, correct: labels[j] === 1 }))).ece;
const rawScores = findingX.map((f) => 1 / (1 + Math.exp(-f[1])));
const scaledScores = findingX.map((f) => logistic(findingScale, f));
console.log(
  `finding ECE ${ece(rawScores, findingY).toFixed(3)} raw, ${ece(scaledScores, findingY).toFixed(3)} scaled (${findingY.length} findings)`,
);
if (termFindingScale) {
  console.log(
    `listed-term finding ECE ${ece(
      termX.map((f) => 1 / (1 + Math.exp(-f[1]))),
      termY,
    ).toFixed(3)} as others, ${ece(
      termX.map((f) => logistic(termFindingScale, f)),
      termY,
    ).toFixed(
      3,
    )} own scaling (${termY.length} findings, ${termY.filter(Boolean).length} right; weights ${termFindingScale.map((v) => v.toFixed(2)).join(', ')})`,
  );
}
/** The verdict and finding calibration as fitted here, in the form the product reads. */
const fitted: Calibration = {
  weights,
  spunAt: SPUN_AT,
  spunAtShort,
  cleanBelow: CLEAN_BELOW,
  findingScale,
  termFindingScale,
};

/** What the product reports and restores (api/pipeline.ts) under this fit, at its default bar. */
function restoreWith(
  c: Pick<Case, 'analysis' | 'text'>,
  judged: DocumentVerdict,
  model: Calibration = fitted,
): { text: string; found: { offset: number; length: number }[]; changes: Change[] } {
  const reported = weighFindings(c.analysis.findings, judged, model).filter(
    (f) => f.confidence >= DEFAULT_MIN_CONFIDENCE,
  );
  const changes = restorationChanges(c.text, reported, res.lm);
  const found = reported.map((f) => ({ offset: f.offset, length: f.end - f.offset }));
  return { text: applyChanges(c.text, changes), found, changes };
}

const lines: string[] = [];
for (const kind of KINDS) {
  for (const rate of [0, ...RATES]) {
    let counts: Counts = { tp: 0, fp: 0, fn: 0 };
    let spunEdits = 0;
    let restoredEdits = 0;
    let correct = 0;
    let calledSpun = 0;
    let n = 0;
    let words = 0;
    let changedWords = 0;
    for (const c of cases) {
      if (c.kind !== kind || c.rate !== rate) continue;
      const judged = judgeText(c.analysis.findings, c.analysis.evidence, fitted).verdict;
      const { verdict } = judged;
      if (verdict === (rate > 0 ? 'spun' : 'clean')) correct++;
      if (verdict === 'spun') calledSpun++;
      n++;
      const restored = restoreWith(c, judged);
      counts = addCounts(counts, detectionCounts(c.text, c.gold, restored.found));
      spunEdits += wordEdits(c.text, c.original);
      restoredEdits += wordEdits(restored.text, c.original);
      words += c.analysis.evidence.words;
      changedWords += restored.found.reduce(
        (s, f) => s + c.text.slice(f.offset, f.offset + f.length).split(/\s+/).length,
        0,
      );
    }
    const q = prf(counts);
    lines.push(
      rate === 0
        ? `${kind} clean: ${((100 * changedWords) / words).toFixed(2)} false changes/100w, docs right ${((100 * correct) / n).toFixed(1)}%, called spun ${((100 * calledSpun) / n).toFixed(1)}%`
        : `${kind} A${rate * 100}: F1 ${q.f1.toFixed(3)} (P ${q.precision.toFixed(3)} R ${q.recall.toFixed(3)}) gain ${(1 - restoredEdits / spunEdits).toFixed(3)} docs right ${((100 * correct) / n).toFixed(1)}%`,
    );
  }
}
// Papers without and with known tortured phrases, each with their clean twins: held-out
// phrases restored, and words changed in the twins outside the known phrases.
for (const withKnown of papers.length ? [false, true] : []) {
  let restored = 0;
  // The same under one scaling for all findings, as before listed terms had their own.
  let restoredAsOthers = 0;
  const asOthers: Calibration = { ...fitted, termFindingScale: undefined };
  let phrases = 0;
  let falseWords = 0;
  let cleanWords = 0;
  let calledSpun = 0;
  let cleanCalledSpun = 0;
  const these = papers.filter((paper) => paper.known.length > 0 === withKnown);
  for (const paper of these) {
    const judged = judgeText(paper.analysis.findings, paper.analysis.evidence, fitted).verdict;
    const { changes } = restoreWith(paper, judged);
    if (!paper.spun) {
      if (judged.verdict === 'spun') cleanCalledSpun++;
      falseWords += scoreRestoration(scoredPaper(paper.text, paper.known), [], changes).otherWords;
      cleanWords += paper.analysis.evidence.words;
      continue;
    }
    if (judged.verdict === 'spun') calledSpun++;
    const changesAsOthers = restoreWith(paper, judged, asOthers).changes;
    const added = scoredPaper(paper.text, paper.phrases, paper.known);
    phrases += paper.phrases.length;
    restored += scoreRestoration(added, paper.phrases, changes).restored;
    restoredAsOthers += scoreRestoration(added, paper.phrases, changesAsOthers).restored;
  }
  lines.push(
    `papers ${withKnown ? 'with 2 known phrases' : 'with held-out phrases only'}: ${((100 * restored) / phrases).toFixed(1)}% of ${phrases} restored ` +
      `(${restoredAsOthers} with one scaling for all findings), ${calledSpun} of ${these.length / 2} called spun; ` +
      `clean twins ${((100 * falseWords) / cleanWords).toFixed(2)} words changed/100w, ${cleanCalledSpun} called spun`,
  );
}
// Passages of other documents than the bars' own, clean and spun: what each band's bar costs.
lines.push(
  ...passageReport(drawDevPassages(REPORT_PASSAGES_PER_BAND), PASSAGE_BANDS, {
    spun: (passage, rate) => spinDocument(spinner, passage.text, rate, 7, passage.id).text,
    verdict: (text) => {
      const a = analyzeText(text, res, 0.05, params);
      return judgeText(a.findings, a.evidence, fitted).verdict.verdict;
    },
    bar: (words) => spunBar(words, fitted),
  }),
);
// Spinner B (swaps the restorer does not know) is never fitted on: how the verdict fitted on
// spinner A carries over to unknown swaps, on the long dev documents.
const outOfResource = createSpinner('B');
const cleanLong = cases.filter((c) => c.kind === 'long' && c.rate === 0).map((c) => c.analysis);
for (const rate of [0.15, 0.25]) {
  const spun = longDocs.map((d) =>
    analyzeText(spinDocument(outOfResource, d.text, rate, 7, d.id).text, res, 0.05, params),
  );
  const judged = spun.map((a) => judgeText(a.findings, a.evidence, fitted).verdict);
  const called = judged.filter((j) => j.verdict === 'spun').length;
  const areaUnder = auc(
    cleanLong.map((a) => judgeText(a.findings, a.evidence, fitted).verdict.spinProbability),
    judged.map((j) => j.spinProbability),
  );
  lines.push(
    `long B${rate * 100}: docs called spun ${((100 * called) / spun.length).toFixed(1)}%, AUC ${areaUnder.toFixed(3)}`,
  );
}
console.log(
  `${JSON.stringify(args[0] ?? '{}')} (${((Date.now() - started) / 1000).toFixed(0)} s)\n  ${lines.join('\n  ')}`,
);
if (write) {
  const out = {
    weights: weights.map((v) => Number(v.toFixed(5))),
    spunAt: SPUN_AT,
    spunAtShort,
    cleanBelow: CLEAN_BELOW,
    findingScale: findingScale.map((v) => Number(v.toFixed(5))),
    ...(termFindingScale ? { termFindingScale: termFindingScale.map((v) => Number(v.toFixed(5))) } : {}),
    fittedOn: `${cases.length} dev texts (articles, sentences, fragments; clean and spinner A at ${RATES.join(', ')}) and ${papers.filter((paper) => paper.known.length === 0).length} dev papers with held-out tortured phrases and their clean twins (listed-term scaling); short-text bars on ${PASSAGES_PER_BAND} clean dev passages per band; by scripts/tune.ts on the development resources`,
  };
  writeFileSync(
    new URL('../src/verdict/calibration.json', import.meta.url),
    `${JSON.stringify(out, null, 2)}\n`,
  );
  console.log('wrote src/verdict/calibration.json');
}
