/**
 * Splits a byte stream into lines without holding more than one line in
 * memory, so JSON Lines files of any size stream through. Lines are decoded
 * strictly: a line that is not UTF-8 becomes an error for that line only.
 */
import { toBuffer } from './bytes.js';
import { InputError } from './errors.js';

export type Line = { number: number; text: string } | { number: number; error: InputError };

const NEWLINE = 0x0a;

function decodeLine(parts: Buffer[], number: number, first: boolean): Line {
  let bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
  if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  try {
    return { number, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { number, error: new InputError('invalid-encoding', `line ${number} is not valid UTF-8`) };
  }
}

/**
 * The stream as UTF-8: as it is, or re-encoded when it opens with a UTF-16 byte order mark
 * (as a file saved as "Unicode" by Windows tools is). UTF-16 that does not decode stops the
 * stream with an error naming it: its lines cannot be told apart.
 */
async function* asUtf8(stream: AsyncIterable<unknown>, name: string): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0);
  let decoder: TextDecoder | undefined;
  for await (const chunk of stream) {
    let buf = toBuffer(chunk);
    if (head) {
      // The byte order mark needs the first two bytes, which may come in two chunks.
      buf = Buffer.concat([head, buf]);
      if (buf.length < 2) {
        head = buf;
        continue;
      }
      head = undefined;
      const bom =
        buf[0] === 0xff && buf[1] === 0xfe
          ? 'utf-16le'
          : buf[0] === 0xfe && buf[1] === 0xff
            ? 'utf-16be'
            : undefined;
      if (bom) {
        decoder = new TextDecoder(bom, { fatal: true });
        buf = buf.subarray(2);
      }
    }
    yield decoder ? Buffer.from(decodeUtf16(decoder, buf, true, name), 'utf8') : buf;
  }
  if (head && head.length > 0) yield head;
  if (decoder) yield Buffer.from(decodeUtf16(decoder, new Uint8Array(0), false, name), 'utf8');
}

function decodeUtf16(decoder: TextDecoder, bytes: Uint8Array, more: boolean, name: string): string {
  try {
    return decoder.decode(bytes, { stream: more });
  } catch {
    throw new InputError(
      'invalid-encoding',
      `${name} starts with a UTF-16 byte order mark but is not valid UTF-16: re-save it as UTF-8`,
    );
  }
}

/**
 * Yields every line (1-based numbers) of UTF-8 or UTF-16 (with its byte order mark) JSON
 * Lines. A line longer than `maxLineBytes` (of UTF-8) is skipped up to its end and reported as
 * a 'too-large' error line.
 */
export async function* splitLines(
  stream: AsyncIterable<unknown>,
  opts: { maxLineBytes?: number; name?: string } = {},
): AsyncGenerator<Line> {
  const max = opts.maxLineBytes ?? Number.POSITIVE_INFINITY;
  let parts: Buffer[] = [];
  let pending = 0;
  let overflow = false;
  let number = 0;
  const finish = (): Line => {
    number++;
    const line: Line = overflow
      ? { number, error: new InputError('too-large', `line ${number} is longer than ${max} bytes`) }
      : decodeLine(parts, number, number === 1);
    parts = [];
    pending = 0;
    overflow = false;
    return line;
  };
  for await (const buf of asUtf8(stream, opts.name ?? 'the JSON Lines input')) {
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE, start); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
      if (!overflow) parts.push(buf.subarray(start, nl));
      overflow ||= pending + (nl - start) > max;
      yield finish();
      start = nl + 1;
    }
    if (start < buf.length) {
      pending += buf.length - start;
      if (pending > max) {
        overflow = true;
        parts = [];
      } else parts.push(buf.subarray(start));
    }
  }
  if (pending > 0 || parts.some((p) => p.length > 0)) yield finish();
}
