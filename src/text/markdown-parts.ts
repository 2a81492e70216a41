/**
 * Where markdown must be cut into parts before the parser sees it, and what the parser must not
 * be given. The parser (micromark) slows with the length of a block, worst on one long
 * paragraph (200,000 emphasised words on one line: over 3 minutes as one part) or a table
 * (3.9 MB: 10.7 s and 1.1 GB parsed whole, 7.7 s and 324 MB in parts), and takes time growing
 * with the square of the depth, or recurses past the stack, on nesting no document has. Texts
 * of many blocks are read in windows cut where the parser ends a block (`markdown-windows.ts`);
 * a block that long is cut here, by patterns.
 *
 * A cut inside a block is only safe inside a paragraph or between a table's rows: cut anywhere
 * else, the rest of a code or HTML block would be read as prose, and restored. So cuts are made
 * only inside runs of lines that read as paragraph text where no code span, HTML comment, tag or
 * link destination is open, and between the rows of a table at the margin, each later part of
 * which is parsed after the table's header and delimiter rows, so that its rows still read as
 * table rows.
 */
import { LINE_BREAK } from './tokenize.js';

/** Characters of a long line's parts: it is cut between words after this many. */
const PART = 8 * 1024;

/** Characters of paragraph text after which a part is cut even without a blank line. */
const MAX_PART = 16 * 1024;

// A list item's marker: a bullet, or a number with its dot or parenthesis.
const LIST_MARKER = String.raw`(?:[-*+]|\d{1,9}[.)])`;

// An ATX heading's marker.
const HEADING_MARK = String.raw`#{1,6}(?:[ \t]|$)`;

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

// HTML blocks that a blank line ends: kind 6, opened by a block-level tag, which may interrupt
// a paragraph or a table...
const BLOCK_TAGS = (
  'address article aside base basefont blockquote body caption center col colgroup ' +
  'dd details dialog dir div dl dt fieldset figcaption figure footer form frame ' +
  'frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu ' +
  'menuitem nav noframes ol optgroup option p param search section summary table ' +
  'tbody td tfoot th thead title tr track ul'
).split(' ');
const HTML_BLOCK_TAG = new RegExp(String.raw`^ {0,3}<\/?(?:${BLOCK_TAGS.join('|')})(?:[\s/>]|$)`, 'i');
// ...and kind 7, any other complete tag alone on its line, which may not interrupt a paragraph
// ("<b>Note</b> text" is a paragraph, and a fence on the next line is a fence) but ends a table.
const HTML_TAG_LINE =
  /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$/;

// A line of paragraph text: at the margin, and not the start of another block (a heading,
// quote, list item, fence, table row, HTML, a link definition or a rule).
const PARAGRAPH_LINE = new RegExp(
  String.raw`^(?![#>=\`~|<\s]|${LIST_MARKER}(?:[ \t]|$)|\[[^\]]*\]:|(?:[-*_][ \t]*){3,}$)\S`,
);

// A table's delimiter row ("|---|:--:|"), with at least one pipe: the line after its header row.
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

// A table's header row as the cutter takes one: at the margin, so in no list item or quote.
const TABLE_HEADER = new RegExp(String.raw`^(?![\s>]|${LIST_MARKER}(?:[ \t]|$))`);

// The start of a block that ends a table (indented code, a heading, quote, list item, fence or
// rule; HTML by HTML_BLOCKS, HTML_BLOCK_TAG or HTML_TAG_LINE); any other line that is not blank
// is a row of it, with pipes or without.
const TABLE_INTERRUPTION = new RegExp(
  String.raw`^(?: {0,3}\t| {4}| {0,3}(?:${HEADING_MARK}|>|\x60{3}|~{3}|${LIST_MARKER}(?:[ \t]|$)|(?:[-*_][ \t]*){3,}$))`,
);

/** Whether `line` ends a table rather than being a row of it. */
const endsTable = (line: string) =>
  TABLE_INTERRUPTION.test(line) ||
  HTML_BLOCK_TAG.test(line) ||
  HTML_TAG_LINE.test(line) ||
  HTML_BLOCKS.some(([opens]) => opens.test(line));

/** The cells of a table row as GitHub counts them: split at pipes not escaped, outer pipes aside. */
function cellCount(row: string): number {
  const inner = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return (inner.match(/(?<!\\)\|/g)?.length ?? 0) + 1;
}

/**
 * Heads longer than this are not read again before each part: a table thousands of columns
 * wide is left whole rather than parsed again and again.
 */
const MAX_TABLE_HEAD = MAX_PART / 4;

/**
 * A part of the text, [start, end), and for a part that starts inside a table, the table's
 * header and delimiter rows (with their line breaks), to be parsed before it.
 */
export type MarkdownPart = [start: number, end: number, tableHead?: string];

/**
 * The parts of `source`. Outside fenced code and the HTML blocks that blank lines do not end,
 * a text is cut inside paragraph text once `MAX_PART` characters have passed with no blank
 * line: before a line of paragraph text that follows another, or within one long line; and
 * inside a table, between rows.
 */
export function markdownParts(source: string): MarkdownPart[] {
  // Every cut needs more than MAX_PART characters before it.
  if (source.length <= MAX_PART) return source ? [[0, source.length]] : [];
  const parts: MarkdownPart[] = [];
  let start = 0;
  const lineBreak = new RegExp(LINE_BREAK.source, 'g');
  /** Ends the current part at `end`: the next one starts there, inside `nextHead`'s table if given. */
  const closePart = (end: number, nextHead?: string) => {
    parts.push(partHead === undefined ? [start, end] : [start, end, partHead]);
    start = end;
    partHead = nextHead;
  };
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
  let open = NOTHING_OPEN;
  // Where what is open was opened (the line it was opened on).
  let openSince = 0;
  // Where the current run of lines with no blank line between them starts.
  let runStart = 0;
  for (let lineStart = 0; lineStart < source.length; ) {
    // CR, LF and CRLF all end a line, to the parser as to the tokenizer.
    lineBreak.lastIndex = lineStart;
    const found = lineBreak.exec(source);
    const lineEnd = found ? found.index + found[0].length : source.length;
    const line = source.slice(lineStart, found ? found.index : source.length);
    const blank = !/\S/.test(line);
    let paragraphLine = false;
    if (fence !== undefined) {
      const closing = CLOSING_FENCE.exec(line)?.[1];
      if (closing && closing[0] === fence[0] && closing.length >= fence.length) fence = undefined;
    } else if (htmlEnd !== undefined) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else if (htmlUntilBlank) {
      htmlUntilBlank = !blank;
    } else if (tableHead !== undefined && !blank && !endsTable(line)) {
      // A row of the table: the part may end before it, the next one reading the header first.
      if (lineStart - start + (partHead?.length ?? 0) >= MAX_PART) closePart(lineStart, tableHead);
    } else {
      tableHead = undefined;
      paragraphLine = PARAGRAPH_LINE.test(line);
      const longRun =
        paragraphLine &&
        previousParagraphLine &&
        isClosed(open) &&
        lineStart - Math.max(start, runStart) >= MAX_PART;
      if (longRun) closePart(lineStart);
      // A header row at the margin that starts a block, then this delimiter row with as many
      // cells: a table starts. (The parser also takes a header right after a paragraph line, but
      // that line may continue a list item, where a table at the margin is no table.)
      if (
        headerAtBlockStart &&
        TABLE_HEADER.test(previousLine) &&
        previousLine.includes('|') &&
        line.includes('|') &&
        TABLE_DELIMITER.test(line) &&
        cellCount(previousLine) === cellCount(line) &&
        previousLine.length + line.length + 2 <= MAX_TABLE_HEAD
      )
        tableHead = `${previousLine}\n${line}\n`;
      const opened = FENCE.exec(line);
      const html = opened ? undefined : HTML_BLOCKS.find(([opens]) => opens.test(line));
      if (opened) fence = opened[1] ?? opened[2];
      else if (html) {
        if (!html[1].test(line.replace(html[0], ''))) htmlEnd = html[1];
      } else if (
        HTML_BLOCK_TAG.test(line) ||
        (HTML_TAG_LINE.test(line) && (previousBlank || lineStart === 0 || !previousParagraphLine))
      )
        htmlUntilBlank = true;
      // A long line of a paragraph, list item or quote is cut between words: the rest reads as
      // a paragraph, prose either way.
      else if (
        lineEnd - Math.max(start, runStart) > MAX_PART &&
        (paragraphLine || LIST_OR_QUOTE_LINE.test(line))
      ) {
        for (const cut of longLineCuts(line, lineStart, start, runStart, open)) closePart(cut);
      }
    }
    // What this line leaves open for the next one, in the same paragraph: a table row, a blank
    // line, code or HTML close everything, and a list item or a quote starts afresh (a quote's
    // later lines go on), as does the line after a heading.
    const inParagraph =
      !blank && tableHead === undefined && fence === undefined && !htmlEnd && !htmlUntilBlank;
    const fresh = LIST_OR_QUOTE_LINE.test(line) && !(line.startsWith('>') && previousLine.startsWith('>'));
    const wasOpen = !isClosed(open);
    open = inParagraph && !HEADING.test(line) ? scanLine(line, fresh ? NOTHING_OPEN : open) : NOTHING_OPEN;
    // An opener with no closer is plain text to the parser ("doesn`t"): what stays open for
    // more than MAX_PART characters is taken as such, or one stray backtick would stop every cut
    // of the paragraph after it.
    if (isClosed(open)) openSince = lineEnd;
    else if (!wasOpen) openSince = lineStart;
    else if (lineEnd - openSince > MAX_PART) {
      open = NOTHING_OPEN;
      openSince = lineEnd;
    }
    // Whether this line, the next one's previous line, starts a block: after a blank line or a
    // heading at the margin (previousBlank and previousLine are still about the line before it).
    headerAtBlockStart = previousBlank || lineStart === 0 || MARGIN_HEADING.test(previousLine);
    previousLine = line;
    previousBlank = blank;
    previousParagraphLine = paragraphLine;
    if (blank) runStart = lineEnd;
    lineStart = lineEnd;
  }
  if (start < source.length) closePart(source.length);
  return parts;
}

// A line that opens a list item or a quote at the margin, and an ATX heading.
const LIST_OR_QUOTE_LINE = new RegExp(String.raw`^(?:>|${LIST_MARKER}[ \t])`);
const HEADING = new RegExp(`^ {0,3}${HEADING_MARK}`);
const MARGIN_HEADING = new RegExp(`^${HEADING_MARK}`);

// What would read as the start of a block at the start of a part.
const BLOCK_START = new RegExp(String.raw`^(?:[#>=\`~|<\s]|${LIST_MARKER}(?:[ \t]|$))`);

/**
 * Where to cut a line that would take a part past `MAX_PART`: between words, where no inline
 * code span, HTML tag or link destination is open (cut inside one, both halves would read as
 * prose) and the next part does not start with what could read as a block's marker. A line with
 * no such place is left whole.
 */
function longLineCuts(
  line: string,
  lineStart: number,
  start: number,
  runStart: number,
  open: OpenInline,
): number[] {
  const cuts: number[] = [];
  let from = start;
  const places: number[] = [];
  scanLine(line, open, (offset) => places.push(offset));
  let next = 0;
  while (lineStart + line.length - Math.max(from, runStart) > MAX_PART) {
    const earliest = from + PART - lineStart;
    while (next < places.length && places[next] < earliest) next++;
    const cut = places[next];
    if (cut === undefined) break;
    from = lineStart + cut;
    cuts.push(from);
  }
  return cuts;
}

/**
 * What a line of a paragraph leaves open for the next: a code span (the length of the backtick
 * run that opened it), an HTML comment, a tag or a link destination. A cut between two lines
 * with one of these open would leave both halves read as prose.
 */
interface OpenInline {
  ticks: number;
  comment: boolean;
  tag: boolean;
  parens: number;
}

const NOTHING_OPEN: OpenInline = { ticks: 0, comment: false, tag: false, parens: 0 };

const isClosed = (open: OpenInline) => open.ticks === 0 && !open.comment && !open.tag && open.parens === 0;

/**
 * Reads a line from what the lines before it left open (backtick runs paired by length), and
 * returns what it leaves open; `place` gets each offset after which it may be cut: after a space
 * or tab with nothing open, before no block marker.
 */
function scanLine(line: string, open: OpenInline, place?: (offset: number) => void): OpenInline {
  let { ticks, comment, tag, parens } = open;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (comment) {
      if (line.startsWith('-->', i)) {
        comment = false;
        i += 2;
      }
      continue;
    }
    // An escaped character opens nothing ("\\`"); in a code span a backslash is just text.
    if (c === '\\' && ticks === 0) {
      i++;
      continue;
    }
    if (c === '`') {
      let run = 1;
      while (line[i + run] === '`') run++;
      ticks = ticks === 0 ? run : ticks === run ? 0 : ticks;
      i += run - 1;
      continue;
    }
    if (ticks > 0) continue;
    if (tag) tag = c !== '>';
    else if (line.startsWith('<!--', i)) {
      comment = true;
      i += 3;
    } else if (c === '<' && /[A-Za-z/!?]/.test(line[i + 1] ?? '')) tag = true;
    else if (c === '(' && (parens > 0 || line[i - 1] === ']')) parens++;
    else if (c === ')' && parens > 0) parens--;
    else if (
      (c === ' ' || c === '\t') &&
      parens === 0 &&
      place &&
      !BLOCK_START.test(line.slice(i + 1, i + 12))
    )
      place(i + 1);
  }
  return { ticks, comment, tag, parens };
}

// A run of 33 or more emphasis marks or brackets next to other text: the parser's time grows
// with the square of its length (20,000 asterisks on each side of a word: over 2 minutes).
// Alone on its line (a rule, a banner) it costs nothing, and blanking it would make a blank
// line, which changes the blocks around it.
const DELIMITER_RUN = /(?<=\S)([*_[\]])\1{32,}|([*_[\]])\2{32,}(?=\S)/g;

// A line that opens more than 64 quotes or list items, or a list item indented past 128
// columns (a list nested that deep line by line). Up to those, the parser takes a few tens of
// milliseconds a line (a rule written "* * * …" with 34 stars is read as it is); past them its
// time grows with the square of the depth, or it overflows the stack. Lines end at CR or LF
// only, as markdown's do (not at U+2028).
const DEEP_NESTING = new RegExp(
  String.raw`(?<=^|[\r\n])(?:(?:[ \t]*(?:>|${LIST_MARKER}[ \t])){65}|[ \t]{128,}${LIST_MARKER}(?=[ \t]|$))`,
);

/**
 * A part as the parser is given it, with runs of delimiters next to text blanked (offsets
 * unchanged; the line keeps its kind), or undefined for a part nested as no document is:
 * `markdownProse` then reads it as written, for the verdict, and changes nothing in it.
 */
export function parserInput(part: string): string | undefined {
  if (DEEP_NESTING.test(part)) return undefined;
  return part.replace(DELIMITER_RUN, (run) => ' '.repeat(run.length));
}
