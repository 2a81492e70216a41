/**
 * Source-tracing benchmark (issue 3):
 *   npm run bench -- source [--docs N] [--queries N] [--partial N] [--stitched N]
 *     [--unrelated N] [--sotu N] [--db PATH|postgres://…] [--growth 10000,100000,1000000]
 *     [--out FILE] [--seed N]
 * (`--db` defaults to $UNSPIN_BENCH_DB, else a temporary SQLite file; a postgres:// URL
 * runs in a schema of its own, `unspin_bench`, dropped first.)
 *
 * Builds an archive (see source-queries.ts), ingests it through `SourceIndex.add` (timed),
 * asks every condition's queries (timed, one at a time) and reports recall@1, recall@10,
 * MRR, false matches, latency p50/p99, ingest documents/s and database bytes per document;
 * with --growth, also query latency on bulk-built indexes of the given sizes
 * (source-growth.ts). Prints a table and writes the numbers as JSON (--out).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isServerUrl, openIndex } from '../src/api/source.js';
import { loadDevDocuments } from './corpora.js';
import { freshSchema } from './pg.js';
import { markdownTable, writeJson } from './report.js';
import { measureGrowth } from './source-growth.js';
import { buildConditions, type Condition, type QueryCounts, syntheticDocuments } from './source-queries.js';

interface Options extends QueryCounts {
  docs: number;
  db?: string;
  growth: number[];
  out: string;
  seed: number;
}

const USAGE =
  'usage: bench/source.ts [--docs N] [--queries N] [--partial N] [--stitched N] [--unrelated N] [--sotu N] ' +
  '[--db PATH|URL] [--growth N,N,...] [--out FILE] [--seed N]';

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    docs: 20_000,
    spun: 200,
    partial: 200,
    stitched: 100,
    unrelated: 1000,
    sotu: 500,
    db: process.env.UNSPIN_BENCH_DB || undefined,
    growth: [],
    out: 'bench/results/source-latest.json',
    seed: 20240611,
  };
  const int = (s: string | undefined) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${USAGE}\n(expected a whole number, got ${s})`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--docs') opts.docs = int(argv[++i]);
    else if (a === '--queries') opts.spun = int(argv[++i]);
    else if (a === '--partial') opts.partial = int(argv[++i]);
    else if (a === '--stitched') opts.stitched = int(argv[++i]);
    else if (a === '--unrelated') opts.unrelated = int(argv[++i]);
    else if (a === '--sotu') opts.sotu = int(argv[++i]);
    else if (a === '--db') opts.db = argv[++i];
    else if (a === '--growth') opts.growth = argv[++i].split(',').map(int);
    else if (a === '--out') opts.out = argv[++i];
    else if (a === '--seed') opts.seed = int(argv[++i]);
    else if (a !== 'source') throw new Error(USAGE);
  }
  return opts;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

interface ConditionResult {
  name: string;
  kind: Condition['kind'];
  queries: number;
  recallAt1?: number;
  recallAt10?: number;
  mrr?: number;
  /** Stitched: share of the parts whose source is in the top 10, and of queries with all found. */
  partsFound?: number;
  allPartsFound?: number;
  /** Unrelated and shared-genre text: share of queries with any match. */
  matchRate?: number;
  p50: number;
  p99: number;
}

async function runCondition(index: Awaited<ReturnType<typeof openIndex>>, c: Condition, times: number[]) {
  let r1 = 0;
  let r10 = 0;
  let rr = 0;
  let matched = 0;
  let parts = 0;
  let partsFound = 0;
  let allFound = 0;
  const own: number[] = [];
  for (const q of c.queries) {
    const t = performance.now();
    const { matches } = await index.find(q.text, { limit: 10 });
    own.push(performance.now() - t);
    if (matches.length > 0) matched++;
    const ranks = q.sources.map((id) => matches.findIndex((m) => m.id === id));
    parts += ranks.length;
    partsFound += ranks.filter((r) => r >= 0).length;
    if (ranks.length > 0 && ranks.every((r) => r >= 0)) allFound++;
    const rank = ranks[0] ?? -1;
    if (rank === 0) r1++;
    if (rank >= 0) {
      r10++;
      rr += 1 / (rank + 1);
    }
  }
  times.push(...own);
  own.sort((a, b) => a - b);
  const n = Math.max(1, c.queries.length);
  const result: ConditionResult = {
    name: c.name,
    kind: c.kind,
    queries: c.queries.length,
    p50: quantile(own, 0.5),
    p99: quantile(own, 0.99),
  };
  if (c.kind === 'spun' || c.kind === 'partial')
    Object.assign(result, { recallAt1: r1 / n, recallAt10: r10 / n, mrr: rr / n });
  else if (c.kind === 'stitched')
    Object.assign(result, { partsFound: partsFound / Math.max(1, parts), allPartsFound: allFound / n });
  else result.matchRate = matched / n;
  return result;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const log = (s: string) => console.error(s);
  const loadBefore = loadavg()[0];
  const real = loadDevDocuments({ seed: opts.seed }).slice(0, opts.docs);
  const tmp = mkdtempSync(join(tmpdir(), 'unspin-bench-source-'));
  const server = opts.db !== undefined && isServerUrl(opts.db);
  const location = server ? await freshSchema(opts.db!, 'unspin_bench') : (opts.db ?? join(tmp, 'index.db'));
  if (!server && opts.db && existsSync(opts.db))
    throw new Error(`${opts.db} exists: the benchmark builds a new index`);
  let index = await openIndex(location);

  const docs = [
    ...real.map((d) => ({ id: d.id, text: d.text })),
    ...syntheticDocuments(real, opts.docs - real.length, opts.seed),
  ];
  const chars = docs.reduce((a, d) => a + d.text.length, 0);
  const started = performance.now();
  await index.add(docs);
  const ingestSeconds = (performance.now() - started) / 1000;
  // Queries run on a new connection, and the size is measured with the WAL checkpointed.
  await index.close();
  index = await openIndex(location);
  const stats = await index.stats();
  log(`archive: ${stats.documents} documents (${real.length} real), ingest ${ingestSeconds.toFixed(1)} s`);

  const conditions = buildConditions(real, opts, opts.seed);
  const times: number[] = [];
  const results: ConditionResult[] = [];
  for (const c of conditions) {
    results.push(await runCondition(index, c, times));
    log(`  ${c.name}: done`);
  }
  await index.close();
  times.sort((a, b) => a - b);

  // Growth queries are spun copies of documents that every size of index holds.
  const inAll = new Set(real.slice(0, Math.min(...opts.growth)).map((d) => d.id));
  const growth = opts.growth.length
    ? await measureGrowth(
        opts.growth,
        real,
        buildConditions(real.slice(0, Math.min(...opts.growth)), { ...opts, spun: 200 }, opts.seed)
          .find((c) => c.name === 'spinner A, 30% spin')!
          .queries.filter((q) => inAll.has(q.sources[0])),
        conditions.find((c) => c.kind === 'unrelated')!.queries.slice(0, 200),
        tmp,
        opts.seed,
        log,
      )
    : [];
  rmSync(tmp, { recursive: true, force: true });

  const f = (x: number | undefined) => (x === undefined ? '' : x.toFixed(3));
  const pctOf = (x: number | undefined) => (x === undefined ? '' : `${(x * 100).toFixed(1)}%`);
  const store = server ? 'PostgreSQL' : 'SQLite';
  console.log(
    `\n## Source tracing, ${store}: ${stats.documents} documents (${real.length} real, ${Math.round(chars / docs.length)} chars/doc)\n`,
  );
  console.log(
    markdownTable(
      [
        'condition',
        'queries',
        'recall@1',
        'recall@10',
        'MRR',
        'stitched: parts / all found',
        'matched',
        'p50 ms',
        'p99 ms',
      ],
      results.map((r) => [
        r.name,
        String(r.queries),
        f(r.recallAt1),
        f(r.recallAt10),
        f(r.mrr),
        r.partsFound === undefined ? '' : `${f(r.partsFound)} / ${f(r.allPartsFound)}`,
        pctOf(r.matchRate),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
      ]),
    ),
  );
  const summary = {
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    ingestDocsPerSecond: Math.round(docs.length / ingestSeconds),
    bytesPerDocument: Math.round(stats.bytes / Math.max(1, stats.documents)),
  };
  console.log(
    `\nall ${times.length} queries: p50 ${summary.p50.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms; ` +
      `ingest ${summary.ingestDocsPerSecond} documents/s (${ingestSeconds.toFixed(1)} s); ${summary.bytesPerDocument} database bytes/document`,
  );
  if (growth.length) {
    console.log('\nLatency growth (bulk-built SQLite indexes; 200 spun A 30% + 200 unrelated queries):\n');
    console.log(
      markdownTable(
        ['documents', 'p50 ms', 'p99 ms', 'recall@1', 'false matches', 'bytes/doc'],
        growth.map((g) => [
          String(g.documents),
          g.p50.toFixed(1),
          g.p99.toFixed(1),
          f(g.recallAt1),
          pctOf(g.falseMatchRate),
          String(g.bytesPerDocument),
        ]),
      ),
    );
  }
  const loadAfter = loadavg()[0];
  writeJson(opts.out, {
    benchmark: 'source',
    command: `node dist/bench/run.js source ${process.argv.slice(2).join(' ')}`.trim(),
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, loadAverage1mBefore: loadBefore, loadAverage1mAfter: loadAfter },
    store,
    documents: stats.documents,
    realDocuments: real.length,
    charsPerDocument: Math.round(chars / docs.length),
    ingestSeconds,
    ...summary,
    conditions: results,
    growth,
  });
  log(`wrote ${opts.out}`);
}

await main();
