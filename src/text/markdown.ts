/**
 * Markdown read as the prose it renders to, without moving a character: every character of
 * markup (code, link targets, images, HTML, list and heading markers, emphasis marks,
 * escapes) becomes a space, and the prose stays where it was. Offsets into the result are
 * offsets into the markdown as written, so findings point into the file and `restore`
 * changes words in it and leaves the markup byte for byte.
 *
 * Extracting the text instead, as is done for HTML, would lose that: a restored README would
 * come back as plain text. Raw markdown read as prose, the other choice, reads badge lines
 * and link references as odd English, and it was the main cause of clean technical READMEs
 * being called spun (`scripts/technical-prose.ts`).
 */
import { createRequire } from 'node:module';
import type { decodeNamedCharacterReference as DecodeReference } from 'decode-named-character-reference';
import type { Nodes, Parents } from 'mdast';
import type { fromMarkdown as FromMarkdown, Options } from 'mdast-util-from-markdown';
import type { gfmFromMarkdown as GfmFromMarkdown } from 'mdast-util-gfm';
import type { gfm as Gfm } from 'micromark-extension-gfm';

// The parser and its extensions take a tenth of a second to load: only markdown pays for it,
// not every start of the command. (ES modules loaded with require: Node.js 20.19 or later.)
const require = createRequire(import.meta.url);
let parser:
  | { parse: typeof FromMarkdown; options: Options; decodeReference: typeof DecodeReference }
  | undefined;
function markdownParser() {
  if (!parser) {
    const { gfm } = require('micromark-extension-gfm') as { gfm: typeof Gfm };
    const { gfmFromMarkdown } = require('mdast-util-gfm') as { gfmFromMarkdown: typeof GfmFromMarkdown };
    parser = {
      parse: (require('mdast-util-from-markdown') as { fromMarkdown: typeof FromMarkdown }).fromMarkdown,
      // GitHub's markdown: tables, footnotes, strikethrough, autolinks, task lists.
      options: { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] },
      decodeReference: (
        require('decode-named-character-reference') as {
          decodeNamedCharacterReference: typeof DecodeReference;
        }
      ).decodeNamedCharacterReference,
    };
  }
  return parser;
}

// Blocks whose text is one run of prose: each starts a new sentence.
const PROSE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

// A link reference definition: "[label]: destination", with an optional title.
const DEFINITION = /^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S[^\n]*$/gm;

// A backslash escape, or a character reference, in the source of a text node.
const ESCAPE_OR_REFERENCE =
  /\\[!-/:-@[-`{-~]|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/** What an escape or a character reference renders as, or undefined when it is literal text. */
function rendered(markup: string): string | undefined {
  if (markup.startsWith('\\')) return markup.slice(1);
  const name = markup.slice(1, -1);
  if (name.startsWith('#')) {
    const hex = name[1] === 'x' || name[1] === 'X';
    const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
    // CommonMark renders NUL and out-of-range code points as U+FFFD, which is no prose.
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  const value = markdownParser().decodeReference(name);
  return value === false ? undefined : value;
}

/** Markdown as Unspin reads it. */
export interface MarkdownProse {
  /**
   * The source with its markup blanked: the same length, the prose at the same offsets, line
   * breaks kept, and a blank line put in front of each paragraph, heading, list item and
   * table cell that markup alone separated from the text before it. Inline code stays, as
   * the word it is in the sentence ("provide a `thisArg`"), so the sentence still reads.
   */
  text: string;
  /**
   * Whether changing `[start, end)` of the text leaves the markdown's markup and code as
   * written: false for a span across blanked markup or into inline code.
   */
  changeable(start: number, end: number): boolean;
}

export function markdownProse(source: string): MarkdownProse {
  const out = new Array<string>(source.length);
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    out[i] = c === '\n' || c === '\r' ? c : ' ';
  }
  const blockStarts: number[] = [];
  const code: [number, number][] = [];

  const reveal = (start: number, end: number) => {
    for (let i = start; i < end; i++) out[i] = source[i];
    ESCAPE_OR_REFERENCE.lastIndex = start;
    for (let m = ESCAPE_OR_REFERENCE.exec(source); m && m.index < end; m = ESCAPE_OR_REFERENCE.exec(source)) {
      const text = rendered(m[0]);
      // A reference longer than what it stands for: the rest of it becomes space.
      if (text === undefined || text.length > m[0].length) continue;
      for (let k = 0; k < m[0].length; k++) out[m.index + k] = text[k] ?? ' ';
    }
  };

  let base = 0;
  let limit = 0;
  const visit = (node: Nodes) => {
    if (node.position?.start.offset === undefined || node.position.end.offset === undefined) return;
    // Past `limit`: the definitions appended to a part (see `chunks`).
    if (node.position.start.offset >= limit) return;
    const start = base + node.position.start.offset;
    const end = base + node.position.end.offset;
    if (PROSE_BLOCKS.has(node.type)) blockStarts.push(start);
    if (node.type === 'text') reveal(start, end);
    if (node.type === 'inlineCode') {
      let ticks = 0;
      while (source[start + ticks] === '`') ticks++;
      for (let i = start + ticks; i < end - ticks; i++) out[i] = source[i];
      code.push([start + ticks, end - ticks]);
    }
    // Code blocks, HTML, images and definitions have no text children: they stay blank.
    if ('children' in node) for (const child of (node as Parents).children) visit(child);
  };
  const { parse, options } = markdownParser();
  const parts = chunks(source);
  // A part parsed alone still needs the link definitions of the whole text ("[docs][1]").
  const definitions = parts.length > 1 ? `\n\n${source.match(DEFINITION)?.join('\n') ?? ''}\n` : '';
  for (const [start, end] of parts) {
    base = start;
    limit = end - start;
    visit(parse(source.slice(start, end) + definitions, options));
  }

  for (const start of blockStarts) separate(out, start);
  const text = out.join('');
  return {
    text,
    changeable: (start, end) =>
      text.slice(start, end) === source.slice(start, end) && !code.some(([a, b]) => a < end && start < b),
  };
}

/**
 * Makes the prose of a block that starts at `start` begin a sentence: the blanked markup
 * before its first character ("- ", "| ", "## ") becomes a blank line, unless a blank line
 * or the start of the text is already there.
 */
function separate(out: string[], start: number): void {
  let first = start;
  while (first < out.length && /\s/.test(out[first])) first++;
  let gapStart = first;
  while (gapStart > 0 && /\s/.test(out[gapStart - 1])) gapStart--;
  if (gapStart === 0) return;
  const gap = out.slice(gapStart, first).join('');
  if (/\n[ \t]*\r?\n/.test(gap)) return;
  if (first - gapStart >= 2) {
    out[first - 2] = '\n';
    out[first - 1] = '\n';
  } else if (first - gapStart === 1) out[first - 1] = '\n';
}

/**
 * Characters per parse. The parser's time grows faster than the length of one document
 * (1.5 MB of READMEs: 7.4 s as one document, 4.0 s in parts of 8 K), so a long text is parsed in
 * parts that end at a blank line outside fenced code and before a line that is not indented
 * (which could continue a list item or an indented code block).
 */
const CHUNK = 8 * 1024;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** [start, end) offsets of the parts of `source` parsed one at a time. */
export function chunks(source: string): [number, number][] {
  const parts: [number, number][] = [];
  let start = 0;
  let fence: string | undefined;
  let previousBlank = false;
  for (let lineStart = 0; lineStart < source.length; ) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? source.length : newline + 1;
    const line = source.slice(lineStart, lineEnd);
    const opened = FENCE.exec(line)?.[1];
    if (fence === undefined) {
      const indented = /^(?: {4}|\t)/.test(line);
      if (previousBlank && !indented && lineStart - start >= CHUNK && opened === undefined) {
        parts.push([start, lineStart]);
        start = lineStart;
      }
      if (opened) fence = opened;
    } else if (
      opened &&
      opened[0] === fence[0] &&
      opened.length >= fence.length &&
      !/\S/.test(line.slice(line.indexOf(opened) + opened.length))
    ) {
      fence = undefined;
    }
    previousBlank = !/\S/.test(line);
    lineStart = lineEnd;
  }
  if (start < source.length) parts.push([start, source.length]);
  return parts;
}
