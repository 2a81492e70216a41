/**
 * What the lexicon learns from the swaps real spinners made in news pages
 * (data/spinner-swaps.tsv).
 */
import { type Counts, countSwap, type LexiconSources, type SubstituteSets } from './lexicon-counts.js';
import { alignedGaps } from './phrase-alignment.js';
import { readTsv } from './tsv.js';

/** An article that only agrees with the next word ("a list" → "an inventory") is not a swap of its own. */
const ARTICLE = /^an?$/;

/**
 * Swaps real spinners made in news pages (original → spun, with counts): each row as
 * written (`rows`), and in `counts` also what the row is made of. The table merges adjacent
 * swaps into one row ("officials said" → "officers stated") without counting them again
 * under their words, so a row of several words also teaches its word pairs (officials →
 * officers), and a row of different lengths the stretches between its linked words, as the
 * tortured-phrase rows do.
 */
export function newsSwapCounts(
  sources: LexiconSources,
  thesaurus: SubstituteSets,
): { rows: Counts; counts: Counts } {
  const rows: Counts = new Map();
  const counts: Counts = new Map();
  const uneven: [string[], string[], number][] = [];
  const words = (side: string) =>
    side
      .toLowerCase()
      .split(/\s+/)
      .map((w) => w.replace(/[,;:!?]+$/, ''));
  for (const row of readTsv(sources.swapsTsv)) {
    const n = Number(row.count) || 1;
    countSwap(rows, row.original, row.spun, n);
    countSwap(counts, row.original, row.spun, n);
    const ow = words(row.original);
    const sw = words(row.spun);
    if (ow.length === sw.length && ow.length > 1) {
      ow.forEach((o, i) => {
        if (!(ARTICLE.test(o) && ARTICLE.test(sw[i]))) countSwap(counts, o, sw[i], n);
      });
    } else if (ow.length !== sw.length) {
      uneven.push([ow, sw, n]);
    }
  }
  const linked = (o: string, s: string) =>
    o === s || thesaurus.get(o)?.has(s) === true || counts.get(o)?.has(s) === true;
  const gaps = uneven.flatMap(([ow, sw, n]) => alignedGaps(ow, sw, linked).map((gap) => ({ ...gap, n })));
  for (const gap of gaps) countSwap(counts, gap.original, gap.spun, gap.n);
  return { rows, counts };
}
