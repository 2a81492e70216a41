/** The source index over HTTP: find, read, add and remove documents. */

import type { FastifyInstance } from 'fastify';
import type { AddResult, FindResult, SourceDocument, StoreStats } from '../../api/index.js';
import { isWellFormed } from '../../util/unicode.js';
import type { ServerContext } from '../app.js';
import { ApiError } from '../errors.js';
import {
  AddReply,
  AddRequest,
  DocumentParams,
  ErrorReply,
  FindReply,
  FindRequest,
  IndexStats,
  RemoveReply,
  SourceDocument as SourceDocumentSchema,
} from '../schemas.js';
import { clientGone, ERROR_REPLIES, refuseBinary } from './shared.js';

const AUTH_REPLIES = { 401: ErrorReply, 403: ErrorReply };
const security = [{ bearer: [] }];

function notFound(id: string): ApiError {
  return new ApiError(404, 'not-found', `no document with id ${JSON.stringify(id)} in the index`);
}

export function registerSourceRoutes(app: FastifyInstance, { pool, options }: ServerContext): void {
  const db = options.db;

  app.post<{ Body: FindRequest }>(
    '/v1/find',
    {
      config: { access: 'read' },
      schema: {
        summary: 'Find the indexed documents a text was copied (and spun) from, with evidence',
        tags: ['sources'],
        body: FindRequest,
        response: { 200: FindReply, ...ERROR_REPLIES },
      },
    },
    async (request, reply) => {
      const { text, limit, format } = request.body;
      refuseBinary(text);
      return pool.run<FindResult>(
        { op: 'find', db, text, format, ...(limit === undefined ? {} : { limit }) },
        clientGone(reply),
      );
    },
  );

  app.get(
    '/v1/index',
    {
      config: { access: 'read' },
      schema: {
        summary: 'Size of the source index',
        tags: ['sources'],
        response: { 200: IndexStats, ...ERROR_REPLIES },
      },
    },
    async () => pool.run<StoreStats>({ op: 'stats', db }),
  );

  app.get<{ Params: DocumentParams }>(
    '/v1/documents/:id',
    {
      config: { access: 'read' },
      schema: {
        summary: 'One indexed document',
        tags: ['sources'],
        params: DocumentParams,
        response: { 200: SourceDocumentSchema, 404: ErrorReply, ...ERROR_REPLIES },
      },
    },
    async (request) => {
      const doc = await pool.run<SourceDocument | null>({ op: 'get', db, id: request.params.id });
      if (!doc) throw notFound(request.params.id);
      return doc;
    },
  );

  app.post<{ Body: AddRequest }>(
    '/v1/documents',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Add or replace documents (idempotent per id and text; one transaction per batch)',
        tags: ['sources'],
        security,
        body: AddRequest,
        response: { 200: AddReply, ...AUTH_REPLIES, ...ERROR_REPLIES },
      },
    },
    async (request) => {
      const { documents } = request.body;
      for (const [i, doc] of documents.entries()) {
        // As `index add` refuses it: a document with no words can never be found.
        if (doc.text.trim() === '') {
          throw new ApiError(
            400,
            'invalid-request',
            `documents[${i}].text is empty: a document needs its text`,
          );
        }
        refuseBinary(doc.text, `documents[${i}].text`);
        // Half a surrogate pair could be stored, but no URL can name it to read or remove it.
        if (!isWellFormed(doc.id)) {
          const message = `documents[${i}].id has half of a surrogate pair: an id must be valid Unicode, as URLs name it`;
          throw new ApiError(400, 'invalid-request', message);
        }
      }
      return pool.run<AddResult>({ op: 'add', db, documents });
    },
  );

  app.delete<{ Params: DocumentParams }>(
    '/v1/documents/:id',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Remove a document from the index',
        tags: ['sources'],
        security,
        params: DocumentParams,
        response: { 200: RemoveReply, 404: ErrorReply, ...AUTH_REPLIES, ...ERROR_REPLIES },
      },
    },
    async (request) => {
      const removed = await pool.run<boolean>({ op: 'remove', db, id: request.params.id });
      if (!removed) throw notFound(request.params.id);
      return { id: request.params.id, removed: true as const };
    },
  );
}
