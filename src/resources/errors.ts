/** A language resource is missing, corrupt or out of date. The message says how to fix it. */
export class ResourceError extends Error {
  override readonly name = 'ResourceError';
  constructor(
    message: string,
    readonly code: 'resource-missing' | 'resource-corrupt' = 'resource-missing',
  ) {
    super(message);
  }
}

export const SETUP_HINT = 'Run `npm run setup` in the unspin package folder to rebuild the resources.';
