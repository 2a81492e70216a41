/**
 * Library entry for tracing spun copies to their sources:
 *
 *   const index = await openIndex('archive.db');
 *   await index.add([{ id: 'a1', text: '…', title: '…' }]);
 *   const { matches } = await index.find(suspiciousText);
 *   await index.close();
 */
import { loadResources } from '../resources/index.js';
import { PgStore } from '../source/pg-store.js';
import { SourceIndex } from '../source/search.js';
import { SqliteStore } from '../source/sqlite-store.js';

export type {
  AddOptions,
  AddResult,
  Evidence,
  FindOptions,
  FindResult,
  SourceDocument,
  SourceMatch,
  StoreStats,
  Swap,
} from '../source/index.js';
export { SourceIndex } from '../source/index.js';
export { documentsFrom, type IngestProblem, parseRecord } from '../source/ingest.js';

/** Whether a --db value names a database server rather than a file. */
export function isServerUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Opens (creating the tables if needed) the source index at a file path (SQLite), ':memory:',
 * or a postgres:// URL (PostgreSQL server).
 */
export async function openIndex(location: string): Promise<SourceIndex> {
  const lexicon = loadResources().lexicon;
  const store = isServerUrl(location) ? await PgStore.open(location) : new SqliteStore(location);
  return new SourceIndex(store, lexicon);
}
