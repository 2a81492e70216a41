/**
 * Prints spun sentences from both simulators, to eyeball that they look like real spinner
 * output. Usage: `npx tsx bench/spin-examples.ts [count] [rate]` (defaults 6 and 0.25).
 */
import { loadMeasureDocuments } from './corpora.js';
import { createSpinner, type SpinResult, spinDocument } from './spinner.js';

export interface SpinExample {
  spinner: string;
  original: string;
  spun: string;
  swaps: string[];
}

/** The first sentence-sized slice of a document, spun, with its swaps listed. */
export function spinExamples(count: number, rate: number, seed: number): SpinExample[] {
  const docs = loadMeasureDocuments('brown', seed).slice(0, count);
  const out: SpinExample[] = [];
  for (const name of ['A', 'B'] as const) {
    const spinner = createSpinner(name);
    for (const doc of docs) {
      const sentence = doc.text.split(/(?<=[.!?]"?)\s+/).find((s) => s.split(' ').length >= 12) ?? doc.text;
      const result: SpinResult = spinDocument(spinner, sentence, rate, seed, doc.id);
      out.push({
        spinner: name,
        original: sentence,
        spun: result.text,
        swaps: result.spans.map((s) => `${s.original} -> ${s.spun}`),
      });
    }
  }
  return out;
}

const isMain =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''));
if (isMain) {
  const count = Number.parseInt(process.argv[2] ?? '6', 10);
  const rate = Number.parseFloat(process.argv[3] ?? '0.25');
  for (const ex of spinExamples(count, rate, 20240611)) {
    console.log(`[${ex.spinner}] ${ex.original}\n    ${ex.spun}\n    ${ex.swaps.join('; ')}\n`);
  }
}
