import { describe, expect, it } from 'vitest';
import { withPhrases } from '../bench/papers.js';

describe('benchmark papers', () => {
  it('place every phrase, in order, spread over the parts (several after one part if need be)', () => {
    for (let n = 1; n <= 12; n++) {
      for (let k = 0; k <= 15; k++) {
        const parts = Array.from({ length: n }, (_, i) => `Part ${i}.`);
        const phrases = Array.from({ length: k }, (_, j) => `phrase ${j}`);
        const { text, spans } = withPhrases(parts, phrases, ' ');
        expect(spans.map(([s, e]) => text.slice(s, e))).toEqual(phrases);
        // Evenly: the last phrase follows the last part.
        if (k > 0) expect(text.endsWith(`phrase ${k - 1} to the problem.`)).toBe(true);
        for (const part of parts) expect(text).toContain(part);
      }
    }
  });
});
