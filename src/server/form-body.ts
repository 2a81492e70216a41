/**
 * Form bodies (LanguageTool's /v2/check). A client sends a dozen fields; a body of a
 * million tiny ones would keep the event loop parsing for seconds, holding up every other
 * request, so past MAX_FORM_FIELDS the body is refused before it is parsed.
 *
 * Values are decoded strictly, in the charset the request declares (UTF-8 unless it says
 * otherwise), whether their bytes come raw or percent-encoded: a value that does not decode is
 * refused, where a lenient parser would hand the engine U+FFFD in place of the letters.
 */
import type { FastifyRequest } from 'fastify';
import { declaredDecoder } from './charset.js';
import { ApiError } from './errors.js';

export const MAX_FORM_FIELDS = 1000;

const AMPERSAND = 0x26;
const EQUALS = 0x3d;
const PLUS = 0x2b;
const PERCENT = 0x25;

const hexValue = (byte: number): number => {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
};

/** The bytes a form component stands for: "+" is a space, "%XX" a byte, any other byte itself. */
function unescaped(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === PLUS) out[n++] = 0x20;
    else if (
      b === PERCENT &&
      i + 2 < bytes.length &&
      hexValue(bytes[i + 1]) >= 0 &&
      hexValue(bytes[i + 2]) >= 0
    ) {
      out[n++] = hexValue(bytes[i + 1]) * 16 + hexValue(bytes[i + 2]);
      i += 2;
    } else out[n++] = b;
  }
  return out.subarray(0, n);
}

/** Fields by name; a name sent twice has all its values, which the schema then refuses. */
export function parseForm(input: Uint8Array, contentType?: string): Record<string, string | string[]> {
  const decoder = declaredDecoder(contentType, 'the form', { form: true });
  // A byte order mark before the whole body is the body's, not the first field name's.
  const body = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
  const pieces: Uint8Array[] = [];
  for (let start = 0; start <= body.length; ) {
    const end = body.indexOf(AMPERSAND, start);
    const stop = end === -1 ? body.length : end;
    if (stop > start) pieces.push(body.subarray(start, stop));
    if (pieces.length > MAX_FORM_FIELDS) {
      throw new ApiError(
        400,
        'invalid-request',
        `the form has more than ${MAX_FORM_FIELDS} fields: LanguageTool clients send "text" (or "data") and "language" and a few options`,
      );
    }
    start = stop + 1;
  }
  const form: Record<string, string | string[]> = Object.create(null);
  for (const piece of pieces) {
    const at = piece.indexOf(EQUALS);
    const [rawName, rawValue] =
      at === -1 ? [piece, new Uint8Array(0)] : [piece.subarray(0, at), piece.subarray(at + 1)];
    let name: string;
    let value: string;
    try {
      name = decoder.decode(unescaped(rawName));
      value = decoder.decode(unescaped(rawValue));
    } catch {
      throw new ApiError(
        400,
        'invalid-encoding',
        `the form field ${JSON.stringify(new TextDecoder().decode(rawName).slice(0, 40))} is not valid in the charset the request declares (UTF-8 if none): percent-encode the text as UTF-8`,
      );
    }
    const seen = form[name];
    form[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return form;
}

/** Fastify's content-type parser for forms (the body read as bytes). */
export function formParser(
  request: FastifyRequest,
  body: Buffer,
  done: (err: Error | null, value?: unknown) => void,
): void {
  try {
    done(null, parseForm(body, request.headers['content-type']));
  } catch (err) {
    done(err as Error);
  }
}
