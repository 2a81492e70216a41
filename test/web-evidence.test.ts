import { describe, expect, it } from 'vitest';
import { alignPassages, markSwaps, sentenceRows } from '../src/web/evidence.js';

const QUERY = 'Intro. The Home voted. Its vote was nice. The end.';
const SOURCE = 'The House voted. Its vote was great. Other text.';

const evidence = {
  queryOffset: QUERY.indexOf('The Home'),
  queryLength: 'The Home voted. Its vote was nice.'.length,
  sourceOffset: 0,
  sourceLength: 'The House voted. Its vote was great.'.length,
  swaps: [
    { query: 'Home', source: 'House' },
    { query: 'nice', source: 'great' },
  ],
};

const show = (segs: Array<{ text: string; other?: string }>) =>
  segs.map((s) => (s.other ? `[${s.text}|${s.other}]` : s.text)).join('');

describe('side by side', () => {
  it('marks each swap on both sides with its counterpart', () => {
    const [p] = alignPassages(QUERY, SOURCE, [evidence]);
    expect(show(p.query)).toBe('The [Home|House] voted. Its vote was [nice|great].');
    expect(show(p.source)).toBe('The [House|Home] voted. Its vote was [great|nice].');
  });

  it('cuts a passage into rows of matching sentences', () => {
    const [p] = alignPassages(QUERY, SOURCE, [evidence]);
    expect(sentenceRows(p).map((r) => [show(r.query), show(r.source)])).toEqual([
      ['The [Home|House] voted. ', 'The [House|Home] voted. '],
      ['Its vote was [nice|great].', 'Its vote was [great|nice].'],
    ]);
  });

  it('finds whole words in order, skipping a swap it cannot find', () => {
    const segs = markSwaps(
      'the homeland and the Home',
      [
        { query: 'missing', source: 'x' },
        { query: 'home', source: 'house' },
      ],
      'query',
    );
    expect(show(segs)).toBe('the homeland and the [Home|house]');
  });

  it('keeps a passage whole when the swaps do not line up', () => {
    const [p] = alignPassages('a b. c', 'x y. z', [
      {
        queryOffset: 0,
        queryLength: 6,
        sourceOffset: 0,
        sourceLength: 6,
        swaps: [{ query: 'b', source: 'nope' }],
      },
    ]);
    expect(sentenceRows(p)).toHaveLength(1);
  });

  it('orders passages as they stand in the copy', () => {
    const later = { ...evidence, queryOffset: 40, queryLength: 4, swaps: [] };
    expect(alignPassages(QUERY, SOURCE, [later, evidence]).map((p) => p.queryOffset)).toEqual([7, 40]);
  });
});
