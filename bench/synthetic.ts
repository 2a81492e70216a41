/**
 * Synthetic spun documents: clean measure documents of one corpus, spun by each simulator at
 * each rate, run through `check` and `restore`, and scored against the gold alignment.
 */
import { assertNoDevDocuments, type CorpusName, loadMeasureDocuments } from './corpora.js';
import type { Engine } from './engine.js';
import {
  addCounts,
  type Calibrated,
  type Counts,
  calibration,
  changedWords,
  detectionCounts,
  findingsCalibration,
  type Prf,
  prf,
  restorationGain,
  tally,
  type VerdictCounts,
  wordEdits,
} from './metrics.js';
import { runShortTexts, type ShortTextResult } from './short-texts.js';
import { createSpinner, type SpinnerName, spinDocument } from './spinner.js';

export interface SyntheticConfig {
  corpus: CorpusName;
  documents: number;
  rates: number[];
  spinners: SpinnerName[];
  seed: number;
  /** Minimum confidence of the extra `check` pass used for finding calibration (spinner A only). */
  calibrationMinConfidence: number;
}

export interface CleanResult {
  documents: number;
  words: number;
  /** Words changed by `restore` per 100 words of clean text. */
  falseChangesPer100: number;
  /** Share of clean documents with at least one finding. */
  docsWithFindings: number;
  verdicts: VerdictCounts;
  probabilities: number[];
}

export interface ConditionResult {
  spinner: SpinnerName;
  rate: number;
  achievedRate: number;
  documents: number;
  words: number;
  detection: Prf;
  spunEdits: number;
  restoredEdits: number;
  restorationGain: number;
  verdicts: VerdictCounts;
  probabilities: number[];
}

export interface SyntheticResult {
  corpus: CorpusName;
  clean: CleanResult;
  conditions: ConditionResult[];
  /** Finding confidence vs correctness, spinner A conditions and clean docs. */
  findingCalibration: ReturnType<typeof calibration>;
  /** Document spinProbability vs truth, clean + spinner A conditions. */
  documentCalibration: ReturnType<typeof calibration>;
  /** Verdicts on sentences and paragraphs of the same measure documents, by length. */
  shortTexts: ShortTextResult[];
}

export function runSynthetic(
  engine: Engine,
  config: SyntheticConfig,
  log: (line: string) => void,
): SyntheticResult {
  const docs = loadMeasureDocuments(config.corpus, config.seed).slice(0, config.documents);
  assertNoDevDocuments(docs);
  const findingItems: Calibrated[] = [];
  const docItems: Calibrated[] = [];
  const lowConfidence = { minConfidence: config.calibrationMinConfidence };

  const clean: CleanResult = {
    documents: docs.length,
    words: 0,
    falseChangesPer100: 0,
    docsWithFindings: 0,
    verdicts: { spun: 0, clean: 0, uncertain: 0 },
    probabilities: [],
  };
  let falseChanges = 0;
  let withFindings = 0;
  for (const doc of docs) {
    const checked = engine.check(doc.text);
    const restored = engine.restore(doc.text);
    clean.words += doc.words;
    falseChanges += changedWords(restored.changes);
    if (checked.findings.length > 0) withFindings++;
    tally(clean.verdicts, checked.verdict);
    clean.probabilities.push(checked.spinProbability);
    docItems.push({ confidence: checked.spinProbability, correct: false });
    if (config.spinners.includes('A')) {
      findingItems.push(...findingsCalibration(engine.check(doc.text, lowConfidence).findings, []));
    }
  }
  clean.falseChangesPer100 = clean.words > 0 ? (100 * falseChanges) / clean.words : 0;
  clean.docsWithFindings = docs.length > 0 ? withFindings / docs.length : 0;
  log(`  ${config.corpus} clean: ${clean.falseChangesPer100.toFixed(2)} false changes / 100 words`);

  const conditions: ConditionResult[] = [];
  for (const name of config.spinners) {
    const spinner = createSpinner(name);
    for (const rate of config.rates) {
      let counts: Counts = { tp: 0, fp: 0, fn: 0 };
      let spunEdits = 0;
      let restoredEdits = 0;
      let changed = 0;
      let words = 0;
      const verdicts: VerdictCounts = { spun: 0, clean: 0, uncertain: 0 };
      const probabilities: number[] = [];
      for (const doc of docs) {
        const spun = spinDocument(spinner, doc.text, rate, config.seed, doc.id);
        const gold = spun.spans.map((s) => ({ offset: s.spunOffset, length: s.spunLength }));
        const checked = engine.check(spun.text);
        counts = addCounts(counts, detectionCounts(spun.text, gold, checked.findings));
        tally(verdicts, checked.verdict);
        probabilities.push(checked.spinProbability);
        const restored = engine.restore(spun.text);
        spunEdits += wordEdits(spun.text, doc.text);
        restoredEdits += wordEdits(restored.restored, doc.text);
        changed += spun.changedWords;
        words += spun.totalWords;
        if (name === 'A') {
          docItems.push({ confidence: checked.spinProbability, correct: true });
          findingItems.push(...findingsCalibration(engine.check(spun.text, lowConfidence).findings, gold));
        }
      }
      const result: ConditionResult = {
        spinner: name,
        rate,
        achievedRate: words > 0 ? changed / words : 0,
        documents: docs.length,
        words,
        detection: prf(counts),
        spunEdits,
        restoredEdits,
        restorationGain: restorationGain(spunEdits, restoredEdits),
        verdicts,
        probabilities,
      };
      conditions.push(result);
      log(
        `  ${config.corpus} ${name} ${Math.round(rate * 100)}% (achieved ${(result.achievedRate * 100).toFixed(1)}%): ` +
          `F1 ${result.detection.f1.toFixed(3)}, gain ${result.restorationGain.toFixed(3)}, ` +
          `spun verdicts ${verdicts.spun}/${docs.length}`,
      );
    }
  }
  const shortTexts = runShortTexts(engine, config.corpus, config.documents, config.seed);
  log(
    `  ${config.corpus} short texts called spun (clean / spinner A 25%): ${shortTexts
      .map((b) => `≤${b.maxWords} words ${b.clean.spun}/${b.texts}, ${b.spun.spun}/${b.texts}`)
      .join('; ')}`,
  );
  return {
    corpus: config.corpus,
    clean,
    conditions,
    findingCalibration: calibration(findingItems),
    documentCalibration: calibration(docItems),
    shortTexts,
  };
}
