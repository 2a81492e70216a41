/**
 * Where markdown may be cut into parts parsed one at a time, and what the parser must not be
 * given. The parser (micromark) slows with the length of what it is given, worst on one long
 * paragraph (200,000 emphasised words on one line: over 3 minutes as one part), and takes time
 * growing with the square of the depth, or recurses past the stack, on nesting no document has.
 *
 * A cut is only safe where the parser is between blocks, or inside a paragraph: cut anywhere
 * else, the rest of a code or HTML block would be read as prose, and restored. So cuts are
 * made only at blank lines outside the blocks that run over them, and inside runs of lines that
 * read as paragraph text; code, HTML and list blocks are left whole however long. A table is
 * cut between rows, and each later part of it is parsed after the table's header and
 * delimiter rows, so that its rows still read as table rows (a 4 MB table parsed whole took
 * 11 s and 1.1 GB).
 */

/** Texts up to this length are parsed whole, except for paragraphs longer than `MAX_PART`. */
export const WHOLE_TEXT = 256 * 1024;

/** Characters per part of a longer text: it is cut at a blank line after this many. */
const PART = 8 * 1024;

/** Characters of paragraph text after which a part is cut even without a blank line. */
const MAX_PART = 16 * 1024;

// A list item's marker: a bullet, or a number with its dot or parenthesis.
const LIST_MARKER = String.raw`(?:[-*+]|\d{1,9}[.)])`;

// Quote and list markers a fence may stand behind ("- ```sh", "> ```").
const CONTAINERS = String.raw`(?:[ \t]*(?:>|${LIST_MARKER})(?=[ \t]))*[ \t]*`;

// An opening code fence: backticks with no backtick after them, or tildes.
const FENCE = new RegExp(`^${CONTAINERS}(?:(\`{3,})[^\`]*$|(~{3,}))`);
const CLOSING_FENCE = new RegExp(`^${CONTAINERS}(\`{3,}|~{3,})[ \\t]*$`);

// HTML blocks that run over blank lines (CommonMark's kinds 1 to 5), with what ends them.
const HTML_BLOCKS: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

// Any other HTML block (kinds 6 and 7), which a blank line ends.
const HTML_UNTIL_BLANK = /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)/;

// A line of paragraph text: at the margin, and not the start of another block (a heading,
// quote, list item, fence, table row, HTML, a link definition or a rule).
const PARAGRAPH_LINE = new RegExp(
  String.raw`^(?![#>=\`~|<\s]|${LIST_MARKER}(?:[ \t]|$)|\[[^\]]*\]:|(?:[-*_][ \t]*){3,}$)\S`,
);

// A table's delimiter row ("|---|:--:|"), with at least one pipe: the line after its header row.
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

// A line that may start another block, and so end a table; any other line that is not blank
// is one of its rows, with pipes or without.
const TABLE_INTERRUPTION = new RegExp(
  String.raw`^(?:[ \t]{4}| {0,3}(?:#{1,6}(?:[ \t]|$)|>|\x60{3}|~{3}|<[A-Za-z/!?]|${LIST_MARKER}(?:[ \t]|$)|\[[^\]]*\]:|(?:[-*_][ \t]*){3,}$))`,
);

/**
 * A part of the text, [start, end), and for a part that starts inside a table, the table's
 * header and delimiter rows (with their line breaks), to be parsed before it.
 */
export type MarkdownPart = [start: number, end: number, tableHead?: string];

/**
 * The parts of `source`. Outside fenced code and the HTML blocks that blank lines do not end,
 * a text longer than `WHOLE_TEXT` is cut at a blank line before a line that is not indented
 * (which could continue a list item or an indented code block). Any text is cut inside
 * paragraph text once `MAX_PART` characters have passed with no blank line: before a line of
 * paragraph text that follows another, or within one long line; and inside a table, between
 * rows.
 */
export function markdownParts(source: string): MarkdownPart[] {
  const parts: MarkdownPart[] = [];
  const byBlankLines = source.length > WHOLE_TEXT;
  let start = 0;
  // The header and delimiter rows of the table the current line is in, and of the table the
  // current part starts inside.
  let tableHead: string | undefined;
  let partHead: string | undefined;
  let previousLine = '';
  let headerAtBlockStart = false;
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let htmlUntilBlank = false;
  let previousBlank = false;
  let previousParagraphLine = false;
  // Where the current run of lines with no blank line between them starts.
  let runStart = 0;
  for (let lineStart = 0; lineStart < source.length; ) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? source.length : newline + 1;
    const line = source.slice(lineStart, lineEnd).replace(/\r?\n$/, '');
    const blank = !/\S/.test(line);
    let paragraphLine = false;
    if (fence !== undefined) {
      const closing = CLOSING_FENCE.exec(line)?.[1];
      if (closing && closing[0] === fence[0] && closing.length >= fence.length) fence = undefined;
    } else if (htmlEnd !== undefined) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else if (htmlUntilBlank) {
      htmlUntilBlank = !blank;
    } else if (tableHead !== undefined && !blank && !TABLE_INTERRUPTION.test(line)) {
      // A row of the table: the part may end before it, the next one reading the header first.
      if (lineStart - start >= MAX_PART) {
        parts.push(partHead === undefined ? [start, lineStart] : [start, lineStart, partHead]);
        start = lineStart;
        partHead = tableHead;
      }
    } else {
      tableHead = undefined;
      paragraphLine = PARAGRAPH_LINE.test(line);
      const atBlock = previousBlank && !/^(?: {4}|\t)/.test(line);
      const longRun =
        paragraphLine && previousParagraphLine && lineStart - Math.max(start, runStart) >= MAX_PART;
      if (longRun || (byBlankLines && lineStart - start >= PART && atBlock)) {
        parts.push(partHead === undefined ? [start, lineStart] : [start, lineStart, partHead]);
        start = lineStart;
        partHead = undefined;
      }
      // A header row that starts a block, then this delimiter row: a table starts (a line that
      // continues a paragraph is not taken for a header, though the parser may take it).
      if (
        headerAtBlockStart &&
        previousLine.includes('|') &&
        TABLE_DELIMITER.test(line) &&
        line.includes('|')
      )
        tableHead = `${previousLine}\n${line}\n`;
      const opened = FENCE.exec(line);
      const html = opened ? undefined : HTML_BLOCKS.find(([opens]) => opens.test(line));
      if (opened) fence = opened[1] ?? opened[2];
      else if (html) {
        if (!html[1].test(line.replace(html[0], ''))) htmlEnd = html[1];
      } else if (HTML_UNTIL_BLANK.test(line)) htmlUntilBlank = true;
      // A long line of a paragraph, list item or quote is cut between words: the rest reads as
      // a paragraph, prose either way.
      else if (
        lineEnd - Math.max(start, runStart) > MAX_PART &&
        (paragraphLine || LIST_OR_QUOTE_LINE.test(line))
      ) {
        const cutAt = cutLongLine(line, lineStart, parts, start, runStart, partHead);
        if (cutAt !== start) partHead = undefined;
        start = cutAt;
      }
    }
    headerAtBlockStart = previousBlank || lineStart === 0;
    previousLine = line;
    previousBlank = blank;
    previousParagraphLine = paragraphLine;
    if (blank) runStart = lineEnd;
    lineStart = lineEnd;
  }
  if (start < source.length)
    parts.push(partHead === undefined ? [start, source.length] : [start, source.length, partHead]);
  return parts;
}

// A line that opens a list item or a quote at the margin.
const LIST_OR_QUOTE_LINE = new RegExp(String.raw`^(?:>|${LIST_MARKER}[ \t])`);

// What would read as the start of a block at the start of a part.
const BLOCK_START = new RegExp(String.raw`^(?:[#>=\`~|<\s]|${LIST_MARKER}(?:[ \t]|$))`);

/**
 * Cuts a line that would take a part past `MAX_PART` between words, where no inline code span,
 * HTML tag or link destination is open (cut inside one, both halves would read as prose) and
 * the next part does not start with what could read as a block's marker. A line with no such
 * place is left whole. Returns where the part now starts; the part it ends keeps `tableHead`.
 */
function cutLongLine(
  line: string,
  lineStart: number,
  parts: MarkdownPart[],
  start: number,
  runStart: number,
  tableHead: string | undefined,
): number {
  let from = start;
  const places = cutPlaces(line);
  let next = 0;
  while (lineStart + line.length - Math.max(from, runStart) > MAX_PART) {
    const earliest = from + PART - lineStart;
    while (next < places.length && places[next] < earliest) next++;
    const cut = places[next];
    if (cut === undefined) break;
    parts.push(
      from === start && tableHead !== undefined
        ? [from, lineStart + cut, tableHead]
        : [from, lineStart + cut],
    );
    from = lineStart + cut;
  }
  return from;
}

/**
 * Offsets in a line after which it may be cut: after a space or tab, outside code spans
 * (backtick runs paired by length), HTML tags and link destinations, before no block marker.
 */
function cutPlaces(line: string): number[] {
  const places: number[] = [];
  let ticks = 0;
  let inTag = false;
  let parens = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '`') {
      let run = 1;
      while (line[i + run] === '`') run++;
      ticks = ticks === 0 ? run : ticks === run ? 0 : ticks;
      i += run - 1;
      continue;
    }
    if (ticks > 0) continue;
    if (inTag) inTag = c !== '>';
    else if (c === '<' && /[A-Za-z/!?]/.test(line[i + 1] ?? '')) inTag = true;
    else if (c === '(' && (parens > 0 || line[i - 1] === ']')) parens++;
    else if (c === ')' && parens > 0) parens--;
    else if ((c === ' ' || c === '\t') && parens === 0 && !BLOCK_START.test(line.slice(i + 1, i + 12)))
      places.push(i + 1);
  }
  return places;
}

// A run of 33 or more emphasis marks or brackets next to other text: the parser's time grows
// with the square of its length (20,000 asterisks on each side of a word: over 2 minutes).
// Alone on its line (a rule, a banner) it costs nothing, and blanking it would make a blank
// line, which changes the blocks around it.
const DELIMITER_RUN = /(?<=\S)([*_[\]])\1{32,}|([*_[\]])\2{32,}(?=\S)/g;

// A line that opens more than 32 quotes or list items, or a list item indented past 64 columns
// (a list nested that deep line by line).
const DEEP_NESTING = new RegExp(
  String.raw`^(?:(?:[ \t]*(?:>|${LIST_MARKER}[ \t])){33}|[ \t]{64,}${LIST_MARKER}(?=[ \t]|$))`,
  'm',
);

/**
 * A part as the parser is given it, with runs of delimiters next to text blanked (offsets
 * unchanged; the line keeps its kind), or undefined for a part nested as no document is: the
 * parser takes minutes on it or overflows the stack, and it is left unread.
 */
export function parserInput(part: string): string | undefined {
  if (DEEP_NESTING.test(part)) return undefined;
  return part.replace(DELIMITER_RUN, (run) => ' '.repeat(run.length));
}
