import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { after, before, diffParts } from '../src/web/diff.js';
import { accept, acceptAll, band, createDoc, type Doc, pieces, restoredView } from '../src/web/doc.js';
import type { Finding } from '../src/web/types.js';

const TEXT = 'The Nationwide Climate Service mentioned a nice accountability for the Home.';

function finding(text: string, phrase: string, suggestions: string[], confidence = 0.9): Finding {
  const offset = text.indexOf(phrase);
  return { offset, length: phrase.length, text: phrase, suggestions, confidence };
}

const FINDINGS = [
  finding(TEXT, 'Nationwide Climate', ['National Weather']),
  finding(TEXT, 'mentioned', ['said']),
  finding(TEXT, 'nice accountability', ['great responsibility', 'good responsibility'], 0.7),
  finding(TEXT, 'Home', ['House']),
];
// restore would apply all but "mentioned" (its suggestion is not likelier than the word).
const CHANGES = FINDINGS.filter((f) => f.text !== 'mentioned').map((f) => ({
  ...f,
  replacement: f.suggestions[0],
}));

/** Every pending finding's text and every accepted edit's replacement stand where they say. */
function consistent(doc: Doc): void {
  for (const f of doc.pending) expect(doc.text.slice(f.offset, f.offset + f.length)).toBe(f.text);
  for (const e of doc.accepted) expect(doc.text.slice(e.at, e.at + e.to.length)).toBe(e.to);
}

describe('accepting suggestions', () => {
  it('replaces the phrase and shifts the findings after it', () => {
    const doc = accept(createDoc(TEXT, FINDINGS, CHANGES), 0, 'National Weather');
    expect(doc.text).toBe('The National Weather Service mentioned a nice accountability for the Home.');
    expect(doc.pending.map((f) => f.text)).toEqual(['mentioned', 'nice accountability', 'Home']);
    expect(doc.accepted).toEqual([
      { at: 4, from: 'Nationwide Climate', to: 'National Weather', confidence: 0.9 },
    ]);
    expect(doc.original).toBe(TEXT);
    consistent(doc);
  });

  it('keeps every offset consistent in any order of acceptance, with any replacement length', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 12 })), { maxLength: 4 }), (steps) => {
        let doc = createDoc(TEXT, FINDINGS, CHANGES);
        for (const [pick, replacement] of steps) {
          if (doc.pending.length === 0) break;
          doc = accept(doc, pick % doc.pending.length, replacement);
          consistent(doc);
        }
        expect(doc.pending.length + doc.accepted.length).toBe(FINDINGS.length);
        expect(before(diffParts(doc.text, doc.accepted))).toBe(TEXT);
      }),
    );
  });

  it('accepts an alternative suggestion', () => {
    const doc = accept(createDoc(TEXT, FINDINGS, CHANGES), 2, 'good responsibility');
    expect(doc.text).toContain('a good responsibility for');
  });

  it('keeps a line break inside the phrase it replaces, as restore does', () => {
    const text = 'We apply man-made\nconsciousness here.';
    const f = finding(text, 'man-made\nconsciousness', ['artificial intelligence']);
    const doc = accept(createDoc(text, [f]), 0, 'artificial intelligence');
    expect(doc.text).toBe('We apply artificial\nintelligence here.');
    consistent(doc);
  });

  it('refuses an index that is not pending', () => {
    expect(() => accept(createDoc(TEXT, FINDINGS), 9, 'x')).toThrow(RangeError);
  });
});

describe('restored view', () => {
  it('applies what restore would change, and keeps what the reader accepted', () => {
    const doc = accept(createDoc(TEXT, FINDINGS, CHANGES), 1, 'said');
    const { text, edits } = restoredView(doc);
    expect(text).toBe('The National Weather Service said a great responsibility for the House.');
    expect(edits.map((e) => e.to)).toEqual(['National Weather', 'said', 'great responsibility', 'House']);
  });

  it('leaves a finding that restore would not change', () => {
    const doc = acceptAll(createDoc(TEXT, FINDINGS, CHANGES));
    expect(doc.pending.map((f) => f.text)).toEqual(['mentioned']);
    expect(doc.text).toBe('The National Weather Service mentioned a great responsibility for the House.');
  });

  it('makes the article before a restored word agree with it, as restore does', () => {
    const text = 'It was an enormous bill and an honorable act, An enormous one.';
    // The articles the engine heard for each suggestion (check's `articles`).
    const findings = [
      {
        ...finding(text, 'enormous', ['large', 'immense', 'hourlong']),
        articles: ['a', 'an', 'an'] as const,
      },
      { ...finding(text, 'honorable', ['decent', 'honest']), articles: ['a', 'an'] as const },
      {
        ...finding(text, 'enormous one', ['large one']),
        offset: text.lastIndexOf('enormous'),
        articles: ['a'] as const,
      },
    ].map((f) => ({ ...f, articles: [...f.articles] }));
    // restore's changes: each finding, and the article it chose before the first and last.
    const at = (from: number) => text.indexOf('an', from);
    const changes = [
      { ...findings[0], replacement: 'large' },
      { offset: at(0), length: 2, text: 'an', replacement: 'a', confidence: 0.9 },
      { ...findings[1], replacement: 'decent' },
      { offset: text.indexOf('an honorable'), length: 2, text: 'an', replacement: 'a', confidence: 0.9 },
      { ...findings[2], replacement: 'large one' },
      { offset: text.lastIndexOf('An'), length: 2, text: 'An', replacement: 'A', confidence: 0.9 },
    ];
    const all = restoredView(createDoc(text, findings, changes));
    expect(all.text).toBe('It was a large bill and a decent act, A large one.');
    expect(all.edits.map((e) => [e.from, e.to])).toContainEqual(['an enormous', 'a large']);
    // Another suggestion takes the article the engine heard for it, which its first letter
    // would not say ("an honest", "an hourlong").
    const other = accept(createDoc(text, findings, changes), 0, 'immense');
    expect(other.text.startsWith('It was an immense bill')).toBe(true);
    consistent(other);
    expect(accept(createDoc(text, findings, changes), 1, 'honest').text).toContain('and an honest act');
    expect(accept(createDoc(text, findings, changes), 0, 'hourlong').text).toContain('was an hourlong bill');
    // A suggestion the engine gave no article for (an older server) goes by its first letter.
    const bare = findings.map(({ articles: _articles, ...f }) => f);
    expect(accept(createDoc(text, bare, changes), 0, 'immense').text).toContain('was an immense bill');
    expect(accept(createDoc(text, bare, changes), 1, 'decent').text).toContain('and a decent act');
    // An article inside a finding restore applies is left to it; inside one it would not
    // apply, it agrees as restore makes it, and that finding is gone.
    const wasAn = finding(text, 'was an', ['had a']);
    const applied = createDoc(text, [wasAn, findings[0]], [{ ...wasAn, replacement: 'had a' }, ...changes]);
    expect(accept(applied, 1, 'large').text.startsWith('It was an large')).toBe(true);
    const notApplied = accept(createDoc(text, [wasAn, findings[0]], changes), 1, 'large');
    expect(notApplied.text.startsWith('It was a large')).toBe(true);
    expect(notApplied.pending.map((p) => p.text)).not.toContain('was an');
    consistent(notApplied);
    // Across a line break, as restore does.
    const wrapped = 'It was an\nenormous bill.';
    const word = finding(wrapped, 'enormous', ['large']);
    const wrappedChanges = [
      { offset: 7, length: 2, text: 'an', replacement: 'a', confidence: 0.9 },
      { ...word, replacement: 'large' },
    ];
    expect(restoredView(createDoc(wrapped, [word], wrappedChanges)).text).toBe('It was a\nlarge bill.');
  });

  it('reaches the article across markdown emphasis or a link, where the engine heard it', () => {
    // Markdown source: the engine reads "an  enormous" in its prose and gives `articles`;
    // the reader's accept works on the source, where the marks stand between them.
    const text = 'It was an *enormous* bill, an **enormous** sum and an [enormous](https://x.test) loss.';
    // "enormous" at `offset`, where the engine heard an article before it that "large" takes as "a".
    const heardAt = (offset: number) => ({
      offset,
      length: 8,
      text: 'enormous',
      suggestions: ['large'],
      confidence: 0.9,
      articles: ['a' as const],
    });
    const heard = ['*enormous', '**enormous', '[enormous'].map((marked) =>
      heardAt(text.indexOf(marked) + marked.indexOf('e')),
    );
    let doc = createDoc(text, heard);
    for (let i = heard.length - 1; i >= 0; i--) doc = accept(doc, i, 'large');
    expect(doc.text).toBe('It was a *large* bill, a **large** sum and a [large](https://x.test) loss.');
    consistent(doc);
    // A server that gave no articles heard none: the marks are then taken as written.
    const unheard = heard.map(({ articles: _articles, ...f }) => f);
    expect(accept(createDoc(text, unheard), 0, 'large').text).toContain('an *large* bill');
    // A quote's markers after a line break are its margin; a blank quote line ends a paragraph.
    for (const [quoted, accepted] of [
      ['> It was an\n> enormous bill.', '> It was a\n> large bill.'],
      ['> > It was an\r\n> >enormous bill.', '> > It was a\r\n> >large bill.'],
      ['> It was an\n>\n> enormous bill.', '> It was an\n>\n> large bill.'],
      ['It was an -> enormous bill.', 'It was an -> large bill.'],
    ]) {
      const f = heardAt(quoted.indexOf('enormous'));
      expect(accept(createDoc(quoted, [f]), 0, 'large').text, quoted).toBe(accepted);
    }
  });
});

describe('pieces', () => {
  it('cuts the text into plain runs, pending findings and accepted edits in order', () => {
    const doc = accept(createDoc(TEXT, FINDINGS, CHANGES), 3, 'House');
    const kinds = pieces(doc).map((p) => (p.kind === 'text' ? p.text : `[${p.kind}]`));
    expect(kinds).toEqual([
      'The ',
      '[pending]',
      ' Service ',
      '[pending]',
      ' a ',
      '[pending]',
      ' for the ',
      '[accepted]',
      '.',
    ]);
  });
});

describe('diff', () => {
  it('marks only the words that changed and rebuilds both sides exactly', () => {
    const restoredText = 'The National Weather Service said it.';
    const edits = [
      { at: 4, from: 'Nationwide Weather', to: 'National Weather', confidence: 1 },
      { at: 29, from: 'mentioned', to: 'said', confidence: 1 },
    ];
    const parts = diffParts(restoredText, edits);
    expect(parts).toEqual([
      { kind: 'same', text: 'The ' },
      { kind: 'change', from: 'Nationwide', to: 'National' },
      { kind: 'same', text: ' Weather Service ' },
      { kind: 'change', from: 'mentioned', to: 'said' },
      { kind: 'same', text: ' it.' },
    ]);
    expect(before(parts)).toBe('The Nationwide Weather Service mentioned it.');
    expect(after(parts)).toBe(restoredText);
  });

  it('shows a change of word count as one change', () => {
    const parts = diffParts('a year ago', [{ at: 2, from: '12 months', to: 'year', confidence: 1 }]);
    expect(parts).toEqual([
      { kind: 'same', text: 'a ' },
      { kind: 'change', from: '12 months', to: 'year' },
      { kind: 'same', text: ' ago' },
    ]);
  });

  it('has no changes when nothing was edited', () => {
    expect(diffParts('same text', [])).toEqual([{ kind: 'same', text: 'same text' }]);
  });
});

describe('confidence bands', () => {
  it('grade from weak to near certain', () => {
    expect([0.5, 0.6, 0.75, 0.9, 1].map(band)).toEqual([1, 2, 3, 4, 4]);
  });
});
