/**
 * The HTTP API (src/server) through Fastify's injector, plus a real listening server for
 * the behaviour only sockets show: no stall behind a long document, graceful shutdown.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { build as annotate } from 'annotatedtext-rehype';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeProcess } from '../bench/serve-process.js';
import { type CheckResult, check, MAX_TEXT_LENGTH, restore } from '../src/api/index.js';
import { buildServer } from '../src/server/app.js';
import { EnginePool } from '../src/server/engine-pool.js';
import { toApiError } from '../src/server/errors.js';
import { parseForm } from '../src/server/form-body.js';
import { languageToolReply, plainFromAnnotation, plainFromText } from '../src/server/languagetool.js';
import { freshSchema } from './pg-schema.js';

const root = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'unspin-server-'));
const spun = readFileSync(join(root, 'examples/state-of-the-union.spun.txt'), 'utf8');
const original = readFileSync(join(root, 'examples/state-of-the-union.original.txt'), 'utf8');
const TOKEN = 'test-token-5f2c';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildServer({ db: join(tmp, 'index.db'), token: TOKEN, threads: 2 });
});
afterAll(async () => {
  await app?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A POST with the body exactly as given, under the given content type. */
const raw = (url: string, payload: string | Buffer, contentType: string) =>
  app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });

const json = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });

/** Every error is {"error": {"code", "message"}} and nothing else: no stack, no framework internals. */
function expectError(res: { statusCode: number; body: string }, status: number, code: string): string {
  expect(res.statusCode).toBe(status);
  const body = JSON.parse(res.body);
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
  expect(body.error.code).toBe(code);
  expect(body.error.message).not.toMatch(/\n\s+at |node_modules|FST_/);
  return body.error.message;
}

describe('analysis routes', () => {
  it('POST /v1/check gives the library result for the text', async () => {
    const res = await json('/v1/check', { text: spun });
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body);
    expect(body).toEqual(check(spun));
    expect(body.verdict).toBe('spun');
    // Optional fields pass the reply's schema too.
    expect(body.findings.some((f: { articles?: string[] }) => f.articles?.length)).toBe(true);
    for (const f of body.findings) expect(spun.slice(f.offset, f.offset + f.length)).toBe(f.text);
  });

  it('POST /v1/restore gives the restored text and the changes', async () => {
    const res = await json('/v1/restore', { text: spun, minConfidence: 0.6 });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual(restore(spun, { minConfidence: 0.6 }));
  });

  it('reduces HTML to its article text and returns that text with the offsets', async () => {
    const page = `<!doctype html><html><head><title>T</title></head><body><nav>Home | About</nav><article><p>${spun.split('\n\n').join('</p><p>')}</p></article></body></html>`;
    const res = await json('/v1/check', { text: page, format: 'html' });
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.text).toContain(spun.slice(0, 80));
    expect(body.text).not.toContain('<p>');
    expect(body.findings.length).toBeGreaterThan(0);
    for (const f of body.findings) expect(body.text.slice(f.offset, f.offset + f.length)).toBe(f.text);
  });

  it('reads markdown as its prose, with offsets into the markdown sent', async () => {
    const markdown = `## Report\n\n${spun.split('\n\n').join('\n\n- ')}\n\n\`\`\`\ncode\n\`\`\`\n`;
    const res = await json('/v1/restore', { text: markdown, format: 'markdown' });
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body);
    expect(body).toEqual(restore(markdown, { format: 'markdown' }));
    expect(body.changes.length).toBeGreaterThan(0);
    expect(body.restored.startsWith('## Report\n\n')).toBe(true);
    expect(body.restored.endsWith('```\ncode\n```\n')).toBe(true);
  });

  it('refuses bad requests with a clear JSON error', async () => {
    expectError(
      await raw('/v1/check', 'text=hello', 'application/x-www-form-urlencoded'),
      415,
      'unsupported-media-type',
    );
    expectError(await raw('/v1/check', 'hello', 'text/plain'), 415, 'unsupported-media-type');
    expectError(await raw('/v1/check', '{"text": "unterminated', 'application/json'), 400, 'invalid-json');
    expectError(await raw('/v1/check', '', 'application/json'), 400, 'invalid-json');
    expect(expectError(await json('/v1/check', { txt: 'hello' }), 400, 'invalid-request')).toMatch(/text/);
    expect(expectError(await json('/v1/check', { text: 42 }), 400, 'invalid-request')).toMatch(/text/);
    expectError(await json('/v1/check', { text: 'hi', minConfidence: 2 }), 400, 'invalid-request');
    expectError(await json('/v1/restore', { text: 'hi', format: 'pdf' }), 400, 'invalid-request');
    expectError(await json('/v1/check', ['text']), 400, 'invalid-request');
    // Nothing to check, as for an empty file.
    expect(expectError(await json('/v1/check', { text: '' }), 400, 'empty-input')).toMatch(/is empty/);
    expect(expectError(await json('/v1/restore', { text: ' \n\t' }), 400, 'empty-input')).toMatch(
      /whitespace/,
    );
    const noArticle = await json('/v1/check', {
      text: '<html><body><script>x()</script></body></html>',
      format: 'html',
    });
    expect(expectError(noArticle, 400, 'empty-input')).toMatch(/no readable text/);
  });

  it('refuses binary text, invalid UTF-8 and text over the length limit', async () => {
    const binary = Array.from({ length: 2000 }, (_, i) => String.fromCharCode(i % 32)).join('');
    expect(expectError(await json('/v1/check', { text: binary }), 400, 'binary-input')).toMatch(/binary/);
    const badBytes = Buffer.concat([
      Buffer.from('{"text": "caf'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from('"}'),
    ]);
    expect(
      expectError(await raw('/v1/check', badBytes, 'application/json'), 400, 'invalid-encoding'),
    ).toMatch(/UTF-8/);
    const huge = 'word '.repeat(MAX_TEXT_LENGTH / 5 + 1);
    expect(expectError(await json('/v1/check', { text: huge }), 413, 'too-long')).toMatch(/split/);
  });

  it('refuses a body over the size limit', async () => {
    const body = JSON.stringify({ text: 'a'.repeat(17 * 1024 * 1024) });
    const res = await raw('/v1/check', body, 'application/json');
    expectError(res, 413, 'body-too-large');
  });

  it('answers unknown routes with a JSON 404 and publishes the OpenAPI document', async () => {
    expectError(await app.inject({ method: 'GET', url: '/v1/nothing' }), 404, 'not-found');
    const doc = JSON.parse((await app.inject({ method: 'GET', url: '/docs/json' })).body);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/health',
        '/v1/check',
        '/v1/documents',
        '/v1/documents/{id}',
        '/v1/find',
        '/v1/index',
        '/v1/restore',
        '/v2/check',
        '/v2/languages',
      ].sort(),
    );
    expect(doc.paths['/v1/check'].post.requestBody.content['application/json'].schema.required).toEqual([
      'text',
    ]);
    expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('GET /health reports the workers', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ status: 'ok', workers: { threads: 2, queued: 0 } });
  });
});

describe('odd and hostile requests', () => {
  it('decodes a JSON body in the charset it declares, and refuses an unknown one', async () => {
    expect((await raw('/v1/check', '{"text": "hi"}', 'application/json; charset=utf-8')).statusCode).toBe(
      200,
    );
    const latin1 = Buffer.from('{"text": "Caf\u00e9 au lait."}', 'latin1');
    const res = await raw('/v1/restore', latin1, 'application/json; charset=ISO-8859-1');
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).restored).toBe('Caf\u00e9 au lait.');
    expect(
      expectError(
        await raw('/v1/check', '{"text": "hi"}', 'application/json; charset=klingon'),
        415,
        'unsupported-media-type',
      ),
    ).toMatch(/klingon.*UTF-8/);
  });

  it('says where a body stops being JSON, in words of its own', async () => {
    const message = expectError(
      await raw('/v1/check', '{"text": "x",}', 'application/json'),
      400,
      'invalid-json',
    );
    expect(message).toMatch(/position 13/);
    expect(message).not.toMatch(/content-type/);
    expect(
      expectError(
        await raw('/v1/check', '{"text": "x", "__proto__": {"a": 1}}', 'application/json'),
        400,
        'invalid-json',
      ),
    ).toMatch(/__proto__/);
  });

  it('answers a URL that is not valid percent-encoding with an API error', async () => {
    expectError(await app.inject({ method: 'GET', url: '/v1/documents/%ff' }), 400, 'invalid-request');
    expectError(
      await app.inject({ method: 'GET', url: '/%c0%ae%c0%ae/package.json' }),
      400,
      'invalid-request',
    );
  });

  it('reads and removes documents whose ids are long, up to 1,024 characters', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const id = `${'long-id-'.repeat(120)}\u00e9`;
    expect((await json('/v1/documents', { documents: [{ id, text: 'Some words.' }] }, auth)).statusCode).toBe(
      200,
    );
    const url = `/v1/documents/${encodeURIComponent(id)}`;
    expect(JSON.parse((await app.inject({ method: 'GET', url })).body).id).toBe(id);
    expect((await app.inject({ method: 'DELETE', url, headers: auth })).statusCode).toBe(200);
    expectError(
      await app.inject({ method: 'GET', url: `/v1/documents/${'x'.repeat(1025)}` }),
      400,
      'invalid-request',
    );
    // A document with no text, as index add refuses it.
    const empty = await json('/v1/documents', { documents: [{ id: 'e', text: ' \n' }] }, auth);
    expect(expectError(empty, 400, 'invalid-request')).toMatch(/documents\[0\]\.text is empty/);
    // Half a surrogate pair could be stored, but no URL could name it again: refused.
    const lone = await json('/v1/documents', { documents: [{ id: 'a\ud800', text: 'Some words.' }] }, auth);
    expect(expectError(lone, 400, 'invalid-request')).toMatch(/documents\[0\]\.id .*surrogate/);
  });
});

describe('source routes', () => {
  const auth = { authorization: `Bearer ${TOKEN}` };
  const doc = { id: 'sotu-1', text: original, title: 'State of the Union' };

  it('needs the token for writes', async () => {
    expectError(await json('/v1/documents', { documents: [doc] }), 401, 'unauthorized');
    expectError(
      await json('/v1/documents', { documents: [doc] }, { authorization: 'Bearer wrong' }),
      401,
      'unauthorized',
    );
    expectError(
      await json('/v1/documents', { documents: [doc] }, { authorization: TOKEN }),
      401,
      'unauthorized',
    );
    expectError(await app.inject({ method: 'DELETE', url: '/v1/documents/sotu-1' }), 401, 'unauthorized');
    expect(JSON.parse((await app.inject({ method: 'GET', url: '/v1/index' })).body).documents).toBe(0);
  });

  it('adds, reads, finds and removes documents', async () => {
    expect(JSON.parse((await json('/v1/documents', { documents: [doc] }, auth)).body)).toEqual({
      added: 1,
      replaced: 0,
      unchanged: 0,
    });
    expect(JSON.parse((await json('/v1/documents', { documents: [doc] }, auth)).body)).toEqual({
      added: 0,
      replaced: 0,
      unchanged: 1,
    });
    expect(JSON.parse((await app.inject({ method: 'GET', url: '/v1/documents/sotu-1' })).body)).toEqual(doc);
    expect(JSON.parse((await app.inject({ method: 'GET', url: '/v1/index' })).body).documents).toBe(1);

    const found = JSON.parse((await json('/v1/find', { text: spun })).body);
    expect(found.matches[0]).toMatchObject({ id: 'sotu-1', title: 'State of the Union' });
    const evidence = found.matches[0].evidence[0];
    expect(evidence.swaps.length).toBeGreaterThan(0);
    expect(evidence.sourceOffset + evidence.sourceLength).toBeLessThanOrEqual(original.length);
    expect(
      JSON.parse(
        (await json('/v1/find', { text: 'Completely unrelated words about gardening tomatoes.' })).body,
      ),
    ).toEqual({ matches: [] });
    // Read as markdown, a copy inside a code block is code, not prose.
    const fenced = `Our notes:\n\n\`\`\`\n${spun}\n\`\`\`\n`;
    expect(JSON.parse((await json('/v1/find', { text: fenced })).body).matches[0].id).toBe('sotu-1');
    expect(JSON.parse((await json('/v1/find', { text: fenced, format: 'markdown' })).body)).toEqual({
      matches: [],
    });
    // Indexed as markdown, the same copy in a code block is not fingerprinted, and is kept as sent.
    const note = { id: 'note-1', text: fenced, format: 'markdown' };
    expect(JSON.parse((await json('/v1/documents', { documents: [note] }, auth)).body).added).toBe(1);
    const ids = JSON.parse((await json('/v1/find', { text: spun })).body).matches.map(
      (m: { id: string }) => m.id,
    );
    expect(ids).toEqual(['sotu-1']);
    expect(JSON.parse((await app.inject({ method: 'GET', url: '/v1/documents/note-1' })).body).text).toBe(
      fenced,
    );
    await app.inject({ method: 'DELETE', url: '/v1/documents/note-1', headers: auth });

    const removed = await app.inject({ method: 'DELETE', url: '/v1/documents/sotu-1', headers: auth });
    expect(JSON.parse(removed.body)).toEqual({ id: 'sotu-1', removed: true });
    expectError(
      await app.inject({ method: 'DELETE', url: '/v1/documents/sotu-1', headers: auth }),
      404,
      'not-found',
    );
    expectError(await app.inject({ method: 'GET', url: '/v1/documents/sotu-1' }), 404, 'not-found');
  });

  it('refuses bad documents', async () => {
    expectError(await json('/v1/documents', { documents: [] }, auth), 400, 'invalid-request');
    expectError(
      await json('/v1/documents', { documents: [{ id: '', text: 'x' }] }, auth),
      400,
      'invalid-request',
    );
    expectError(await json('/v1/documents', { documents: [{ id: 'x' }] }, auth), 400, 'invalid-request');
    expectError(
      await json('/v1/documents', { documents: [{ id: 'b', text: '\u0000\u0001\u0002\u0003' }] }, auth),
      400,
      'binary-input',
    );
    expectError(await json('/v1/find', { text: 'x', limit: 0 }), 400, 'invalid-request');
  });
});

const PG_URL = process.env.UNSPIN_TEST_PG_URL;

describe.skipIf(!PG_URL)('source routes on PostgreSQL', () => {
  let pgApp: FastifyInstance;
  beforeAll(async () => {
    pgApp = await buildServer({
      db: await freshSchema(PG_URL!, 'unspin_test_server'),
      token: TOKEN,
      threads: 1,
    });
  });
  afterAll(async () => pgApp?.close());

  it('adds, finds, reads and removes documents as on SQLite', async () => {
    const send = (method: 'POST' | 'GET' | 'DELETE', url: string, body?: unknown) =>
      pgApp.inject({
        method,
        url,
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      });
    const doc = { id: 'sotu-pg', text: original };
    expect(JSON.parse((await send('POST', '/v1/documents', { documents: [doc] })).body)).toEqual({
      added: 1,
      replaced: 0,
      unchanged: 0,
    });
    expect(JSON.parse((await send('POST', '/v1/find', { text: spun })).body).matches[0].id).toBe('sotu-pg');
    expect(JSON.parse((await send('GET', '/v1/documents/sotu-pg')).body)).toEqual(doc);
    expect((await send('DELETE', '/v1/documents/sotu-pg')).statusCode).toBe(200);
    expectError(await send('GET', '/v1/documents/sotu-pg'), 404, 'not-found');
  });
});

/**
 * LanguageTool's /v2/check reply, as its API documentation publishes it
 * (https://languagetool.org/http-api/, CheckResponse): the fields clients read.
 */
interface LanguageToolMatch {
  offset: number;
  length: number;
  replacements: { value: string }[];
  context: { text: string; offset: number; length: number };
}

function expectLanguageToolShape(body: { matches: LanguageToolMatch[] } & Record<string, unknown>): void {
  expect(body.software).toMatchObject({
    name: expect.any(String),
    version: expect.any(String),
    apiVersion: expect.any(Number),
  });
  expect(body.language).toMatchObject({
    name: expect.any(String),
    code: expect.any(String),
    detectedLanguage: { name: expect.any(String), code: expect.any(String) },
  });
  expect(Array.isArray(body.matches)).toBe(true);
  for (const m of body.matches) {
    expect(m).toMatchObject({
      message: expect.any(String),
      shortMessage: expect.any(String),
      offset: expect.any(Number),
      length: expect.any(Number),
      replacements: expect.any(Array),
      context: { text: expect.any(String), offset: expect.any(Number), length: expect.any(Number) },
      sentence: expect.any(String),
      rule: {
        id: expect.any(String),
        description: expect.any(String),
        issueType: expect.any(String),
        category: { id: expect.any(String), name: expect.any(String) },
      },
    });
    for (const r of m.replacements) expect(r).toEqual({ value: expect.any(String) });
    expect(m.context.text.slice(m.context.offset, m.context.offset + m.context.length).length).toBe(m.length);
  }
}

describe('LanguageTool-compatible POST /v2/check', () => {
  const form = (fields: Record<string, string>) =>
    raw('/v2/check', new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');

  it('answers a form with text in LanguageTool shape', async () => {
    const res = await form({ text: spun, language: 'en-US', enabledOnly: 'false' });
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body);
    expectLanguageToolShape(body);
    const { findings } = check(spun);
    expect(body.matches.map((m: { offset: number; length: number }) => [m.offset, m.length])).toEqual(
      findings.map((f) => [f.offset, f.length]),
    );
    expect(body.matches[0].replacements[0].value).toBe(findings[0].suggestions[0]);
    const { spinProbability, verdict, words, spunAt } = check(spun);
    expect(body.unspin).toEqual({ spinProbability, verdict, words, spunAt });
  });

  it('is read correctly by a LanguageTool client library (languagetool-api)', async () => {
    // languagetool-api sends its requests to languagetool.org only, so the request is ours;
    // what it contributes is how a client reads the reply: the mistaken words through
    // context.text/offset/length, and the best suggestion.
    const client = createRequire(import.meta.url)('languagetool-api') as {
      showMistakes(reply: unknown, done: (mistakes: string[]) => void): void;
      bestSuggestion(reply: unknown, done: (s: { mistake: string; bestSuggestion: string }[]) => void): void;
    };
    const reply = JSON.parse((await form({ text: spun, language: 'en-US' })).body);
    const { findings } = check(spun);
    let mistakes: string[] = [];
    client.showMistakes(reply, (m) => {
      mistakes = m;
    });
    expect(mistakes).toEqual(findings.map((f) => f.text.replace(/[\r\n\t]/g, ' ')));
    let best: { mistake: string; bestSuggestion: string }[] = [];
    client.bestSuggestion(reply, (s) => {
      best = s;
    });
    expect(best.map((b) => b.bestSuggestion)).toEqual(findings.map((f) => f.suggestions[0]));
  });

  it('maps offsets back through markup sent as AnnotatedText (annotatedtext-rehype, as editor plugins do)', async () => {
    const html = `<article><h1>Speech</h1><p>${spun.split('\n\n').slice(0, 3).join('</p>\n<p>')}</p></article>`;
    const res = await form({ data: JSON.stringify(annotate(html)), language: 'auto' });
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body);
    expectLanguageToolShape(body);
    expect(body.matches.length).toBeGreaterThan(0);
    for (const m of body.matches) {
      const inHtml = html.slice(m.offset, m.offset + m.length);
      expect(inHtml).not.toMatch(/[<>]/);
      expect(m.context.text).toContain(inHtml);
    }
  });

  it('takes the article into a match whose suggestions take another, unless markup stands between', () => {
    const text = 'It was an enormous bill and a huge one.';
    const at = (phrase: string) => text.indexOf(phrase);
    const result: CheckResult = {
      ...check('Hello.'),
      findings: [
        {
          offset: at('enormous'),
          length: 8,
          text: 'enormous',
          suggestions: ['large', 'immense'],
          confidence: 0.9,
          articles: ['a', 'an'],
        },
        {
          offset: at('huge'),
          length: 4,
          text: 'huge',
          suggestions: ['big'],
          confidence: 0.9,
          articles: ['a'],
        },
      ],
    };
    const [widened, kept] = languageToolReply(result, plainFromText(text), 'test').matches;
    expect(text.slice(widened.offset, widened.offset + widened.length)).toBe('an enormous');
    expect(widened.replacements.map((r) => r.value)).toEqual(['a large', 'an immense']);
    expect(
      widened.context.text.slice(widened.context.offset, widened.context.offset + widened.context.length),
    ).toBe('an enormous');
    expect([kept.offset, kept.length, kept.replacements[0].value]).toEqual([at('huge'), 4, 'big']);
    // "an <b>enormous</b>": a replacement from the article on would delete the tag.
    const data = JSON.stringify({
      annotation: [
        { text: 'It was an ' },
        { markup: '<b>' },
        { text: 'enormous' },
        { markup: '</b>' },
        { text: ' bill and a huge one.' },
      ],
    });
    const [inMarkup] = languageToolReply(result, plainFromAnnotation(data), 'test').matches;
    expect([inMarkup.offset, inMarkup.length]).toEqual([at('enormous') + 3, 8]);
    expect(inMarkup.replacements.map((r) => r.value)).toEqual(['large', 'immense']);
    // Markup read as text of its own length ("<x>" as three spaces) is markup all the same.
    const sameLength = JSON.stringify({
      annotation: [
        { text: 'It was an' },
        { markup: '<x>', interpretAs: ' ' },
        { text: 'enormous bill and a huge one.' },
      ],
    });
    const [readAsSpace] = languageToolReply(result, plainFromAnnotation(sameLength), 'test').matches;
    expect(readAsSpace.replacements.map((r) => r.value)).toEqual(['large', 'immense']);
    // An article that ends the match before is that match's: the two must not overlap.
    const chained = 'The bill an enormous one.';
    const afterMatch: CheckResult = {
      ...result,
      findings: [
        { offset: 4, length: 7, text: 'bill an', suggestions: ['invoice a'], confidence: 0.9 },
        { ...result.findings[0], offset: chained.indexOf('enormous') },
      ],
    };
    const [first, second] = languageToolReply(afterMatch, plainFromText(chained), 'test').matches;
    expect(second.offset).toBeGreaterThanOrEqual(first.offset + first.length);
    expect(second.replacements.map((r) => r.value)).toEqual(['large', 'immense']);
  });

  it('lists its languages and answers in the variant asked for, as LanguageTool does', async () => {
    const languages = JSON.parse((await app.inject({ method: 'GET', url: '/v2/languages' })).body);
    expect(languages).toContainEqual({ name: 'English (US)', code: 'en', longCode: 'en-US' });
    expect(languages).toContainEqual({ name: 'English (GB)', code: 'en', longCode: 'en-GB' });
    const gb = JSON.parse((await form({ text: 'Hello.', language: 'en-GB' })).body).language;
    expect(gb).toMatchObject({ name: 'English (GB)', code: 'en-GB', detectedLanguage: { code: 'en-GB' } });
    const auto = await form({ text: 'Hello.', language: 'auto', preferredVariants: 'de-AT,en-GB' });
    expect(JSON.parse(auto.body).language.code).toBe('en-GB');
    expect(JSON.parse((await form({ text: 'Hello.', language: 'auto' })).body).language.code).toBe('en-US');
  });

  it('refuses a form of very many fields before parsing it, so the event loop stays free', async () => {
    const many = `text=Hello.&language=en&${'a=1&'.repeat(500_000)}`;
    const t0 = performance.now();
    const message = expectError(
      await raw('/v2/check', many, 'application/x-www-form-urlencoded'),
      400,
      'invalid-request',
    );
    expect(message).toMatch(/more than 1000 fields/);
    expect(performance.now() - t0).toBeLessThan(1000);
    const odd = await raw(
      '/v2/check',
      '__proto__=x&constructor=y&text=Hello.&language=en&level=picky&motherTongue=de&enabledOnly=false',
      'application/x-www-form-urlencoded',
    );
    expect(odd.statusCode).toBe(200);
    expectError(
      await raw('/v2/check', 'text=a&text=b&language=en', 'application/x-www-form-urlencoded'),
      400,
      'invalid-request',
    );
  });

  it('refuses other languages and missing text', async () => {
    expect(
      expectError(await form({ text: 'Hallo Welt', language: 'de-DE' }), 400, 'unsupported-language'),
    ).toMatch(/English/);
    expectError(await form({ language: 'en-US' }), 400, 'invalid-request');
    expectError(await form({ text: 'x', data: '{"annotation":[]}', language: 'en' }), 400, 'invalid-request');
    expectError(await form({ data: '{"annotation": 5}', language: 'en' }), 400, 'invalid-request');
    // JSON is accepted too (LanguageTool itself takes only forms).
    expect((await json('/v2/check', { text: 'Hello.', language: 'en' })).statusCode).toBe(200);
    expect(
      expectError(await raw('/v2/check', 'Hello.', 'text/plain'), 415, 'unsupported-media-type'),
    ).toMatch(/takes a form/);
    const multipart = '--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nHello.\r\n--b--\r\n';
    const refused = await raw('/v2/check', multipart, 'multipart/form-data; boundary=b');
    expect(expectError(refused, 415, 'unsupported-media-type')).toMatch(/x-www-form-urlencoded/);
  });

  it('decodes a form in the charset it declares, raw or percent-encoded, and refuses what does not decode', async () => {
    const formType = 'application/x-www-form-urlencoded';
    const latin1 = Buffer.from('text=caf\xe9+au+lait&language=en', 'latin1');
    expect(parseForm(latin1, `${formType}; charset=iso-8859-1`)).toEqual({
      text: 'café au lait',
      language: 'en',
    });
    expect(parseForm(Buffer.from('text=caf%C3%A9'), formType)).toEqual({ text: 'café' });
    expect(parseForm(Buffer.from('text=caf%C3%A9'), `${formType}; charset=iso-8859-1`)).toEqual({
      text: 'cafÃ©',
    });
    expect(parseForm(Buffer.from('a=1&a=2&b&=c&&x=%zz'), formType)).toEqual({
      a: ['1', '2'],
      b: '',
      '': 'c',
      x: '%zz',
    });
    for (const body of [latin1, Buffer.from('text=caf%E9&language=en')]) {
      const res = await raw('/v2/check', body, formType);
      expect(expectError(res, 400, 'invalid-encoding')).toMatch(/"text"/);
    }
    expectError(
      await raw('/v2/check', latin1, `${formType}; charset=klingon`),
      415,
      'unsupported-media-type',
    );
    // A form is split at ASCII bytes: a charset that does not write ASCII as ASCII is refused.
    const utf16 = Buffer.from('text=Hi&language=en', 'utf16le');
    expectError(await raw('/v2/check', utf16, `${formType}; charset=utf-16`), 415, 'unsupported-media-type');
    // A byte order mark before the body is the body's; one in a value is the value's own first
    // character, kept as JSON keeps it.
    expect(parseForm(Buffer.from('\uFEFFtext=Hello&language=en'), formType)).toEqual({
      text: 'Hello',
      language: 'en',
    });
    expect(parseForm(Buffer.from('text=%EF%BB%BFHello'), formType)).toEqual({ text: '\uFEFFHello' });
  });

  it('answers GET with the fields in the query string, as LanguageTool does', async () => {
    const text = spun.split('\n\n')[0];
    const query = new URLSearchParams({ text, language: 'en-US' }).toString();
    const res = await app.inject({ method: 'GET', url: `/v2/check?${query}` });
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body);
    expectLanguageToolShape(body);
    expect(body.matches.length).toBeGreaterThan(0);
    expect(body.matches).toEqual(JSON.parse((await form({ text, language: 'en-US' })).body).matches);
    expectError(await app.inject({ method: 'GET', url: '/v2/check?language=en' }), 400, 'invalid-request');
    expectError(
      await app.inject({ method: 'GET', url: '/v2/check?text=Hallo&language=de' }),
      400,
      'unsupported-language',
    );
    // As strict as a form body: Latin-1 percent-escapes are not UTF-8.
    for (const url of ['/v2/check?text=caf%E9&language=en', '/v2/check?text=why?caf%E9&language=en']) {
      expectError(await app.inject({ method: 'GET', url }), 400, 'invalid-encoding');
    }
  });
});

describe('calls from web pages of other sites (CORS)', () => {
  const preflight = (server: FastifyInstance, origin: string) =>
    server.inject({
      method: 'OPTIONS',
      url: '/v2/check',
      headers: { origin, 'access-control-request-method': 'POST' },
    });

  it('are not allowed unless the server was started with allowed origins', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/check',
      payload: JSON.stringify({ text: 'Hello.' }),
      headers: { 'content-type': 'application/json', origin: 'https://editor.example' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(
      (await preflight(app, 'https://editor.example')).headers['access-control-allow-origin'],
    ).toBeUndefined();
  });

  it('are allowed from the given origins only, preflight included', async () => {
    const open = await buildServer({
      db: join(tmp, 'cors.db'),
      threads: 1,
      allowOrigin: ['https://editor.example'],
    });
    try {
      const ok = await preflight(open, 'https://editor.example');
      expect(ok.statusCode).toBe(204);
      expect(ok.headers['access-control-allow-origin']).toBe('https://editor.example');
      expect(String(ok.headers['access-control-allow-methods'])).toMatch(/POST/);
      const other = await preflight(open, 'https://elsewhere.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const bare = await open.inject({ method: 'OPTIONS', url: '/v1/check' });
      expect([bare.statusCode, bare.body]).toEqual([204, '']);
      const res = await open.inject({
        method: 'POST',
        url: '/v2/check',
        payload: new URLSearchParams({ text: 'Hello.', language: 'en' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://editor.example' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('https://editor.example');
    } finally {
      await open.close();
    }
  });
});

describe('a listening server', () => {
  it('keeps answering /health and short requests while a long document is analysed', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const post = (url: string, body: unknown) =>
      fetch(base + url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // The first fetch in a process loads its HTTP client: not what is being measured.
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const long = `${spun}\n\n`.repeat(Math.ceil(100_000 / spun.length));
    let longDone = 0;
    const longRequest = post('/v1/check', { text: long }).then(async (r) => {
      longDone = performance.now();
      return r.status;
    });
    await new Promise((r) => setTimeout(r, 150));
    const healthMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      expect((await fetch(`${base}/health`)).status).toBe(200);
      healthMs.push(performance.now() - t0);
    }
    // The analysis takes seconds; a blocked event loop would show here. Median, as the
    // machine running the tests may be busy with other work.
    expect(healthMs.sort((a, b) => a - b)[1]).toBeLessThan(100);
    const short = await post('/v1/check', { text: spun.slice(0, 500) });
    const shortDone = performance.now();
    expect(short.status).toBe(200);
    expect(await longRequest).toBe(200);
    expect(shortDone).toBeLessThan(longDone);
  });
});

/** Sends bytes on a raw socket and collects everything the server writes until it closes. */
async function rawExchange(port: number, send: (socket: ReturnType<typeof connect>) => Promise<void>) {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString();
  });
  const closed = new Promise((resolve) => socket.on('close', resolve));
  await new Promise((resolve) => socket.on('connect', resolve));
  await send(socket);
  await closed;
  const [head, body] = received.split('\r\n\r\n');
  return { statusCode: Number(head.split(' ')[1]), head, body };
}

describe('requests too broken or too late to be routed', () => {
  it('answers headers too large for the server with an API error', async () => {
    if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const res = await rawExchange(port, async (socket) => {
      socket.write(`GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
    });
    expect(res.head).toMatch(/content-type: application\/json/i);
    expectError(res, 431, 'invalid-request');
  });

  it('refuses a request that arrives while the server shuts down, with an API error', async () => {
    const closing = await buildServer({ db: join(tmp, 'closing.db'), threads: 1 });
    await closing.listen({ port: 0, host: '127.0.0.1' });
    const { port } = closing.server.address() as { port: number };
    let closed: Promise<undefined> | undefined;
    const res = await rawExchange(port, async (socket) => {
      // Half a request keeps the connection busy, so shutting down waits for the rest.
      socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
      await new Promise((r) => setTimeout(r, 100));
      closed = closing.close();
      await new Promise((r) => setTimeout(r, 100));
      socket.write('\r\n');
    });
    await closed;
    expect(res.head).toMatch(/connection: close/i);
    expectError(res, 503, 'shutting-down');
  });
});

describe('the worker pool', () => {
  it('keeps serving when a worker thread dies mid-task (as on running out of memory)', async () => {
    const pool = new EnginePool({ threads: 1, timeoutMs: 60_000, maxQueue: 8 }, () => {});
    try {
      await pool.warmUp();
      const running = pool.run({ op: 'check', text: `${spun}\n\n`.repeat(20), format: 'text' });
      await new Promise((r) => setTimeout(r, 200));
      // The thread goes as an out-of-memory worker would: killed from outside, mid-task.
      const { threads } = (pool as unknown as { pool: { threads: { terminate(): Promise<number> }[] } }).pool;
      await threads[0].terminate();
      const outcome = await running.then(
        () => 'finished',
        (err: unknown) => err,
      );
      expect(outcome).not.toBe('finished');
      const failure = toApiError(outcome);
      expect([failure.status, failure.code]).toEqual([500, 'internal-error']);
      expect(failure.message).not.toMatch(/worker|exited/);
      const next = await pool.run<{ verdict: string }>({ op: 'check', text: spun, format: 'text' });
      expect(next.verdict).toBe('spun');
    } finally {
      await pool.close();
    }
  });
});

describe('unspin serve', () => {
  it('finishes a request in flight on SIGTERM, then exits 0', async () => {
    const server = await startServeProcess(
      ['--import', 'tsx', join(root, 'test/fixtures/serve-child.ts')],
      ['--workers', '1', '--db', join(tmp, 'serve.db')],
      root,
    );
    const { url } = server;
    const inFlight = fetch(`${url}/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: `${spun}\n\n`.repeat(10) }),
    });
    await new Promise((r) => setTimeout(r, 200));
    server.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(JSON.parse(await res.text()).verdict).toBe('spun');
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toMatch(/SIGTERM: finishing the requests in flight/);
    expect(server.stderr()).not.toMatch(/\n\s+at /);
  });
});

describe('unspin serve start-up errors', () => {
  async function serve(args: string[]) {
    const { run } = await import('../src/cli/main.js');
    let err = '';
    const stderr = new Writable({
      write(chunk, _enc, done) {
        err += chunk.toString();
        done();
      },
    });
    const code = await run(['node', 'unspin', 'serve', ...args], { stderr, stdout: stderr, env: {} });
    return { code, err };
  }

  it('explains a bad option, an in-memory index and an index that cannot be opened', async () => {
    const badPort = await serve(['--port', 'http']);
    expect(badPort.code).toBe(2);
    expect(badPort.err).toMatch(/--port.*whole number/);
    const memory = await serve(['--db', ':memory:']);
    expect(memory.code).toBe(2);
    expect(memory.err).toMatch(/^unspin: the server needs an index on disk/);
    const blocked = join(tmp, 'a-file');
    writeFileSync(blocked, 'not a directory');
    const unopenable = await serve(['--db', join(blocked, 'index.db'), '--workers', '1']);
    expect(unopenable.code).toBe(2);
    expect(unopenable.err).toMatch(/^unspin: cannot open the index .*a-file/);
    expect(unopenable.err).not.toMatch(/\n\s+at /);
  });

  it('refuses an allowed origin that is not a web origin', async () => {
    const bad = await serve(['--allow-origin', 'https://editor.example/path']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--allow-origin.*not a web origin.*https:\/\/example\.com/);
  });
});
