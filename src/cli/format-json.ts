/**
 * The JSON shapes of `--json` and `--jsonl`: the library's result objects
 * as they are, plus `source` when the text came from a file or stdin.
 */
import type { CheckResult, RestoreResult } from '../api/index.js';
import type { InputFormat } from '../input/index.js';
import type { ErrorInfo } from './errors.js';

/**
 * `source`: 'html' means offsets refer to the article text extracted from the page;
 * 'markdown', to the markdown file as written (its prose was read, its markup left alone).
 */
export function checkJson(result: CheckResult, source?: InputFormat): Record<string, unknown> {
  return source ? { ...result, source } : { ...result };
}

export function restoreJson(result: RestoreResult, source?: InputFormat): Record<string, unknown> {
  return source ? { ...result, source } : { ...result };
}

export function errorJson(info: Pick<ErrorInfo, 'code' | 'message'>): { code: string; message: string } {
  return { code: info.code, message: info.message };
}
