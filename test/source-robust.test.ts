/**
 * The source index under stress: an ingest killed mid-way (the database stays whole and a
 * rerun completes it), a search while another process ingests, and very long queries.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BenchDocument, loadDevDocuments, loadMeasureDocuments } from '../bench/corpora.js';
import { createSpinner, spinDocument } from '../bench/spinner.js';
import { openIndex, type SourceDocument } from '../src/api/index.js';
import { prepareDocument } from '../src/source/prepare.js';
import { ensureBuilt } from './built.js';
import { freshSchema } from './pg-schema.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'unspin-source-robust-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let docs: BenchDocument[];
beforeAll(() => {
  docs = loadDevDocuments({ sources: ['brown'], maxDocuments: 300 });
});

/** A code block of a markdown record: words of its own, which no other record has. */
function fencedCode(i: number): string {
  const words = Array.from({ length: 40 }, (_, k) => `token${(i * 31 + k * 7) % 997}x${k}`);
  return `\`\`\`\n${words.join(' ')}\n\`\`\`\n`;
}

/** `count` documents of about 1 kB: sentences of Brown recombined, each id distinct. */
function archiveLines(count: number): string {
  const sentences = docs.flatMap((d) => d.text.split(/(?<=[.?!])\s+/));
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    for (let k = 0; k < 7; k++) parts.push(sentences[(i * 7919 + k * 104_729) % sentences.length]);
    // Every tenth a markdown note, whose code block is no prose (read so by the worker too).
    lines.push(
      JSON.stringify(
        i % 10 === 9
          ? {
              id: `doc/${i}`,
              text: `# Record ${i}\n\n${parts.join(' ')}\n\n${fencedCode(i)}`,
              format: 'markdown',
            }
          : { id: `doc/${i}`, text: `Record ${i}. ${parts.join(' ')}` },
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('an ingest killed mid-way', () => {
  it('leaves a whole database, lets others search meanwhile, and a rerun completes it', async () => {
    ensureBuilt();
    const total = 6000;
    const batch = 2000;
    const input = join(tmp, 'archive.jsonl');
    writeFileSync(input, archiveLines(total));
    const db = join(tmp, 'killed.db');
    const args = [join(root, 'bin/unspin.js'), 'index', 'add', '--jsonl', input, '--db', db];
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    const reader = await (async () => {
      while (!existsSync(db)) await new Promise((r) => setTimeout(r, 20));
      return openIndex(db);
    })();
    try {
      // Wait for the first batch to land, then search it from this process while the
      // other one goes on writing.
      while ((await reader.stats()).documents === 0) await new Promise((r) => setTimeout(r, 20));
      const first = JSON.parse(archiveLines(3).split('\n')[2]) as { id: string; text: string };
      const found = await reader.find(first.text);
      expect(found.matches[0]?.id).toBe(first.id);
      expect(child.exitCode, 'the ingest was still running').toBeNull();
    } finally {
      await reader.close();
      child.kill('SIGKILL');
      await exited(child);
    }
    expect(child.signalCode).toBe('SIGKILL');

    const check = (expected?: number) => {
      const sql = new Database(db, { readonly: true });
      try {
        expect(sql.pragma('integrity_check', { simple: true })).toBe('ok');
        const count = sql.prepare('SELECT count(*) FROM docs').pluck().get() as number;
        // Each stored document has all its postings and no posting points nowhere.
        const expectedPostings = sql.prepare('SELECT sum(length(fps)) / 8 FROM docs').pluck().get();
        expect(sql.prepare('SELECT count(*) FROM postings').pluck().get()).toBe(expectedPostings ?? 0);
        expect(sql.prepare('SELECT count(DISTINCT doc) FROM postings').pluck().get()).toBe(count);
        expect(
          sql.prepare('SELECT count(*) FROM postings WHERE doc NOT IN (SELECT key FROM docs)').pluck().get(),
        ).toBe(0);
        if (expected !== undefined) expect(count).toBe(expected);
        return count;
      } finally {
        sql.close();
      }
    };
    const stored = check();
    // Whole batches only: the killed one left nothing behind.
    expect(stored % batch).toBe(0);
    expect(stored).toBeLessThan(total);

    const rerun = spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toBe(`added ${total - stored}, replaced 0, unchanged ${stored}\n`);
    check(total);
    // The last batch was fingerprinted on the worker thread: as inline, its markdown by its prose.
    const records = archiveLines(total)
      .trimEnd()
      .split('\n')
      .slice(-2)
      .map((line) => JSON.parse(line) as SourceDocument);
    expect(records.map((r) => r.format)).toEqual([undefined, 'markdown']);
    const sql = new Database(db, { readonly: true });
    try {
      for (const record of records) {
        const row = sql.prepare('SELECT fps, format, prose_edits FROM docs WHERE id = ?').get(record.id) as {
          fps: Buffer;
          format: string | null;
          prose_edits: string | null;
        };
        expect(row.format).toBe(record.format ?? null);
        // A markdown record's prose is stored with it, so that a search need not parse it.
        expect(row.prose_edits).toBe(prepareDocument(record).proseEdits ?? null);
        if (record.format === 'markdown') expect(row.prose_edits).toMatch(/^\d+:\[\[/);
        const stored = [...new Float64Array(Uint8Array.from(row.fps).buffer)];
        expect(stored.sort()).toEqual([...prepareDocument(record).fingerprints].sort());
      }
    } finally {
      sql.close();
    }
    const index = await openIndex(db);
    try {
      const markdown = records[1];
      expect((await index.find(markdown.text, { format: 'markdown' })).matches[0]?.id).toBe(markdown.id);
      const byCode = await index.find(fencedCode(total - 1));
      expect(byCode.matches.map((m) => m.id)).not.toContain(markdown.id);
    } finally {
      await index.close();
    }
  }, 120_000);
});

describe('a very long query', () => {
  it('finds the source of a spun copy inside a 50,000-word text, in bounded time', async () => {
    const index = await openIndex(join(tmp, 'long.db'));
    try {
      await index.add(docs.slice(0, 200).map((d) => ({ id: d.id, text: d.text })));
      const target = docs[123];
      const spun = spinDocument(createSpinner('A'), target.text, 0.3, 7, 'long').text;
      const filler = loadMeasureDocuments('brown');
      const parts: string[] = [];
      let words = 0;
      for (let i = 0; words < 50_000; i++) {
        const text = filler[i % filler.length].text;
        parts.push(text);
        words += text.split(/\s+/).length;
      }
      parts.splice(Math.floor(parts.length * 0.6), 0, spun);
      const query = parts.join('\n\n');
      const started = performance.now();
      const { matches } = await index.find(query);
      const seconds = (performance.now() - started) / 1000;
      expect(matches[0]?.id).toBe(target.id);
      // The evidence points at the copy, deep inside the query.
      const at = query.indexOf(spun);
      expect(matches[0].evidence[0].queryOffset).toBeGreaterThanOrEqual(at);
      expect(matches[0].evidence.at(-1)!.queryOffset).toBeLessThan(at + spun.length);
      expect(seconds).toBeLessThan(30);
    } finally {
      await index.close();
    }
  }, 60_000);
});

describe('an index made before documents had a format', () => {
  it('opens, gains the column, and keeps the plain documents it holds as they were', async () => {
    const path = join(tmp, 'before-format.db');
    const old = new Database(path);
    old.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('schema', '1');
      CREATE TABLE docs (key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, text_hash TEXT NOT NULL,
        text TEXT NOT NULL, title TEXT, url TEXT, date TEXT, fps BLOB NOT NULL);
      CREATE TABLE postings (hash INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (hash, doc)) WITHOUT ROWID;`);
    old.close();
    const [plain, note] = docs.slice(0, 2);
    let index = await openIndex(path);
    await index.add([{ id: 'plain', text: plain.text }]);
    await index.close();
    // What an earlier version wrote: no format column, and a plain text's hash as it was then.
    const db = new Database(path);
    const earlierHash = createHash('sha256')
      .update(JSON.stringify([plain.text, null, null, null]))
      .digest('base64url');
    expect(db.prepare("SELECT text_hash FROM docs WHERE id = 'plain'").pluck().get()).toBe(earlierHash);
    db.exec('ALTER TABLE docs DROP COLUMN format');
    db.exec('ALTER TABLE docs DROP COLUMN prose_edits');
    db.close();
    index = await openIndex(path);
    try {
      // The plain document's hash is the one it had: re-adding it changes nothing.
      expect(await index.add([{ id: 'plain', text: plain.text }])).toMatchObject({ unchanged: 1 });
      expect(await index.get('plain')).toEqual({ id: 'plain', text: plain.text });
      await index.add([{ id: 'note', text: `# Note\n\n${note.text}`, format: 'markdown' }]);
      expect((await index.get('note'))?.format).toBe('markdown');
      expect((await index.find(note.text)).matches[0]?.id).toBe('note');
    } finally {
      await index.close();
    }
  });
});

describe.runIf(process.env.UNSPIN_TEST_PG_URL)('a PostgreSQL index opened during an ingest', () => {
  it('opens at once, not after the ingest commits', async () => {
    const url = await freshSchema(process.env.UNSPIN_TEST_PG_URL as string, 'unspin_test_open');
    await (await openIndex(url)).close();
    const writer = new pg.Client({ connectionString: url });
    await writer.connect();
    await writer.query('BEGIN');
    await writer.query("INSERT INTO unspin_docs (id, text_hash, text, fps) VALUES ('w', 'h', 't', '{}')");
    const opening = openIndex(url);
    try {
      const first = await Promise.race([
        opening.then(() => 'opened'),
        new Promise((resolve) => setTimeout(() => resolve('still waiting'), 3000)),
      ]);
      expect(first).toBe('opened');
    } finally {
      await writer.query('ROLLBACK');
      await writer.end();
      await (await opening).close();
    }
  });
});
