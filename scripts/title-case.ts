/**
 * Development tool, DEV split only: how headlines in Title Case fare against the same
 * headlines as written. Each headline is a run of 6–14 words from a development sentence;
 * its spun copy is made by spinner A at 25% and then put in Title Case the same way (every
 * word capitalised, or, for every other headline, all but articles, conjunctions and
 * prepositions), so the gold spans keep their offsets. Reports detection and restoration on
 * the spun copies, and false changes and verdicts on the clean ones.
 *   npx tsx scripts/title-case.ts [headlines]
 */
import { loadDevDocuments } from '../bench/corpora.js';
import {
  addCounts,
  type Counts,
  changedWords,
  detectionCounts,
  prf,
  restorationGain,
  wordEdits,
} from '../bench/metrics.js';
import { createSpinner, spinDocument } from '../bench/spinner.js';
import { applyChanges, restorationChanges, runPipeline } from '../src/api/pipeline.js';
import { loadResources } from '../src/resources/index.js';

const LOWER_IN_TITLES = new Set('a an the and but or nor for of in on at to by as'.split(' '));

/** Capitalises every word, or with `keepSmall` all but articles, conjunctions and prepositions after the first. */
function titleCase(text: string, keepSmall: boolean): string {
  return text.replace(/(^|[\s"(-])(\p{Ll})(\p{L}*)/gu, (match, before, first, rest, offset) =>
    keepSmall && offset > 0 && LOWER_IN_TITLES.has(first + rest)
      ? match
      : before + first.toUpperCase() + rest,
  );
}

const count = Number(process.argv[2] ?? 300);
const res = loadResources();
const spinner = createSpinner('A');
const headlines = loadDevDocuments({ sources: ['brown', 'sotu'], seed: 21, maxDocuments: count }).map(
  (doc, i) => {
    const sentence = doc.text.match(/[^.!?\n]{30,200}[.!?]/)?.[0]?.trim() ?? doc.text.slice(0, 120);
    const words = sentence.replace(/[.!?]$/, '').split(/\s+/);
    return { id: doc.id, text: words.slice(0, 6 + (i % 9)).join(' ') };
  },
);

for (const style of ['as written', 'Title Case'] as const) {
  let counts: Counts = { tp: 0, fp: 0, fn: 0 };
  const tally = {
    spunEdits: 0,
    restoredEdits: 0,
    spunCalledSpun: 0,
    falseWords: 0,
    cleanWords: 0,
    cleanCalledSpun: 0,
  };
  headlines.forEach((headline, i) => {
    const spun = spinDocument(spinner, headline.text, 0.25, 7, headline.id);
    const styled = (text: string) => (style === 'Title Case' ? titleCase(text, i % 2 === 1) : text);
    const original = styled(headline.text);
    const text = styled(spun.text);
    const checked = runPipeline(text, res, 0.5);
    const gold = spun.spans.map((s) => ({ offset: s.spunOffset, length: s.spunLength }));
    const found = checked.findings.map((f) => ({ offset: f.offset, length: f.end - f.offset }));
    counts = addCounts(counts, detectionCounts(text, gold, found));
    tally.spunEdits += wordEdits(text, original);
    tally.restoredEdits += wordEdits(
      applyChanges(text, restorationChanges(text, checked.findings, res.lm)),
      original,
    );
    if (checked.verdict.verdict === 'spun') tally.spunCalledSpun++;
    const clean = runPipeline(original, res, 0.5);
    tally.falseWords += changedWords(restorationChanges(original, clean.findings, res.lm));
    tally.cleanWords += original.split(/\s+/).length;
    if (clean.verdict.verdict === 'spun') tally.cleanCalledSpun++;
  });
  const q = prf(counts);
  console.log(
    `${style}: spun (A 25%) F1 ${q.f1.toFixed(3)} (P ${q.precision.toFixed(3)} R ${q.recall.toFixed(3)}), gain ${restorationGain(tally.spunEdits, tally.restoredEdits).toFixed(3)}, called spun ${tally.spunCalledSpun}; clean ${((100 * tally.falseWords) / tally.cleanWords).toFixed(2)} words changed per 100, called spun ${tally.cleanCalledSpun} of ${headlines.length}`,
  );
}
