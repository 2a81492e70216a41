import { describe, expect, it } from 'vitest';
import { ProseWords } from '../src/source/prose-words.js';
import type { StoredDocument } from '../src/source/store.js';

const note = (key: number, text: string): StoredDocument => ({
  key,
  id: `n${key}`,
  text,
  format: 'markdown',
});
const norms = (ws: readonly { norm: string }[]) => ws.map((w) => w.norm);

describe('prose words of stored documents', () => {
  it('reads markdown by its prose once, and afresh when the text under a key changes', () => {
    const cache = new ProseWords();
    const doc = note(1, 'The [residence](https://example.com/house) is `big`.\n');
    const first = cache.of(doc);
    expect(norms(first)).toEqual(['the', 'residence', 'is', 'big']);
    expect(cache.of({ ...doc })).toBe(first);
    const replaced = cache.of(note(1, 'A *new* text.\n'));
    expect(norms(replaced)).toEqual(['a', 'new', 'text']);
    expect(replaced[1].offset).toBe(3);
  });

  it('keeps no more than its budget, dropping the least recently used', () => {
    const cache = new ProseWords(100);
    const a = note(1, `${'word '.repeat(4)}a\n`);
    const b = note(2, `${'word '.repeat(4)}b\n`);
    const big = note(3, `${'word '.repeat(10)}\n`);
    const wordsOfA = cache.of(a);
    cache.of(b);
    expect(cache.of(a)).toBe(wordsOfA);
    // Over a quarter of the budget: read, never kept.
    expect(cache.of(big)).not.toBe(cache.of(big));
    for (let key = 4; key < 8; key++) cache.of(note(key, `${'word '.repeat(4)}${key}\n`));
    expect(cache.of(a)).not.toBe(wordsOfA);
  });

  it('tokenizes plain text as it is, and keeps none of it', () => {
    const cache = new ProseWords();
    const doc: StoredDocument = { key: 1, id: 'p', text: 'The [residence](x) is big.' };
    expect(norms(cache.of(doc))).toContain('x');
    expect(cache.of(doc)).not.toBe(cache.of(doc));
  });
});
