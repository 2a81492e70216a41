/**
 * Turns section results into report rows: each figure with the issue's minimum (if any), an
 * anchor from docs/product.md, the data it was measured on and the command that reproduces it.
 */
import { auc, mean } from './metrics.js';
import type { PaperCondition, PapersResult } from './papers.js';
import { bandStart } from './passages.js';
import { atLeast, atMost, markdownTable, num, pct, type Row, row } from './report.js';
import type { SpeedResult, Throughput } from './speed.js';
import type { ConditionResult, SyntheticResult } from './synthetic.js';
import type { TorturedResult } from './tortured.js';

const CMD = 'npm run bench --';
const NO_RESTORE =
  'no public system reports restoration; naive thesaurus+LM undid < 10% of the damage (product.md)';
const DOC_ANCHOR =
  'Longformer (Wahle 2022) F1 99.7% SpinBot / 71.6% SpinnerChief; Foltýnek 2020 99.0% docs (SpinBot)';
const WORD_ANCHOR = 'no public per-word figure; SciBERT tortured finder R 0.87 @ P 0.61 (papers)';
const CORPUS_LABEL = { brown: 'Brown press ca01–ca44 (news)', sotu: 'SOTU even years ≥ 1900' };

export function torturedRows(t: TorturedResult): Row[] {
  const data = `tortured-phrases test.tsv, ${t.phrases} phrases (PPS, CC BY 4.0), one fixed template`;
  const command = `${CMD} tortured`;
  return [
    row({
      section: 'tortured',
      metric: 'tortured phrases: restore@1',
      value: t.restoreAt1,
      display: pct(t.restoreAt1),
      minimum: atLeast(0.4, '40%'),
      anchor: 'PPS / torturedcheck restore only phrases already on their list; none reports unseen ones',
      data,
      command,
    }),
    row({
      section: 'tortured',
      metric: 'tortured phrases: detected (finding overlaps phrase)',
      value: t.detectionRate,
      display: pct(t.detectionRate),
      anchor: 'SciBERT finder (Martel 2024) recall 0.87 @ precision 0.61',
      data,
      command,
    }),
    row({
      section: 'tortured',
      metric: 'tortured phrases: over-correction (correct phrase in template changed)',
      value: t.overCorrection,
      display: `${pct(t.overCorrection)} (in phrase ${pct(t.overCorrectionInPhrase)})`,
      minimum: atMost(0.03, '3%'),
      anchor: '—',
      data,
      command,
    }),
  ];
}

export function paperRows(r: PapersResult): Row[] {
  const data = `${r.papers} papers of ~2,000 words (Brown press measure docs) with tortured phrases in the template sentence`;
  const command = `${CMD} papers`;
  const anchor = 'PPS flags papers by ~8k listed fingerprints; unseen phrases are not on any list';
  const restoreAnchor = 'PPS / torturedcheck restore only listed phrases';
  const restored = (c: PaperCondition) =>
    `${pct(c.unseenRestored)} (found ${pct(c.unseenDetected)}; other words changed ${num(c.otherChangesPer100, 2)}/100)`;
  return [
    row({
      section: 'papers',
      metric: 'papers with 5 unseen tortured phrases (test.tsv): called spun',
      value: r.unseen.calledSpun,
      display: pct(r.unseen.calledSpun),
      anchor,
      data,
      command,
    }),
    row({
      section: 'papers',
      metric: 'papers with 5 unseen tortured phrases: phrases restored',
      value: r.unseen.unseenRestored,
      display: restored(r.unseen),
      anchor: restoreAnchor,
      data,
      command,
    }),
    row({
      section: 'papers',
      metric: 'papers with 5 unseen + 2 phrases of the shipped list (train split): called spun',
      value: r.listedAndUnseen.calledSpun,
      display: pct(r.listedAndUnseen.calledSpun),
      anchor,
      data,
      command,
    }),
    row({
      section: 'papers',
      metric: 'papers with 5 unseen + 2 listed phrases: unseen phrases restored',
      value: r.listedAndUnseen.unseenRestored,
      display: restored(r.listedAndUnseen),
      anchor: restoreAnchor,
      data,
      command,
    }),
    row({
      section: 'papers',
      metric: 'clean twins (correct terms instead): called spun',
      value: r.twins.calledSpun,
      display: `${pct(r.twins.calledSpun)} (words changed ${num(r.twins.otherChangesPer100, 2)}/100)`,
      anchor: '—',
      data,
      command,
    }),
  ];
}

function condition(s: SyntheticResult, spinner: string, rate: number): ConditionResult | undefined {
  return s.conditions.find((c) => c.spinner === spinner && Math.abs(c.rate - rate) < 1e-9);
}

export function syntheticRows(s: SyntheticResult, documents: number): Row[] {
  const rows: Row[] = [];
  const command = `${CMD} ${s.corpus}`;
  const isNews = s.corpus === 'brown';
  for (const spinner of ['A', 'B'] as const) {
    const c = condition(s, spinner, 0.25);
    if (!c) continue;
    const headline = isNews && spinner === 'A';
    const data = `${CORPUS_LABEL[s.corpus]}, ${documents} docs, spinner ${spinner} 25% (achieved ${pct(c.achievedRate)})`;
    rows.push(
      row({
        section: s.corpus,
        metric: `${s.corpus} spinner ${spinner} 25%: detection F1 (per word)`,
        value: c.detection.f1,
        display: `${num(c.detection.f1)} (P ${num(c.detection.precision)}, R ${num(c.detection.recall)})`,
        minimum: headline ? atLeast(0.85, '0.85') : undefined,
        anchor: WORD_ANCHOR,
        data,
        command,
      }),
      row({
        section: s.corpus,
        metric: `${s.corpus} spinner ${spinner} 25%: restoration gain 1 − WER(restored)/WER(spun)`,
        value: c.restorationGain,
        display: num(c.restorationGain),
        minimum: headline ? atLeast(0.7, '0.7') : undefined,
        anchor: NO_RESTORE,
        data,
        command,
      }),
    );
  }
  rows.push(
    row({
      section: s.corpus,
      metric: `${s.corpus} clean text: false changes per 100 words`,
      value: s.clean.falseChangesPer100,
      display: `${num(s.clean.falseChangesPer100, 2)} (docs with findings ${pct(s.clean.docsWithFindings)})`,
      minimum: atMost(0.5, '0.5'),
      anchor: 'naive thesaurus+LM breaks correct words and names (product.md)',
      data: `${CORPUS_LABEL[s.corpus]}, ${s.clean.documents} clean docs, ${s.clean.words} words`,
      command,
    }),
  );
  return rows;
}

/** Document-level rows pooled over the corpora that ran. */
export function documentRows(results: readonly SyntheticResult[], rates: readonly number[]): Row[] {
  if (results.length === 0) return [];
  const corpora = results.map((r) => r.corpus).join('+');
  const command = `${CMD} ${results.map((r) => r.corpus).join(' ')}`;
  const cleanProbs = results.flatMap((r) => r.clean.probabilities);
  const cleanDocs = results.reduce((a, r) => a + r.clean.documents, 0);
  const calledSpun = results.reduce((a, r) => a + r.clean.verdicts.spun, 0) / Math.max(1, cleanDocs);
  const cleanUncertain = results.reduce((a, r) => a + r.clean.verdicts.uncertain, 0) / Math.max(1, cleanDocs);
  const rows: Row[] = [
    row({
      section: 'documents',
      metric: 'clean documents called spun',
      value: calledSpun,
      display: `${pct(calledSpun)} (uncertain ${pct(cleanUncertain)})`,
      minimum: atMost(0.02, '2%'),
      anchor: DOC_ANCHOR,
      data: `${corpora}, ${cleanDocs} clean docs`,
      command,
    }),
  ];
  for (const spinner of ['A', 'B'] as const) {
    for (const rate of rates) {
      const cs = results.map((r) => condition(r, spinner, rate)).filter((c) => c !== undefined);
      if (cs.length === 0 || (spinner === 'B' && rate !== 0.25)) continue;
      const docs = cs.reduce((a, c) => a + c.documents, 0);
      const accuracy = cs.reduce((a, c) => a + c.verdicts.spun, 0) / Math.max(1, docs);
      const uncertain = cs.reduce((a, c) => a + c.verdicts.uncertain, 0) / Math.max(1, docs);
      const area = auc(
        cleanProbs,
        cs.flatMap((c) => c.probabilities),
      );
      const data = `${corpora}, ${docs} spun + ${cleanDocs} clean docs, spinner ${spinner} ${pct(rate, 0)}`;
      rows.push(
        row({
          section: 'documents',
          metric: `document accuracy, spinner ${spinner} ${pct(rate, 0)} ('uncertain' = wrong)`,
          value: accuracy,
          display: `${pct(accuracy)} (uncertain ${pct(uncertain)}; AUC ${num(area)})`,
          minimum: spinner === 'A' && rate >= 0.15 ? atLeast(0.98, '98%') : undefined,
          anchor: DOC_ANCHOR,
          data,
          command,
        }),
      );
    }
  }
  const bands = results[0].shortTexts.map((b) => b.maxWords);
  const pooled = (maxWords: number, of: 'clean' | 'spun') => {
    const these = results.flatMap((r) => r.shortTexts.filter((b) => b.maxWords === maxWords));
    const texts = these.reduce((a, b) => a + b.texts, 0);
    return { texts, share: these.reduce((a, b) => a + b[of].spun, 0) / Math.max(1, texts) };
  };
  const byBand = (of: 'clean' | 'spun') =>
    bands.map((most, k) => `${bandStart(bands, k)}–${most} words ${pct(pooled(most, of).share)}`).join(', ');
  const shortData = `${corpora}, passages of measure docs, ${bands.map((most) => pooled(most, 'clean').texts).join(' / ')} per band`;
  rows.push(
    row({
      section: 'documents',
      metric: 'clean sentences and paragraphs called spun, by length',
      value: Math.max(...bands.map((most) => pooled(most, 'clean').share)),
      display: byBand('clean'),
      anchor: '—',
      data: shortData,
      command,
    }),
    row({
      section: 'documents',
      metric: 'sentences and paragraphs spun by A at 25% called spun, by length',
      value: Math.min(...bands.map((most) => pooled(most, 'spun').share)),
      display: byBand('spun'),
      anchor: DOC_ANCHOR,
      data: shortData,
      command,
    }),
  );
  const findingEce = mean(results.map((r) => r.findingCalibration.ece));
  const docEce = mean(results.map((r) => r.documentCalibration.ece));
  rows.push(
    row({
      section: 'documents',
      metric: 'calibration: ECE of finding confidence (10 bins)',
      value: findingEce,
      display: `${num(findingEce)} (${results.map((r) => r.findingCalibration.bins.reduce((a, b) => a + b.count, 0)).join('+')} findings)`,
      anchor: '— (no public system reports calibrated per-phrase confidences)',
      data: `${corpora}, spinner A all rates + clean, minConfidence 0.05`,
      command,
    }),
    row({
      section: 'documents',
      metric: 'calibration: ECE of document spinProbability (10 bins)',
      value: docEce,
      display: num(docEce),
      anchor: '—',
      data: `${corpora}, clean + spinner A all rates`,
      command,
    }),
  );
  return rows;
}

export function conditionTable(results: readonly SyntheticResult[]): string {
  const body: string[][] = [];
  for (const r of results) {
    const clean = r.clean.probabilities;
    body.push([r.corpus, '—', '0%', '0%', '', '', '', '', verdicts(r.clean.verdicts), '']);
    for (const c of r.conditions) {
      body.push([
        r.corpus,
        c.spinner,
        pct(c.rate, 0),
        pct(c.achievedRate),
        num(c.detection.precision),
        num(c.detection.recall),
        num(c.detection.f1),
        num(c.restorationGain),
        verdicts(c.verdicts),
        num(auc(clean, c.probabilities)),
      ]);
    }
  }
  return markdownTable(
    [
      'corpus',
      'spinner',
      'target',
      'achieved',
      'P',
      'R',
      'F1',
      'gain',
      'spun/uncertain/clean',
      'AUC vs clean',
    ],
    body,
  );
}

function verdicts(v: { spun: number; uncertain: number; clean: number }): string {
  return `${v.spun}/${v.uncertain}/${v.clean}`;
}

function wps(t: Throughput | undefined): number | null {
  return t ? t.wordsPerSecond : null;
}

export function speedRows(s: SpeedResult): Row[] {
  const command = `${CMD} speed`;
  const c = s.child;
  const failed = s.childError ? `failed: ${s.childError.slice(0, 80)}` : 'n/a';
  const speed = (metric: string, t: Throughput | undefined, min: boolean, data: string): Row =>
    row({
      section: 'speed',
      metric,
      value: wps(t),
      display: t ? `${Math.round(t.wordsPerSecond).toLocaleString('en-US')} words/s` : failed,
      minimum: min ? atLeast(5000, '5,000 words/s') : undefined,
      anchor: '—',
      data,
      command,
    });
  const long = (t: Throughput | undefined, what: string) =>
    `${t ? Math.round(t.words / s.reps) : s.longWords}-word ${what} doc (Brown press + SOTU), ${s.reps} run(s), one core, fresh process`;
  const short = `${s.shortDocuments} docs × 50 words, spinner A 25%, fresh process`;
  const startup = s.startup;
  return [
    speed(
      'check speed, long spun document',
      c?.long.spun.check,
      true,
      long(c?.long.spun.check, 'spinner A 25%'),
    ),
    speed('check speed, long clean document', c?.long.clean.check, true, long(c?.long.clean.check, 'clean')),
    speed(
      'check speed, 50,000-word spun document',
      c?.longer?.check,
      true,
      `${s.longerWords}-word spinner A 25% doc (Brown press + SOTU), 1 run, one core, fresh process`,
    ),
    speed('check speed, short documents', c?.short.check, true, short),
    speed(
      'check speed, short documents, cold (first texts of a process)',
      c?.coldShort?.check,
      false,
      `${s.coldShortDocuments} other docs × 50 words (SOTU), spinner A 25%, timed right after the first call, before the caches fill`,
    ),
    speed(
      'restore speed, long spun document',
      c?.long.spun.restore,
      false,
      long(c?.long.spun.restore, 'spinner A 25%'),
    ),
    speed('restore speed, short documents', c?.short.restore, false, short),
    row({
      section: 'speed',
      metric: 'CLI start-up: `node bin/unspin.js check` on a 50-word file (wall time)',
      value: startup.medianMs !== undefined ? startup.medianMs / 1000 : null,
      display:
        startup.medianMs !== undefined
          ? `${(startup.medianMs / 1000).toFixed(2)} s (exit ${startup.exitCode}${startup.maxRssMb ? `, ${startup.maxRssMb.toFixed(0)} MB` : ''})`
          : `skipped: ${startup.skipped}`,
      minimum: atMost(1.5, '1.5 s'),
      anchor: '—',
      data: 'median of 3 runs (1 with --quick)',
      command,
    }),
    row({
      section: 'speed',
      metric: 'library: import + loadResources() + first check',
      value: c ? (c.importMs + (c.loadMs ?? 0) + c.firstCallMs) / 1000 : null,
      display: c
        ? `${((c.importMs + (c.loadMs ?? 0) + c.firstCallMs) / 1000).toFixed(2)} s (import ${(c.importMs / 1000).toFixed(2)}, ` +
          `load ${c.loadMs === null ? 'no loadResources()' : (c.loadMs / 1000).toFixed(2)}, first check ${(c.firstCallMs / 1000).toFixed(2)})`
        : failed,
      anchor: 'product.md: LM loads in ~0.1 s, ~95 MB',
      data: 'fresh process',
      command,
    }),
    row({
      section: 'speed',
      metric: 'peak memory (max RSS of the engine process)',
      value: c ? c.maxRssMb : null,
      display: c ? `${c.maxRssMb.toFixed(0)} MB` : failed,
      minimum: atMost(600, '600 MB'),
      anchor: '—',
      data: 'fresh process running all speed runs (process.resourceUsage().maxRSS)',
      command,
    }),
  ];
}
