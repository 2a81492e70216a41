/** POST and GET /v2/check and GET /v2/languages: LanguageTool's API, for editors and extensions that speak it. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CheckResult } from '../../api/index.js';
import type { ServerContext } from '../app.js';
import { ApiError } from '../errors.js';
import { parseForm } from '../form-body.js';
import {
  acceptsLanguage,
  ENGLISH_VARIANTS,
  languageToolReply,
  plainFromAnnotation,
  plainFromText,
  replyLanguage,
} from '../languagetool.js';
import { LanguageToolLanguages, LanguageToolReply, LanguageToolRequest } from '../schemas.js';
import { clientGone, ERROR_REPLIES, refuseBinary } from './shared.js';

export function registerLanguageToolRoute(app: FastifyInstance, { pool, version }: ServerContext): void {
  app.get(
    '/v2/languages',
    {
      config: { access: 'read' },
      schema: {
        summary: 'LanguageTool-compatible list of the languages checked: English and its variants',
        tags: ['languagetool'],
        response: { 200: LanguageToolLanguages },
      },
    },
    async () => ENGLISH_VARIANTS,
  );

  // The checking itself, whether the fields came as a form body (POST) or a query (GET).
  const checkText = async (fields: LanguageToolRequest, reply: FastifyReply) => {
    const { text, data, language, preferredVariants } = fields;
    if (!acceptsLanguage(language)) {
      throw new ApiError(
        400,
        'unsupported-language',
        `Unspin checks English only; "${language}" is not supported (use en, en-US, en-GB or auto)`,
      );
    }
    if (typeof text === 'string' && typeof data === 'string') {
      throw new ApiError(400, 'invalid-request', 'send either "text" or "data", not both');
    }
    const plain =
      typeof data === 'string'
        ? plainFromAnnotation(data)
        : typeof text === 'string'
          ? plainFromText(text)
          : undefined;
    if (!plain) throw new ApiError(400, 'invalid-request', 'missing "text" (or "data") field');
    refuseBinary(plain.text);
    const result = await pool.run<CheckResult>(
      { op: 'check', text: plain.text, format: 'text' },
      clientGone(reply),
    );
    return languageToolReply(result, plain, version, replyLanguage(language, preferredVariants));
  };

  app.post<{ Body: LanguageToolRequest }>(
    '/v2/check',
    {
      config: { access: 'read' },
      schema: {
        summary:
          'LanguageTool-compatible check (form fields text or data, and language): each swapped phrase is a match',
        tags: ['languagetool'],
        consumes: ['application/x-www-form-urlencoded'],
        body: LanguageToolRequest,
        response: { 200: LanguageToolReply, ...ERROR_REPLIES },
      },
    },
    async (request, reply) => checkText(request.body, reply),
  );

  // LanguageTool also answers GET with the fields in the query string; some clients use it
  // for short texts. Long texts belong in a POST body (URLs are limited in length).
  app.get<{ Querystring: LanguageToolRequest }>(
    '/v2/check',
    {
      config: { access: 'read' },
      schema: {
        summary: 'LanguageTool-compatible check with the fields in the query string (short texts)',
        tags: ['languagetool'],
        querystring: LanguageToolRequest,
        response: { 200: LanguageToolReply, ...ERROR_REPLIES },
      },
    },
    async (request, reply) => {
      // The query string read as strictly as a form body: a value that is not UTF-8 is refused,
      // not read with U+FFFD in place of its letters (the fields themselves are the parsed query).
      const url = request.raw.url ?? '';
      parseForm(Buffer.from(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '', 'latin1'));
      return checkText(request.query, reply);
    },
  );
}
