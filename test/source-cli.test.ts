import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BenchDocument, loadDevDocuments, loadMeasureDocuments } from '../bench/corpora.js';
import { createSpinner, spinDocument } from '../bench/spinner.js';
import type { FindResult } from '../src/api/index.js';
import { parseRecord } from '../src/api/source.js';
import { run } from '../src/cli/main.js';
import { defaultDbPath } from '../src/cli/source-commands.js';
import { freshSchema } from './pg-schema.js';

const tmp = mkdtempSync(join(tmpdir(), 'unspin-source-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

async function cli(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const stdin =
    opts.stdin === undefined
      ? Object.assign(Readable.from([]), { isTTY: true })
      : Object.assign(Readable.from([Buffer.from(opts.stdin)]), { isTTY: false });
  const code = await run(['node', 'unspin', ...args], { stdout, stderr, stdin, env: opts.env ?? {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const db = join(tmp, 'index.db');
const archive = join(tmp, 'archive');
let docs: BenchDocument[];
let spunPath: string;
let unrelatedPath: string;

beforeAll(() => {
  docs = loadDevDocuments({ sources: ['brown'], maxDocuments: 60 });
  mkdirSync(join(archive, 'nested'), { recursive: true });
  for (const [i, d] of docs.slice(0, 20).entries()) writeFileSync(join(archive, `${i}.txt`), d.text);
  writeFileSync(
    join(archive, 'nested', 'page.html'),
    `<!doctype html><html><head><title>Page of the archive</title></head><body><nav>Home | About</nav><article><p>${docs[20].text}</p></article></body></html>`,
  );
  writeFileSync(
    join(archive, 'nested', 'broken.txt'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]),
  );
  writeFileSync(join(archive, 'ignored.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const lines = docs
    .slice(30, 50)
    .map((d) =>
      JSON.stringify({ id: d.id, text: d.text, title: `T ${d.id}`, url: `https://example.org/${d.id}` }),
    );
  lines.splice(3, 0, '{"id": "no-text"}', 'not json');
  writeFileSync(join(tmp, 'articles.jsonl'), `${lines.join('\n')}\n`);
  spunPath = join(tmp, 'suspicious.txt');
  writeFileSync(spunPath, spinDocument(createSpinner('A'), docs[35].text, 0.3, 2, 'cli').text);
  unrelatedPath = join(tmp, 'unrelated.txt');
  writeFileSync(unrelatedPath, loadMeasureDocuments('brown')[0].text);
});

describe('unspin index and find', () => {
  it('indexes a directory recursively, reporting and skipping bad files', async () => {
    const r = await cli(['index', 'add', '--db', db, archive]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('added 21, replaced 0, unchanged 0; 1 skipped\n');
    expect(r.stderr).toMatch(/skipped .*broken\.txt: .*PNG/);
    expect(r.stderr).not.toContain('ignored.png');
    const again = await cli(['index', 'add', '--db', db, archive]);
    expect(again.stdout).toBe('added 0, replaced 0, unchanged 21; 1 skipped\n');
  });

  it('indexes JSON Lines, naming bad lines', async () => {
    const r = await cli(['index', 'add', '--db', db, '--jsonl', join(tmp, 'articles.jsonl')]);
    expect(r.stdout).toBe('added 20, replaced 0, unchanged 0; 2 skipped\n');
    expect(r.stderr).toContain('articles.jsonl:4');
    expect(r.stderr).toContain('articles.jsonl:5: not valid JSON');
    const stdin = `${JSON.stringify({ id: 'from-stdin', text: docs[55].text })}\n`;
    expect((await cli(['index', 'add', '--db', db, '--jsonl', '-'], { stdin })).code).toBe(0);
    const stats = await cli(['index', 'stats', '--db', db]);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(
      /^42 documents, \d+ fingerprints, \d+ bytes on disk, \d+ bytes\/document\n$/,
    );
  });

  it('finds the source with evidence, as text and as JSON', async () => {
    const text = await cli(['find', '--db', db, spunPath]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`1. ${docs[35].id}  score`);
    expect(text.stdout).toContain(`title: T ${docs[35].id}`);
    expect(text.stdout).toMatch(/passage 1: .* swaps\n/);
    expect(text.stdout).toMatch(/ {2}← source: \S/);
    const json = await cli(['find', '--json', '--db', db, spunPath]);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as FindResult;
    expect(result.matches[0]).toMatchObject({ id: docs[35].id, url: `https://example.org/${docs[35].id}` });
    expect(Object.keys(result.matches[0].evidence[0]).sort()).toEqual(
      ['queryLength', 'queryOffset', 'sourceLength', 'sourceOffset', 'swaps'].sort(),
    );
    // HTML in the archive was indexed as its article text under its path, with its title.
    const html = await cli(['find', '--json', '--db', db, '-'], { stdin: docs[20].text });
    expect((JSON.parse(html.stdout) as FindResult).matches[0]).toMatchObject({
      id: join(archive, 'nested', 'page.html'),
      title: 'Page of the archive',
    });
  });

  it('exits 1 with no matches for unrelated text', async () => {
    const r = await cli(['find', '--json', '--db', db, unrelatedPath]);
    expect(r).toMatchObject({ code: 1, stdout: '{"matches":[]}\n' });
    expect((await cli(['find', '--db', db, unrelatedPath])).stdout).toMatch(/no source found/);
  });

  it('searches a markdown query by its prose, so code and link targets are not copies', async () => {
    const [prose, code] = [docs[56], docs[57]];
    const mdDb = join(tmp, 'markdown.db');
    const dir = join(tmp, 'markdown');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'prose.txt'), prose.text);
    writeFileSync(join(dir, 'code.txt'), code.text);
    expect((await cli(['index', 'add', '--db', mdDb, dir])).code).toBe(0);
    const spun = spinDocument(createSpinner('A'), prose.text, 0.3, 6, 'md').text;
    const lead = `Read [this](https://example.org/${code.id}).\n\n`;
    const markdown = `${lead}${spun}\n\n    ${code.text}\n`;
    const query = join(tmp, 'query.md');
    writeFileSync(query, markdown);
    const ids = (r: { stdout: string }) => (JSON.parse(r.stdout) as FindResult).matches.map((m) => m.id);
    const found = await cli(['find', '--json', '--db', mdDb, query]);
    expect(ids(found)).toEqual([join(dir, 'prose.txt')]);
    // Only the prose was aligned: the evidence lies within the spun paragraph of the query.
    for (const e of (JSON.parse(found.stdout) as FindResult).matches[0].evidence) {
      expect(e.queryOffset).toBeGreaterThanOrEqual(lead.length);
      expect(e.queryOffset + e.queryLength).toBeLessThanOrEqual(lead.length + spun.length);
    }
    // From standard input the format is given; read as text, the indented code is a copy too.
    const piped = await cli(['find', '--json', '--format', 'markdown', '--db', mdDb, '-'], {
      stdin: markdown,
    });
    expect(ids(piped)).toEqual([join(dir, 'prose.txt')]);
    const asText = await cli(['find', '--json', '--db', mdDb, '-'], { stdin: markdown });
    expect(ids(asText)).toContain(join(dir, 'code.txt'));
  });

  it('indexes a markdown file by its prose, keeping it as written', async () => {
    const [prose, code] = [docs[58], docs[59]];
    const mdDb = join(tmp, 'markdown-archive.db');
    const dir = join(tmp, 'markdown-archive');
    mkdirSync(dir, { recursive: true });
    const note = join(dir, 'note.md');
    const head = '---\ntitle: A note\n---\n\n# Note\n\n';
    // A link every ten words inside the prose: its target is no text of the note.
    const linked = prose.text
      .split(' ')
      .map((word, i) => (i % 10 === 4 ? `[${word}](https://example.org/${i})` : word))
      .join(' ');
    writeFileSync(note, `${head}${linked}\n\n\`\`\`text\n${code.text}\n\`\`\`\n`);
    expect((await cli(['index', 'add', '--db', mdDb, dir])).stdout).toBe(
      'added 1, replaced 0, unchanged 0\n',
    );
    // The text in its code block is no copy of anything.
    expect((await cli(['find', '--json', '--db', mdDb, '-'], { stdin: code.text })).code).toBe(1);
    // A spun copy of the prose followed by the code's text: only the prose is evidence, read
    // in the note as written.
    const spun = spinDocument(createSpinner('A'), prose.text, 0.3, 8, 'md-archive').text;
    const found = await cli(['find', '--json', '--db', mdDb, '-'], { stdin: `${spun}\n\n${code.text}` });
    const match = (JSON.parse(found.stdout) as FindResult).matches[0];
    expect(match.id).toBe(note);
    expect(match.coverage).toBeLessThan(0.8);
    for (const e of match.evidence) {
      expect(e.sourceOffset).toBeGreaterThanOrEqual(head.length);
      expect(e.sourceOffset + e.sourceLength).toBeLessThanOrEqual(head.length + linked.length);
      // A swap may span a link as written, but no link target is a swapped word.
      for (const swap of e.swaps) expect(swap.source.replace(/\]\([^)]*\)/g, '')).not.toContain('https');
    }
  });

  it('indexes files as the format given, whatever their extension', async () => {
    const [prose, code] = [docs[40], docs[41]];
    const notes = join(tmp, 'notes.txt');
    writeFileSync(notes, `${prose.text}\n\n\`\`\`\n${code.text}\n\`\`\`\n`);
    for (const [format, codeFound] of [
      ['markdown', false],
      ['auto', true],
    ] as const) {
      const formatDb = join(tmp, `format-${format}.db`);
      expect((await cli(['index', 'add', '--format', format, '--db', formatDb, notes])).code).toBe(0);
      const found = await cli(['find', '--json', '--db', formatDb, '-'], { stdin: code.text });
      expect(found.code, format).toBe(codeFound ? 0 : 1);
    }
  });

  it("takes a JSON Lines record's format, and names a wrong one", () => {
    expect(parseRecord('{"id": 1, "text": "# Hi", "format": "markdown"}')).toEqual({
      id: '1',
      text: '# Hi',
      format: 'markdown',
    });
    expect(parseRecord('{"id": 1, "text": "Hi", "format": "text"}')).toEqual({ id: '1', text: 'Hi' });
    expect(parseRecord('{"id": 1, "text": "Hi", "format": "html"}')).toBe(
      '"format" of 1 must be "text" or "markdown"',
    );
    // An id no URL of the API could name again.
    expect(parseRecord('{"id": "a\\ud800", "text": "Hi"}')).toMatch(/half of a surrogate pair/);
    expect(parseRecord('{"id": "\\ud83d\\ude00", "text": "Hi"}')).toMatchObject({ id: '😀' });
  });

  it('removes a document by id', async () => {
    const id = docs[35].id;
    expect(await cli(['index', 'remove', '--db', db, id])).toMatchObject({
      code: 0,
      stdout: `removed ${id}\n`,
    });
    const json = await cli(['find', '--json', '--db', db, spunPath]);
    expect(json.code).toBe(1);
    const missing = await cli(['index', 'remove', '--db', db, id]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^unspin: no document with id/);
  });

  it('uses UNSPIN_DB, then the XDG data directory, and refuses what it cannot open', async () => {
    expect(defaultDbPath({ UNSPIN_DB: '/x/y.db', XDG_DATA_HOME: '/d' })).toBe('/x/y.db');
    expect(defaultDbPath({ XDG_DATA_HOME: '/d' })).toBe('/d/unspin/index.db');
    expect(defaultDbPath({ HOME: '/home/u' })).toBe('/home/u/.local/share/unspin/index.db');
    const viaEnv = await cli(['index', 'stats'], { env: { UNSPIN_DB: db } });
    expect(viaEnv.stdout).toMatch(/^41 documents/);
    // Only add creates an index: reading one that is not there (a mistyped --db) is an error,
    // and leaves nothing behind.
    const xdgHome = join(tmp, 'xdg');
    const xdg = await cli(['index', 'stats'], { env: { XDG_DATA_HOME: xdgHome } });
    expect(xdg.code).toBe(2);
    expect(xdg.stderr).toContain(`there is no index at ${join(xdgHome, 'unspin', 'index.db')}`);
    for (const args of [
      ['find', spunPath],
      ['index', 'remove', 'x'],
      ['index', 'stats'],
    ]) {
      const typo = await cli([...args, '--db', join(tmp, 'typo', 'x.db')]);
      expect(typo.code).toBe(2);
      expect(typo.stderr).toMatch(/^unspin: there is no index at .*typo.*add documents/);
    }
    expect(existsSync(xdgHome) || existsSync(join(tmp, 'typo'))).toBe(false);
    const notDb = await cli(['index', 'stats', '--db', unrelatedPath]);
    expect(notDb.code).toBe(2);
    expect(notDb.stderr).toMatch(/^unspin: cannot open the index/);
    // Nothing listens on port 1: the error names the server, without its password.
    const pg = await cli(['find', '--db', 'postgres://u:secret@127.0.0.1:1/db', spunPath]);
    expect(pg.code).toBe(2);
    expect(pg.stderr).toMatch(/^unspin: cannot open the index postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db: \S/);
    expect(pg.stderr).not.toContain('secret');
    expect((await cli(['find', '--db', db, join(tmp, 'nope.txt')])).stderr).toMatch(/no such file/);
  });
});

describe.runIf(process.env.UNSPIN_TEST_PG_URL)('unspin with --db postgres://', () => {
  it('indexes and finds through a PostgreSQL server', async () => {
    const url = await freshSchema(process.env.UNSPIN_TEST_PG_URL!, 'unspin_test_cli');
    const add = await cli(['index', 'add', '--jsonl', '--db', url, join(tmp, 'articles.jsonl')]);
    expect(add.stdout).toBe('added 20, replaced 0, unchanged 0; 2 skipped\n');
    const found = await cli(['find', '--json', spunPath], { env: { UNSPIN_DB: url } });
    expect(found.code).toBe(0);
    expect((JSON.parse(found.stdout) as FindResult).matches[0].id).toBe(docs[35].id);
    const stats = await cli(['index', 'stats', '--db', url]);
    expect(stats.stdout).toMatch(/^\d+ documents, \d+ fingerprints/);
  });
});
