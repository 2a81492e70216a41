/**
 * Turns raw bytes into the text Unspin analyses. Everything here is pure so it
 * can be tested without files; the I/O lives in read.ts.
 */
import { describeSource, InputError } from './errors.js';
import { extractHtmlText } from './html.js';
import {
  BINARY_CONTROL_SHARE,
  controlShareOfBytes,
  controlShareOfText,
  hasHtmlExtension,
  hasMarkdownExtension,
  type InputFormat,
  looksLikeHtml,
  sniffMagic,
} from './sniff.js';

export type { InputFormat };
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedInput {
  /**
   * The text to analyse. For HTML it is the extracted article text, and result
   * offsets refer to this text, not to the HTML source. Markdown is the file as written
   * (pass `format: 'markdown'` to `check` and `restore`, which read its prose only).
   */
  text: string;
  format: InputFormat;
  encoding: TextEncodingName;
  /** Whether the input started with a byte order mark (stripped from `text`). */
  bom: boolean;
  /** For HTML, the page's title (Readability's, else the <title> element), when it has one. */
  title?: string;
}

export interface DecodeOptions {
  /** File name, for messages and for recognising `.html` and `.md` files. */
  name?: string;
  /** 'auto' (default) sniffs the extension (and for HTML the content); 'text' never extracts HTML. */
  format?: InputFormat | 'auto';
  /** Accept empty or whitespace-only input instead of throwing 'empty-input'. */
  allowEmpty?: boolean;
}

const TEXT_HELP = 'Unspin reads plain text (UTF-8, or UTF-16 with a byte order mark), markdown and HTML.';

function detectBom(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

function isUtf32Bom(bytes: Uint8Array): boolean {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0;
  const be = bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff;
  return le || be;
}

/** Byte offset of the first invalid UTF-8 sequence, for the error message. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes needed and the smallest code point that may use them (rejects overlongs).
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0 || i + need >= bytes.length) return i;
    const min = [0, 0x80, 0x800, 0x10000][need];
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function binaryError(source: string, bytes: Uint8Array, reason: string): InputError {
  const magic = sniffMagic(bytes);
  if (magic)
    return new InputError('binary-input', `${source} looks like ${magic.what}, not text: ${magic.hint}.`);
  return new InputError(
    'binary-input',
    `${source} looks like a binary file (${reason}), not text. ${TEXT_HELP}`,
  );
}

function decodeWith(encoding: TextEncodingName, bytes: Uint8Array, source: string): string {
  try {
    // ignoreBOM: the BOM has already been sliced off; a second one is content.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    if (encoding !== 'utf-8') {
      throw new InputError(
        'invalid-encoding',
        `${source} starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()}. ` +
          'Re-save it as UTF-8.',
      );
    }
    if (controlShareOfBytes(bytes) > BINARY_CONTROL_SHARE) throw binaryError(source, bytes, 'invalid UTF-8');
    const at = firstInvalidUtf8(bytes);
    throw new InputError(
      'invalid-encoding',
      `${source} is not valid UTF-8${at >= 0 ? ` (first bad byte at offset ${at})` : ''}. ` +
        'If it is in a legacy encoding such as Windows-1252 or Latin-1, convert it first, ' +
        'e.g. `iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8.txt`.',
    );
  }
}

export function decodeText(bytes: Uint8Array, opts: DecodeOptions = {}): DecodedInput {
  const source = describeSource(opts.name);
  if (isUtf32Bom(bytes)) {
    throw new InputError(
      'invalid-encoding',
      `${source} is UTF-32, which Unspin does not read. Re-save it as UTF-8.`,
    );
  }
  const bom = detectBom(bytes);
  const encoding = bom?.encoding ?? 'utf-8';
  const body = bom ? bytes.subarray(bom.length) : bytes;
  // Without a BOM a NUL byte means binary (or BOM-less UTF-16, which is not supported).
  if (!bom && body.indexOf(0) !== -1) {
    throw binaryError(source, bytes, 'it contains NUL bytes; UTF-16 text needs a byte order mark');
  }
  const raw = decodeWith(encoding, body, source);
  if (raw.indexOf('\0') !== -1) throw binaryError(source, bytes, 'it contains NUL characters');
  if (controlShareOfText(raw) > BINARY_CONTROL_SHARE) {
    throw binaryError(source, bytes, 'it has many control characters');
  }

  const read = readAs(raw, opts.format ?? 'auto', opts.name);
  if (!opts.allowEmpty) refuseEmpty(raw, read, source);
  return { ...read, encoding, bom: bom !== undefined };
}

/**
 * A text given as a string (a JSON Lines record, an API request), read as `decodeText` reads a
 * file's: refused when it looks like binary data or holds nothing to check. `source` names it
 * in messages ('line 3: "text"').
 */
export function readGivenText(raw: string, source: string, format: InputFormat | 'auto'): ReadText {
  if (controlShareOfText(raw) > BINARY_CONTROL_SHARE)
    throw new InputError('binary-input', `${source} looks like binary data, not text. ${TEXT_HELP}`);
  const read = readAs(raw, format);
  refuseEmpty(raw, read, source);
  return read;
}

function refuseEmpty(raw: string, read: { text: string; format: InputFormat }, source: string): void {
  if (/\S/.test(read.text)) return;
  const what =
    raw.length === 0
      ? 'is empty'
      : read.format === 'html'
        ? 'has no readable text'
        : 'contains only whitespace';
  throw new InputError('empty-input', `${source} ${what}: there is nothing to check.`);
}

/** A text as read: an HTML page's article text (and title), or the text as given. */
type ReadText = { text: string; format: InputFormat; title?: string };

/** A decoded text as Unspin reads it, by the format asked for and, for `auto`, its name and content. */
function readAs(raw: string, format: InputFormat | 'auto', name?: string): ReadText {
  // A markdown file is read as markdown even when it starts with HTML, as many READMEs do.
  const isMarkdown = format === 'markdown' || (format === 'auto' && hasMarkdownExtension(name));
  const isHtml =
    !isMarkdown &&
    (format === 'html' || (format === 'auto' && (hasHtmlExtension(name) || looksLikeHtml(raw))));
  if (!isHtml) return { text: raw, format: isMarkdown ? 'markdown' : 'text' };
  const html = extractHtmlText(raw);
  return { text: html.text, format: 'html', ...(html.title && { title: html.title }) };
}
