/**
 * Bearer tokens. Index writes always need one; reads need one only when the server was
 * started with `privateReads`. Compared in constant time so the token cannot be guessed
 * a character at a time from response times.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors.js';

export type Access = 'open' | 'read' | 'write';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export function requireToken(options: { token?: string; privateReads?: boolean }) {
  const expected = options.token ? digest(options.token) : undefined;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access ?? 'open';
    if (access === 'open' || (access === 'read' && !options.privateReads)) return;
    if (!expected) {
      const hint =
        access === 'write'
          ? 'this server does not allow index writes: start it with --token (or UNSPIN_TOKEN) to enable them'
          : 'this server has no token configured';
      return reply.status(403).send(errorBody('writes-disabled', hint));
    }
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      reply.header('WWW-Authenticate', 'Bearer');
      return reply
        .status(401)
        .send(
          errorBody(
            'unauthorized',
            'this route needs the server token: send "Authorization: Bearer <token>"',
          ),
        );
    }
    if (!timingSafeEqual(digest(match[1]), expected)) {
      reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return reply.status(401).send(errorBody('unauthorized', 'the bearer token is not the server token'));
    }
  };
}
