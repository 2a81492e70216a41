/** The charset a request body declares, as a strict decoder. */
import { ApiError } from './errors.js';

/**
 * A decoder that throws on bytes that are not valid in the charset `contentType` names
 * (UTF-8 if none); an unknown charset is refused (415), saying to send `what` as UTF-8.
 */
export function declaredDecoder(contentType: string | undefined, what: string): TextDecoder {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset, { fatal: true });
  } catch {
    throw new ApiError(
      415,
      'unsupported-media-type',
      `the body's charset ${JSON.stringify(charset)} is not an encoding this server knows: send ${what} as UTF-8`,
    );
  }
}
