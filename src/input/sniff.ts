/**
 * Cheap content sniffing on the first bytes/characters only, so a 50 MB input
 * costs the same as a small one.
 */

const SAMPLE = 64 * 1024;

interface Magic {
  bytes: number[];
  what: string;
  hint: string;
}

// Formats people plausibly hand to a text tool by mistake, with a way out for each.
const MAGICS: Magic[] = [
  {
    bytes: [0x25, 0x50, 0x44, 0x46, 0x2d],
    what: 'a PDF file',
    hint: 'extract its text first (e.g. `pdftotext`)',
  },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: 'a ZIP archive (.docx, .odt and .epub files are ZIP archives)',
    hint: 'save or export the document as plain text (.txt) or HTML',
  },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0],
    what: 'an old Microsoft Office document',
    hint: 'save it as plain text (.txt)',
  },
  {
    bytes: [0x1f, 0x8b],
    what: 'a gzip-compressed file',
    hint: 'decompress it first (e.g. `gunzip -c FILE`)',
  },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', hint: 'give Unspin a text or HTML file' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image', hint: 'give Unspin a text or HTML file' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image', hint: 'give Unspin a text or HTML file' },
  {
    bytes: [0x7f, 0x45, 0x4c, 0x46],
    what: 'a program (ELF binary)',
    hint: 'give Unspin a text or HTML file',
  },
];

export function sniffMagic(bytes: Uint8Array): { what: string; hint: string } | undefined {
  for (const magic of MAGICS) {
    if (magic.bytes.length <= bytes.length && magic.bytes.every((b, i) => bytes[i] === b)) {
      return { what: magic.what, hint: magic.hint };
    }
  }
  return undefined;
}

// C0 controls other than TAB, LF, VT, FF, CR and ESC (ESC appears in text with ANSI colours), plus DEL.
function isControl(code: number): boolean {
  return (code < 0x20 && !(code >= 0x09 && code <= 0x0d) && code !== 0x1b) || code === 0x7f;
}

/** Share of control characters among the first 64 K bytes. */
export function controlShareOfBytes(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, SAMPLE);
  if (n === 0) return 0;
  let count = 0;
  for (let i = 0; i < n; i++) if (isControl(bytes[i])) count++;
  return count / n;
}

/** Share of control characters among the first 64 K UTF-16 code units. */
export function controlShareOfText(text: string): number {
  const n = Math.min(text.length, SAMPLE);
  if (n === 0) return 0;
  let count = 0;
  for (let i = 0; i < n; i++) if (isControl(text.charCodeAt(i))) count++;
  return count / n;
}

/** Above this share of control characters the input is treated as binary. */
export const BINARY_CONTROL_SHARE = 0.05;

const HTML_START = /^\uFEFF?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>])/i;
const KNOWN_TAG =
  /<\/?(?:html|head|body|title|meta|link|p|div|span|a|br|hr|img|ul|ol|li|h[1-6]|article|section|main|nav|header|footer|table|tr|td|th|em|strong|b|i|blockquote|pre|code|script|style)\b[^<>]*>/gi;
const CLOSING_TAG = /<\/(?:p|div|span|a|li|h[1-6]|article|section|td|tr|table|blockquote|em|strong)>/gi;

/**
 * Whether text is an HTML page or fragment. Plain prose with the odd `<br>` or
 * `<3` must stay text, so a document that does not start with markup needs
 * many closing tags before it counts.
 */
export function looksLikeHtml(text: string): boolean {
  const sample = text.slice(0, SAMPLE);
  if (HTML_START.test(sample)) return true;
  const trimmed = sample.trimStart();
  if (trimmed.startsWith('<') && (trimmed.match(KNOWN_TAG)?.length ?? 0) >= 2) return true;
  const closing = sample.match(CLOSING_TAG)?.length ?? 0;
  return closing >= 10 && closing * 200 >= sample.length;
}

/** How an input is written; the extension tests below tell it from a file's name. */
export type InputFormat = 'text' | 'html' | 'markdown';
/** A string as the engine reads it, once HTML is reduced to its text: prose, or markdown read by its prose. */
export type TextFormat = Exclude<InputFormat, 'html'>;

export function hasMarkdownExtension(name: string | undefined): boolean {
  return name !== undefined && /\.(?:md|markdown|mdown|mkdn|mkd)$/i.test(name);
}

export function hasHtmlExtension(name: string | undefined): boolean {
  return name !== undefined && /\.(?:html?|xhtml)$/i.test(name);
}
