import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, restore } from '../src/api/index.js';
import { decodeText } from '../src/input/index.js';
import { chunks, markdownProse } from '../src/text/markdown.js';

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

  it('keeps the length and the line breaks of any input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab *_`#-|[]()!<>\\&;\n\t1.:'.split('')) }),
        (source) => {
          const { text } = markdownProse(source);
          expect(text).toHaveLength(source.length);
          for (let i = 0; i < source.length; i++) if (source[i] === '\n') expect(text[i]).toBe('\n');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('parses a long text in parts that never split fenced code, with link definitions from anywhere', () => {
    const fence = '```\ncode line\n\nmore code\n```\n\n';
    const paragraph = 'See the [manual][m] for the details of every option.\n\n';
    const source = `${(fence + paragraph).repeat(400)}[m]: https://example.com/manual\n`;
    const parts = chunks(source);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0][0]).toBe(0);
    expect(parts.at(-1)?.[1]).toBe(source.length);
    for (let i = 1; i < parts.length; i++) {
      expect(parts[i][0]).toBe(parts[i - 1][1]);
      // Each part starts outside fenced code: at a fence or at a paragraph.
      expect(source.slice(parts[i][0]).startsWith('```') || source.slice(parts[i][0]).startsWith('See')).toBe(
        true,
      );
    }
    const { text } = markdownProse(source);
    expect(text).not.toContain('code');
    // Every reference resolves: the brackets and labels are blank in every part.
    expect(text).not.toContain('[');
    expect(wordsOf(text).filter((w) => w === 'manual')).toHaveLength(400);
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
    .join('\n\n')}\n\n\`\`\`\nconst house = 'residence';\n\`\`\`\n`;

  it('finds the swaps of the prose, with offsets into the markdown', () => {
    const result = check(markdown, { format: 'markdown' });
    expect(result.verdict).toBe('spun');
    expect(result.findings.length).toBeGreaterThan(0.7 * check(spunPlain).findings.length);
    for (const f of result.findings) expect(markdown.slice(f.offset, f.offset + f.length)).toBe(f.text);
  });

  it('restores the prose and leaves every character of markup and code as it was', () => {
    const { restored, changes } = restore(markdown, { format: 'markdown' });
    expect(changes.length).toBeGreaterThan(0);
    const { changeable } = markdownProse(markdown);
    for (const c of changes) expect(changeable(c.offset, c.offset + c.length)).toBe(true);
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
