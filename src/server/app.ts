/**
 * `unspin serve`: the HTTP API and the web app, a thin shell over the library. Requests
 * are parsed and validated here against the schemas in ./schemas.ts (which also make the
 * OpenAPI document at /docs); the work runs in worker threads (./engine-pool.ts).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { packageVersion } from '../cli/version.js';
import { requireToken } from './auth.js';
import { defaultThreads, EnginePool } from './engine-pool.js';
import { ApiError, clientErrorResponse, errorBody, toApiError } from './errors.js';
import { formParser } from './form-body.js';
import { strictUtf8JsonParser } from './json-body.js';
import { registerAnalysisRoutes } from './routes/analysis.js';
import { registerHealthRoute } from './routes/health.js';
import { registerLanguageToolRoute } from './routes/languagetool.js';
import { registerSourceRoutes } from './routes/sources.js';

export interface ServerOptions {
  /** The source index: an SQLite file path or a postgres:// URL. */
  db: string;
  /** Bearer token for index writes. Without one, the index is read-only over HTTP. */
  token?: string;
  /** Require the token for every /v1 and /v2 route, reads included. */
  privateReads?: boolean;
  /** Worker threads for the engine (default: cores, at most 4). */
  threads?: number;
  /** Per-request time limit in milliseconds, waiting included (default 5 minutes). */
  timeoutMs?: number;
  /** Largest request body in bytes (default 16 MiB: a 5 MB document with room to spare). */
  bodyLimit?: number;
  /** Requests that may wait for a worker before new ones get 503 busy (default 1024). */
  maxQueue?: number;
  /** Fastify's logger setting (default off; `unspin serve` logs warnings and errors). */
  logger?: FastifyServerOptions['logger'];
  /** Directory of the built web app (default: dist/web in the package). */
  webRoot?: string;
  /**
   * Web origins whose pages may call the API (CORS), e.g. a LanguageTool client running in
   * a browser; `*` allows any. Default: none, so other sites' pages cannot read replies.
   */
  allowOrigin?: string[];
}

/** What the route modules share. */
export interface ServerContext {
  pool: EnginePool;
  options: Required<Pick<ServerOptions, 'db'>> & ServerOptions;
  version: string;
  startedAt: number;
}

/** The package root, from src/server (sources) or dist/src/server (compiled). */
function packageRoot(): string {
  const dir = fileURLToPath(new URL('../../', import.meta.url));
  return dir.endsWith('/dist/') ? dir.slice(0, -'dist/'.length) : dir;
}

/** Content Security Policy for the web app: nothing may be loaded from anywhere else. */
const WEB_CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  if (options.db === ':memory:') {
    throw new ApiError(
      500,
      'invalid-option',
      'the server needs an index on disk or on a server, not :memory:',
    );
  }
  const version = packageVersion();
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 16 * 1024 * 1024,
    // Receiving a request (not working on it) must not take forever: slow-loris guard.
    requestTimeout: 60_000,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    forceCloseConnections: 'idle',
    // Ids have up to 1,024 characters, more once percent-encoded: the schema judges them.
    routerOptions: { maxParamLength: 16 * 1024 },
    // Requests that cannot be routed (bad percent-encoding, over-long ids), and requests
    // arriving while the server shuts down, get the API's error shape like any other.
    frameworkErrors: (err, _request, reply) => {
      const apiError = toApiError(err);
      (reply as FastifyReply).status(apiError.status).send(errorBody(apiError.code, apiError.message));
    },
    return503OnClosing: false,
    clientErrorHandler: (err, socket) => {
      if ((err as { code?: string }).code === 'ECONNRESET' || socket.destroyed) return;
      if (socket.writable) socket.write(clientErrorResponse(err));
      socket.destroy(err);
    },
  });
  const pool = new EnginePool(
    {
      threads: options.threads ?? defaultThreads(),
      timeoutMs: options.timeoutMs ?? 300_000,
      maxQueue: options.maxQueue ?? 1024,
    },
    (message) => app.log.error(message),
  );
  const ctx: ServerContext = { pool, options, version, startedAt: Date.now() };
  // Graceful shutdown: Fastify stops accepting, finishes in-flight requests, then this runs.
  app.addHook('onClose', async () => pool.close());
  // A request that finishes during shutdown must not leave its keep-alive socket holding
  // the process open: tell the client, and drop the socket once the reply is out.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (closing) {
      return reply
        .status(503)
        .send(errorBody('shutting-down', 'the server is shutting down: retry in a moment'));
    }
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async () => {
    if (closing) app.server.closeIdleConnections();
  });

  app.setErrorHandler((err, request, reply) => {
    const apiError = toApiError(err);
    if (apiError.status >= 500 && apiError.code === 'internal-error') request.log.error(err);
    return reply.status(apiError.status).send(errorBody(apiError.code, apiError.message));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(
        errorBody(
          'not-found',
          `there is no ${request.method} ${request.url.split('?')[0]}: see /docs for the API`,
        ),
      ),
  );
  if (options.allowOrigin && options.allowOrigin.length > 0) {
    await app.register(cors, {
      origin: options.allowOrigin.includes('*') ? '*' : options.allowOrigin,
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['Content-Type', 'Authorization'],
      maxAge: 600,
      // A bare OPTIONS (no Origin) gets an empty 204, not the plugin's plain-text 400.
      strictPreflight: false,
    });
  }
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, strictUtf8JsonParser(app));

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Unspin API',
        version,
        description:
          'Detect spun (synonym-swapped) text, restore its original wording, and trace it to its source. Index writes need a bearer token.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', requireToken(options));
  registerHealthRoute(app, ctx);
  registerAnalysisRoutes(app, ctx);
  registerSourceRoutes(app, ctx);
  // Form bodies only where LanguageTool clients send them; the /v1 routes take JSON alone.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'buffer', bodyLimit: options.bodyLimit ?? 16 * 1024 * 1024 },
      formParser,
    );
    // Any other body (multipart/form-data, text) is refused in this route's own words; JSON
    // goes to the server's JSON parser.
    scope.addContentTypeParser('*', (_request, _payload, done) => {
      done(
        new ApiError(
          415,
          'unsupported-media-type',
          'this route takes a form: send the body with "Content-Type: application/x-www-form-urlencoded", as LanguageTool clients do, or as JSON',
        ),
      );
    });
    registerLanguageToolRoute(scope, ctx);
  });

  const webRoot = options.webRoot ?? `${packageRoot()}dist/web`;
  if (existsSync(`${webRoot}/index.html`)) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      setHeaders: (res) => {
        res.header('Content-Security-Policy', WEB_CSP);
        res.header('X-Content-Type-Options', 'nosniff');
      },
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .status(503)
        .send(
          errorBody(
            'web-app-missing',
            'the web app is not built: run `npm run build`; the API works without it (see /docs)',
          ),
        ),
    );
  }
  try {
    await pool.warmUp();
    // Open the index now: a wrong --db is a start-up error, not a failure of every request.
    await pool.run({ op: 'stats', db: options.db });
  } catch (err) {
    await pool.close();
    throw err;
  }
  return app;
}
