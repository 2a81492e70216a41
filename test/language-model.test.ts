import { describe, expect, it } from 'vitest';
import { loadResources } from '../src/resources/index.js';

const { lm } = loadResources();

function sentenceScore(sentence: string): number {
  const ids = ['<s>', ...sentence.split(' '), '</s>'].map((w) => lm.id(w));
  let total = 0;
  for (let i = 1; i < ids.length; i++) total += lm.score(ids[i], ids[i - 1], i > 1 ? ids[i - 2] : -1);
  return total;
}

describe('trigram language model reader', () => {
  it('reads the whole vocabulary with sentence markers', () => {
    expect(lm.vocabularySize).toBe(72354);
    expect(lm.word(lm.id('house'))).toBe('house');
    expect(lm.id('<s>')).toBe(lm.sentenceStart);
    expect(lm.id('no-such-word-xyz')).toBe(-1);
  });

  it.each([['the'], ['of', 'the'], ['federal', 'judge']])(
    'gives a proper distribution after "%s" (probabilities sum to 1)',
    (...context: string[]) => {
      const h1 = lm.id(context[context.length - 1]);
      const h2 = context.length > 1 ? lm.id(context[0]) : -1;
      let sum = 0;
      for (let w = 0; w < lm.vocabularySize; w++)
        if (w !== lm.sentenceStart) sum += 10 ** lm.score(w, h1, h2);
      expect(sum).toBeCloseTo(1, 2);
    },
  );

  it('prefers originals over spun wording by clear margins', () => {
    expect(sentenceScore('the white house') - sentenceScore('the white home')).toBeGreaterThan(3);
    expect(sentenceScore('told reporters') - sentenceScore('informed reporters')).toBeGreaterThan(3);
    expect(sentenceScore('artificial intelligence')).toBeGreaterThan(sentenceScore('man-made consciousness'));
  });

  it('gives the same score whether or not it was asked before (results do not depend on what was checked earlier)', () => {
    // Trigrams nothing else in this file asks for, so the first call is the cache's first sight of them.
    const words = ['quarterly', 'harvest', 'festival', 'tickets', 'sold', 'out'].map((w) => lm.id(w));
    for (let i = 2; i < words.length; i++) {
      const first = lm.score(words[i], words[i - 1], words[i - 2]);
      expect(lm.score(words[i], words[i - 1], words[i - 2])).toBe(first);
    }
  });

  it('scores an unseen word like the rarest known word, not as impossible', () => {
    expect(lm.score(-1, lm.id('the'), -1)).toBeGreaterThan(-12);
    expect(lm.unseenWordLogProb).toBeLessThan(-5);
  });
});
