/**
 * The JSON shapes of `--json` and `--jsonl`: the library's result objects
 * as they are, plus `source` when the text came from a file or stdin.
 */
import type { CheckResult, RestoreResult } from '../api/index.js';
import type { InputFormat } from '../input/index.js';
import type { ErrorInfo } from './errors.js';

/** What a result was read from: the input's format, and the text its offsets refer to. */
export interface ReadInput {
  format: InputFormat;
  text: string;
}

/**
 * `source`: 'html' means offsets refer to the article text extracted from the page, which is
 * given as `text` (as the HTTP API gives it); 'markdown', to the markdown as written (its prose
 * was read, its markup left alone).
 */
function described(input: ReadInput | undefined): Record<string, unknown> {
  if (!input) return {};
  return input.format === 'html' ? { source: input.format, text: input.text } : { source: input.format };
}

export function checkJson(result: CheckResult, input?: ReadInput): Record<string, unknown> {
  return { ...result, ...described(input) };
}

export function restoreJson(result: RestoreResult, input?: ReadInput): Record<string, unknown> {
  return { ...result, ...described(input) };
}

export function errorJson(info: Pick<ErrorInfo, 'code' | 'message'>): { code: string; message: string } {
  return { code: info.code, message: info.message };
}
