/**
 * The storage behind a source index. Implementations (SQLite embedded, PostgreSQL server)
 * keep documents and an inverted index of fingerprint -> document; everything else
 * (fingerprinting, ranking, verification) lives above this interface, so every store
 * behaves the same. Methods are async because a server store is.
 */
import type { TextFormat } from '../input/sniff.js';

export interface SourceDocument {
  id: string;
  text: string;
  title?: string;
  url?: string;
  date?: string;
  /**
   * `markdown`: read by its prose, for fingerprints and for the alignment that gives the
   * evidence (link targets, code and other markup are no evidence of copying); the text is
   * kept as written. A read document has it only when it is markdown.
   */
  format?: TextFormat;
}

/** A document ready to store: its fingerprints and a hash of its text (for idempotent re-adds). */
export interface PreparedDocument extends SourceDocument {
  textHash: string;
  fingerprints: number[];
  /** For markdown: its prose, as edits of its text (`prose-edits.ts`), so a search need not parse it. */
  proseEdits?: string;
}

export interface StoredDocument extends SourceDocument {
  /** The store's internal numeric key (what postings point to). */
  key: number;
  /** For markdown stored since the index keeps them: its prose, as edits of its text. */
  proseEdits?: string;
}

export interface AddResult {
  added: number;
  replaced: number;
  unchanged: number;
}

export interface StoreStats {
  documents: number;
  fingerprints: number;
  /** Size of the database on disk (or on the server), in bytes. */
  bytes: number;
}

export interface Posting {
  hash: number;
  key: number;
}

export interface SourceStore {
  /**
   * Stores a batch in one transaction: a new id is added, an id with the same text is left
   * alone, an id with different text is replaced. Either the whole batch lands or nothing.
   * Each id comes at most once in a batch (`SourceIndex.add` sees to it).
   */
  addBatch(docs: readonly PreparedDocument[]): Promise<AddResult>;
  /** Removes a document by id; false when there was none. */
  remove(id: string): Promise<boolean>;
  /** Every (hash, document key) posting for the given hashes. */
  postings(hashes: readonly number[]): Promise<Posting[]>;
  /** Number of documents in the index (for the rarity weight of a fingerprint). */
  documentCount(): Promise<number>;
  documents(keys: readonly number[]): Promise<StoredDocument[]>;
  /** One document by its id, or undefined when there is none. */
  get(id: string): Promise<SourceDocument | undefined>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}

/** A documents-table row as both databases return it (PostgreSQL gives bigint keys as text). */
export interface DocRow {
  key: number | string;
  id: string;
  text: string;
  title: string | null;
  url: string | null;
  date: string | null;
  format: string | null;
  /** Selected for a search's candidates only. */
  prose_edits?: string | null;
}

export function documentFromRow(row: DocRow): StoredDocument {
  return {
    key: Number(row.key),
    id: row.id,
    text: row.text,
    ...(row.title !== null && { title: row.title }),
    ...(row.url !== null && { url: row.url }),
    ...(row.date !== null && { date: row.date }),
    ...(row.format === 'markdown' && { format: 'markdown' as const }),
    ...(row.format === 'markdown' && typeof row.prose_edits === 'string' && { proseEdits: row.prose_edits }),
  };
}
