import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withLineBreaksOf } from '../src/text/layout.js';
import { lineJoined, tokenize } from '../src/text/tokenize.js';

const texts = (input: string) => tokenize(input).map((t) => t.text);

describe('tokenize', () => {
  it('keeps abbreviations, times and months whole', () => {
    expect(texts('The U.S. agency met at 3 p.m. on Feb. 5.')).toEqual([
      'The',
      'U.S.',
      'agency',
      'met',
      'at',
      '3',
      'p.m.',
      'on',
      'Feb.',
      '5',
      '.',
    ]);
  });

  it('keeps contractions, hyphenated words and curly apostrophes in one token', () => {
    expect(texts("isn’t able-bodied O’Brien’s don't")).toEqual([
      'isn’t',
      'able-bodied',
      'O’Brien’s',
      "don't",
    ]);
  });

  it('keeps a word split by a hyphen at a line end in one token, and knows how to join it', () => {
    expect(
      texts('a deep learn-\ning model, a well-\r\n  known one; a list -\nof things, a dash-\nOK'),
    ).toEqual([
      'a',
      'deep',
      'learn-\ning',
      'model',
      ',',
      'a',
      'well-\r\n  known',
      'one',
      ';',
      'a',
      'list',
      '-',
      'of',
      'things',
      ',',
      'a',
      'dash',
      '-',
      'OK',
    ]);
    const known = new Set(['learning']);
    expect(lineJoined('learn-\ning', (w) => known.has(w))).toBe('learning');
    expect(lineJoined('well-\r\n  known', (w) => known.has(w))).toBe('well-known');
    expect(lineJoined('able-bodied', () => true)).toBe('able-bodied');
  });

  it('reads fractions, decimals and numbers with separators as numbers', () => {
    const tokens = tokenize('About 1 / 4 paid $1,200.50 in the 1990s.');
    expect(tokens.filter((t) => t.kind === 'number').map((t) => t.text)).toEqual([
      '1 / 4',
      '1,200.50',
      '1990s',
    ]);
  });

  it('keeps URLs and e-mail addresses whole, without trailing punctuation', () => {
    expect(texts('See https://example.com/a?b=1. Or mail a.b@example.org, please')).toContain(
      'https://example.com/a?b=1',
    );
    expect(texts('Or mail a.b@example.org, please')).toContain('a.b@example.org');
  });

  it('marks sentence starts, quotations and punctuation breaks', () => {
    const tokens = tokenize('He said “the rule stands.” Then, it ended.\n\nNew paragraph');
    const by = (text: string) => tokens.find((t) => t.text === text)!;
    expect(by('He').sentenceStart).toBe(true);
    expect(by('rule').quoted).toBe(true);
    expect(by('Then').quoted).toBe(false);
    expect(by('Then').sentenceStart).toBe(true);
    expect(by('it').breakBefore).toBe(true);
    expect(by('New').sentenceStart).toBe(true);
  });

  it('reads a paragraph separator (U+2029) as a blank line, and a line break before lower case as none', () => {
    const tokens = tokenize('the first “paragraph\u2029the second\nthe same sentence');
    const by = (text: string) => tokens.find((t) => t.text === text)!;
    expect(by('second').sentenceStart).toBe(false);
    expect(tokens.filter((t) => t.sentenceStart).map((t) => t.offset)).toEqual([0, 21]);
    expect(by('second').quoted).toBe(false);
    expect(by('same').sentenceStart).toBe(false);
  });

  it('reads a line break the same whether written \\n, \\r\\n or a lone \\r', () => {
    const marks = (eol: string) =>
      tokenize(`The list${eol}Apples are red${eol}${eol}the end`).map((t) => [
        t.sentenceStart,
        t.breakBefore,
      ]);
    expect(marks('\r\n')).toEqual(marks('\n'));
    expect(marks('\r')).toEqual(marks('\n'));
    // A capital after a line break starts a sentence; a blank line starts one whatever follows.
    expect(marks('\n').filter(([start]) => start)).toHaveLength(3);
  });

  it('handles Unicode letters and marks', () => {
    expect(texts('Naïve café Zürich résumé')).toEqual(['Naïve', 'café', 'Zürich', 'résumé']);
  });

  it('gives exact offsets for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (input) => {
        let last = 0;
        for (const t of tokenize(input)) {
          expect(input.slice(t.offset, t.end)).toBe(t.text);
          expect(t.offset).toBeGreaterThanOrEqual(last);
          last = t.end;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('withLineBreaksOf', () => {
  it('keeps a Unicode line separator (U+2028) where the span had one', () => {
    expect(withLineBreaksOf('arbitrary\u2028woodland', 'random forest')).toBe('random\u2028forest');
  });

  it('breaks a replacement where the span it replaces was broken, in proportion', () => {
    expect(withLineBreaksOf('man-made\nconsciousness', 'artificial intelligence')).toBe(
      'artificial\nintelligence',
    );
    expect(withLineBreaksOf('one two\r\n  three four', 'x y z')).toBe('x y\r\n  z');
    expect(withLineBreaksOf('man-made\rconsciousness', 'artificial intelligence')).toBe(
      'artificial\rintelligence',
    );
    expect(withLineBreaksOf('one\ntwo', 'single')).toBe('single');
    expect(withLineBreaksOf('one two', 'x y')).toBe('x y');
    // A replacement already laid out (markup kept between its words) is not broken again.
    expect(withLineBreaksOf('an\n*enormous bill', 'a\n*large sum')).toBe('a\n*large sum');
  });

  it('keeps every word of the replacement, in order, whatever the span', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,5}$/), { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom(' ', '\n', ' \n  ', '\r\n'), { minLength: 5, maxLength: 5 }),
        fc.array(fc.stringMatching(/^[a-z]{1,5}$/), { minLength: 1, maxLength: 6 }),
        (spanWords, gaps, replacementWords) => {
          const span = spanWords.map((w, i) => (i > 0 ? gaps[i - 1] : '') + w).join('');
          const out = withLineBreaksOf(span, replacementWords.join(' '));
          expect(out.split(/\s+/)).toEqual(replacementWords);
          const breaks = (t: string) => (t.match(/\n/g) ?? []).length;
          expect(breaks(out)).toBeLessThanOrEqual(breaks(span));
        },
      ),
    );
  });
});
