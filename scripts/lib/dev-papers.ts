/**
 * Development papers: the learned texts of the Brown corpus (category J, outside the
 * benchmark's press section) with a few of the benchmark's template sentences added, each
 * holding a held-out tortured phrase; and the same papers with the correct terms instead.
 * A paper mill's paper has a handful of tortured terms in otherwise unremarkable prose, and
 * this is the nearest offline stand-in. Dev rows only: never the test split.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brownFiles, brownSentences } from '../../bench/corpora.js';
import { withPhrases } from '../../bench/papers.js';
import { normalisePhrase } from '../../bench/tortured.js';
import { compiledDir } from '../../src/resources/paths.js';

export interface DevPaper {
  text: string;
  /** Holds tortured phrases (otherwise their correct terms). */
  spun: boolean;
  /** Where each added phrase stands, with its correct term (normalised). */
  phrases: { start: number; end: number; correct: string }[];
}

/** The held-out tortured rows of the development resources (UNSPIN_DEV_HOLDOUT=1 setup). */
export function devHoldoutPath(): string {
  return join(compiledDir(), 'dev-holdout.tsv');
}

export function hasDevHoldout(): boolean {
  return existsSync(devHoldoutPath());
}

/** Each learned text twice (spun, clean), with `perPaper(i)` phrases spread through text i. */
export function devPapers(perPaper: (index: number) => number): DevPaper[] {
  const rows = readFileSync(devHoldoutPath(), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter(([tortured, correct]) => tortured?.trim() && correct?.trim());
  const papers: DevPaper[] = [];
  let next = 0;
  brownFiles((name) => name.startsWith('cj')).forEach((file, index) => {
    const sentences = brownSentences(file);
    const k = perPaper(index);
    const picked = Array.from({ length: k }, () => rows[next++ % rows.length]);
    for (const spun of [true, false]) {
      const { text, spans } = withPhrases(
        sentences,
        picked.map(([tortured, correct]) => (spun ? tortured.trim() : normalisePhrase(correct))),
        ' ',
      );
      const phrases = spans.map(([start, end], i) => ({
        start,
        end,
        correct: normalisePhrase(picked[i][1]),
      }));
      papers.push({ text, spun, phrases });
    }
  });
  return papers;
}
