/**
 * What the lexicon learns from the swaps real spinners made in news pages
 * (data/spinner-swaps.tsv).
 */
import {
  type Counts,
  countSwap,
  type LexiconSources,
  type SubstituteSets,
  wordCount,
} from './lexicon-counts.js';
import { alignedGaps } from './phrase-alignment.js';
import { readTsv } from './tsv.js';

/** An article that only agrees with the next word ("a list" → "an inventory") is not a swap of its own. */
const ARTICLE = /^an?$/;

/**
 * Words of closed classes (articles, prepositions, conjunctions, pronouns, auxiliaries). A
 * spinner's swap of one inside a row is mostly part of an idiom's ("familiar with" →
 * conversant in, "according to" → in line with), not one it makes anywhere: learned, it
 * gave with → in and to → in. Their swaps are learned where the table shows them alone.
 */
const CLOSED_CLASS = new Set(
  (
    'a an the and or but nor so yet for of in on at to by as from with into onto upon over off up via per than ' +
    'that which who whom whose this these those it its they them their we us our you your he him his she her i me my ' +
    'is are was were be been being am do does did have has had will would shall should can could may might must not no'
  ).split(' '),
);
/** Closed-class words only; a clitic ('s, 're) is one too. */
const closedClass = (phrase: string) =>
  phrase.split(' ').every((w) => /^['’]/u.test(w) || CLOSED_CLASS.has(w.replace(/['’].*$/u, '')));

/**
 * A side of a row as the engine's words: lower case, punctuation after a word dropped, and a
 * possessive or contracted 's, which the table attaches to its word, split off as the
 * tokenizer splits it.
 */
function rowWords(side: string): string[] {
  return side
    .toLowerCase()
    .split(/\s+/)
    .flatMap((word) => {
      const bare = word.replace(/[,;:!?]+$/, '');
      const m = /^(.+)(['’]s)$/u.exec(bare);
      return m ? [m[1], "'s"] : [bare];
    });
}

/**
 * Swaps real spinners made in news pages (original → spun, with counts): each row as
 * written (`rows`), and in `counts` also what the row is made of. The table merges adjacent
 * swaps into one row ("officials said" → "officers stated") without counting them again
 * under their words, so a row also teaches its word pairs, where the row is a swap word for
 * word: every other word of it kept or explained (said → stated is a swap of its own, so
 * officials → officers). A row of equal length that is a rewording ("cannot succeed in
 * fully" → can not reach totally) teaches nothing word for word: paired by position, its
 * words gave cannot → can and succeed → not. A row of different lengths teaches the stretches
 * between its explained words, as the tortured-phrase rows do ("did not" → didn't in "did not
 * immediately respond" → didn't instantly reply).
 * `sources.keepNewsPart` leaves out learned parts by their original (a held-out fold).
 */
export function newsSwapCounts(
  sources: LexiconSources,
  thesaurus: SubstituteSets,
): { rows: Counts; counts: Counts } {
  const keepPart = sources.keepNewsPart ?? (() => true);
  const rows: Counts = new Map();
  const table = readTsv(sources.swapsTsv).map((row) => ({
    original: row.original,
    spun: row.spun,
    n: Number(row.count) || 1,
  }));
  for (const row of table) countSwap(rows, row.original, row.spun, row.n);
  const counts: Counts = new Map([...rows].map(([o, m]) => [o, new Map(m)]));
  const explained = (o: string, s: string) =>
    o === s ||
    (ARTICLE.test(o) && ARTICLE.test(s)) ||
    thesaurus.get(o)?.has(s) === true ||
    rows.get(o)?.has(s) === true;
  const learn = (original: string, spun: string, n: number) => {
    if (keepPart(original) && !closedClass(original)) countSwap(counts, original, spun, n);
  };
  const uneven: [string[], string[], number][] = [];
  for (const row of table) {
    const ow = rowWords(row.original);
    const sw = rowWords(row.spun);
    if (ow.length !== sw.length) {
      uneven.push([ow, sw, row.n]);
      continue;
    }
    if (ow.length < 2) continue;
    if (ow.filter((o, i) => !explained(o, sw[i])).length > 1) continue;
    // "a" → an among them is a closed-class word, which `learn` leaves out.
    ow.forEach((o, i) => {
      learn(o, sw[i], row.n);
    });
  }
  // The stretches of every uneven row against the same links, then counted: learned while
  // found, one row's stretch would link words of the next, and the table's order would
  // decide what is learned.
  const linked = (o: string, s: string) => explained(o, s) || counts.get(o)?.has(s) === true;
  const gaps = uneven.flatMap(([ow, sw, n]) => alignedGaps(ow, sw, linked).map((gap) => ({ ...gap, n })));
  for (const gap of gaps) learn(gap.original, gap.spun, gap.n);
  return { rows, counts };
}

/**
 * Odds that a real spinner's swap changes the number of words (offices → places of
 * work) against keeping it, from the observed swaps: such thesaurus pairs are weighted
 * by it, so that long phrase readings of a single word need more support.
 */
export function lengthChangeOdds(news: Counts): number {
  let same = 0;
  let changed = 0;
  for (const [o, m] of news) {
    for (const [s, n] of m) {
      if (wordCount(o) === wordCount(s)) same += n;
      else changed += n;
    }
  }
  return (changed + 1) / (same + 1);
}
