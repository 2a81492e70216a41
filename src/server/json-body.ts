/**
 * JSON bodies must be UTF-8 (RFC 8259). Fastify would decode invalid bytes to U+FFFD
 * silently and analyse garbage; this parser refuses them with a clear error instead, then
 * hands over to Fastify's own parser (which also guards against prototype poisoning).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

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
      text = utf8.decode(body);
    } catch {
      done(
        new ApiError(
          400,
          'invalid-encoding',
          'the request body is not valid UTF-8: JSON must be sent as UTF-8 (convert the text first, e.g. with iconv)',
        ),
      );
      return;
    }
    parseJson(request, text, done);
  };
}
