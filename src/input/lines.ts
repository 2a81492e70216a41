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
 * Yields every line (1-based numbers). A line longer than `maxLineBytes` is
 * skipped up to its end and reported as a 'too-large' error line.
 */
export async function* splitLines(
  stream: AsyncIterable<unknown>,
  opts: { maxLineBytes?: number } = {},
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
  for await (const chunk of stream) {
    const buf = toBuffer(chunk);
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
