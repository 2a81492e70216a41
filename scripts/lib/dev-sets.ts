/**
 * The development texts `scripts/tune.ts` fits the verdict on, by kind: documents of 50–400
 * words, single sentences and fragments of a few words (the verdict must stay calibrated on
 * a one-line input, and a fragment carries little evidence either way), and articles of a
 * few thousand words (so that it holds for long texts too). DEV split only.
 */
import { loadDevDocuments } from '../../bench/corpora.js';

/** The kinds, in the order they are decoded and reported. */
export const KINDS = ['long', 'article', 'sentence', 'fragment'] as const;
export type Kind = (typeof KINDS)[number];

export interface DevText {
  id: string;
  text: string;
}

/** `documents` texts of each kind but articles, of which there are a tenth as many (at least 4). */
export function devTuningSets(documents: number): Record<Kind, DevText[]> {
  const longDocs = loadDevDocuments({ sources: ['brown', 'sotu'], seed: 11, maxDocuments: documents });
  const sentences = loadDevDocuments({ sources: ['brown', 'sotu'], seed: 12, maxDocuments: documents }).map(
    (d) => ({
      ...d,
      text: d.text.match(/[^.!?]{40,240}[.!?]/)?.[0]?.trim() ?? d.text.slice(0, 200),
    }),
  );
  const fragments = sentences.map((d, i) => ({
    ...d,
    text: d.text
      .split(/\s+/)
      .slice(0, 3 + (i % 10))
      .join(' '),
  }));
  const articles = Array.from({ length: Math.max(4, Math.round(documents / 10)) }, (_, k) => {
    const parts = loadDevDocuments({ sources: ['brown', 'sotu'], seed: 100 + k, maxDocuments: 25 });
    return { id: `article-${k}`, text: parts.map((d) => d.text).join('\n\n') };
  });
  return { long: longDocs, article: articles, sentence: sentences, fragment: fragments };
}
