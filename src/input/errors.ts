/**
 * Errors about the user's input. `code` is stable (scripts and the JSON error
 * lines rely on it); `message` is for people and says what to do next.
 */
export type InputErrorCode =
  | 'binary-input'
  | 'invalid-encoding'
  | 'empty-input'
  | 'too-large'
  | 'not-found'
  | 'is-directory'
  | 'unreadable';

export class InputError extends Error {
  override readonly name = 'InputError';
  readonly code: InputErrorCode;

  constructor(code: InputErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isInputError(err: unknown): err is InputError {
  return err instanceof InputError;
}

/** `name` as shown in messages: the path, or "standard input". */
export function describeSource(name: string | undefined): string {
  return name === undefined || name === '-' ? 'standard input' : name;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
