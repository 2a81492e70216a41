/** POST /v1/check and /v1/restore: the CLI's `--json` results over HTTP. */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../app.js';
import { AnalyzeRequest, CheckReply, RestoreReply } from '../schemas.js';
import { clientGone, ERROR_REPLIES, refuseBinary } from './shared.js';

export function registerAnalysisRoutes(app: FastifyInstance, { pool }: ServerContext): void {
  for (const [op, reply, summary] of [
    [
      'check',
      CheckReply,
      'Judge whether a text was spun and list the swapped words with their likely originals',
    ],
    ['restore', RestoreReply, 'Put the likely original words back; everything else is kept as sent'],
  ] as const) {
    app.post<{ Body: AnalyzeRequest }>(
      `/v1/${op}`,
      {
        config: { access: 'read' },
        schema: {
          summary,
          tags: ['analysis'],
          body: AnalyzeRequest,
          response: { 200: reply, ...ERROR_REPLIES },
        },
      },
      async (request, res) => {
        const { text, minConfidence, format = 'text' } = request.body;
        refuseBinary(text);
        return pool.run(
          { op, text, format, ...(minConfidence === undefined ? {} : { minConfidence }) },
          clientGone(res),
        );
      },
    );
  }
}
