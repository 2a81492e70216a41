/**
 * Word tokenisation shared by the spinners and the metrics, so "a word" means the same thing
 * when gold spans are made and when they are scored.
 */

export interface WordSpan {
  start: number;
  end: number;
  text: string;
}

/** Letters/digits with inner apostrophes, hyphens and number punctuation ("don't", "term-end", "3.5"). */
const WORD_RE = /[\p{L}\p{N}]+(?:['’\-.,][\p{L}\p{N}]+)*/gu;

export function wordSpans(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

export function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD_RE)) n++;
  return n;
}

/** Lower-cased words with punctuation stripped: the units of word error rate. */
export function werTokens(text: string): string[] {
  return wordSpans(text.toLowerCase()).map((w) => w.text.replace(/[^\p{L}\p{N}]/gu, ''));
}

/** Half-open interval overlap. */
export function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aEnd;
}
