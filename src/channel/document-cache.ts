/**
 * A cache language model: words that occur elsewhere in the same document are more
 * likely here. Spinners swap each occurrence independently, so an original that was
 * spun in one place is usually left standing in another ("agency … company … agency").
 * P(w | h) = (1 − μ)·P_lm(w | h) + μ·count(w) / N, the count excluding the word's own
 * occurrence when it is read as written.
 */
import type { LanguageModel } from '../resources/language-model.js';

export interface WordScorer {
  /** log10 P(w | h2 h1); `kept` when w is the word as written at this position. */
  score(w: number, h1: number, h2: number, kept: boolean): number;
  readonly lm: LanguageModel;
}

export function documentScorer(lm: LanguageModel, documentIds: Iterable<number>, weight: number): WordScorer {
  const counts = new Map<number, number>();
  let total = 0;
  for (const id of documentIds) {
    if (id < 0) continue;
    counts.set(id, (counts.get(id) ?? 0) + 1);
    total++;
  }
  if (weight <= 0 || total === 0) return { lm, score: (w, h1, h2) => lm.score(w, h1, h2) };
  const logKeep = Math.log10(1 - weight);
  return {
    lm,
    score(w, h1, h2, kept) {
      const base = lm.score(w, h1, h2);
      const c = (counts.get(w) ?? 0) - (kept ? 1 : 0);
      if (c <= 0) return base + logKeep;
      return Math.log10((1 - weight) * 10 ** base + (weight * c) / total);
    },
  };
}
