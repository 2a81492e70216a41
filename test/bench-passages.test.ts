import { describe, expect, it } from 'vitest';
import type { BenchDocument } from '../bench/corpora.js';
import { bandStart, passageDrawer, passages } from '../bench/passages.js';
import { countWords } from '../bench/text.js';
import { barFor } from '../scripts/lib/short-bars.js';

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

describe('passage drawer', () => {
  it('draws each band from its own length range, never one document twice over all draws', () => {
    const draw = passageDrawer(documents, [12, 40], 5);
    const first = draw(6);
    const second = draw(6);
    for (const [k, band] of [...first, ...second].map((b, i) => [i % 2, b] as const)) {
      const [from, to] = [bandStart([12, 40], k), [12, 40][k]];
      for (const p of band) {
        expect(countWords(p.text)).toBeGreaterThanOrEqual(from);
        expect(countWords(p.text)).toBeLessThanOrEqual(to);
      }
    }
    const ids = [...first.flat(), ...second.flat()].map((p) => p.id);
    expect(ids.length).toBe(24);
    expect(new Set(ids).size).toBe(24);
    expect(bandStart([12, 40], 0)).toBe(3);
    expect(bandStart([12, 40], 1)).toBe(13);
  });
});

describe('short-text bar', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i / 100);
  it('is the lowest that calls at most the budget of clean texts spun', () => {
    // Two of a hundred (0.98 and 0.99) reach it.
    expect(barFor(hundred, 0.02, 0.5)).toBe(0.98);
    expect(hundred.filter((p) => p >= barFor(hundred, 0.02, 0.5)).length).toBeLessThanOrEqual(2);
    expect(barFor(hundred, 0.1, 0.5)).toBe(0.9);
  });
  it('stays at the floor when the clean texts are far below it, and never above 0.99', () => {
    expect(barFor([0.1, 0.2, 0.3], 0.01, 0.65)).toBe(0.65);
    expect(barFor([0.995, 0.999, 0.2], 0.01, 0.65)).toBe(0.99);
  });
});
