/** The charset a request body declares, as a strict decoder. */
import { ApiError } from './errors.js';

/**
 * A decoder that throws on bytes that are not valid in the charset `contentType` names
 * (UTF-8 if none); an unknown charset is refused (415), saying to send `what` as UTF-8.
 */
export function declaredDecoder(
  contentType: string | undefined,
  what: string,
  options: { form?: boolean } = {},
): TextDecoder {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  let decoder: TextDecoder | undefined;
  try {
    // A form's values are decoded one by one, and a byte order mark is a value's own first
    // character: kept, or offsets into the text would be off by one.
    decoder = new TextDecoder(charset, { fatal: true, ignoreBOM: options.form === true });
  } catch {
    // Unknown: refused below.
  }
  // A form is split at "&", "=" and "%" bytes, which only charsets that write ASCII as ASCII keep.
  if (!decoder || (options.form && /^utf-16/.test(decoder.encoding))) {
    throw new ApiError(
      415,
      'unsupported-media-type',
      `the body's charset ${JSON.stringify(charset)} is not one this server reads ${what} in: send ${what} as UTF-8`,
    );
  }
  return decoder;
}
