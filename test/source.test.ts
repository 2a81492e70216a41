import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BenchDocument, loadDevDocuments, loadMeasureDocuments } from '../bench/corpora.js';
import { createSpinner, type Spinner, spinDocument } from '../bench/spinner.js';
import { type AddResult, type FindResult, openIndex, type SourceIndex } from '../src/api/index.js';
import { PgStore } from '../src/source/pg-store.js';
import { prepareDocument } from '../src/source/prepare.js';
import { withProseEdits } from '../src/source/prose-edits.js';
import { SqliteStore } from '../src/source/sqlite-store.js';
import { proseOf } from '../src/text/markdown.js';
import { freshSchema } from './pg-schema.js';

const tmp = mkdtempSync(join(tmpdir(), 'unspin-source-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * The same suite runs on every store: SQLite always, PostgreSQL when UNSPIN_TEST_PG_URL
 * names a database the tests may wipe (.ci/run starts one).
 */
const PG_URL = process.env.UNSPIN_TEST_PG_URL;
const STORES: Array<[string, string]> = [['SQLite', join(tmp, 'archive.db')]];
if (PG_URL) STORES.push(['PostgreSQL', PG_URL]);

describe.each(STORES)('%s store', (_kind, dbPath) => {
  let location: string;
  let docs: BenchDocument[];
  let unrelated: BenchDocument[];
  let index: SourceIndex;
  let spinnerA: Spinner;
  let spinnerB: Spinner;

  beforeAll(async () => {
    docs = loadDevDocuments({ sources: ['brown', 'sotu'], maxDocuments: 200 });
    // Measure documents are disjoint from dev documents: nothing in the archive comes from them.
    unrelated = loadMeasureDocuments('brown').slice(0, 30);
    spinnerA = createSpinner('A');
    spinnerB = createSpinner('B');
    location = dbPath.startsWith('postgres') ? await freshSchema(dbPath, 'unspin_test_api') : dbPath;
    index = await openIndex(location);
    const added = await index.add(
      docs.map((d) => ({ id: d.id, text: d.text, title: `Title of ${d.id}` })),
      { batchSize: 64 },
    );
    expect(added).toEqual({ added: docs.length, replaced: 0, unchanged: 0 });
  });

  afterAll(async () => {
    await index?.close();
  });

  /** Every evidence passage points inside both texts, and each swap's wording is really there. */
  function expectEvidence(query: string, source: string, result: FindResult['matches'][number]): void {
    expect(result.evidence.length).toBeGreaterThan(0);
    for (const e of result.evidence) {
      expect(e.queryOffset + e.queryLength).toBeLessThanOrEqual(query.length);
      expect(e.sourceOffset + e.sourceLength).toBeLessThanOrEqual(source.length);
      const q = query.slice(e.queryOffset, e.queryOffset + e.queryLength);
      const s = source.slice(e.sourceOffset, e.sourceOffset + e.sourceLength);
      for (const swap of e.swaps) {
        expect(q).toContain(swap.query);
        expect(s).toContain(swap.source);
        expect(swap.query.toLowerCase()).not.toBe(swap.source.toLowerCase());
      }
    }
  }

  function rankOf(result: FindResult, id: string): number {
    return result.matches.findIndex((m) => m.id === id);
  }

  describe('find', () => {
    it('finds the source of 30% spun copies at rank 1, with evidence of the swaps', async () => {
      for (const [spinner, label] of [
        [spinnerA, 'a'],
        [spinnerB, 'b'],
      ] as const) {
        for (const doc of docs.slice(0, 12)) {
          const spun = spinDocument(spinner, doc.text, 0.3, 11, `${label}/${doc.id}`);
          expect(spun.rate).toBeGreaterThan(0.1);
          const result = await index.find(spun.text);
          expect(rankOf(result, doc.id), `${spinner.name} ${doc.id}`).toBe(0);
          const top = result.matches[0];
          expect(top.title).toBe(`Title of ${doc.id}`);
          // Spinner B's swaps are unknown to the lexicon and count half; edges may stay unaligned.
          expect(top.score).toBeGreaterThan(0.55);
          expect(top.coverage).toBeGreaterThan(0.7);
          expectEvidence(spun.text, doc.text, top);
          expect(top.evidence.flatMap((e) => e.swaps).length).toBeGreaterThan(0);
        }
      }
    });

    it('reports the swaps the spinner made next to the source wording', async () => {
      const doc = docs.find((d) => d.words > 150)!;
      const spun = spinDocument(spinnerA, doc.text, 0.3, 5, doc.id);
      const top = (await index.find(spun.text)).matches[0];
      const swaps = top.evidence.flatMap((e) => e.swaps);
      // Most gold swaps appear as a reported swap whose source wording contains the original.
      const found = spun.spans.filter((g) =>
        swaps.some((s) => s.query.includes(g.spun) && s.source.includes(g.original)),
      );
      expect(found.length / spun.spans.length).toBeGreaterThan(0.8);
    });

    it('reads a markdown query as its prose: text in code or link targets is no copy', async () => {
      const [copied, inCode] = [docs[60], docs[61]];
      // Emphasis and a link inside the copied paragraph: swaps are still quoted from the query as sent.
      const spun = spinDocument(spinnerA, copied.text, 0.3, 4, copied.id)
        .text.split(' ')
        .map((word, i) =>
          i % 9 === 3 ? `**${word}**` : i % 13 === 5 ? `[${word}](https://example.org/${i})` : word,
        )
        .join(' ');
      const query = `# Notes\n\n${spun} See [the notes](https://example.org/${inCode.id}).\n\n\`\`\`\n${inCode.text}\n\`\`\`\n`;
      const asMarkdown = await index.find(query, { format: 'markdown' });
      expect(asMarkdown.matches.map((m) => m.id)).toEqual([copied.id]);
      expectEvidence(query, copied.text, asMarkdown.matches[0]);
      expect(asMarkdown.matches[0].evidence.flatMap((e) => e.swaps).length).toBeGreaterThan(0);
      // Read as plain text, the code block is a copy too.
      expect(rankOf(await index.find(query), inCode.id)).toBeGreaterThanOrEqual(0);
    });

    it('still finds the source at 40% spin', async () => {
      let first = 0;
      const sample = docs.slice(20, 40);
      for (const doc of sample) {
        const spun = spinDocument(spinnerA, doc.text, 0.4, 3, doc.id);
        if (rankOf(await index.find(spun.text), doc.id) === 0) first++;
      }
      expect(first / sample.length).toBeGreaterThanOrEqual(0.9);
    });

    it('finds a spun partial copy inside unrelated text', async () => {
      const long = docs.filter((d) => d.words > 200).slice(0, 8);
      for (const [k, doc] of long.entries()) {
        const words = doc.text.split(' ');
        const part = words.slice(Math.floor(words.length / 3), Math.floor(words.length / 3) + 60).join(' ');
        const query = `${unrelated[k].text}\n\n${spinDocument(spinnerA, part, 0.3, 9, doc.id).text}`;
        const result = await index.find(query);
        expect(rankOf(result, doc.id), doc.id).toBe(0);
        const top = result.matches[0];
        expect(top.coverage).toBeLessThan(0.9);
        // The evidence points at the copied part, after the unrelated text.
        expect(top.evidence[0].queryOffset).toBeGreaterThanOrEqual(unrelated[k].text.length);
      }
    });

    it('reports each source of a text stitched from two', async () => {
      const [a, b] = docs.filter((d) => d.words > 120).slice(3, 5);
      const query = `${spinDocument(spinnerA, a.text, 0.3, 1, a.id).text}\n\n${spinDocument(spinnerB, b.text, 0.3, 1, b.id).text}`;
      const ids = (await index.find(query)).matches.slice(0, 2).map((m) => m.id);
      expect(ids.sort()).toEqual([a.id, b.id].sort());
    });

    it('returns no match for text that has nothing in common with the archive', async () => {
      for (const doc of unrelated) expect((await index.find(doc.text)).matches, doc.id).toEqual([]);
      expect((await index.find('The cat sat on the mat.')).matches).toEqual([]);
      expect((await index.find('')).matches).toEqual([]);
    });

    it('respects the limit', async () => {
      const query = `${docs[0].text}\n\n${docs[1].text}\n\n${docs[2].text}`;
      expect((await index.find(query, { limit: 2 })).matches).toHaveLength(2);
      expect((await index.find(query)).matches.length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('ingest', () => {
    it('stores the same document once', async () => {
      const before = await index.stats();
      const again = await index.add(
        docs.slice(0, 50).map((d) => ({ id: d.id, text: d.text, title: `Title of ${d.id}` })),
      );
      expect(again).toEqual({ added: 0, replaced: 0, unchanged: 50 });
      expect(await index.stats()).toMatchObject({
        documents: before.documents,
        fingerprints: before.fingerprints,
      });
      expect(before.documents).toBe(docs.length);
      expect(before.bytes).toBeGreaterThan(0);
    });

    it('replaces a document re-added with new text, and removes one by id', async () => {
      const [target, other] = [docs[150], unrelated[0]];
      const before = await index.stats();
      expect(await index.add([{ id: target.id, text: other.text }])).toEqual({
        added: 0,
        replaced: 1,
        unchanged: 0,
      });
      expect((await index.stats()).documents).toBe(before.documents);
      expect(rankOf(await index.find(target.text), target.id)).toBe(-1);
      expect(rankOf(await index.find(other.text), target.id)).toBe(0);
      expect(await index.get(target.id)).toEqual({ id: target.id, text: other.text });

      expect(await index.remove(target.id)).toBe(true);
      expect(await index.get(target.id)).toBeUndefined();
      expect(await index.remove(target.id)).toBe(false);
      expect((await index.find(other.text)).matches).toEqual([]);
      expect((await index.stats()).documents).toBe(before.documents - 1);
      // Removal takes the document's postings with it.
      expect((await index.stats()).fingerprints).toBeLessThan(before.fingerprints);

      await index.add([{ id: target.id, text: target.text, title: `Title of ${target.id}` }]);
      expect(await index.stats()).toEqual({ ...before, bytes: expect.any(Number) });
    });

    it('counts an id given again in one add as it would be across adds, and keeps its last text', async () => {
      const [first, second] = [unrelated[1], unrelated[2]];
      const before = await index.stats();
      const versions = [first, second, second].map((d) => ({ id: 'given-twice', text: d.text }));
      expect(await index.add(versions)).toEqual({ added: 1, replaced: 1, unchanged: 1 });
      expect(await index.get('given-twice')).toEqual({ id: 'given-twice', text: second.text });
      expect(rankOf(await index.find(first.text), 'given-twice')).toBe(-1);
      expect(rankOf(await index.find(second.text), 'given-twice')).toBe(0);
      expect(await index.remove('given-twice')).toBe(true);
      // No posting of the first version is left behind.
      expect(await index.stats()).toEqual({ ...before, bytes: expect.any(Number) });
    });

    it('keeps a markdown document as written, with its format, and re-reads it when the format changes', async () => {
      const id = 'format/note';
      const text = `# Note\n\n${unrelated[20].text}\n\n\`\`\`\n${unrelated[21].text}\n\`\`\`\n`;
      const steps: Array<['text' | 'markdown' | undefined, keyof AddResult]> = [
        [undefined, 'added'],
        ['text', 'unchanged'],
        ['markdown', 'replaced'],
        ['markdown', 'unchanged'],
        [undefined, 'replaced'],
        ['markdown', 'replaced'],
      ];
      for (const [format, outcome] of steps) {
        const added = await index.add([{ id, text, ...(format && { format }) }]);
        expect(added[outcome], `${format} → ${outcome}`).toBe(1);
      }
      expect(await index.get(id)).toEqual({ id, text, format: 'markdown' });
      // Its prose is stored with it, as edits of its text: a search reads it without parsing.
      const store = location.startsWith('postgres')
        ? await PgStore.open(location)
        : new SqliteStore(location);
      try {
        const prepared = prepareDocument({ id, text, format: 'markdown' });
        const keys = [...new Set((await store.postings(prepared.fingerprints)).map((p) => p.key))];
        const stored = (await store.documents(keys)).find((d) => d.id === id);
        expect(stored?.proseEdits).toBe(prepared.proseEdits);
        expect(withProseEdits(text, stored?.proseEdits ?? '')).toBe(proseOf(text, 'markdown'));
      } finally {
        await store.close();
      }
      // Read by its prose: the text of its code block is no copy of it.
      expect((await index.find(unrelated[21].text)).matches).toEqual([]);
      expect((await index.find(unrelated[20].text)).matches[0]?.id).toBe(id);
      await index.remove(id);
    });

    it('lets a second connection search while another writes', async () => {
      const reader = await openIndex(location);
      try {
        const extra = unrelated.slice(10, 12).map((d) => ({ id: `extra/${d.id}`, text: d.text }));
        await index.add(extra);
        expect((await reader.find(unrelated[10].text)).matches[0]?.id).toBe(`extra/${unrelated[10].id}`);
        await index.remove(extra[0].id);
        await index.remove(extra[1].id);
        expect((await reader.find(unrelated[10].text)).matches).toEqual([]);
      } finally {
        await reader.close();
      }
    });
  });
});
