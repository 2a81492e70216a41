/**
 * How query latency grows with the archive: indexes of 10k, 100k and 1M documents (real
 * dev windows topped up with synthetic ones), each asked the same spun and unrelated
 * queries. Ingesting a million documents through `add` takes hours (each batch rewrites
 * pages all over the postings B-tree), so these indexes are bulk-built: the product's
 * fingerprints and SQLite schema, with the postings inserted once, sorted. The layout a
 * query reads is the same; only the build is faster.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openIndex } from '../src/api/source.js';
import { workerPreparer } from '../src/source/prepare.js';
import { SqliteStore } from '../src/source/sqlite-store.js';
import type { SourceDocument } from '../src/source/store.js';
import type { BenchDocument } from './corpora.js';
import { type Query, syntheticDocuments } from './source-queries.js';

export interface GrowthPoint {
  documents: number;
  buildSeconds: number;
  bytesPerDocument: number;
  queries: number;
  recallAt1: number;
  falseMatchRate: number;
  p50: number;
  p99: number;
}

const BULK_BATCH = 5000;

async function bulkBuild(path: string, docs: Iterable<SourceDocument>): Promise<void> {
  await new SqliteStore(path).close(); // creates the schema
  const db = new Database(path);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  // Unsorted postings wait in a file of their own, so the index file has no freed pages.
  db.prepare('ATTACH DATABASE ? AS stage').run(`${path}.staging`);
  db.exec(
    'PRAGMA stage.journal_mode = OFF; CREATE TABLE stage.staging (hash INTEGER NOT NULL, doc INTEGER NOT NULL)',
  );
  const insertDoc = db.prepare('INSERT INTO docs (id, text_hash, text, fps) VALUES (?, ?, ?, ?)');
  const stage = db.prepare('INSERT INTO stage.staging (hash, doc) VALUES (?, ?)');
  const preparer = workerPreparer();
  const write = db.transaction((prepared: Awaited<ReturnType<typeof preparer.prepare>>) => {
    for (const d of prepared) {
      const fps = Buffer.from(Float64Array.from(d.fingerprints).buffer);
      const key = Number(insertDoc.run(d.id, d.textHash, d.text, fps).lastInsertRowid);
      for (const h of d.fingerprints) stage.run(h, key);
    }
  });
  let batch: SourceDocument[] = [];
  let pending: ReturnType<typeof preparer.prepare> | undefined;
  const flush = async () => {
    const previous = pending;
    pending = preparer.prepare(batch);
    batch = [];
    if (previous) write(await previous);
  };
  for (const d of docs) {
    batch.push(d);
    if (batch.length >= BULK_BATCH) await flush();
  }
  await flush();
  write(await pending!);
  await preparer.close();
  db.exec('INSERT INTO postings (hash, doc) SELECT hash, doc FROM stage.staging ORDER BY hash, doc');
  db.exec('DETACH DATABASE stage');
  rmSync(`${path}.staging`, { force: true });
  db.pragma('journal_mode = WAL');
  db.close();
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

export async function measureGrowth(
  sizes: readonly number[],
  real: readonly BenchDocument[],
  spun: readonly Query[],
  unrelated: readonly Query[],
  dir: string,
  seed: number,
  log: (s: string) => void,
): Promise<GrowthPoint[]> {
  const points: GrowthPoint[] = [];
  for (const size of sizes) {
    const path = join(dir, `growth-${size}.db`);
    const started = performance.now();
    const base = real.slice(0, size).map((d) => ({ id: d.id, text: d.text }));
    await bulkBuild(
      path,
      (function* () {
        yield* base;
        yield* syntheticDocuments(real, Math.max(0, size - base.length), seed);
      })(),
    );
    const buildSeconds = (performance.now() - started) / 1000;
    const index = await openIndex(path);
    const stats = await index.stats();
    const times: number[] = [];
    let hits = 0;
    let false_ = 0;
    for (const q of [...spun, ...unrelated]) {
      const t = performance.now();
      const { matches } = await index.find(q.text, { limit: 10 });
      times.push(performance.now() - t);
      if (q.sources.length && matches[0]?.id === q.sources[0]) hits++;
      if (!q.sources.length && matches.length) false_++;
    }
    await index.close();
    times.sort((a, b) => a - b);
    const point = {
      documents: stats.documents,
      buildSeconds: Math.round(buildSeconds),
      bytesPerDocument: Math.round(stats.bytes / stats.documents),
      queries: times.length,
      recallAt1: hits / Math.max(1, spun.length),
      falseMatchRate: false_ / Math.max(1, unrelated.length),
      p50: quantile(times, 0.5),
      p99: quantile(times, 0.99),
    };
    log(`  growth ${size}: ${JSON.stringify(point)}`);
    points.push(point);
    for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  }
  return points;
}
