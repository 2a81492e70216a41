/**
 * Development tool: scores model parameters on the DEV split (never the measured one)
 * with spinner A, and writes the documents' evidence for `scripts/calibrate.ts`.
 *   npx tsx scripts/tune.ts '{"languageModelWeight":0.8}' [documents]
 */
import { writeFileSync } from 'node:fs';
import { loadDevDocuments } from '../bench/corpora.js';
import { addCounts, type Counts, detectionCounts, prf, wordEdits } from '../bench/metrics.js';
import { createSpinner, spinDocument } from '../bench/spinner.js';
import { runPipeline } from '../src/api/pipeline.js';
import { DEFAULT_SPINNER_MODEL, type SpinnerModelParams } from '../src/channel/spinner-model.js';
import type { DocumentEvidence } from '../src/decode/analyze.js';
import { loadResources } from '../src/resources/index.js';

const overrides = JSON.parse(process.argv[2] ?? '{}') as Partial<SpinnerModelParams>;
const documents = Number(process.argv[3] ?? 60);
const params: SpinnerModelParams = { ...DEFAULT_SPINNER_MODEL, ...overrides };
const res = loadResources();
const longDocs = loadDevDocuments({ sources: ['brown', 'sotu'], seed: 11, maxDocuments: documents });
// Single sentences too: the verdict must stay calibrated on a one-line input.
const shortDocs = loadDevDocuments({ sources: ['brown', 'sotu'], seed: 12, maxDocuments: documents }).map(
  (d) => {
    const sentence = d.text.match(/[^.!?]{40,240}[.!?]/)?.[0]?.trim() ?? d.text.slice(0, 200);
    return { ...d, id: `${d.id}/s`, text: sentence };
  },
);
// And fragments of a few words, which carry little evidence either way.
const tinyDocs = shortDocs.map((d, i) => ({
  ...d,
  id: `${d.id}/t`,
  text: d.text
    .split(/\s+/)
    .slice(0, 3 + (i % 10))
    .join(' '),
}));
const docs = process.env.UNSPIN_TUNE_SHORT === '0' ? longDocs : [...longDocs, ...shortDocs, ...tinyDocs];
const spinner = createSpinner('A');
const RATES = (process.env.UNSPIN_TUNE_RATES ?? '0.1,0.25,0.4').split(',').map(Number);

function apply(text: string, findings: { offset: number; end: number; suggestions: string[] }[]) {
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.offset) + f.suggestions[0];
    at = f.end;
  }
  return out + text.slice(at);
}

const evidence: { spun: number; rate: number; evidence: DocumentEvidence }[] = [];
let cleanWords = 0;
let falseChanges = 0;
const started = Date.now();
for (const doc of docs) {
  const a = runPipeline(doc.text, res, 0.5, params);
  cleanWords += a.evidence.words;
  falseChanges += a.findings.reduce((n, f) => n + doc.text.slice(f.offset, f.end).split(/\s+/).length, 0);
  evidence.push({ spun: 0, rate: 0, evidence: a.evidence });
}
const report: string[] = [`clean: ${((100 * falseChanges) / cleanWords).toFixed(2)} false changes/100w`];
for (const rate of RATES) {
  let counts: Counts = { tp: 0, fp: 0, fn: 0 };
  let spunEdits = 0;
  let restoredEdits = 0;
  let rates = 0;
  for (const doc of docs) {
    const spun = spinDocument(spinner, doc.text, rate, 7, doc.id);
    const a = runPipeline(spun.text, res, 0.5, params);
    const gold = spun.spans.map((s) => ({ offset: s.spunOffset, length: s.spunLength }));
    const found = a.findings.map((f) => ({ offset: f.offset, length: f.end - f.offset }));
    counts = addCounts(counts, detectionCounts(spun.text, gold, found));
    spunEdits += wordEdits(spun.text, doc.text);
    restoredEdits += wordEdits(apply(spun.text, a.findings), doc.text);
    rates += a.evidence.rate;
    evidence.push({ spun: 1, rate, evidence: a.evidence });
  }
  const p = prf(counts);
  report.push(
    `A${rate * 100}: F1 ${p.f1.toFixed(3)} P ${p.precision.toFixed(3)} R ${p.recall.toFixed(3)} gain ${(1 - restoredEdits / spunEdits).toFixed(3)} λ̂ ${(rates / docs.length).toFixed(3)}`,
  );
}
const cleanRate = evidence.filter((e) => !e.spun).reduce((s, e) => s + e.evidence.rate, 0) / docs.length;
report.push(
  `clean λ̂ ${cleanRate.toFixed(3)}; ${docs.length} docs; ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
console.log(JSON.stringify(overrides), '\n  ' + report.join('\n  '));
writeFileSync('/tmp/unspin-dev-evidence.json', JSON.stringify(evidence));
