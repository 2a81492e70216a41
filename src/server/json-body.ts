/**
 * JSON bodies are UTF-8 (RFC 8259) unless the client says otherwise: a `charset` parameter
 * naming another encoding (latin1, utf-16) is honoured, one that names no encoding is
 * refused. Fastify would decode invalid bytes to U+FFFD silently and analyse garbage; this
 * parser refuses them with a clear error instead, then hands over to Fastify's own parser
 * (which also guards against prototype poisoning).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { declaredDecoder } from './charset.js';
import { ApiError } from './errors.js';

/** Why a body is not JSON, in JavaScript's words (Fastify's own message names no place). */
function jsonProblem(text: string): string {
  try {
    JSON.parse(text);
  } catch (err) {
    return (err as Error).message;
  }
  return 'a "__proto__" or "constructor" key is not allowed';
}

export function strictUtf8JsonParser(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void) => {
    // A DELETE sent with a JSON content type and no body is still a fine DELETE.
    if (body.length === 0 && (request.method === 'DELETE' || request.method === 'GET')) {
      done(null, undefined);
      return;
    }
    let text: string;
    try {
      const decoder = declaredDecoder(request.headers['content-type'], 'JSON');
      text = decoder.decode(body);
    } catch (err) {
      done(
        err instanceof ApiError
          ? err
          : new ApiError(
              400,
              'invalid-encoding',
              'the request body is not valid UTF-8 (or not in the charset it declares): JSON must be sent as UTF-8 (convert the text first, e.g. with iconv)',
            ),
      );
      return;
    }
    parseJson(request, text, (err, value) => {
      if (!err || (err as { code?: string }).code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
        done(err, value);
        return;
      }
      done(new ApiError(400, 'invalid-json', `the request body is not valid JSON (${jsonProblem(text)})`));
    });
  };
}
