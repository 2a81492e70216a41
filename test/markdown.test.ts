import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { check, restore } from '../src/api/index.js';
import { decodeText } from '../src/input/index.js';
import { keepingMarkup, markdownProse } from '../src/text/markdown.js';
import { markdownParts } from '../src/text/markdown-parts.js';
import { readInWindows, WINDOW_LIMITS } from '../src/text/markdown-windows.js';
import { tokenize } from '../src/text/tokenize.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

const README = `# Unspin [![build](https://img.shields.io/badge/build-passing-green.svg)](https://ci.example)

Unspin *finds* the words an [article spinner][spinners] swapped, and \`restore\` puts them back &amp; more\\*.

- first item
- second item with **bold** text

| command | what it does |
|---|---|
| check | finds swaps |

\`\`\`sh
npm ci && npx unspin check file.txt
\`\`\`

<div align="center">An HTML block</div>

[spinners]: https://example.com/spinners "Article spinners"
`;

/** Markdown parsed as `markdownProse` parses it. */
const parseMarkdown = (text: string) =>
  fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

/** The words of a text, in order. */
const wordsOf = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

describe('markdown read as prose', () => {
  it('keeps the prose at its offsets and blanks the markup', () => {
    const { text } = markdownProse(README);
    expect(text).toHaveLength(README.length);
    expect(wordsOf(text)).toEqual(
      wordsOf(
        'Unspin Unspin finds the words an article spinner swapped and restore puts them back more first item second item with bold text command what it does check finds swaps',
      ),
    );
    // Prose stays where it was, so offsets into it are offsets into the file.
    for (const word of ['finds', 'article spinner', 'restore', 'second item']) {
      const at = README.indexOf(word);
      expect(text.slice(at, at + word.length)).toBe(word);
    }
    // Line breaks are kept; a character reference reads as what it stands for.
    for (let i = 0; i < README.length; i++) if (README[i] === '\n') expect(text[i]).toBe('\n');
    expect(text).toContain('back &     more* ');
  });

  it('starts a sentence at every list item, heading and table cell', () => {
    const { text } = markdownProse('- one thing\n- another thing\n\n| a cell | another cell |\n|---|---|\n');
    const blocks = text.split(/\n[ \t]*\n/).map((p) => p.trim());
    expect(blocks.filter((p) => p !== '')).toEqual(['one thing', 'another thing', 'a cell', 'another cell']);
  });

  it('starts a sentence where only one line break separates two blocks, however lines end', () => {
    const lines = [
      '# Installation',
      'run the installer first',
      '',
      '|alpha|beta|',
      '|-|-|',
      '|one cell|another cell|',
    ];
    for (const lineBreak of ['\n', '\r\n', '\r']) {
      const source = [...lines, '', '- one item', '- two item', ''].join(lineBreak);
      const { text } = markdownProse(source);
      const starts = tokenize(text)
        .filter((t) => t.sentenceStart)
        .map((t) => t.text);
      expect(starts, JSON.stringify(lineBreak)).toEqual([
        'Installation',
        'run',
        'alpha',
        'beta',
        'one',
        'another',
        'one',
        'two',
      ]);
    }
  });

  it('reads link definitions and front matter on lines ended by CR too, line by line', () => {
    for (const lineBreak of ['\n', '\r\n', '\r']) {
      const source = [
        '---',
        'title: The residence',
        '---',
        '',
        'See [the manual][m].',
        '',
        '[m]: https://example.com',
        '',
        'The end of it.',
        '',
      ].join(lineBreak);
      const { text } = markdownProse(source);
      expect(text, JSON.stringify(lineBreak)).not.toContain('title');
      expect(text).not.toContain('example');
      expect(text).toContain('the manual');
      expect(text).toContain('The end of it.');
    }
  });

  it('keeps the length and the line breaks of any input, and shows only its own characters', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab *_`#-|[]()!<>\\&;\n\r\t1.:~=^'.split('')) }),
        (source) => {
          const { text } = markdownProse(source);
          expect(text).toHaveLength(source.length);
          for (let i = 0; i < source.length; i++) {
            // A line break stays one, or becomes a paragraph separator between two blocks.
            if (source[i] === '\n') expect('\n\u2029').toContain(text[i]);
            // The source's character, a blank, or what an escape or a reference renders as.
            else if (text[i] !== source[i] && !/\s/.test(text[i])) expect('\\&').toContain(source[i]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a long text in windows cut where the parser ends a block, with definitions and footnotes from anywhere', () => {
    const fence = '```\ncode line\n\nmore code\n```\n\n';
    const fenceLike = 'Run ```npm test``` first.\n\n';
    const comment = '<!--\nDraft notes\n\nwith a blank line\n-->\n\n';
    const paragraph = 'See the [manual][m] for the details[^n] of every option.\n\n';
    const unit = fence + fenceLike + comment + paragraph;
    const source = `${unit.repeat(Math.ceil((WINDOW_LIMITS.length + 1) / unit.length))}[m]: https://example.com/manual\n\n[^n]: A footnote.\n`;
    const { windows } = readInWindows(source, parseMarkdown);
    expect(windows.length).toBeGreaterThan(1);
    expect(windows[0].at).toBe(0);
    for (let i = 1; i < windows.length; i++) {
      expect(windows[i].at).toBe(windows[i - 1].at + windows[i - 1].limit);
      // Each window starts where a block starts, never inside the code or the comment.
      expect(source.slice(windows[i].at)).toMatch(/^(?:```\ncode|Run ```|<!--\nDraft|See the )/);
    }
    const { text } = markdownProse(source);
    expect(text).not.toContain('code');
    expect(text).not.toContain('Draft');
    // Every reference and footnote call resolves in every window: brackets and labels are blank.
    expect(text).not.toContain('[');
    expect(text).not.toContain('^');
    expect(text).not.toContain('```');
  });

  it('ends lines at a lone CR too, so a long text with old Mac line breaks is cut outside its code', () => {
    const unit = 'A paragraph before the code.\r\r```\rcode line\r\rmore code\r```\r\r';
    const source = unit.repeat(Math.ceil((WINDOW_LIMITS.length + 1) / unit.length));
    const { windows } = readInWindows(source, parseMarkdown);
    expect(windows.length).toBeGreaterThan(1);
    for (const { at } of windows.slice(1)) expect(source.slice(at)).toMatch(/^(?:A paragraph |```\rcode)/);
    const { text } = markdownProse(source);
    expect(text).not.toContain('code line');
    expect(text).toContain('A paragraph before the code.');
    // A quote's markers on its later lines are markup whatever ends the line before.
    for (const lineBreak of ['\n', '\r\n', '\r']) {
      const quote = ['> A quote that', '> continues here.', '', 'After it.', ''].join(lineBreak);
      expect(markdownProse(quote).text).not.toContain('>');
    }
  });

  it('takes a byte order mark at the start for none of the text, and one inside it for a character', () => {
    const { text, changeable } = markdownProse('\uFEFF# Title\n\n    const code = 1;\n\n- an *item*\n');
    expect(text).toBe('   Title\n\n                   \n\n  an  item \n');
    expect(changeable(0, 1)).toBe(false);
    expect(changeable(14, 19)).toBe(false);
    const front = markdownProse('\uFEFF---\ntitle: The residence\n---\n\nText.\n');
    expect(front.text).not.toContain('residence');
    expect(markdownProse('a\n\n\uFEFF# T *b*\n').text).toBe('a\n\n\uFEFF# T  b \n');
  });

  it('reads what comes before the block of a line nested as no document is, in a long text', () => {
    const paragraph = 'A paragraph with *emphasis* and `code` in it.\n\n';
    const before = paragraph.repeat(Math.ceil((WINDOW_LIMITS.length * 0.8) / paragraph.length));
    const source = `${before}${'> '.repeat(70)}deep\n\n${paragraph.repeat(2000)}`;
    const prose = markdownProse(source);
    // The windows before that block (and the paragraph before it, which a window ended with)
    // are read: markup blank, prose changeable.
    const read = before.length - paragraph.length;
    expect(prose.text.slice(0, read)).not.toMatch(/[*`]/);
    expect(prose.changeable(read - paragraph.length + 2, read - paragraph.length + 11)).toBe(true);
    // From it on, the text is read as written and frozen.
    expect(prose.text.slice(before.length)).toContain('*emphasis*');
    expect(prose.changeable(before.length + 200, before.length + 201)).toBe(false);
  });

  it('reads thousands of quotes and list items in time that grows with their number, not its square', () => {
    // The parser copies every event so far each time it closes a quote or a list item: 20,000
    // one-line quotes took 396 s parsed whole, 4,000 took 11 s.
    for (const unit of [
      '> The residence is enormous.\n\n',
      '- > The residence\n',
      '>\n\n',
      '1. item\n   > quote\n',
    ]) {
      const source = unit.repeat(10_000);
      const started = performance.now();
      const { text } = markdownProse(source);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(text).not.toMatch(/[>-]|\d\./);
      expect(wordsOf(text)).toEqual(wordsOf(source.replace(/\d+\./g, '')));
    }
    // Footnote definitions hold the lines after them as list items do (3,000: 20 s whole).
    const notes = Array.from({ length: 3000 }, (_, k) => `A note[^${k}].\n\n[^${k}]: The residence.\n\n`);
    const started = performance.now();
    const { text } = markdownProse(notes.join(''));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(text).not.toMatch(/[[\]^:]/);
    expect(wordsOf(text)).toHaveLength(3000 * 4);
  });

  it('reads thousands of quotes that no block boundary lets it cut in bounded time, the rest as written', () => {
    // Inside one list item or footnote, or between indented code, there is no place where the
    // text after reads alone as it does in the whole: 8,000 quotes in one list item took 27 s.
    for (const [opener, unit] of [
      ['- A list item.\n\n', '  > The residence is enormous.\n\n'],
      ['- A list item.\n', '  > The residence is enormous.\n  # A heading\n'],
      ['[^n]: A footnote.\n\n', '    > The residence is enormous.\n\n'],
      ['', '> The residence is enormous.\n\n    code line\n\n'],
    ]) {
      const source = `See [the house][home].\n\n${opener}${unit.repeat(10_000)}[home]: /x\n`;
      const started = performance.now();
      const prose = markdownProse(source);
      expect(performance.now() - started).toBeLessThan(10_000);
      // Every word weighs in the verdict: what was read, with its markup blank, and the rest as written.
      expect(prose.text.match(/residence/g)).toHaveLength(10_000);
      expect(prose.text.slice(0, 500)).not.toMatch(/[>^]/);
      // What was read may change; what was not is left as written, and so is a reference to a
      // label only the text left unread defines.
      const first = source.indexOf('residence');
      expect(prose.changeable(first, first + 9)).toBe(true);
      const last = source.lastIndexOf('residence');
      expect(prose.changeable(last, last + 9)).toBe(false);
      expect(prose.changeable(source.indexOf('house'), source.indexOf('house') + 5)).toBe(false);
      // The rest starts a sentence, even right after a heading in the list item.
      let read = last;
      while (!prose.changeable(read - 1, read) || !/\w/.test(source[read - 1])) read--;
      const rest = source.indexOf('residence', read);
      expect(prose.text.slice(read, rest)).toMatch(/\n[ \t]*\n|\u2029/);
    }
  });

  it('reads a task marker on a lazy line as the parser the product runs does, whole or in windows', () => {
    // The parser's development build asserts on it; the tests load the build the product runs.
    const source = '*\n[x]\ta\n\n';
    const { text } = markdownProse(source, {
      containers: Number.POSITIVE_INFINITY,
      length: Number.POSITIVE_INFINITY,
    });
    expect(text).toHaveLength(source.length);
    expect(markdownProse(source, { containers: 1, length: 4 }).text).toBe(text);
  });

  it('reads a list item holding a quote every few paragraphs in time that grows with its length', () => {
    // Each quote closed costs the parser a pass over the lines so far: this text took 45 s with
    // windows grown to hold its quotes, its time growing with the square of its length.
    const unit = `  > A quoted line.\n\n${'  A paragraph of the item.\n\n'.repeat(30)}`;
    const source = `- A list item.\n\n${unit.repeat(2000)}`;
    const started = performance.now();
    const prose = markdownProse(source);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(prose.text.match(/paragraph/g)).toHaveLength(60_000);
    const first = source.indexOf('paragraph');
    expect(prose.changeable(first, first + 9)).toBe(true);
  });

  it('reads a text in windows exactly as whole, blocks of every kind around the cuts', () => {
    const blocks = [
      'The residence is enormous.',
      'A *bold* claim with `code` and [a link][ref].',
      'lazy\ncontinuation line',
      '> quoted text',
      '> > nested quote\n> back out',
      '>',
      '> ```\n> code in quote\n> ```',
      '> [ref]: https://x.org/q',
      '> - item in quote\n> - another',
      '- item one',
      '1. first\n2. second',
      '- ```\n  code in item\n  ```',
      '- <!--\n  comment in item\n\n  still comment\n  -->',
      '- > quote in list',
      '  - nested item',
      ' \t- spaced item',
      '```\ncode block\n\nmore code\n```',
      '```md\n> ```\nstill code\n```',
      '    indented code',
      '~~~\n\n~~~',
      '<!--\n\ncomment text\n-->',
      '<div>\nhtml text\n</div>',
      '<b>inline</b> paragraph',
      '| a | b |\n|---|---|\n| c | d |',
      'Title line\n===',
      '---',
      '# heading text',
      '[ref]: https://x.org/r',
      '- a\n\n  para in item\n\n- b',
      '> quote\nlazy line',
      '    ```\ncode?\n    ```',
      '```\nopen fence then quote\n> x',
      '- ```\n  open in item\nmargin text',
      '```',
      '> ```',
      '- ~~~',
      'Setext\n---',
      'Text with a note[^1] and [ref2].',
      '[^1]: The note text.',
      '> [^2]: quoted note',
      'See [^2] and [x][ref2].',
      '```\n[ref2]: https://in.fence\n```',
      '> <div>\n> html in quote\n> </div>',
      '> | q | r |\n> |---|---|\n> | s | t |',
      '3. third\n4. fourth',
      '- a\n\n      code in item',
      '- a\n    - four-space nested',
      '> > > deep quote\n> > back',
      '[ref3]:\n  https://x.org/3\n  "title on its line"',
      '[ref3] again',
      '<!-- unclosed comment',
      '- <div>\n  in item\n  </div>',
      '> Setext in quote\n> ---',
      '\tindented by tab',
      '* star item\n+ plus item',
      '> lazy quote\ncontinues here\n> and back',
      '- item\nlazy item line',
      '1) paren item\n\n   para in it',
      '> - > > mixed\n>   > more',
      // Labels as the parser matches them: escapes, references, case folding, line breaks.
      'See [my\\_module] and [Foo\nBar] and [a&amp;b].',
      '[my\\_module]: /u',
      '[foo bar]: /u',
      '> [a&amp;b]: /q',
      '[ß] and [ﬀ] and [ασ]',
      '[SS]: /s',
      '[ff]: /f',
      '[ΑΣ]: /a',
      '[x]: /u|b\n-|-',
      '[x] y',
      '\uFEFFA *marked* line',
      '---\ntitle: front\n---',
      'a [x\\ ] z',
      '[x\\ ]: /u',
      // A definition that only a list item or a footnote makes one.
      'See [x][ref4].',
      '    > q',
      '      [ref4]: /u',
      // References whose resolving decides more than their label.
      'See [a\nb] and [a][] and [x [y]][a] and ~[a~] z~.',
      '[a\nb]: /u',
      '[^n]: [a]: /u',
      '[a~]: /u',
    ];
    const lineEnd = fc.constantFrom('\n', '\n\n', '\r\n', '\r');
    const ofBlocks = fc
      .array(fc.tuple(fc.constantFrom(...blocks), lineEnd), { minLength: 1, maxLength: 16 })
      .map((parts) => parts.map(([block, end]) => block + end).join(''));
    // Lines of markup characters: what no list of blocks thinks of.
    const pieces = [
      ...'ab >>-*_`#|[]()!<1.:~=^ \t',
      '- ',
      '> ',
      '```',
      '    ',
      '[x]: /u',
      '[x]',
      '[^n]',
      '[^n]: t',
    ];
    const line = fc.array(fc.constantFrom(...pieces, '1. ', '3) ', '<!--', '-->', '<div>', '---'), {
      maxLength: 8,
    });
    const ofLines = fc
      .array(fc.tuple(line, lineEnd), { minLength: 1, maxLength: 30 })
      .map((lines) => lines.map(([l, end]) => l.join('') + end).join(''));
    fc.assert(
      fc.property(
        fc.oneof(ofBlocks, ofLines),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 4, max: 60 }),
        (source, containers, length) => {
          const whole = markdownProse(source, {
            containers: Number.POSITIVE_INFINITY,
            length: Number.POSITIVE_INFINITY,
          });
          const windowed = markdownProse(source, { containers, length });
          expect(windowed.text).toBe(whole.text);
          for (let i = 0; i < source.length; i++)
            expect([i, windowed.changeable(i, i + 1)]).toEqual([i, whole.changeable(i, i + 1)]);
          // Left unread wherever no cut comes for a window's quotes: what may change is what a
          // whole parse reads as prose, and reads the same.
          const bounded = markdownProse(source, { containers, length, exactContainers: containers });
          for (let i = 0; i < source.length; i++)
            if (bounded.changeable(i, i + 1)) expect([i, bounded.text[i]]).toEqual([i, whole.text[i]]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives each part of a long text with lone CRs only the definition lines it refers to', () => {
    // A definition read to the end of the file was appended to every part that cites it:
    // 59 s for these 300 kB, against 2 s.
    const unit = 'See [the manual][m] for the details of every option.\r\r';
    const source = `[m]: https://example.com/manual\r\r${unit.repeat(Math.ceil(300_000 / unit.length))}`;
    const started = performance.now();
    const { text } = markdownProse(source);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(text).not.toContain('example');
    expect(text).toContain('the manual');
  });

  it('parses a short text whole, and a long paragraph in parts cut between words', () => {
    expect(markdownParts('# Title\n\nOne paragraph.\n'.repeat(1000))).toHaveLength(1);
    const long = 'The *quick* fox jumps over the lazy dog. '.repeat(2000);
    const parts = markdownParts(long);
    expect(parts.length).toBeGreaterThan(1);
    for (const [start] of parts.slice(1)) expect(long[start - 1]).toBe(' ');
    expect(wordsOf(markdownProse(long).text)).toEqual(wordsOf(long));
  });

  it('reads what is not prose as blank, and words written with escapes cannot change', () => {
    const source =
      "---\ntitle: The residence\n---\n\n> A quote that\n> continues here.\n\nWe don\\'t know AT&amp;T.\n";
    const { text, changeable } = markdownProse(source);
    expect(text).not.toContain('title');
    expect(text).not.toContain('>');
    expect(text).toContain('continues here.');
    const dont = source.indexOf('don');
    expect(changeable(dont, dont + 3)).toBe(false);
    const at = source.indexOf('AT&');
    expect(changeable(at, at + 2)).toBe(false);
    const know = source.indexOf('know');
    expect(changeable(know, know + 4)).toBe(true);
  });

  it('reads nesting and delimiter runs no document has quickly, and a banner in code stays code', () => {
    const hostile = [
      '>'.repeat(50_000) + ' x',
      '- '.repeat(20_000) + 'x',
      `${'*'.repeat(20_000)}x${'*'.repeat(20_000)}`,
    ];
    for (const source of hostile) {
      const started = performance.now();
      expect(markdownProse(source).text).toHaveLength(source.length);
      expect(performance.now() - started).toBeLessThan(2000);
    }
    const banner =
      'Intro.\n\n```c\n/*************************************/\nThe residence is enormous.\n```\n';
    expect(markdownProse(banner).text).not.toContain('residence');
  });

  it('never cuts a long code or HTML block, so none of it reads as prose', () => {
    const indented = `Intro.\n\n${'    token words here\n'.repeat(1000)}`;
    const html = `<div>\n${'Plain words inside a div block.\n'.repeat(600)}</div>\n\nAfter.`;
    const listFence = `- \`\`\`py\n${'  x = 1  # the residence\n'.repeat(800)}  \`\`\`\n`;
    expect(markdownProse(indented).text).not.toContain('token');
    expect(markdownProse(html).text).not.toContain('Plain');
    expect(markdownProse(listFence).text).not.toContain('residence');
    // A rule of asterisks still ends the list before an indented code block.
    expect(markdownProse(`- item\n${'*'.repeat(33)}\n    const residence = 1;\n`).text).not.toContain(
      'residence',
    );
  });

  it('cuts a long table between rows, each later part read after its header rows', () => {
    const head = '| Name | Note |\n|:---|---:|\n';
    const rows = Array.from(
      { length: 2000 },
      (_, k) =>
        `| row${k} *plain* words | the \`code${k}\` cell |\nrow${k} without pipes | [link](https://x.org/${k}) |`,
    );
    const source = `Intro.\n\n${head}${rows.join('\n')}\n\nAfter the table.\n`;
    const parts = markdownParts(source);
    expect(parts.length).toBeGreaterThan(10);
    const inside = parts.filter((p) => p[2] !== undefined);
    expect(inside.length).toBe(parts.length - 1);
    for (const [start, , tableHead] of inside) {
      expect(tableHead).toBe(head);
      expect(source[start - 1]).toBe('\n');
      expect(source.slice(start).startsWith('row') || source.slice(start).startsWith('| row')).toBe(true);
    }
    const { text } = markdownProse(source);
    // Every part is read as table rows: no pipe or marker shows, each cell is prose once.
    expect(text).not.toMatch(/[|*`[\]]/);
    expect(text.match(/Name/g)).toHaveLength(1);
    for (const k of [0, 999, 1999]) {
      expect(text).toMatch(new RegExp(`row${k} +plain +words`));
      expect(text).toContain(`code${k}`);
      expect(text).toContain(`row${k} without pipes`);
    }
    expect(text).not.toContain('https://');
    expect(text).toContain('After the table.');
  });

  it('cuts a table only where the parser reads one, and never inside code', () => {
    const rows = (label: string) =>
      Array.from({ length: 900 }, (_, k) => `| ${label} ${k} | cell |`).join('\n');
    const frozen = (source: string, probe: string) => {
      const at = source.indexOf(probe);
      expect(at).toBeGreaterThan(0);
      return !markdownProse(source).changeable(at, at + probe.length);
    };
    // A line starting with an inline tag is a paragraph, not an HTML block: the fence after it
    // is seen, and neither a table nor prose inside it is read.
    const inFence = (body: string) =>
      `<img src="logo.png"> Example:\n\`\`\`md\nExample:\n\n${body}\n\`\`\`\n`;
    expect(frozen(inFence(`| Name | Note |\n|---|---|\n${rows('row')}`), 'row 850')).toBe(true);
    expect(frozen(inFence(rows('row').replaceAll('|', '')), 'row 850')).toBe(true);
    // What ends a table or was never one is not read after its header: an indented line (tab or
    // spaces), a header and delimiter with different numbers of cells, a table in a list item
    // followed by a line at the margin. In each, a code span runs over the rows that follow.
    const codeAfter = `| x \`code\n${rows('later')}\n| y\` | z |\n`;
    for (const before of [
      `| a | b |\n|---|---|\n${rows('row')}\n\tindented\n`,
      `| a | b |\n|---|---|\n${rows('row')}\n    indented\n`,
      '| a | b |\n|---|\n',
      '- | a | b |\n  |---|---|\n  | 1 | 2 |\ntext at margin\n',
    ])
      expect(frozen(before + codeAfter, 'later 850')).toBe(true);
    // A paragraph is not cut between lines while a code span or an HTML comment runs over them.
    for (const [open, close] of [
      ['`', '`'],
      ['<!--', '-->'],
    ]) {
      const lines = Array.from({ length: 500 }, (_, k) => `plain words of line ${k} in one paragraph`);
      lines[300] += ` ${open}start`;
      lines[460] = `end${close} ${lines[460]}`;
      expect(frozen(lines.join('\n'), 'line 420 in')).toBe(true);
    }
    // ...but a stray backtick ("doesn`t") does not stop every cut of the paragraph after it.
    const stray = `It doesn\`t matter.\n${Array.from({ length: 3000 }, (_, k) => `*w${k}* and more words`).join('\n')}\n`;
    expect(markdownParts(stray).length).toBeGreaterThan(1);
    // A tag alone on its line ends a table, and the HTML block it opens is not read as rows.
    const html = Array.from({ length: 600 }, (_, k) => `The enormous bill ${k}`).join('\n');
    expect(frozen(`| a | b |\n| - | - |\n${rows('row')}\n<custom-tag>\n${html}\n`, 'bill 500')).toBe(true);
    // A heading row thousands of columns wide is not parsed again for every part.
    const wide = `| ${Array.from({ length: 3000 }, (_, k) => `c${k}`).join(' | ')} |\n|${'---|'.repeat(3000)}\n`;
    expect(markdownParts(`${wide}${rows('row')}\n`)).toHaveLength(1);
  });

  it('cuts a long line only where no code span, tag or link destination is open', () => {
    const fill = 'The quick brown fox jumps over the lazy dog. '.repeat(200);
    for (const span of [
      '`the residence is enormous`',
      '<span title="the residence is enormous">',
      '[see](<the residence is enormous>)',
    ]) {
      const source = `${fill}${span} ${fill}${fill}\n`;
      expect(markdownParts(source).length).toBeGreaterThan(1);
      const at = source.indexOf('residence');
      expect(markdownProse(source).changeable(at, at + 9)).toBe(false);
    }
  });
});

describe('check and restore on markdown', () => {
  const spunPlain = readFileSync(new URL('../examples/state-of-the-union.spun.txt', import.meta.url), 'utf8');
  // The spun example as a markdown document: a heading, emphasis, links, a list, a quote and code.
  const paragraphs = spunPlain.split(/\n\s*\n/);
  const markdown = `# The *State* of the Union\n\n${paragraphs
    .map((p, i) =>
      i % 3 === 1
        ? `- ${p.replace(/ (\w+) (\w+) /, ' **$1 $2** ')}`
        : i % 3 === 2
          ? `> ${p.replace(/ (\w+) /, ' [$1](https://example.com) ')}`
          : p.replace(/ (\w+) /, ' `$1` '),
    )
    .join('\n\n')
    // A phrase found across an emphasis mark: its change writes the mark where it was.
    .replace(
      'nice accountability',
      '*nice* accountability',
    )}\n\n\`\`\`\nconst house = 'residence';\n\`\`\`\n`;

  it('finds the swaps of the prose, with offsets into the markdown', () => {
    const result = check(markdown, { format: 'markdown' });
    expect(result.verdict).toBe('spun');
    expect(result.findings.length).toBeGreaterThan(0.7 * check(spunPlain).findings.length);
    for (const f of result.findings) expect(markdown.slice(f.offset, f.offset + f.length)).toBe(f.text);
  });

  it('restores the prose and leaves every character of markup and code as it was', () => {
    const { restored, changes } = restore(markdown, { format: 'markdown' });
    expect(changes.length).toBeGreaterThan(0);
    // A change across markup writes it between its words as it was ("a *person").
    const { changeable } = markdownProse(markdown);
    const markupOf = (s: string) => s.replace(/[\p{L}\p{N}\s'’-]/gu, '');
    const across = changes.filter((c) => !changeable(c.offset, c.offset + c.length));
    for (const c of across) expect(markupOf(c.replacement)).toBe(markupOf(c.text));
    expect(across.map((c) => [c.text, c.replacement])).toContainEqual([
      'nice* accountability',
      'great* responsibility',
    ]);
    // Outside the changes, the output is the input byte for byte.
    let at = 0;
    let out = '';
    for (const c of changes) {
      out += markdown.slice(at, c.offset) + c.replacement;
      at = c.offset + c.length;
    }
    expect(restored).toBe(out + markdown.slice(at));
    expect(restored).toContain("```\nconst house = 'residence';\n```");
    expect(restored.match(/\*\*/g)?.length).toBe(markdown.match(/\*\*/g)?.length);
    expect(restored.match(/\]\(https:\/\/example\.com\)/g)?.length).toBe(
      markdown.match(/\]\(https:\/\/example\.com\)/g)?.length,
    );
  });

  it('restores a phrase across emphasis or a link with the markup between its words kept', () => {
    // A State of the Union paragraph whose spinner wrote "an individual" for "a person".
    const spun = readFileSync(
      new URL('./fixtures/sotu-2011-articles-fixed.spun.txt', import.meta.url),
      'utf8',
    );
    const cases = [
      ['an *individual*', 'an *individual', 'a *person', 'a *person*'],
      ['an\n__individual__', 'an\n__individual', 'a\n__person', 'a\n__person__'],
      ['[an individual](https://x.test/a)', 'an individual', 'a person', '[a person](https://x.test/a)'],
      ['an [individual][1]', 'an [individual', 'a [person', 'a [person][1]'],
      // Across the line break of a quote.
      ['an\n> individual', 'an\n> individual', 'a\n> person', 'a\n> person'],
    ];
    for (const [marked, text, suggestion, restoredAs] of cases) {
      const written = spun.replace('an individual', marked);
      // The paragraph quoted, where the phrase runs over a quote's lines.
      const quoted = marked.includes('>') ? `> ${written.replace(/\n(?!> )/g, '\n> ')}` : written;
      const markdown = `${quoted}\n\n[1]: https://x.test/b\n`;
      const { findings } = check(markdown, { format: 'markdown' });
      const finding = findings.find((f) => f.text === text);
      expect(finding?.suggestions[0], marked).toBe(suggestion);
      expect(restore(markdown, { format: 'markdown' }).restored, marked).toContain(
        `there isn't ${restoredAs}`,
      );
    }
    // Where the replacement has another number of words, or a word is code, it cannot be.
    const source = 'It was an *enormous* bill and a `huge` one.';
    const prose = markdownProse(source);
    const span = (from: string, to: string) =>
      [source.indexOf(from), source.indexOf(to) + to.length] as const;
    expect(keepingMarkup(prose, source, ...span('an', 'enormous'), 'a large')).toBe('a *large');
    expect(keepingMarkup(prose, source, ...span('an', 'enormous'), 'large')).toBeUndefined();
    expect(keepingMarkup(prose, source, ...span('an', 'enormous'), 'a very large')).toBeUndefined();
    expect(keepingMarkup(prose, source, ...span('a `', 'huge'), 'a big')).toBeUndefined();
    // Only emphasis and a link stand between the words of a phrase; an image, a comment or a
    // footnote call is content of its own, and emphasis inside a word makes one word.
    for (const [written, laidOut] of [
      ['It was [an](https://x.test "t") enormous bill.', 'a](https://x.test "t") large'],
      ['It was [an][ref] enormous bill.', 'a][ref] large'],
      ['It was an ![hole](i.png) enormous bill.', undefined],
      ['It was an <!-- c --> enormous bill.', undefined],
      ['It was an[^1] enormous bill.', undefined],
      ['It was an*enormous* bill.', undefined],
      ['> It was an\n> enormous bill.', 'a\n> large'],
      ['> > It was *an\n> > enormous* bill.', 'a\n> > large'],
    ] as const) {
      const text = `${written}\n\n[ref]: https://x.test\n\n[^1]: A note.\n`;
      const [from, to] = [text.indexOf('an'), text.indexOf('enormous') + 8];
      expect(keepingMarkup(markdownProse(text), text, from, to, 'a large'), written).toBe(laidOut);
    }
  });

  it('reads a rule of 34 stars or a list 40 deep as written, and a part nested as no document is for the verdict only', () => {
    // At 33 levels a line used to leave its whole part unread: a spun article after a
    // "* * * …" rule of 34 stars was judged clean with no words. Such lines are read now.
    // Items of numbers alone: words in them would weigh in the verdict, and forty of one word
    // ("level") read as changed are a repeated reading that makes the article less likely spun.
    const deepList = Array.from({ length: 40 }, (_, depth) => `${'  '.repeat(depth)}- ${depth}`).join('\n');
    for (const line of [
      Array(34).fill('*').join(' '),
      Array(35).fill('-').join(' '),
      '> '.repeat(34) + 'x',
      deepList,
    ]) {
      const markdown = `${spunPlain}\n\n${line}\n\nThe end.\n`;
      const result = check(markdown, { format: 'markdown' });
      expect(result.verdict, line.slice(0, 20)).toBe('spun');
      const inArticle = result.findings.filter((f) => f.offset < spunPlain.length);
      expect(inArticle.length).toBe(check(spunPlain).findings.length);
      const { restored } = restore(markdown, { format: 'markdown' });
      const markersOf = (t: string) =>
        t.slice(t.lastIndexOf(`\n\n${line.slice(0, 2)}`)).replace(/[\p{L}\p{N}]/gu, '');
      expect(markersOf(restored)).toBe(markersOf(markdown));
    }
    // The block the line stands in stays as its context makes it: a comment or a code block in
    // a list item stays unread, and the text after it is read.
    const deep = `${'> '.repeat(34)}x`;
    const inComment = check(`Intro.\n\n<!--\n${deep}\n\n${spunPlain}\n-->\n\nThe end.\n`, {
      format: 'markdown',
    });
    expect(inComment).toMatchObject({ verdict: 'clean', findings: [] });
    const inListCode = `- item\n\n  \`\`\`\n  ${deep}\n  \`\`\`\n\n${spunPlain}\n`;
    const after = check(inListCode, { format: 'markdown' }).findings.filter(
      (f) => f.offset > inListCode.indexOf(deep),
    );
    expect(after.length).toBe(check(spunPlain).findings.length);
    // A part nested as no document is (70 levels on a line) is read as written, so that its
    // words weigh in the verdict, and frozen: nothing in it changes, findings included.
    const hostile = `${spunPlain}\n\n${Array(70).fill('*').join(' ')}\n\nThe end.\n`;
    const judged = check(hostile, { format: 'markdown' });
    expect(judged).toMatchObject({ verdict: 'spun', findings: [] });
    expect(restore(hostile, { format: 'markdown' }).restored).toBe(hostile);
    // A line separator (U+2028) starts no line in markdown: markers after it are text.
    const separated = `Intro words.\u2028${'> '.repeat(70)}more words.\n`;
    expect(markdownProse(separated).changeable(0, 5)).toBe(true);
    // A deep line elsewhere changes nothing in how the rest is read: code and comments stay
    // unread.
    for (const body of [
      '```markdown\n> ```\n\nSECRET inside the fence\n```\n',
      '- <!--\n\n  SECRET inside the comment\n\n-->\n',
      '- Step:\n  ```sh\nnpm install\n  ```\n\nSECRET_A\n\nSECRET_B\n\n```\n',
    ]) {
      const secrets = (t: string) => markdownProse(t).text.match(/SECRET\w*/g);
      expect(secrets(`${deep}\n\n${body}`), body).toEqual(secrets(body));
    }
  });

  it('never suggests a change inside inline code', () => {
    const text = 'The residence is huge.\n\nCall `residence` to get the house. The residence is huge.';
    const code = text.indexOf('`residence`') + 1;
    const { findings } = check(text, { format: 'markdown', minConfidence: 0 });
    expect(findings.some((f) => f.offset < code + 9 && code < f.offset + f.length)).toBe(false);
  });

  it('is chosen by the file extension, or by format', () => {
    expect(decodeText(utf8('# Title\n\nSome *text*.'), { name: 'notes.md' }).format).toBe('markdown');
    expect(decodeText(utf8('# Title\n\nSome *text*.'), { name: 'notes.txt' }).format).toBe('text');
    expect(decodeText(utf8('# Title'), { format: 'markdown' })).toMatchObject({
      format: 'markdown',
      text: '# Title',
    });
  });
});
