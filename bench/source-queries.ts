/**
 * The source-tracing benchmark's archive and queries. Archived documents are paragraph
 * windows of the dev split (Brown, State of the Union, nlp-corpus), topped up with
 * synthetic documents (dev sentences recombined) for size; queries are spun copies of
 * archived documents (spinners A and B), spun partial copies inside unrelated text,
 * several sources spun and stitched together, and texts of the measure split, which is
 * never archived: Brown press reportage (unrelated) and State of the Union speeches of the
 * measure years (the same genre, where presidents reuse earlier speeches' wording).
 */
import { type BenchDocument, loadMeasureDocuments, splitSentences } from './corpora.js';
import { type Rng, randInt, rngFor } from './prng.js';
import { createSpinner, type Spinner, spinDocument } from './spinner.js';

export interface Query {
  text: string;
  /** The archived documents it was made from (none for unrelated text). */
  sources: string[];
}

export interface Condition {
  name: string;
  kind: 'spun' | 'partial' | 'stitched' | 'unrelated' | 'shared-genre';
  queries: Query[];
}

export interface QueryCounts {
  spun: number;
  partial: number;
  stitched: number;
  unrelated: number;
  sotu: number;
}

/** Synthetic filler documents: real sentences recombined, for archive size only. */
export function* syntheticDocuments(real: readonly BenchDocument[], count: number, seed: number) {
  const sentences = real.flatMap((d) => splitSentences(d.text.replace(/\n+/g, ' ')));
  const rng = rngFor(seed, 'source/synthetic');
  for (let i = 0; i < count; i++) {
    const n = randInt(rng, 3, 10);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(sentences[randInt(rng, 0, sentences.length - 1)]);
    yield { id: `synthetic/${i}`, text: parts.join(' ') };
  }
}

/** A window of 40–80 words of a long document, spun at 30%. */
function partOf(spinner: Spinner, d: BenchDocument, rng: Rng, seed: number, label: string): string {
  const w = d.text.split(' ');
  const len = randInt(rng, 40, 80);
  const at = randInt(rng, 0, w.length - len);
  return spinDocument(spinner, w.slice(at, at + len).join(' '), 0.3, seed, label).text;
}

/** Unrelated texts: Brown press windows cut with several seeds (the windows overlap). */
export function unrelatedTexts(count: number, seed: number): BenchDocument[] {
  const out: BenchDocument[] = [];
  for (let k = 0; out.length < count && k < 10; k++) out.push(...loadMeasureDocuments('brown', seed + k));
  return out.slice(0, count);
}

export function buildConditions(
  real: readonly BenchDocument[],
  counts: QueryCounts,
  seed: number,
): Condition[] {
  const rng = rngFor(seed, 'source/queries');
  const pick = (from: readonly BenchDocument[]) => from[randInt(rng, 0, from.length - 1)];
  const spinners = { A: createSpinner('A'), B: createSpinner('B') };
  const unrelated = unrelatedTexts(Math.max(counts.unrelated, counts.partial), seed);
  const conditions: Condition[] = [];
  for (const name of ['A', 'B'] as const) {
    for (const rate of [0.15, 0.3, 0.4]) {
      const queries = Array.from({ length: counts.spun }, (_, i) => {
        const d = pick(real);
        const text = spinDocument(spinners[name], d.text, rate, seed, `${d.id}/${i}`).text;
        return { text, sources: [d.id] };
      });
      conditions.push({ name: `spinner ${name}, ${rate * 100}% spin`, kind: 'spun', queries });
    }
  }
  const long = real.filter((d) => d.words >= 150);
  conditions.push({
    name: 'partial copy (40–80 words, A 30%) in unrelated text',
    kind: 'partial',
    queries: Array.from({ length: counts.partial }, (_, i) => {
      const d = pick(long);
      const part = partOf(spinners.A, d, rng, seed, `${d.id}/p${i}`);
      return { text: `${unrelated[i % unrelated.length].text}\n\n${part}`, sources: [d.id] };
    }),
  });
  conditions.push({
    name: 'stitched: 2–3 sources, each spun 30% (A or B)',
    kind: 'stitched',
    queries: Array.from({ length: counts.stitched }, (_, i) => {
      const parts = Array.from({ length: randInt(rng, 2, 3) }, () => pick(real));
      const text = parts
        .map((d, k) => spinDocument(k % 2 ? spinners.B : spinners.A, d.text, 0.3, seed, `${d.id}/s${i}`).text)
        .join('\n\n');
      return { text, sources: [...new Set(parts.map((d) => d.id))] };
    }),
  });
  conditions.push({
    name: 'unrelated text (Brown press)',
    kind: 'unrelated',
    queries: unrelated.slice(0, counts.unrelated).map((d) => ({ text: d.text, sources: [] })),
  });
  conditions.push({
    name: 'State of the Union, other years (shared wording)',
    kind: 'shared-genre',
    queries: loadMeasureDocuments('sotu', seed)
      .slice(0, counts.sotu)
      .map((d) => ({ text: d.text, sources: [] })),
  });
  return conditions;
}
