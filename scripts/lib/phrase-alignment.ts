/**
 * Phrase pairs inside a tortured/correct pair of different lengths ("hazard the
 * executives" / "risk management"): the words are aligned monotonically on the pairs
 * already known to be linked (the same word, a thesaurus pair, a swap learned from
 * equal-length rows), as many as possible, and each stretch between two links is a swap
 * of one phrase for another ("the executives" for "management").
 */

/** Longest phrase, in words, on either side of a learned gap. */
const MAX_GAP_WORDS = 4;
/**
 * A spun stretch that starts with an article ("the executives" for management) is a noun
 * phrase of ordinary English far more often than a swap: learned, it turned "The
 * executives decided" into "Management decided" in news.
 */
const ARTICLES = new Set(['the', 'a', 'an']);

export interface GapPair {
  original: string;
  spun: string;
}

export function alignedGaps(
  original: readonly string[],
  spun: readonly string[],
  linked: (original: string, spun: string) => boolean,
): GapPair[] {
  const n = original.length;
  const m = spun.length;
  // links[i][j]: most links in the alignment of original[i..] with spun[j..].
  const links = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const here = linked(original[i], spun[j]) ? 1 + links[i + 1][j + 1] : 0;
      links[i][j] = Math.max(links[i + 1][j], links[i][j + 1], here);
    }
  }
  const anchors: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (linked(original[i], spun[j]) && links[i][j] === 1 + links[i + 1][j + 1]) {
      anchors.push([i, j]);
      i++;
      j++;
    } else if (links[i + 1][j] >= links[i][j + 1]) i++;
    else j++;
  }
  // With no link at all the whole row is the only pair, which the caller counts already.
  if (anchors.length === 0) return [];
  anchors.push([n, m]);
  const gaps: GapPair[] = [];
  const pair = (o: readonly string[], sp: readonly string[]) => {
    // A stretch that is the whole row is the row, which the caller counts already.
    if (o.length === n && sp.length === m) return;
    if (
      o.length &&
      sp.length &&
      o.length <= MAX_GAP_WORDS &&
      sp.length <= MAX_GAP_WORDS &&
      !ARTICLES.has(sp[0])
    ) {
      gaps.push({ original: o.join(' '), spun: sp.join(' ') });
    }
  };
  // A linked pair of different words (a swap) takes the words left over on one side next to
  // it, when the pair on their other side is the same word kept: "transfer gaining knowledge"
  // / "transfer learning" links learning with knowledge, and "gaining" belongs to that swap
  // (learning → "gaining knowledge"), not to the kept "transfer".
  const isSwap = (k: number) =>
    k >= 0 && k < anchors.length - 1 && original[anchors[k][0]] !== spun[anchors[k][1]];
  const grown = anchors.map(([ai, aj]) => ({ o: [original[ai]], s: [spun[aj]], grew: false }));
  let fromOriginal = 0;
  let fromSpun = 0;
  for (const [k, [ai, aj]] of anchors.entries()) {
    const o = original.slice(fromOriginal, ai);
    const s = spun.slice(fromSpun, aj);
    fromOriginal = ai + 1;
    fromSpun = aj + 1;
    if (o.length && s.length) {
      pair(o, s);
      continue;
    }
    if (o.length === s.length) continue;
    // Left over on one side only: it joins the one neighbouring swap, if exactly one is.
    const before = isSwap(k - 1);
    const after = isSwap(k);
    if (before === after) continue;
    const owner = grown[before ? k - 1 : k];
    owner.grew = true;
    if (before) {
      owner.o.push(...o);
      owner.s.push(...s);
    } else {
      owner.o.unshift(...o);
      owner.s.unshift(...s);
    }
  }
  for (const g of grown) if (g.grew) pair(g.o, g.s);
  return gaps;
}
