/** Tracing spun copies to their sources: fingerprints, stores, search and evidence. */
export type { Evidence, Swap, SwapLexicon } from './align.js';
export type { FindResult, SourceMatch } from './match.js';
export { type AddOptions, type FindOptions, SourceIndex } from './search.js';
export { SqliteStore } from './sqlite-store.js';
export type { AddResult, SourceDocument, SourceStore, StoreStats } from './store.js';
