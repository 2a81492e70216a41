/**
 * Source-tracing benchmark: `node dist/bench/source.js [--docs N] [--queries N] [--db PATH]`
 * (or `npx tsx bench/source.ts ...`).
 *
 * Builds an SQLite archive of real paragraph windows (the dev split of Brown, State of the
 * Union and nlp-corpus), topped up to --docs with synthetic documents (sentences of the same
 * corpora recombined at random) when the real ones run out; then asks spun copies of
 * archived documents (spinners A and B at 15/30/40%), spun partial copies (a 40–80 word
 * window inside unrelated text) and unrelated texts (the measure split, never archived).
 * Reports recall@1, recall@10, MRR, false-match rate, query latency p50/p99, ingest
 * documents/s and database bytes per document.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openIndex } from '../src/api/source.js';
import { type BenchDocument, loadDevDocuments, loadMeasureDocuments, splitSentences } from './corpora.js';
import { randInt, rngFor } from './prng.js';
import { markdownTable } from './report.js';
import { createSpinner, spinDocument } from './spinner.js';

interface Options {
  docs: number;
  queries: number;
  db?: string;
  seed: number;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { docs: 20_000, queries: 200, seed: 20240611 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--docs') opts.docs = Number.parseInt(argv[++i], 10);
    else if (a === '--queries') opts.queries = Number.parseInt(argv[++i], 10);
    else if (a === '--db') opts.db = argv[++i];
    else if (a === '--seed') opts.seed = Number.parseInt(argv[++i], 10);
    else if (a !== 'source') {
      console.error('usage: bench/source.ts [--docs N] [--queries N] [--db PATH] [--seed N]');
      process.exit(2);
    }
  }
  return opts;
}

/** Synthetic filler documents: real sentences recombined, for archive size only. */
function* synthetic(real: readonly BenchDocument[], count: number, seed: number) {
  const sentences = real.flatMap((d) => splitSentences(d.text.replace(/\n+/g, ' ')));
  const rng = rngFor(seed, 'source/synthetic');
  for (let i = 0; i < count; i++) {
    const n = randInt(rng, 3, 10);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(sentences[randInt(rng, 0, sentences.length - 1)]);
    yield { id: `synthetic/${i}`, text: parts.join(' ') };
  }
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

interface Condition {
  name: string;
  queries: Array<{ text: string; source?: string }>;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const real = loadDevDocuments({ seed: opts.seed }).slice(0, opts.docs);
  const tmp = opts.db ? undefined : mkdtempSync(join(tmpdir(), 'unspin-bench-source-'));
  const dbPath = opts.db ?? join(tmp!, 'index.db');
  const index = await openIndex(dbPath);
  const log = (s: string) => console.error(s);

  const started = performance.now();
  const docs = [
    ...real.map((d) => ({ id: d.id, text: d.text })),
    ...synthetic(real, Math.max(0, opts.docs - real.length), opts.seed),
  ];
  const chars = docs.reduce((a, d) => a + d.text.length, 0);
  await index.add(docs);
  const ingestSeconds = (performance.now() - started) / 1000;
  const stats = await index.stats();
  log(`archive: ${stats.documents} documents (${real.length} real), ${ingestSeconds.toFixed(1)} s`);

  const rng = rngFor(opts.seed, 'source/queries');
  const pickReal = () => real[randInt(rng, 0, real.length - 1)];
  // Brown press reportage shares nothing with the archive. SOTU speeches of the measure
  // years are reported apart: presidents reuse their own and earlier speeches' sentences,
  // so a "false" match there is often a real shared passage.
  const unrelated = loadMeasureDocuments('brown', opts.seed);
  const sotu = loadMeasureDocuments('sotu', opts.seed);
  const conditions: Condition[] = [];
  for (const name of ['A', 'B'] as const) {
    const spinner = createSpinner(name);
    for (const rate of [0.15, 0.3, 0.4]) {
      const queries = Array.from({ length: opts.queries }, (_, i) => {
        const d = pickReal();
        return { text: spinDocument(spinner, d.text, rate, opts.seed, `${d.id}/${i}`).text, source: d.id };
      });
      conditions.push({ name: `spinner ${name}, ${rate * 100}% spin`, queries });
    }
  }
  const spinnerA = createSpinner('A');
  const long = real.filter((d) => d.words >= 150);
  conditions.push({
    name: 'partial copy (A, 30%) in unrelated text',
    queries: Array.from({ length: opts.queries }, (_, i) => {
      const d = long[randInt(rng, 0, long.length - 1)];
      const w = d.text.split(' ');
      const len = randInt(rng, 40, 80);
      const at = randInt(rng, 0, w.length - len);
      const part = spinDocument(
        spinnerA,
        w.slice(at, at + len).join(' '),
        0.3,
        opts.seed,
        `${d.id}/p${i}`,
      ).text;
      return { text: `${unrelated[i % unrelated.length].text}\n\n${part}`, source: d.id };
    }),
  });
  conditions.push({
    name: 'unrelated text (Brown press)',
    queries: unrelated.slice(0, opts.queries * 5).map((d) => ({ text: d.text })),
  });
  conditions.push({
    name: 'SOTU of other years (shares boilerplate)',
    queries: sotu.slice(0, opts.queries * 5).map((d) => ({ text: d.text })),
  });

  const rows: string[][] = [];
  const latencies: number[] = [];
  for (const c of conditions) {
    const counted = !c.name.startsWith('SOTU');
    let r1 = 0;
    let r10 = 0;
    let rr = 0;
    let matched = 0;
    for (const q of c.queries) {
      const t = performance.now();
      const { matches } = await index.find(q.text, { limit: 10 });
      if (counted) latencies.push(performance.now() - t);
      if (matches.length > 0) matched++;
      const rank = q.source === undefined ? -1 : matches.findIndex((m) => m.id === q.source);
      if (rank === 0) r1++;
      if (rank >= 0) {
        r10++;
        rr += 1 / (rank + 1);
      }
    }
    const n = c.queries.length;
    const f = (x: number) => (x / n).toFixed(3);
    rows.push(
      c.queries[0]?.source === undefined
        ? [c.name, String(n), '', '', '', `false matches ${f(matched)}`]
        : [c.name, String(n), f(r1), f(r10), f(rr), ''],
    );
    log(`  ${c.name}: done`);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `\n## Source tracing: ${stats.documents} documents (${real.length} real, ${Math.round(chars / docs.length)} chars/doc avg)\n`,
  );
  console.log(markdownTable(['condition', 'queries', 'recall@1', 'recall@10', 'MRR', 'other'], rows));
  console.log(
    `\nquery latency (spun, partial and Brown queries) p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p99 ${quantile(latencies, 0.99).toFixed(1)} ms; ` +
      `ingest ${Math.round(docs.length / ingestSeconds)} documents/s; ` +
      `${Math.round(stats.bytes / Math.max(1, stats.documents))} database bytes/document`,
  );
  await index.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}

await main();
