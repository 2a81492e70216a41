/**
 * Turns any thrown value into a one-line message and a stable code. The CLI
 * never shows a stack trace: users get what went wrong and what to do.
 */
import { isInputError } from '../input/index.js';

/** Wrong use of the command line (exit code 2, like other usage errors). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'usage';
}

export interface ErrorInfo {
  code: string;
  message: string;
  /** Errors that would repeat for every input (missing resources): stop at once. */
  fatal: boolean;
}

function codeOf(err: Error): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function describeError(err: unknown): ErrorInfo {
  if (isInputError(err)) return { code: err.code, message: err.message, fatal: false };
  if (err instanceof UsageError) return { code: err.code, message: err.message, fatal: true };
  if (err instanceof Error && err.name === 'TextTooLongError') {
    return { code: codeOf(err) ?? 'too-long', message: err.message, fatal: false };
  }
  if (err instanceof Error && err.name === 'ResourceError') {
    // Its message is written for users by the engine (e.g. "run npm run setup").
    return { code: codeOf(err) ?? 'resources-missing', message: err.message, fatal: true };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return {
    code: 'internal-error',
    message: `internal error: ${detail} (please report this; UNSPIN_DEBUG=1 shows details)`,
    fatal: false,
  };
}

/** The stack of an unexpected error when UNSPIN_DEBUG is set (for bug reports), else nothing. */
export function debugDetails(env: Record<string, string | undefined>, err: unknown): string {
  return env.UNSPIN_DEBUG && err instanceof Error && err.stack ? `${err.stack}\n` : '';
}
