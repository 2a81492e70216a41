/**
 * Where markdown may be cut into parts parsed one at a time, and which parts the parser must
 * not be given. The parser (micromark) slows with the length of what it is given, worst on
 * one long paragraph (200,000 emphasised words on one line: over 3 minutes as one part), and
 * recurses or takes time growing with the square of the depth on nesting no document has.
 */

/** Texts up to this length are parsed whole, except for paragraphs longer than `MAX_PART`. */
export const WHOLE_TEXT = 256 * 1024;

/** Characters per part of a longer text: it is cut at a blank line after this many. */
const PART = 8 * 1024;

/**
 * Characters after which a part is cut even without a blank line, at a line break or between
 * words. A cut there may misread markup that spans it: only a paragraph, list or table this
 * long has one.
 */
const MAX_PART = 16 * 1024;

// An opening code fence: backticks with no backtick after them, or tildes.
const FENCE = /^ {0,3}(?:(`{3,})[^`]*$|(~{3,}))/;

// HTML blocks that run over blank lines (CommonMark's kinds 1 to 5), with what ends them.
const HTML_BLOCKS: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/**
 * [start, end) offsets of the parts of `source`: outside fenced code and the HTML blocks
 * that blank lines do not end, a longer text is cut at a blank line before a line that is not
 * indented (which could continue a list item or an indented code block); and any text is
 * cut where `MAX_PART` characters pass with no blank line.
 */
export function markdownParts(source: string): [number, number][] {
  const parts: [number, number][] = [];
  const byBlankLines = source.length > WHOLE_TEXT;
  let start = 0;
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let previousBlank = false;
  // Where the current run of lines with no blank line between them starts.
  let runStart = 0;
  for (let lineStart = 0; lineStart < source.length; ) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? source.length : newline + 1;
    const line = source.slice(lineStart, lineEnd).replace(/\r?\n$/, '');
    if (fence !== undefined) {
      const closing = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line)?.[1];
      if (closing && closing[0] === fence[0] && closing.length >= fence.length) fence = undefined;
    } else if (htmlEnd !== undefined) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      const length = lineStart - start;
      const atBlock = previousBlank && !/^(?: {4}|\t)/.test(line);
      // A paragraph, list or table of MAX_PART characters with no blank line: cut anyway.
      const longRun = lineStart - Math.max(start, runStart) >= MAX_PART;
      if (longRun || (byBlankLines && length >= PART && atBlock)) {
        parts.push([start, lineStart]);
        start = lineStart;
      }
      const opened = FENCE.exec(line);
      const html = opened ? undefined : HTML_BLOCKS.find(([opens]) => opens.test(line));
      if (opened) fence = opened[1] ?? opened[2];
      else if (html && !html[1].test(line.replace(html[0], ''))) htmlEnd = html[1];
      else start = cutLongLine(line, lineStart, parts, start, runStart);
    }
    previousBlank = !/\S/.test(line);
    if (previousBlank) runStart = lineEnd;
    lineStart = lineEnd;
  }
  if (start < source.length) parts.push([start, source.length]);
  return parts;
}

// What would read as the start of a block at the start of a part.
const BLOCK_START = /^(?:[#>=`~|<\s]|[-*+][ \t]|\d{1,9}[.)](?:[ \t]|$))/;

/**
 * Cuts a line of prose that would take a part past `MAX_PART` between words, where the next
 * part does not start with what could read as a block's marker; returns where the current
 * part now starts.
 */
function cutLongLine(
  line: string,
  lineStart: number,
  parts: [number, number][],
  start: number,
  runStart: number,
): number {
  let from = start;
  let space = line.indexOf(' ', Math.max(0, from + PART - lineStart));
  while (lineStart + line.length - Math.max(from, runStart) > MAX_PART && space >= 0) {
    if (BLOCK_START.test(line.slice(space + 1, space + 12))) {
      space = line.indexOf(' ', space + 1);
      continue;
    }
    parts.push([from, lineStart + space + 1]);
    from = lineStart + space + 1;
    space = line.indexOf(' ', Math.max(space + 1, from + PART - lineStart));
  }
  return from;
}

// A line that opens more than 32 quotes or list items.
const DEEP_NESTING = /^(?:[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])){33}/m;

// A run of 33 or more emphasis marks or brackets: the parser's time grows with the square of
// its length (20,000 asterisks on each side of a word: over 2 minutes).
const DELIMITER_RUN = /([*_[\]])\1{32}/;

/** Whether a part is one the parser should not be given: it is read as plain text instead. */
export function pathological(part: string): boolean {
  return DEEP_NESTING.test(part) || DELIMITER_RUN.test(part);
}
