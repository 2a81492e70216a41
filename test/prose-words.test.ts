import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proseEdits, withProseEdits } from '../src/source/prose-edits.js';
import { ProseWords } from '../src/source/prose-words.js';
import type { StoredDocument } from '../src/source/store.js';
import { MARKDOWN_READER_VERSION, proseOf } from '../src/text/markdown.js';

const note = (key: number, text: string): StoredDocument => ({
  key,
  id: `n${key}`,
  text,
  format: 'markdown',
});
const norms = (ws: readonly { norm: string }[]) => ws.map((w) => w.norm);

/** A cache whose markdown reads are counted, by text. */
function counted(budget?: number) {
  const reads: string[] = [];
  const cache = new ProseWords(budget, (text) => {
    reads.push(text);
    return proseOf(text, 'markdown');
  });
  return { cache, reads };
}

describe('prose edits', () => {
  it('give back the prose of any markdown from its text, and refuse edits of another text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab *_`#-|[]()!<>\\&;\n\r\t1.:~='.split('')), maxLength: 200 }),
        (text) => {
          const prose = proseOf(text, 'markdown');
          expect(withProseEdits(text, proseEdits(text, prose))).toBe(prose);
        },
      ),
      { numRuns: 300 },
    );
    const text = 'A [link](https://x.test) and *more*.\n';
    const edits = proseEdits(text, proseOf(text, 'markdown'));
    expect(withProseEdits(text.slice(0, 10), edits)).toBeUndefined();
    // Edits of another version of the markdown reader would give the prose as it read it.
    expect(withProseEdits(text, edits.replace(/^\d+:/, '1:'))).toBeUndefined();
    for (const bad of ['{', '5', '[[3,-1]]', '[[0,2,"x"]]', '[[4,1],[2,1]]', '[["a",1]]'].map(
      (e) => edits.slice(0, edits.indexOf(':') + 1) + e,
    )) {
      expect(withProseEdits(text, bad), bad).toBeUndefined();
    }
  });
});

describe('prose words of stored documents', () => {
  it('reads a document stored with its prose edits without parsing it', () => {
    const { cache, reads } = counted();
    const text = 'The [residence](https://example.com/house) is `big`.\n';
    const doc = { ...note(1, text), proseEdits: proseEdits(text, proseOf(text, 'markdown')) };
    expect(norms(cache.of(doc))).toEqual(['the', 'residence', 'is', 'big']);
    expect(reads).toHaveLength(0);
    // Edits that do not fit the text (a corrupt row) are not trusted: it is parsed.
    expect(norms(cache.of({ ...doc, proseEdits: `${MARKDOWN_READER_VERSION}:[[0,999]]` }))).toEqual([
      'the',
      'residence',
      'is',
      'big',
    ]);
    expect(reads).toHaveLength(1);
  });

  it('reads markdown by its prose once, and afresh when the text under a key changes', () => {
    const { cache, reads } = counted();
    const doc = note(1, 'The [residence](https://example.com/house) is `big`.\n');
    expect(norms(cache.of(doc))).toEqual(['the', 'residence', 'is', 'big']);
    expect(norms(cache.of({ ...doc }))).toEqual(['the', 'residence', 'is', 'big']);
    expect(reads).toHaveLength(1);
    const replaced = cache.of(note(1, 'A *new* text.\n'));
    expect(norms(replaced)).toEqual(['a', 'new', 'text']);
    expect(replaced[1].offset).toBe(3);
    expect(reads).toHaveLength(2);
    // The replaced text's characters are no longer counted.
    expect(cache.keptChars).toBe('A *new* text.\n'.length);
  });

  it('keeps no more than its budget, dropping the least recently used', () => {
    const { cache, reads } = counted(100);
    // Five notes of 25 characters: four fill the budget.
    const notes = [1, 2, 3, 4, 5].map((key) => note(key, `Note ${key} of *some* words.\n`.padEnd(25, '.')));
    expect(notes.every((n) => n.text.length === 25)).toBe(true);
    for (const n of notes.slice(0, 4)) cache.of(n);
    expect(cache.keptChars).toBe(100);
    cache.of(notes[0]); // used again: now the most recent
    cache.of(notes[4]); // over budget: note 2, the least recently used, goes
    expect(cache.keptChars).toBe(100);
    expect(reads.length).toBe(5);
    cache.of(notes[0]);
    cache.of(notes[4]);
    expect(reads.length).toBe(5);
    cache.of(notes[1]);
    expect(reads.length).toBe(6);
    // Over a quarter of the budget: read every time, never kept.
    const big = note(9, `${'word '.repeat(10)}\n`);
    cache.of(big);
    cache.of(big);
    expect(reads.length).toBe(8);
    expect(cache.keptChars).toBeLessThanOrEqual(100);
  });

  it('tokenizes plain text as it is, and never reads it as markdown', () => {
    const { cache, reads } = counted();
    const doc: StoredDocument = { key: 1, id: 'p', text: 'The [residence](x) is big.' };
    expect(norms(cache.of(doc))).toContain('x');
    expect(reads).toHaveLength(0);
    expect(cache.keptChars).toBe(0);
  });
});
