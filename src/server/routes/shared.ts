/** Small helpers the route modules share. */
import type { FastifyReply } from 'fastify';
import { BINARY_CONTROL_SHARE, controlShareOfText } from '../../input/sniff.js';
import { ApiError } from '../errors.js';
import { ErrorReply } from '../schemas.js';

/** Aborts when the client goes away before its reply is sent, so no worker time is wasted. */
export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Text that is mostly control characters is a binary file sent by mistake. */
export function refuseBinary(text: string, field = 'text'): void {
  if (controlShareOfText(text) > BINARY_CONTROL_SHARE) {
    throw new ApiError(
      400,
      'binary-input',
      `"${field}" looks like binary data, not text: send plain text or HTML (convert PDFs and Word files to text first)`,
    );
  }
}

/** Error replies every route can give, for the OpenAPI document. */
export const ERROR_REPLIES = {
  400: ErrorReply,
  413: ErrorReply,
  415: ErrorReply,
  500: ErrorReply,
  503: ErrorReply,
};
