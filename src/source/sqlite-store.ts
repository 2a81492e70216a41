/**
 * SQLite store (better-sqlite3): one file, WAL journal so searches read a consistent
 * snapshot while an ingest writes, and every batch in one transaction so a killed ingest
 * leaves the database as it was after the last whole batch (a rerun completes it, since
 * re-adding an unchanged document is a no-op).
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type {
  AddResult,
  Posting,
  PreparedDocument,
  SourceDocument,
  SourceStore,
  StoredDocument,
  StoreStats,
} from './store.js';
import { type DocRow, documentFromRow } from './store.js';

const SCHEMA_VERSION = 1;
/** Rows per multi-row INSERT (two parameters each, under SQLite's 32766 limit). */
const POSTINGS_CHUNK = 1000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
  key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  text_hash TEXT NOT NULL,
  text TEXT NOT NULL,
  title TEXT, url TEXT, date TEXT,
  -- 'markdown', or NULL for plain text (src/source/store.ts SourceDocument.format).
  format TEXT,
  -- For markdown: its prose as edits of its text (src/source/prose-edits.ts), or NULL.
  prose_edits TEXT,
  -- The document's fingerprint hashes (float64 array), so removal deletes exactly its
  -- postings without a second index on postings(doc).
  fps BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS postings (
  hash INTEGER NOT NULL,
  doc INTEGER NOT NULL,
  PRIMARY KEY (hash, doc)
) WITHOUT ROWID;
`;

function packHashes(hashes: readonly number[]): Buffer {
  return Buffer.from(Float64Array.from(hashes).buffer);
}

function unpackHashes(blob: Buffer): Float64Array {
  const copy = Buffer.from(blob);
  return new Float64Array(copy.buffer, copy.byteOffset, copy.length / 8);
}

export class SqliteStore implements SourceStore {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // NORMAL is durable at every checkpoint and never corrupt in WAL mode; FULL would
    // fsync every batch for little gain in an index that can be rebuilt.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 10000');
    // Up to 256 MB of page cache (allocated as used): a batch of 2,000 documents touches
    // hundreds of thousands of postings pages, which must not be read back from disk one by one.
    this.db.pragma('cache_size = -262144');
    this.db.exec(SCHEMA);
    const version = this.db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get() as
      | string
      | undefined;
    if (version === undefined) {
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(String(SCHEMA_VERSION));
    } else if (Number(version) !== SCHEMA_VERSION) {
      throw new Error(
        `${path} is an index of schema ${version}; this version of unspin reads ${SCHEMA_VERSION}`,
      );
    }
    // An index made before documents had a format, or their prose: the columns are added,
    // NULL (plain text; prose parsed when needed); checked again under the write lock, as
    // another process may be opening it too.
    const missing = () => {
      const have = new Set(
        (this.db.prepare('PRAGMA table_info(docs)').all() as { name: string }[]).map((c) => c.name),
      );
      return ['format', 'prose_edits'].filter((column) => !have.has(column));
    };
    if (missing().length > 0) {
      this.db
        .transaction(() => {
          for (const column of missing()) this.db.exec(`ALTER TABLE docs ADD COLUMN ${column} TEXT`);
        })
        .immediate();
    }
    const db = this.db;
    this.stmts = {
      existing: db.prepare('SELECT key, text_hash AS textHash, fps FROM docs WHERE id = ?'),
      insertDoc: db.prepare(
        'INSERT INTO docs (id, text_hash, text, title, url, date, format, prose_edits, fps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteDoc: db.prepare('DELETE FROM docs WHERE key = ?'),
      // Many rows per call instead of one: the JS-to-SQLite crossing costs more than the insert.
      insertPostings: db.prepare(
        `INSERT OR IGNORE INTO postings (hash, doc) VALUES ${Array(POSTINGS_CHUNK).fill('(?, ?)').join(', ')}`,
      ),
      insertPosting: db.prepare('INSERT OR IGNORE INTO postings (hash, doc) VALUES (?, ?)'),
      deletePosting: db.prepare('DELETE FROM postings WHERE hash = ? AND doc = ?'),
      postings: db.prepare(
        'SELECT hash, doc AS key FROM postings WHERE hash IN (SELECT value FROM json_each(?))',
      ),
      count: db.prepare('SELECT count(*) FROM docs').pluck(),
      postingCount: db.prepare('SELECT count(*) FROM postings').pluck(),
    };
  }

  private removeKey(key: number, fps: Buffer): void {
    for (const h of unpackHashes(fps)) this.stmts.deletePosting.run(h, key);
    this.stmts.deleteDoc.run(key);
  }

  /** Inserts a document row; returns its key. Its postings are written by the caller. */
  private insert(doc: PreparedDocument): number {
    const { lastInsertRowid } = this.stmts.insertDoc.run(
      doc.id,
      doc.textHash,
      doc.text,
      doc.title ?? null,
      doc.url ?? null,
      doc.date ?? null,
      doc.format === 'markdown' ? 'markdown' : null,
      doc.format === 'markdown' ? (doc.proseEdits ?? null) : null,
      packHashes(doc.fingerprints),
    );
    return Number(lastInsertRowid);
  }

  /**
   * Writes postings in hash order, so each B-tree page is visited once per batch rather than
   * once per posting. Typed arrays and one reused parameter array: a batch has hundreds of
   * thousands of postings, and per-pair arrays cost more in garbage than the inserts.
   */
  private insertPostings(hashes: Float64Array, keys: Float64Array): void {
    const order = new Uint32Array(hashes.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((x, y) => hashes[x] - hashes[y] || keys[x] - keys[y]);
    const params = new Array<number>(2 * POSTINGS_CHUNK);
    let i = 0;
    for (; i + POSTINGS_CHUNK <= order.length; i += POSTINGS_CHUNK) {
      for (let k = 0; k < POSTINGS_CHUNK; k++) {
        params[2 * k] = hashes[order[i + k]];
        params[2 * k + 1] = keys[order[i + k]];
      }
      this.stmts.insertPostings.run(params);
    }
    for (; i < order.length; i++) this.stmts.insertPosting.run(hashes[order[i]], keys[order[i]]);
  }

  async addBatch(docs: readonly PreparedDocument[]): Promise<AddResult> {
    const result: AddResult = { added: 0, replaced: 0, unchanged: 0 };
    const total = docs.reduce((n, d) => n + d.fingerprints.length, 0);
    const hashes = new Float64Array(total);
    const keys = new Float64Array(total);
    let n = 0;
    this.db.transaction(() => {
      for (const doc of docs) {
        const old = this.stmts.existing.get(doc.id) as
          | { key: number; textHash: string; fps: Buffer }
          | undefined;
        if (old && old.textHash === doc.textHash) {
          result.unchanged++;
          continue;
        }
        if (old) this.removeKey(old.key, old.fps);
        const key = this.insert(doc);
        for (const h of doc.fingerprints) {
          hashes[n] = h;
          keys[n++] = key;
        }
        if (old) result.replaced++;
        else result.added++;
      }
      this.insertPostings(hashes.subarray(0, n), keys.subarray(0, n));
    })();
    return result;
  }

  async remove(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      const old = this.stmts.existing.get(id) as { key: number; fps: Buffer } | undefined;
      if (!old) return false;
      this.removeKey(old.key, old.fps);
      return true;
    })();
  }

  async postings(hashes: readonly number[]): Promise<Posting[]> {
    if (hashes.length === 0) return [];
    return this.stmts.postings.all(JSON.stringify(hashes)) as Posting[];
  }

  async documentCount(): Promise<number> {
    return this.stmts.count.get() as number;
  }

  async documents(keys: readonly number[]): Promise<StoredDocument[]> {
    if (keys.length === 0) return [];
    const rows = this.db
      .prepare(
        'SELECT key, id, text, title, url, date, format, prose_edits FROM docs WHERE key IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify(keys)) as DocRow[];
    return rows.map(documentFromRow);
  }

  async get(id: string): Promise<SourceDocument | undefined> {
    const row = this.db
      .prepare('SELECT key, id, text, title, url, date, format FROM docs WHERE id = ?')
      .get(id) as DocRow | undefined;
    if (!row) return undefined;
    const { key: _key, ...doc } = documentFromRow(row);
    return doc;
  }

  async stats(): Promise<StoreStats> {
    const documents = this.stmts.count.get() as number;
    const fingerprints = this.stmts.postingCount.get() as number;
    let bytes = 0;
    if (this.path !== ':memory:') {
      for (const suffix of ['', '-wal']) {
        try {
          bytes += statSync(this.path + suffix).size;
        } catch {
          // No WAL file right after a checkpoint.
        }
      }
    }
    return { documents, fingerprints, bytes };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
