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
  let fromOriginal = 0;
  let fromSpun = 0;
  for (const [ai, aj] of anchors) {
    const o = original.slice(fromOriginal, ai);
    const s = spun.slice(fromSpun, aj);
    if (
      o.length &&
      s.length &&
      o.length <= MAX_GAP_WORDS &&
      s.length <= MAX_GAP_WORDS &&
      !ARTICLES.has(s[0])
    ) {
      gaps.push({ original: o.join(' '), spun: s.join(' ') });
    }
    fromOriginal = ai + 1;
    fromSpun = aj + 1;
  }
  return gaps;
}
