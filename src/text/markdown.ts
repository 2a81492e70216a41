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
import type { TextFormat } from '../input/sniff.js';
import {
  candidateKeys,
  common,
  definitionKeyOf,
  definitionLines,
  definitionsUnder,
  labelsOf,
  referencedKeys,
} from './markdown-definitions.js';
import { markdownParts, parserInput } from './markdown-parts.js';
import { readInWindows, WINDOW_LIMITS, type WindowLimits } from './markdown-windows.js';
import { LINE_BREAK, PARAGRAPH_SEPARATOR } from './tokenize.js';

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

// Front matter: YAML (or TOML) settings at the very start, which no renderer shows as text.
// It opens with a setting ("title: …", "title = …"), so a rule followed by prose is not taken
// for it; a byte order mark may come first.
const FRONT_MATTER =
  /^\uFEFF?(?:---[ \t]*(?:\r\n?|\n)(?=[\w-]+[ \t]*:)[\s\S]*?(?:\r\n?|\n)(?:---|\.\.\.)|\+\+\+[ \t]*(?:\r\n?|\n)(?=[\w-]+[ \t]*=)[\s\S]*?(?:\r\n?|\n)\+\+\+)[ \t]*(?:\r\n?|\n|$)/;

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
   * table cell that markup alone separated from the text before it (a paragraph separator,
   * U+2029, where only one character stands between them: "# Title\nthe text", "|a|b|"). Inline code stays, as
   * the word it is in the sentence ("provide a `thisArg`"), so the sentence still reads; an
   * escape or a character reference gives its character in its first place.
   */
  text: string;
  /**
   * Whether changing `[start, end)` of the text leaves the markdown's markup and code as
   * written: false for a span across blanked markup, into inline code, or into a word
   * written with an escape or a character reference (`don\'t`, `AT&amp;T`), whose blanked
   * place splits it.
   */
  changeable(start: number, end: number): boolean;
}

/** The reader's state over one source: what is shown, and what must not change. */
class ProseReader {
  readonly out: string[];
  /** 1 where a change must not reach. */
  readonly frozen: Uint8Array;
  readonly blocks: [number, number][] = [];
  /** The link and footnote definitions read, by `definitionKey`. */
  readonly definitions = new Set<string>();

  /** `frontMatter`: the length of the front matter, which is never read and never changes. */
  constructor(
    readonly source: string,
    readonly frontMatter: number,
  ) {
    this.out = new Array<string>(source.length);
    this.blank(0, source.length);
    this.frozen = new Uint8Array(source.length);
    this.frozen.fill(1, 0, frontMatter);
  }

  show(start: number, end: number): void {
    for (let i = start; i < end; i++) this.out[i] = this.source[i];
  }

  freeze(start: number, end: number): void {
    this.frozen.fill(1, start, end);
  }

  /** A text node: shown, less its container's markers and with its escapes rendered. */
  text(start: number, end: number): void {
    const { source, out } = this;
    this.show(start, end);
    // A text that runs over lines holds the markers of its container on the lines after the
    // first ("> " of a quote, a list item's indent): they are markup. A line of the text itself
    // cannot start with ">", which would begin a quote.
    for (let i = start; i < end; i++) {
      if (source[i] !== '\n' && source[i] !== '\r') continue;
      for (let k = i + 1; k < end && (source[k] === '>' || source[k] === ' ' || source[k] === '\t'); k++)
        out[k] = ' ';
    }
    // Searched in the text's own slice: from `start` in the whole source, a text with no
    // escape would be searched to the end of the file, for every text.
    for (const m of source.slice(start, end).matchAll(ESCAPE_OR_REFERENCE)) {
      const rendering = rendered(m[0]);
      // A reference longer than what it stands for: the rest of it becomes space.
      if (rendering === undefined || rendering.length > m[0].length) continue;
      const at = start + m.index;
      for (let k = 0; k < m[0].length; k++) out[at + k] = rendering[k] ?? ' ';
      let from = at;
      let to = at + m[0].length;
      while (from > start && /[\p{L}\p{N}'’]/u.test(source[from - 1])) from--;
      while (to < end && /[\p{L}\p{N}'’]/u.test(source[to])) to++;
      this.freeze(from, to);
    }
  }

  /** Inline code: its content shown, as the word it is in the sentence, and frozen. */
  inlineCode(start: number, end: number): void {
    let ticks = 0;
    while (this.source[start + ticks] === '`') ticks++;
    this.show(start + ticks, end - ticks);
    this.freeze(start + ticks, end - ticks);
  }

  /**
   * Reads a parsed window whose offsets start at `base`, and returns the keys of the definitions
   * in it. Nodes that end by `from` (a table's header rows, parsed before the part) or start at
   * `limit` or after (the block the next window reads again) are not in it.
   */
  visit(root: Nodes, base: number, limit: number, from = 0): Set<string> {
    const defined = new Set<string>();
    // Iteratively: a document nested thousands of levels deep must not overflow the stack here.
    const stack: Nodes[] = [root];
    for (let node = stack.pop(); node; node = stack.pop()) {
      const nodeStart = node.position?.start.offset;
      const nodeEnd = node.position?.end.offset;
      if (nodeStart === undefined || nodeEnd === undefined || nodeStart >= limit || nodeEnd <= from) continue;
      const start = base + Math.max(from, nodeStart);
      const end = base + nodeEnd;
      if (PROSE_BLOCKS.has(node.type)) this.blocks.push([start, end]);
      if (node.type === 'text') this.text(start, end);
      else if (node.type === 'inlineCode') this.inlineCode(start, end);
      const key = definitionKeyOf(node);
      if (key) defined.add(key);
      // Code blocks, HTML, images and definitions have no text children: they stay blank.
      // One at a time: a paragraph may have more children than a call takes arguments.
      if ('children' in node) for (const child of (node as Parents).children) stack.push(child);
    }
    for (const key of defined) this.definitions.add(key);
    return defined;
  }

  /** Shows `[start, end)` as markup: blank but for its line breaks. */
  private blank(start: number, end: number): void {
    for (let i = start; i < end; i++) {
      const c = this.source[i];
      this.out[i] = c === '\n' || c === '\r' ? c : ' ';
    }
  }

  /** Forgets what was read of `[start, end)`, to read it again. */
  clear(start: number, end: number): void {
    this.blank(start, end);
    // Its blocks stay: read again, the same blocks are found (definitions change only inlines).
    this.frozen.fill(0, Math.max(start, this.frontMatter), end);
  }
}

export function markdownProse(source: string, windowLimits: WindowLimits = WINDOW_LIMITS): MarkdownProse {
  const frontMatter = FRONT_MATTER.exec(source)?.[0].length ?? 0;
  const reader = new ProseReader(source, frontMatter);
  // The parser sees the front matter blanked, so that it does not read it as a heading.
  const parsed = frontMatter ? reader.out.slice(0, frontMatter).join('') + source.slice(frontMatter) : source;
  const { parse, options } = markdownParser();
  // A byte order mark at the start is none of the text (the parser drops it, counting offsets
  // after it): the text after it is parsed, one character on.
  const bom = parsed.startsWith('\uFEFF') ? 1 : 0;
  const parts = markdownParts(parsed.slice(bom));
  // Definitions a pattern finds in the whole text, given to each window that refers to them.
  let candidates: Set<string> | undefined;
  const givenTo = (text: string, whole: boolean): Map<string, string> => {
    if (whole && parts.length === 1) return new Map();
    candidates ??= candidateKeys(parsed);
    return common(referencedKeys(text), candidates);
  };
  const parseWithDefinitions = (text: string, labels: Map<string, string>): Nodes | undefined => {
    const input = parserInput(text);
    if (input === undefined) return undefined;
    // A byte order mark inside the text is a character there, but the parser drops one at the
    // start of what it is given: a line break before a window that starts with one keeps it.
    const before = definitionLines(labels) || (input.startsWith('\uFEFF') ? '\n' : '');
    try {
      return withoutFirst(parse(before + input, options), before.length);
    } catch (error) {
      // The parser's extensions recurse: a part nested past the stack is read as written, and
      // nothing in it may change (it may be code).
      if (!(error instanceof RangeError)) throw error;
      return undefined;
    }
  };
  // The definitions each tree was parsed with.
  const given = new WeakMap<Nodes, Map<string, string>>();
  const parseWindow = (text: string, whole: boolean) => {
    const labels = givenTo(text, whole);
    const tree = parseWithDefinitions(text, labels);
    if (tree) given.set(tree, labels);
    return tree;
  };
  const read: { text: string; base: number; limit: number; from: number; resolved: Set<string> }[] = [];
  // Every label that text left unread holds: it may define any of them, over lines, after a
  // footnote's label, anywhere.
  const unreadKeys = new Set<string>();
  for (const [start, end, tableHead = ''] of parts) {
    const body = parsed.slice(bom + start, bom + end);
    // A part inside a table is parsed after the table's header rows, which are not read again;
    // should they not read as the header of a table there, the part is read alone.
    let head = tableHead;
    let part = readInWindows(head + body, parseWindow, windowLimits);
    const first = part.windows[0]?.tree;
    if (head && first && !opensWithTableHeader(first, head.length)) {
      head = '';
      part = readInWindows(body, parseWindow, windowLimits);
    }
    const base = bom + start - head.length;
    for (const { tree, at, limit, text } of part.windows) {
      const from = Math.max(0, head.length - at);
      // What resolved in this window: the definitions given to it, and those in its text,
      // including the block after `limit` that the next window reads again.
      const resolved = reader.visit(tree, base + at, limit, from);
      for (const key of given.get(tree)?.keys() ?? []) resolved.add(key);
      for (const node of 'children' in tree ? tree.children : [])
        if ((node.position?.start.offset ?? 0) >= limit) definitionsUnder(node, resolved);
      read.push({ text, base: base + at, limit, from, resolved });
    }
    if (part.unreadFrom < head.length + body.length) {
      // What the parser cannot take is read as written, so that its words still weigh in the
      // verdict (unread, one line of 70 "* " hid a whole spun article), and frozen: it may be
      // code, and nothing in it changes.
      const from = Math.max(bom + start, base + part.unreadFrom);
      reader.show(from, bom + end);
      reader.freeze(from, bom + end);
      // It starts where a block does: a sentence starts there.
      reader.blocks.push([from, bom + end]);
      for (const key of referencedKeys(parsed.slice(from, bom + end)).keys()) unreadKeys.add(key);
    }
  }
  // A window where a reference resolved otherwise than in the whole text (a definition the
  // pattern took for one, or missed, or one in the block cut short after it) is read again, up
  // to where it was kept, with the definitions the parser read.
  for (const { text, base, limit, from, resolved } of read) {
    const kept = text.slice(0, limit);
    const referenced = referencedKeys(kept);
    if ([...referenced.keys()].every((key) => resolved.has(key) === reader.definitions.has(key))) continue;
    const tree = parseWithDefinitions(kept, common(referenced, reader.definitions));
    if (!tree) continue;
    reader.clear(base + from, base + limit);
    reader.visit(tree, base, limit, from);
  }
  // A reference to a label that only text left unread may define resolves there or not, and
  // with it how the markup around it pairs ("~[a~] z~"): the block that holds it is left as it
  // was read, and does not change.
  for (const key of reader.definitions) unreadKeys.delete(key);
  if (unreadKeys.size) {
    const blocks = [...reader.blocks].sort((a, b) => a[0] - b[0]);
    for (const { text, base, limit, from } of read) {
      for (const at of labelsOf(text.slice(from, limit), unreadKeys)) {
        const block = blockAt(blocks, base + from + at);
        reader.freeze(...(block ?? [base + from, base + limit]));
      }
    }
  }
  for (const [start, end] of reader.blocks) separate(reader.out, start, end);
  // Every character not shown as written is markup: a change must not reach it either.
  const { out, frozen } = reader;
  for (let i = 0; i < source.length; i++) if (out[i] !== source[i]) frozen[i] = 1;
  return {
    text: out.join(''),
    changeable: (start, end) => frozen.subarray(start, end).every((f) => f === 0),
  };
}

/** The block of `blocks` (sorted by start) that holds `offset`, if one does. */
function blockAt(blocks: readonly [number, number][], offset: number): [number, number] | undefined {
  let lo = 0;
  let hi = blocks.length - 1;
  let found: [number, number] | undefined;
  // The last block starting at or before the offset; blocks do not nest.
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (blocks[mid][0] <= offset) [found, lo] = [blocks[mid], mid + 1];
    else hi = mid - 1;
  }
  return found && offset < found[1] ? found : undefined;
}

/** Whether the tree starts with a table whose header row ends within the first `length` characters. */
function opensWithTableHeader(tree: Nodes, length: number): boolean {
  const first = 'children' in tree ? tree.children[0] : undefined;
  if (first?.type !== 'table' || first.position?.start.offset !== 0) return false;
  return (first.children[0]?.position?.end.offset ?? Number.POSITIVE_INFINITY) <= length;
}

/** `tree` with the offsets of what was parsed after the first `length` characters, and only that. */
function withoutFirst(tree: Nodes, length: number): Nodes {
  if (length === 0) return tree;
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const { position } = node;
    // In place: the parser gives every node points of its own.
    if (position) {
      position.start.offset = (position.start.offset ?? 0) - length;
      position.end.offset = (position.end.offset ?? 0) - length;
    }
    if ('children' in node) for (const child of (node as Parents).children) stack.push(child);
  }
  if ('children' in tree)
    tree.children = tree.children.filter((c) => (c.position?.start.offset ?? 0) >= 0) as typeof tree.children;
  return tree;
}

/**
 * Makes the prose of the block at `[start, end)` begin a sentence: the blanked markup before its
 * first character ("- ", "| ", "## ") becomes a blank line, unless a blank line or the start of
 * the text is already there. A block with no prose is left alone.
 */
function separate(out: string[], start: number, end: number): void {
  let first = start;
  while (first < end && /\s/.test(out[first])) first++;
  if (first === end) return;
  let gapStart = first;
  while (gapStart > 0 && /\s/.test(out[gapStart - 1])) gapStart--;
  if (gapStart === 0) return;
  const gap = out.slice(gapStart, first).join('');
  // A blank line between them already: two line breaks, however written.
  if (gap.split(LINE_BREAK).length > 2) return;
  if (first - gapStart >= 2) {
    out[first - 2] = '\n';
    out[first - 1] = '\n';
    // One character is no room for a blank line ("# Title\nthe text", "|a|b|"): a paragraph
    // separator, which the tokenizer reads as one, takes its place.
  } else if (first - gapStart === 1) out[first - 1] = PARAGRAPH_SEPARATOR;
}

/**
 * `replacement` for the span `[start, end)` of `source`, keeping the markup between its words as
 * written: "an *individual" read as "an individual" takes "a person" as "a *person", and
 * "Nationwide Climate](…) Service" takes "National Weather](…) Service". Undefined where that
 * cannot be: the replacement has another number of words than the span's prose, or a word of
 * the span may not change (inline code, markup inside it).
 */
export function keepingMarkup(
  prose: MarkdownProse,
  source: string,
  start: number,
  end: number,
  replacement: string,
): string | undefined {
  const words = [...prose.text.slice(start, end).matchAll(/\S+/g)].map((m) => [
    start + m.index,
    start + m.index + m[0].length,
  ]);
  const replacing = replacement.split(' ');
  if (words.length !== replacing.length || !words.every(([from, to]) => prose.changeable(from, to)))
    return undefined;
  const gaps = words.slice(1).map(([from], i) => source.slice(words[i][1], from));
  if (!gaps.every(isWordBreakingMarkup)) return undefined;
  return replacing.map((word, i) => (i === 0 ? word : gaps[i - 1] + word)).join('');
}

/**
 * Whether the markup between two words is only emphasis marks, a link's brackets and target, or
 * a quote's markers after a line break, with a space among it: what a reader sees between the words is a space, and the words are
 * the phrase's. An image, HTML, a comment or a footnote call stands for content of its own
 * between them ("a ![hole](i.png) ground" is no phrase), and emphasis inside a word
 * ("an*individual*") is one word to a reader.
 */
function isWordBreakingMarkup(gap: string): boolean {
  // A quote's markers after a line break are its lines' margin: "an\n> enormous" is one phrase.
  const withoutTargets = gap
    .replace(/(?<=[\r\n])[ \t]*(?:>[ \t]?)+/g, ' ')
    .replace(/\]\([^()\s]*(?:\s+"[^"]*")?\)|\]\[[^\]^]*\]/g, ']');
  return /\s/.test(gap) && /^[\s*_~[\]]*$/.test(withoutTargets);
}

/**
 * The version of how markdown is read as prose: prose stored with an indexed document
 * (`src/source/prose-edits.ts`) is trusted only when read by this version. Raise it with any
 * change to what `markdownProse` gives.
 */
export const MARKDOWN_READER_VERSION = 5;

/** The text as read for its words: itself, or for markdown its prose (same length, same offsets). */
export function proseOf(text: string, format?: TextFormat): string {
  return format === 'markdown' ? markdownProse(text).text : text;
}
