/**
 * Tokenizer with exact offsets (JavaScript string indices into the input).
 * Words keep their internal apostrophes and hyphens (isn't, able-bodied), abbreviations
 * keep their dots (U.S., p.m., Feb.), numbers keep separators and simple fractions
 * ("1 / 4" is one token), URLs and e-mail addresses are single tokens.
 */

export type TokenKind = 'word' | 'number' | 'url' | 'punct';

export interface Token {
  kind: TokenKind;
  offset: number;
  /** End offset, exclusive. */
  end: number;
  text: string;
  /** First word of a sentence (after terminal punctuation, a paragraph break, or at the start). */
  sentenceStart: boolean;
  /** Punctuation or a line break separates this token from the previous word. */
  breakBefore: boolean;
  /** Inside quotation marks. */
  quoted: boolean;
}

// Common abbreviations that end with a dot and do not end a sentence. A general list
// of English titles, months, days and Latin short forms.
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'inc corp co ltd bros dept univ assn est approx vs etc al fig no nos vol pp ed eds ca cf ave blvd rd'
  ).split(' '),
);

const URL =
  /(?:https?:\/\/|www\.)[^\s<>"'“”‘’]*[^\s<>"'“”‘’.,;:!?)\]]|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/uy;
const FRACTION = /\d+ ?\/ ?\d+(?![\d/])/y;
const NUMBER = /\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?(?![\p{L}\d])/uy;
const INITIALISM = /(?:\p{L}\.){2,}/uy;
// A word may go on after a hyphen at the end of a line when the next line starts in lower
// case: text from a PDF splits words there ("learn-\ning"). See `lineJoined`.
const WORD =
  /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:(?:['’‐-]|[‐-][ \t]*\r?\n[ \t]*(?=\p{Ll}))[\p{L}\p{M}\p{N}]+)*/uy;
/** A line break as editors count them: \n, \r\n, or a lone \r (old Mac files). Global: for split and matchAll. */
export const LINE_BREAK = /\r\n?|\n/g;
const LINE_END_HYPHEN = /([‐-])[ \t]*\r?\n[ \t]*/g;
const SPACE = /\s+/y;
const TERMINAL = new Set(['.', '!', '?', '…']);
export const PARAGRAPH_SEPARATOR = '\u2029';
const OPEN_QUOTES = new Set(['“', '„', '«']);
const CLOSE_QUOTES = new Set(['”', '»']);

function matchAt(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : undefined;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let sentenceStart = true;
  let breakBefore = true;
  let quoted = false;
  const push = (kind: TokenKind, value: string) => {
    const isWordLike = kind !== 'punct';
    tokens.push({
      kind,
      offset: i,
      end: i + value.length,
      text: value,
      sentenceStart: isWordLike && sentenceStart,
      breakBefore,
      quoted,
    });
    if (isWordLike) {
      sentenceStart = false;
      breakBefore = false;
    }
    i += value.length;
  };
  while (i < text.length) {
    const space = matchAt(SPACE, text, i);
    if (space) {
      // A paragraph separator (U+2029) counts as a blank line: editors write it between
      // paragraphs, and the markdown reader puts it where markup alone separated two blocks.
      const newlines = space.split(LINE_BREAK).length - 1;
      const blankLine = newlines > 1 || space.includes(PARAGRAPH_SEPARATOR);
      if (newlines > 0 || blankLine) {
        breakBefore = true;
        // A blank line, or a line break after which a capital letter starts, ends a sentence.
        const next = text[i + space.length] ?? '';
        if (blankLine || /\p{Lu}/u.test(next)) sentenceStart = true;
        if (blankLine) quoted = false;
      }
      i += space.length;
      continue;
    }
    const url = matchAt(URL, text, i);
    if (url) {
      push('url', url);
      continue;
    }
    const fraction = matchAt(FRACTION, text, i) ?? matchAt(NUMBER, text, i);
    if (fraction) {
      push('number', fraction);
      continue;
    }
    const initialism = matchAt(INITIALISM, text, i);
    if (initialism) {
      push('word', initialism);
      continue;
    }
    const word = matchAt(WORD, text, i);
    if (word) {
      const abbreviated = text[i + word.length] === '.' && ABBREVIATIONS.has(word.toLowerCase());
      push('word', abbreviated ? `${word}.` : word);
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (ch === '"') quoted = !quoted;
    else if (OPEN_QUOTES.has(ch)) quoted = true;
    else if (CLOSE_QUOTES.has(ch)) quoted = false;
    push('punct', ch);
    breakBefore = true;
    if (TERMINAL.has(ch)) sentenceStart = true;
    // A closing quote belongs to the text before it; words after it are outside.
    if (ch === '"' || CLOSE_QUOTES.has(ch)) tokens[tokens.length - 1].quoted = true;
  }
  return tokens;
}

/**
 * A word split by a hyphen at a line end, put back together: without the hyphen when
 * `isWord` knows the joined word ("learn-\ning" → learning), else with it ("well-\nknown" →
 * well-known). Other words are returned as they are.
 */
export function lineJoined(word: string, isWord: (joined: string) => boolean): string {
  if (!word.includes('\n')) return word;
  const joined = word.replace(LINE_END_HYPHEN, '');
  return isWord(joined.toLowerCase()) ? joined : word.replace(LINE_END_HYPHEN, '$1');
}

/** Lower-case form with typographic apostrophes and hyphens made plain. */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/’/g, "'").replace(/‐/g, '-');
}
