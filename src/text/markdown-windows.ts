/**
 * A part of markdown given to the parser a window at a time, cut where the parser itself ended
 * a block. The parser (micromark) copies every event of the text so far each time it closes a
 * quote or a list item, so its time grows with the square of their number: 4,000 one-line quotes
 * (20 kB) took 11 s, 20,000 took 396 s. A window holds a bounded number of them.
 *
 * A window is parsed, and what it read up to the start of its last block is kept; the next
 * window starts there. Block structure is decided line by line going forward, so the blocks
 * before the last one read as they would in the whole text, and the last one, which the window
 * may have cut short, is read again from its start. The cut is where the parser put it, not
 * where a pattern guesses a block ends: a fence or a comment the parser has open is never cut.
 * A cut is made only before a block of the document itself, of a quote, or before a list item,
 * whose line reads the same with nothing before it; never inside a list item, whose later lines
 * are read by their indent under its marker.
 *
 * Some texts have no such cut for thousands of quotes (quotes inside one list item or footnote,
 * quotes between indented code), and a window that grows to hold them is as slow as the whole
 * text. Once a window holds `exactContainers` quotes and footnote definitions, the ones whose
 * closing the parser pays for, with no such cut, what it read before the start of its deepest
 * last block is kept and the rest of the part is left unread, as a part the parser cannot take.
 */
import type { Nodes, Parents } from 'mdast';

export interface WindowLimits {
  /** Quotes, list items and footnote definitions opened in a window, before it is cut. */
  containers: number;
  /** Characters in a window, before it is cut (at a line break). */
  length: number;
  /**
   * Quotes and footnote definitions a window may hold while no block ends where it can be cut
   * (or fewer among many lines, `LINES_PER_QUOTE`): a window grown past them (up to twice as
   * many) ends the part's reading, and the rest is left unread. Unbounded when not given.
   */
  exactContainers?: number;
}

/**
 * Parsed whole below these: the parser takes 4,000 quotes in 11 s, 1,024 in about 0.8 s and 256
 * in about 50 ms. Nested list items alone cost it little: they do not count for `exactContainers`.
 */
export const WINDOW_LIMITS: WindowLimits = { containers: 256, length: 256 * 1024, exactContainers: 1024 };

/**
 * Each quote the parser closes costs it about as much as a line of the text so far: a window
 * with as many quotes times lines as `exactContainers` quotes with this many lines each is left
 * as one that holds that many quotes. One list item holding 2,064 quotes among 128,000 lines of
 * paragraphs took 29 s parsed whole, 516 among 32,000 lines 3.4 s.
 */
const LINES_PER_QUOTE = 8 * 1024;

/** A window read: its tree, where it starts in the part, and where what is kept of it ends. */
export interface ReadWindow {
  tree: Nodes;
  /** The window's text, as parsed. */
  text: string;
  at: number;
  /** Nodes starting at or after this offset into the window belong to the next window. */
  limit: number;
}

/** The windows a text was read in. */
export interface ReadWindows {
  windows: ReadWindow[];
  /**
   * Where the text is left unread (its length when read to the end): the parser could not take
   * it, or not in time.
   */
  unreadFrom: number;
}

/** Reads `text` window by window with `parse`, which gives undefined for a window it cannot take. */
export function readInWindows(
  text: string,
  parse: (window: string, whole: boolean) => Nodes | undefined,
  limits: WindowLimits = WINDOW_LIMITS,
): ReadWindows {
  const windows: ReadWindow[] = [];
  // The kinds of block on the way to the block the last window was cut before, and the scale
  // of that window, until the next window confirms the cut.
  let unconfirmed: { path: string[]; scale: number } | undefined;
  let at = 0;
  let scale = 1;
  // Where windows end once one the parser could not take is read in smaller ones.
  let cap: number | undefined;
  while (at < text.length) {
    const [filled, costly, lines] = windowEnd(text, at, limits.containers * scale, limits.length * scale);
    const end = Math.min(filled, cap ?? text.length);
    const window = text.slice(at, end);
    const whole = at === 0 && end === text.length;
    const tree = parse(window, whole);
    if (!tree) {
      // Halved until the blocks before what the parser cannot take (a line nested as no
      // document is) are read; from the block that holds it, the text is left unread.
      const half = lineStartBefore(text, at + Math.floor((end - at) / 2));
      if (half <= at) return { windows, unreadFrom: at };
      cap = half;
      continue;
    }
    if (unconfirmed && !startsWith(tree, window, unconfirmed.path)) {
      // The block read otherwise alone than after what came before it (a quirk of the parser's,
      // or a context the rules above miss): the window before is read again, larger.
      const previous = windows.pop() as ReadWindow;
      at = previous.at;
      scale = unconfirmed.scale * 2;
      unconfirmed = undefined;
      continue;
    }
    unconfirmed = undefined;
    if (end === text.length) {
      windows.push({ tree, text: window, at, limit: window.length });
      return { windows, unreadFrom: text.length };
    }
    const cut = lastBlockStart(tree, window);
    const most = limits.exactContainers ?? Number.POSITIVE_INFINITY;
    if (
      cut === undefined &&
      cap === undefined &&
      (costly >= most || costly * lines >= most * LINES_PER_QUOTE)
    ) {
      // No cut for as many quotes as a window should hold: the blocks before the deepest last
      // one read as in the whole text, and what follows is left unread.
      const last = deepestBlockStart(tree, window);
      if (last !== undefined) windows.push({ tree, text: window, at, limit: last });
      return { windows, unreadFrom: at + (last ?? 0) };
    }
    if (cut === undefined) {
      // The block runs into what the parser cannot take.
      if (cap !== undefined) return { windows, unreadFrom: at };
      // One block fills the window (a long list item, a code block): a larger window, until
      // the block ends in one or the window is the rest of the text.
      scale *= 2;
      continue;
    }
    cap = undefined;
    windows.push({ tree, text: window, at, limit: cut.offset });
    unconfirmed = { path: cut.path, scale };
    at += cut.offset;
    scale = 1;
  }
  return { windows, unreadFrom: text.length };
}

/** Whether the tree's first blocks, first child by first child, are of the kinds of `path`, on its first line. */
function startsWith(tree: Nodes, window: string, path: string[]): boolean {
  const firstLineEnd = nextLineStart(window, 0);
  let node: Nodes | undefined = tree;
  for (const kind of path) {
    node = node && 'children' in node ? (node as Parents).children[0] : undefined;
    if (node?.type !== kind || (node.position?.start.offset ?? firstLineEnd) >= firstLineEnd) return false;
  }
  return true;
}

/**
 * Where a window from `start` ends: at the line break after the line that opens the
 * `containers`-th quote or list item, or before `length` characters have passed (after them,
 * for a line longer than that), or at the end of the text; how many quotes and footnote
 * definitions it opens, and how many lines it has.
 */
function windowEnd(
  text: string,
  start: number,
  containers: number,
  length: number,
): [number, number, number] {
  let opened = 0;
  let costly = 0;
  let lines = 0;
  let previousPrefix = '';
  for (let lineStart = start; lineStart < text.length; lines++) {
    const lineEnd = nextLineStart(text, lineStart);
    if (lineEnd - start > length && lineStart > start) return [lineStart, costly, lines];
    const [prefix, items, footnotes] = containerPrefix(text, lineStart, lineEnd);
    // A quote's later lines go on in the quote they are in; a new list item or footnote, or a
    // quote after a line without one, opens another.
    const quote = prefix !== '' && prefix !== previousPrefix;
    if (items > 0 || quote) opened += Math.max(1, items);
    costly += footnotes + (quote ? 1 : 0);
    previousPrefix = prefix;
    if (opened >= containers) return [lineEnd, costly, lines + 1];
    lineStart = lineEnd;
  }
  return [text.length, costly, lines];
}

/** The start of the line after the one at `lineStart` (CR, LF and CRLF end lines), or the text's end. */
function nextLineStart(text: string, lineStart: number): number {
  for (let i = lineStart; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return text.length;
}

const MAX_MARKERS = 128;

/**
 * The quote markers a line starts with (">" for each, spaces aside), how many list items and
 * footnote definitions it opens among and after them, and how many of those are footnotes.
 */
function containerPrefix(text: string, lineStart: number, lineEnd: number): [string, number, number] {
  let prefix = '';
  let opened = 0;
  let i = lineStart;
  for (let markers = 0; markers < MAX_MARKERS; markers++) {
    while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] === '>') {
      prefix += '>';
      i++;
      continue;
    }
    const marker = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t\r\n]|$)/.exec(text.slice(i, Math.min(lineEnd, i + 11)));
    if (!marker) break;
    opened++;
    i += marker[0].length;
  }
  // A footnote's definition holds the lines after it as a list item does.
  const footnote =
    text.startsWith('[^', i) && /^\[\^[^\]\s]+\]:/.test(text.slice(i, Math.min(lineEnd, i + 1000))) ? 1 : 0;
  return [prefix, opened + footnote, footnote];
}

/**
 * The offset of the line where the window's last block starts, when the block before it ended
 * on an earlier line: the last block of the document, or within a last quote or list, of it.
 * The line must hold nothing before the block but the markers of the quotes it is in and an
 * indent of up to three spaces, and follow a blank line unless the block is a list item: a
 * block that starts on a lazy line of a quote, after a link definition on an indented line
 * ("[a]: /x" then "    text" is a paragraph, alone it is code), or after a line with text,
 * may read otherwise alone.
 */
function lastBlockStart(tree: Nodes, window: string): { offset: number; path: string[] } | undefined {
  const path: string[] = [];
  let quotes = 0;
  for (let parent: Nodes = tree; 'children' in parent; ) {
    const children = (parent as Parents).children;
    const last = children.at(-1);
    const before = children.at(-2);
    const lastStart = last?.position?.start.offset;
    if (last === undefined || lastStart === undefined) return undefined;
    path.push(last.type);
    const beforeEnd = before?.position?.end.offset;
    if (
      before &&
      beforeEnd !== undefined &&
      !isIndentedCode(before, window) &&
      !isIndentedCode(last, window)
    ) {
      const lineStart = lineStartBefore(window, lastStart);
      if (
        lineStart > 0 &&
        beforeEnd <= lineStart &&
        quotePrefix(quotes).test(window.slice(lineStart, lastStart)) &&
        (parent.type === 'list' || blankLine(quotes).test(lineBefore(window, lineStart)))
      )
        return { offset: lineStart, path };
    }
    if (last.type === 'blockquote') quotes++;
    else if (last.type !== 'list') return undefined;
    parent = last;
  }
  return undefined;
}

/**
 * The offset of the line where the window's last block starts, at the deepest depth where it
 * is not the first block of its parent and the block before it ended on an earlier line: a
 * place the parser read as a block's start, never inside code or HTML, before which every
 * block reads as in the whole text.
 */
function deepestBlockStart(tree: Nodes, window: string): number | undefined {
  let deepest: number | undefined;
  for (let parent: Nodes = tree; 'children' in parent && CONTAINERS.has(parent.type); ) {
    const children = (parent as Parents).children;
    const last = children.at(-1);
    const lastStart = last?.position?.start.offset;
    if (last === undefined || lastStart === undefined) break;
    const beforeEnd = children.at(-2)?.position?.end.offset;
    const lineStart = lineStartBefore(window, lastStart);
    if (beforeEnd !== undefined && lineStart > 0 && beforeEnd <= lineStart) deepest = lineStart;
    parent = last;
  }
  return deepest;
}

/** Blocks that hold blocks. */
const CONTAINERS = new Set(['root', 'blockquote', 'list', 'listItem', 'footnoteDefinition']);

/**
 * Indented code is not cut before or after: the parser reads what follows it otherwise at the
 * start of a text ("    a" then "3) b": a paragraph; after a list item, a list).
 */
const isIndentedCode = (node: Nodes, window: string) =>
  node.type === 'code' && !/^ {0,3}(?:`{3}|~{3})/.test(window.slice(node.position?.start.offset ?? 0));

// A blank line in `quotes` quotes (nothing but their markers): after it, a block starts as at
// the start of a text. After a line with text, what may start a block depends on it (after
// indented code, "3. third" is a paragraph; alone it is a list).
const blankLine = (quotes: number) => new RegExp(`^(?: {0,3}>){${quotes}}[ \\t]*(?:\\r\\n?|\\n)$`);

/** What may stand before a block `quotes` quotes deep, on its first line. */
const quotePrefix = (quotes: number) => new RegExp(`^(?: {0,3}> ?){${quotes}} {0,3}$`);

/** The line before the one starting at `lineStart`, with its line break. */
function lineBefore(text: string, lineStart: number): string {
  const breakLength = text[lineStart - 1] === '\n' && text[lineStart - 2] === '\r' ? 2 : 1;
  return text.slice(lineStartBefore(text, lineStart - breakLength), lineStart);
}

/** The start of the line that holds `offset`. */
function lineStartBefore(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}
