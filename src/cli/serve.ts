/**
 * `unspin serve`: the HTTP API and the web app (src/server). Runs until SIGINT or
 * SIGTERM, then finishes the requests in flight before exiting.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Context } from './context.js';
import { UsageError } from './errors.js';
import { indexLocation, shownLocation } from './source-commands.js';

interface ServeOptions {
  port: number;
  host: string;
  db?: string;
  token?: string;
  private?: boolean;
  workers?: number;
  timeout: number;
  bodyLimit: number;
  log: 'off' | 'error' | 'warn' | 'info';
  allowOrigin?: string[];
}

/** A web origin as browsers send it (scheme, host and port, nothing else), or `*`. */
function webOrigin(value: string, previous: string[] = []): string[] {
  let valid = value === '*';
  try {
    valid ||= new URL(value).origin === value;
  } catch {}
  if (!valid) {
    throw new InvalidArgumentError(
      `"${value}" is not a web origin: give one such as https://example.com or http://localhost:3000 (no path or trailing slash), or * for any.`,
    );
  }
  return [...previous, value];
}

function wholeNumber(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

const SERVE_HELP = `
Examples:
  $ unspin serve                                  web app and API on http://127.0.0.1:8080
  $ unspin serve --port 3000 --token s3cret       allow index writes with that bearer token
  $ unspin serve --host 0.0.0.0 --db postgres://unspin@db/unspin
  $ unspin serve --allow-origin '*'               let pages on any site call the API (CORS)

API reference (OpenAPI) at /docs once running. Index writes (POST and DELETE
/v1/documents) need --token or UNSPIN_TOKEN; reads are open unless --private.
Stops on Ctrl-C or SIGTERM after finishing the requests in flight.`;

async function runServe(ctx: Context, opts: ServeOptions): Promise<number> {
  const [{ buildServer }, { ApiError }] = await Promise.all([
    import('../server/app.js'),
    import('../server/errors.js'),
  ]);
  const db = indexLocation(opts.db, ctx.env);
  const token = opts.token ?? ctx.env.UNSPIN_TOKEN;
  if (opts.private && !token)
    throw new UsageError('--private needs a token: give --token or set UNSPIN_TOKEN');
  if (db === ':memory:') {
    throw new UsageError(
      'the server needs an index on disk or on a server (its worker threads cannot share an in-memory one): give --db a file path or a postgres:// URL',
    );
  }
  const app = await buildServer({
    db,
    ...(token ? { token } : {}),
    privateReads: opts.private ?? false,
    ...(opts.workers ? { threads: opts.workers } : {}),
    timeoutMs: opts.timeout * 1000,
    bodyLimit: opts.bodyLimit * 1024 * 1024,
    logger: opts.log === 'off' ? false : { level: opts.log },
    ...(opts.allowOrigin ? { allowOrigin: opts.allowOrigin } : {}),
  }).catch((err: unknown) => {
    // Start-up problems (missing resources, an index that cannot be opened) are the
    // user's to fix, and their messages say how.
    if (err instanceof ApiError) throw new UsageError(err.message);
    throw err;
  });
  try {
    await app.listen({ port: opts.port, host: opts.host });
  } catch (err) {
    await app.close();
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new UsageError(`port ${opts.port} is already in use: pick another with --port`);
    }
    if (code === 'EACCES')
      throw new UsageError(`not allowed to listen on port ${opts.port}: use a port above 1023`);
    throw err;
  }
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${shownHost}:${opts.port === 0 ? (app.server.address() as { port: number }).port : opts.port}`;
  ctx.err.writeNow(
    `unspin: serving the web app at ${url}/ and the API (docs at ${url}/docs); index ${shownLocation(db)}` +
      `${token ? '' : '; index writes disabled (no --token)'}. Ctrl-C stops.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      ctx.err.writeNow(`unspin: ${signal}: finishing the requests in flight, then stopping\n`);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await app.close();
  return 0;
}

export function registerServeCommand(program: Command, ctx: Context): void {
  program
    .command('serve')
    .description('Serve the web app and the HTTP API (with a LanguageTool-compatible /v2/check).')
    .addOption(
      new Option('-p, --port <port>', 'port to listen on (0: any free port)')
        .argParser(wholeNumber(0, 65535))
        .default(8080),
    )
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option(
      '--db <path>',
      'the source index: an SQLite file or a postgres:// URL (default: $UNSPIN_DB or ~/.local/share/unspin/index.db)',
    )
    .option('--token <token>', 'bearer token that allows index writes (default: $UNSPIN_TOKEN)')
    .option('--private', 'require the token for every API request, reads included')
    .option(
      '--allow-origin <origin>',
      'a web origin whose pages may call the API, as LanguageTool clients in a browser do (CORS); repeat for more, * for any',
      webOrigin,
    )
    .option(
      '--workers <n>',
      'worker threads for the analysis (default: cores, at most 4)',
      wholeNumber(1, 64),
    )
    .addOption(
      new Option('--timeout <seconds>', 'longest a request may take')
        .argParser(wholeNumber(1, 86_400))
        .default(300),
    )
    .addOption(
      new Option('--body-limit <MB>', 'largest request body in megabytes')
        .argParser(wholeNumber(1, 1024))
        .default(16),
    )
    .addOption(
      new Option('--log <level>', 'request log on stdout')
        .choices(['off', 'error', 'warn', 'info'])
        .default('warn'),
    )
    .addHelpText('after', SERVE_HELP)
    .action(async (opts: ServeOptions) => {
      ctx.exitCode = await runServe(ctx, opts);
    });
}
