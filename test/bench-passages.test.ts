import { describe, expect, it } from 'vitest';
import type { BenchDocument } from '../bench/corpora.js';
import { passages } from '../bench/passages.js';
import { countWords } from '../bench/text.js';

const sentence = (doc: number, i: number) => `Document ${doc} says thing number ${i} here.`;
const documents: BenchDocument[] = Array.from({ length: 40 }, (_, d) => {
  const text = Array.from({ length: 30 }, (_, i) => sentence(d, i)).join(' ');
  return { id: `doc-${d}`, source: 'brown', split: 'dev', text, words: countWords(text) };
});

describe('benchmark passages', () => {
  it('are whole consecutive sentences of one document, within the band, one per document', () => {
    const got = passages(documents, 25, 10, 40, 3, new Set(['doc-0']));
    expect(got.length).toBe(25);
    expect(new Set(got.map((p) => p.id)).size).toBe(25);
    expect(got.map((p) => p.id)).not.toContain('doc-0');
    for (const p of got) {
      const words = countWords(p.text);
      expect(words).toBeGreaterThanOrEqual(10);
      expect(words).toBeLessThanOrEqual(40);
      const doc = documents.find((d) => d.id === p.id);
      expect(doc?.text).toContain(p.text);
      expect(p.text).toMatch(/^Document \d+ says .* here\.$/);
    }
    // Lengths spread over the band rather than piling up at one end.
    const lengths = got.map((p) => countWords(p.text));
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeGreaterThanOrEqual(14);
  });

  it('are the same for the same seed', () => {
    expect(passages(documents, 10, 5, 30, 9)).toEqual(passages(documents, 10, 5, 30, 9));
  });
});
