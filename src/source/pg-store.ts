/**
 * PostgreSQL store: the same tables and behaviour as the SQLite store, on a server, so
 * several machines can share one archive. Each batch is one transaction (a killed ingest
 * leaves the last whole batch); readers see committed batches only (MVCC), so searches
 * run during an ingest. Hashes are below 2^53, so bigint columns read back exactly.
 */
import pg from 'pg';
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

/** Documents per INSERT: 8 parameters each, well under PostgreSQL's 65,535 per statement. */
const INSERT_ROWS = 1000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS unspin_docs (
  key BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  text_hash TEXT NOT NULL,
  text TEXT NOT NULL,
  title TEXT, url TEXT, date TEXT,
  format TEXT,
  prose_edits TEXT,
  fps BIGINT[] NOT NULL
);
-- An index made before documents had a format, or their prose (as edits of the text,
-- src/source/prose-edits.ts): the columns are added, NULL (plain text; prose parsed when
-- needed). Only then: ALTER TABLE takes the table's strongest lock even when it changes
-- nothing, and every open would wait for an ingest's batch to commit, and every reader behind it.
-- (prose_edits came after format: an index that has it has both.)
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_attribute
    WHERE attrelid = to_regclass('unspin_docs') AND attname = 'prose_edits' AND NOT attisdropped
  ) THEN
    ALTER TABLE unspin_docs ADD COLUMN IF NOT EXISTS format TEXT, ADD COLUMN IF NOT EXISTS prose_edits TEXT;
  END IF;
END $$;
CREATE TABLE IF NOT EXISTS unspin_postings (
  hash BIGINT NOT NULL,
  doc BIGINT NOT NULL,
  PRIMARY KEY (hash, doc)
);
`;

// Two processes creating the tables at once would race; a fixed advisory lock serialises it.
const SCHEMA_LOCK = 0x756e7370;

export class PgStore implements SourceStore {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<PgStore> {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const client = await pool.connect().catch(async (err: unknown) => {
      await pool.end();
      throw err;
    });
    try {
      await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
      await client.query(SCHEMA);
      await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
    } catch (err) {
      // Destroyed, not pooled: the connection takes the session's advisory lock with it, which
      // an idle pooled one would hold until its timeout, stalling the next open.
      client.release(true);
      await pool.end();
      throw err;
    }
    client.release();
    return new PgStore(pool);
  }

  private async inTransaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  private async removeKey(c: pg.PoolClient, key: string, fps: string[]): Promise<void> {
    await c.query('DELETE FROM unspin_postings WHERE doc = $2 AND hash = ANY($1::bigint[])', [fps, key]);
    await c.query('DELETE FROM unspin_docs WHERE key = $1', [key]);
  }

  async addBatch(docs: readonly PreparedDocument[]): Promise<AddResult> {
    const result: AddResult = { added: 0, replaced: 0, unchanged: 0 };
    await this.inTransaction(async (c) => {
      // One look-up for the whole batch (ids are unique within a batch). FOR UPDATE, in id
      // order: two ingests of the same ids serialise instead of both inserting.
      const old = await c.query<{ id: string; key: string; text_hash: string; fps: string[] }>(
        'SELECT id, key, text_hash, fps FROM unspin_docs WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
        [docs.map((d) => d.id)],
      );
      const previous = new Map(old.rows.map((row) => [row.id, row]));
      const fresh: PreparedDocument[] = [];
      for (const doc of docs) {
        const prev = previous.get(doc.id);
        if (prev && prev.text_hash === doc.textHash) {
          result.unchanged++;
          continue;
        }
        if (prev) {
          await this.removeKey(c, prev.key, prev.fps);
          result.replaced++;
        } else result.added++;
        fresh.push(doc);
      }
      const hashes: number[] = [];
      const keys: string[] = [];
      for (let at = 0; at < fresh.length; at += INSERT_ROWS) {
        const chunk = fresh.slice(at, at + INSERT_ROWS);
        const params: unknown[] = [];
        const rows = chunk.map((doc) => {
          params.push(
            doc.id,
            doc.textHash,
            doc.text,
            doc.title ?? null,
            doc.url ?? null,
            doc.date ?? null,
            doc.format === 'markdown' ? 'markdown' : null,
            doc.format === 'markdown' ? (doc.proseEdits ?? null) : null,
            doc.fingerprints,
          );
          const n = params.length;
          return `($${n - 8}, $${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}::bigint[])`;
        });
        const inserted = await c.query<{ id: string; key: string }>(
          `INSERT INTO unspin_docs (id, text_hash, text, title, url, date, format, prose_edits, fps) VALUES ${rows.join(', ')} RETURNING id, key`,
          params,
        );
        const keyOf = new Map(inserted.rows.map((row) => [row.id, row.key]));
        for (const doc of chunk) {
          const key = keyOf.get(doc.id)!;
          for (const h of doc.fingerprints) {
            hashes.push(h);
            keys.push(key);
          }
        }
      }
      if (hashes.length > 0) {
        await c.query(
          `INSERT INTO unspin_postings (hash, doc)
           SELECT * FROM unnest($1::bigint[], $2::bigint[]) ORDER BY 1, 2 ON CONFLICT DO NOTHING`,
          [hashes, keys],
        );
      }
    });
    return result;
  }

  async remove(id: string): Promise<boolean> {
    return this.inTransaction(async (c) => {
      const old = await c.query<{ key: string; fps: string[] }>(
        'SELECT key, fps FROM unspin_docs WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (old.rows.length === 0) return false;
      await this.removeKey(c, old.rows[0].key, old.rows[0].fps);
      return true;
    });
  }

  async postings(hashes: readonly number[]): Promise<Posting[]> {
    if (hashes.length === 0) return [];
    const r = await this.pool.query<{ hash: string; doc: string }>(
      'SELECT hash, doc FROM unspin_postings WHERE hash = ANY($1::bigint[])',
      [hashes],
    );
    return r.rows.map((row) => ({ hash: Number(row.hash), key: Number(row.doc) }));
  }

  /**
   * The planner's row estimate, else an exact count. The rarity weights need only the
   * order of magnitude, and count(*) reads the whole table: 30 ms a query at 100k documents.
   */
  async documentCount(): Promise<number> {
    const r = await this.pool.query<{ n: string }>(
      `SELECT CASE WHEN reltuples >= 10000 THEN reltuples::bigint
                   ELSE (SELECT count(*) FROM unspin_docs) END AS n
         FROM pg_class WHERE oid = 'unspin_docs'::regclass`,
    );
    return Number(r.rows[0].n);
  }

  async documents(keys: readonly number[]): Promise<StoredDocument[]> {
    if (keys.length === 0) return [];
    const r = await this.pool.query<DocRow>(
      'SELECT key, id, text, title, url, date, format, prose_edits FROM unspin_docs WHERE key = ANY($1::bigint[])',
      [keys],
    );
    return r.rows.map(documentFromRow);
  }

  async get(id: string): Promise<SourceDocument | undefined> {
    const r = await this.pool.query<DocRow>(
      'SELECT key, id, text, title, url, date, format FROM unspin_docs WHERE id = $1',
      [id],
    );
    if (r.rows.length === 0) return undefined;
    const { key: _key, ...doc } = documentFromRow(r.rows[0]);
    return doc;
  }

  async stats(): Promise<StoreStats> {
    const r = await this.pool.query<{ documents: string; fingerprints: string; bytes: string }>(
      `SELECT (SELECT count(*) FROM unspin_docs) AS documents,
              (SELECT count(*) FROM unspin_postings) AS fingerprints,
              pg_total_relation_size('unspin_docs') + pg_total_relation_size('unspin_postings') AS bytes`,
    );
    const row = r.rows[0];
    return {
      documents: Number(row.documents),
      fingerprints: Number(row.fingerprints),
      bytes: Number(row.bytes),
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
