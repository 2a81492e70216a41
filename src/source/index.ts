/** Tracing spun copies to their sources: fingerprints, stores, search and evidence. */
export type { Evidence, Swap, SwapLexicon } from './align.js';
export {
  type AddOptions,
  type FindOptions,
  type FindResult,
  SourceIndex,
  type SourceMatch,
} from './search.js';
export { SqliteStore } from './sqlite-store.js';
export type { AddResult, SourceDocument, SourceStore, StoreStats } from './store.js';
