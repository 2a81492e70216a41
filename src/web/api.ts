/**
 * The HTTP API as the web app calls it. Every failure becomes an `ApiError` whose message
 * is fit to show the reader: the server's own `error.message` when it sent one, otherwise
 * a sentence about what went wrong on the way.
 */
import type {
  CheckResponse,
  FindResponse,
  IndexStats,
  InputFormat,
  RestoreResponse,
  SourceDocument,
  TextFormat,
} from './types.js';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface AnalyzeRequest {
  text: string;
  format?: InputFormat;
  minConfidence?: number;
}

async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(
      'The Unspin server could not be reached. Is `unspin serve` still running?',
      'network',
      0,
    );
  }
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }
  if (!response.ok) {
    const error = (payload as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const message =
      typeof error?.message === 'string' && error.message
        ? error.message
        : `The server answered ${response.status} ${response.statusText || ''}`.trim();
    throw new ApiError(message, typeof error?.code === 'string' ? error.code : 'http', response.status);
  }
  if (payload === undefined) throw new ApiError('The server sent a reply that is not JSON.', 'bad-reply', 0);
  return payload as T;
}

export const api = {
  check: (req: AnalyzeRequest, signal?: AbortSignal) => call<CheckResponse>('POST', 'v1/check', req, signal),
  restore: (req: AnalyzeRequest, signal?: AbortSignal) =>
    call<RestoreResponse>('POST', 'v1/restore', req, signal),
  find: (text: string, { limit = 5, format = 'text' }: { limit?: number; format?: TextFormat } = {}) =>
    call<FindResponse>('POST', 'v1/find', { text, limit, format }),
  document: (id: string) => call<SourceDocument>('GET', `v1/documents/${encodeURIComponent(id)}`),
  index: () => call<IndexStats>('GET', 'v1/index'),
};
