/** GET /health: answered on the event loop, never queued behind analysis work. */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../app.js';
import { HealthReply } from '../schemas.js';

export function registerHealthRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/health',
    { schema: { summary: 'Liveness and load', tags: ['service'], response: { 200: HealthReply } } },
    async () => ({
      status: 'ok' as const,
      version: ctx.version,
      uptimeSeconds: Math.round((Date.now() - ctx.startedAt) / 100) / 10,
      workers: { threads: ctx.pool.threads, queued: ctx.pool.queued },
    }),
  );
}
