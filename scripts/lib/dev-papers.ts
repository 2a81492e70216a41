/**
 * Development papers: the learned texts of the Brown corpus (category J, outside the
 * benchmark's press section) with a few of the benchmark's template sentences added, each
 * holding a held-out tortured phrase; and the same papers with the correct terms instead.
 * A paper mill's paper has a handful of tortured terms in otherwise unremarkable prose, and
 * this is the nearest offline stand-in. Optionally both also hold a few known tortured
 * phrases (fingerprints of the development lexicon), as a paper the screeners flag does.
 * Dev rows only: never the test split.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { brownFiles, brownSentences } from '../../bench/corpora.js';
import { repoRoot } from '../../bench/lexicon.js';
import { type Phrase, readPhrases, withPhrases } from '../../bench/papers.js';
import { phraseKeys } from '../../src/channel/known-phrases.js';
import type { Resources } from '../../src/resources/index.js';
import { compiledDir } from '../../src/resources/paths.js';

export interface DevPaper {
  text: string;
  /** Holds the held-out tortured phrases (otherwise their correct terms). */
  spun: boolean;
  /** Where each held-out phrase (or its correct term) stands, with the correct term (normalised). */
  phrases: { start: number; end: number; correct: string }[];
  /** Where each known tortured phrase stands (in spun papers and their twins alike). */
  known: { start: number; end: number }[];
}

/** The held-out tortured rows of the development resources (UNSPIN_DEV_HOLDOUT=1 setup). */
export function devHoldoutPath(): string {
  return join(compiledDir(), 'dev-holdout.tsv');
}

export function hasDevHoldout(): boolean {
  return existsSync(devHoldoutPath());
}

/** The held-out rows, with a correct term (none empty or "?"). */
export function devHoldoutPhrases(): Phrase[] {
  return readPhrases(devHoldoutPath());
}

/** Training rows that are fingerprints of `res`'s lexicon (for dev resources: not held out). */
export function devFingerprints(res: Resources): Phrase[] {
  const held = new Set(devHoldoutPhrases().map((row) => row.tortured.toLowerCase()));
  return readPhrases(join(repoRoot(), 'data', 'tortured-phrases-train.tsv')).filter(
    (row) => !held.has(row.tortured.toLowerCase()) && res.lexicon.isKnownPhrase(phraseKeys(row.tortured)),
  );
}

export interface DevPaperOptions {
  /** Held-out phrases in paper i. */
  perPaper: (index: number) => number;
  /** Known tortured phrases in each paper, drawn from `fingerprints` (0 when not given). */
  knownPerPaper?: number;
  fingerprints?: readonly Phrase[];
}

/** Each learned text twice (spun, clean), with its phrases spread through the text. */
export function devPapers({ perPaper, knownPerPaper = 0, fingerprints = [] }: DevPaperOptions): DevPaper[] {
  const rows = devHoldoutPhrases();
  if (knownPerPaper > 0 && fingerprints.length === 0) throw new Error('known phrases asked for, none given');
  const papers: DevPaper[] = [];
  let next = 0;
  let nextKnown = 0;
  brownFiles((name) => name.startsWith('cj')).forEach((file, index) => {
    const sentences = brownSentences(file);
    const picked = Array.from({ length: perPaper(index) }, () => rows[next++ % rows.length]);
    const known = Array.from(
      { length: knownPerPaper },
      () => fingerprints[nextKnown++ % fingerprints.length].tortured,
    );
    for (const spun of [true, false]) {
      const { text, spans } = withPhrases(
        sentences,
        [...picked.map((row) => (spun ? row.tortured : row.correct)), ...known],
        ' ',
      );
      const at = ([start, end]: [number, number]) => ({ start, end });
      papers.push({
        text,
        spun,
        phrases: picked.map((row, i) => ({ ...at(spans[i]), correct: row.correct })),
        known: spans.slice(picked.length).map(at),
      });
    }
  });
  return papers;
}

/**
 * A paper as `scoreRestoration` reads it: its text and the spans of the groups of added
 * phrases, in order (those whose restoration is scored first).
 */
export function scoredPaper(
  text: string,
  ...groups: readonly (readonly { start: number; end: number }[])[]
): { text: string; spans: [number, number][] } {
  return { text, spans: groups.flat().map((g): [number, number] => [g.start, g.end]) };
}
