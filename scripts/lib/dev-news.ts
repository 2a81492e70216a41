/**
 * Spinner-A news at 25% on development documents, checked and restored as the product does:
 * per corpus, detection F1 per word, restoration gain, and words changed in the clean originals.
 */
import type { BenchDocument } from '../../bench/corpora.js';
import {
  addCounts,
  type Counts,
  changedWords,
  detectionCounts,
  prf,
  restorationGain,
  wordEdits,
} from '../../bench/metrics.js';
import { createSpinner, spinDocument } from '../../bench/spinner.js';
import { check, restore } from '../../src/api/index.js';

export function measureDevNews(label: string, evaluated: readonly BenchDocument[]): void {
  const spinner = createSpinner('A');
  for (const corpus of ['brown', 'sotu']) {
    let counts: Counts = { tp: 0, fp: 0, fn: 0 };
    let spunEdits = 0;
    let restoredEdits = 0;
    let falseChanges = 0;
    let cleanWords = 0;
    for (const doc of evaluated.filter((d) => d.source === corpus)) {
      const spun = spinDocument(spinner, doc.text, 0.25, 11, doc.id);
      const gold = spun.spans.map((s) => ({ offset: s.spunOffset, length: s.spunLength }));
      counts = addCounts(counts, detectionCounts(spun.text, gold, check(spun.text).findings));
      spunEdits += wordEdits(spun.text, doc.text);
      restoredEdits += wordEdits(restore(spun.text).restored, doc.text);
      falseChanges += changedWords(restore(doc.text).changes);
      cleanWords += doc.words;
    }
    const q = prf(counts);
    console.log(
      `${label}, ${corpus} A25: F1 ${q.f1.toFixed(3)} (P ${q.precision.toFixed(3)} R ${q.recall.toFixed(3)}) gain ${restorationGain(spunEdits, restoredEdits).toFixed(3)}, clean ${((100 * falseChanges) / cleanWords).toFixed(2)} false changes/100w`,
    );
  }
}
