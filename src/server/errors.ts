/**
 * API errors: every failure leaves the server as `{"error": {"code", "message"}}` with a
 * fitting status. Codes are stable (clients branch on them); messages are for people and
 * say what to do. Stack traces stay in the server log.
 */
import type { FastifyError } from 'fastify';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Fastify's own errors (parsing, validation, limits), said in the API's words. */
const FRAMEWORK_ERRORS: Record<string, (err: FastifyError) => ApiError> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new ApiError(
      415,
      'unsupported-media-type',
      'this route takes JSON: send the body with "Content-Type: application/json" (LanguageTool clients use /v2/check, which takes a form)',
    ),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new ApiError(
      400,
      'invalid-json',
      'the request body is empty: send a JSON object such as {"text": "..."}',
    ),
  FST_ERR_CTP_INVALID_JSON_BODY: (err) =>
    new ApiError(400, 'invalid-json', `the request body is not valid JSON (${err.message})`),
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new ApiError(
      413,
      'body-too-large',
      'the request body is larger than this server accepts: split the text into parts, or start the server with a larger --body-limit',
    ),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new ApiError(400, 'invalid-request', 'the Content-Length header does not match the body'),
  FST_ERR_BAD_URL: () =>
    new ApiError(
      400,
      'invalid-request',
      'the URL is not valid: percent-encode it as UTF-8 (e.g. with encodeURIComponent)',
    ),
  FST_ERR_MAX_PARAM_LENGTH: () =>
    new ApiError(414, 'invalid-request', 'the URL is too long: document ids have at most 1,024 characters'),
};

/**
 * The reply to a request too broken to reach Fastify (headers too large, malformed HTTP,
 * a client too slow to send it), written to the socket as it is, in the API's shape.
 */
export function clientErrorResponse(err: { code?: string }): string {
  const [status, reason, apiError] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? ([
          431,
          'Request Header Fields Too Large',
          errorBody(
            'invalid-request',
            'the request headers (or the URL) are too large: send long texts in a POST body',
          ),
        ] as const)
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ([
            408,
            'Request Timeout',
            errorBody('timeout', 'the request was not received in time: send it faster or in one go'),
          ] as const)
        : ([400, 'Bad Request', errorBody('invalid-request', 'the request is not valid HTTP')] as const);
  const body = JSON.stringify(apiError);
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`;
}

/** Turns anything thrown while handling a request into an ApiError (500 for the unexpected). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const fe = err as Partial<FastifyError> & { validation?: unknown[]; validationContext?: string };
  const isSyntaxError = err instanceof SyntaxError;
  if (fe.validation) {
    const where = fe.validationContext === 'body' ? 'request body' : (fe.validationContext ?? 'request');
    const detail = (fe.message ?? '').replace(/^(body|params|querystring|headers)\/?\s*/, '');
    return new ApiError(
      400,
      'invalid-request',
      `the ${where} is not valid: ${detail}; see /docs for the schema`,
    );
  }
  if (fe.code && FRAMEWORK_ERRORS[fe.code]) return FRAMEWORK_ERRORS[fe.code](fe as FastifyError);
  if (isSyntaxError && /JSON/.test(fe.message ?? '')) {
    return new ApiError(400, 'invalid-json', `the request body is not valid JSON (${fe.message})`);
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    return new ApiError(status, 'invalid-request', fe.message ?? 'bad request');
  }
  return new ApiError(
    500,
    'internal-error',
    'internal error: the server log has the details; please report it',
  );
}
