/**
 * What the browser tests stand on: the real server (`buildServer`) on a free loopback
 * port serving a fresh build of the web app, Debian's Chromium driven by playwright-core,
 * and a record of every request the pages make. Chromium missing is a failure, not a skip:
 * .ci/run installs it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.js';
import { buildServer } from '../../src/server/app.js';

export const CHROMIUM = process.env.UNSPIN_CHROMIUM ?? '/usr/bin/chromium';
export const TOKEN = 'e2e-token';
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-artifacts', 'screenshots');

export interface Harness {
  origin: string;
  browser: Browser;
  /** Every URL any page asked for, in order. */
  requests: string[];
  /** Errors thrown in any page (uncaught exceptions, console errors). */
  pageErrors: string[];
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  api<T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium; .ci/run does) or set UNSPIN_CHROMIUM`,
    );
  }
  const tmp = mkdtempSync(join(tmpdir(), 'unspin-e2e-'));
  const webRoot = join(tmp, 'web');
  await buildWeb(webRoot);
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  try {
    app = await buildServer({ db: join(tmp, 'index.db'), token: TOKEN, threads: 1, webRoot });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
    const origin = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
      ],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    const requests: string[] = [];
    const pageErrors: string[] = [];
    const contexts: BrowserContext[] = [];
    const started = { app, browser };
    return {
      origin,
      browser,
      requests,
      pageErrors,
      async newPage(viewport = { width: 1280, height: 900 }) {
        const context = await started.browser.newContext({ viewport, acceptDownloads: true });
        contexts.push(context);
        context.on('request', (r) => requests.push(r.url()));
        const page = await context.newPage();
        page.on('pageerror', (e) => pageErrors.push(e.message));
        page.on('console', (m) => {
          // Chromium logs every 4xx reply; the error tests cause some on purpose.
          if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
            pageErrors.push(m.text());
        });
        await page.goto(`${origin}/`);
        return { context, page };
      },
      async api<T>(method: string, path: string, body?: unknown, token?: string) {
        const headers: Record<string, string> = {};
        if (body !== undefined) headers['content-type'] = 'application/json';
        if (token) headers.authorization = `Bearer ${token}`;
        const res = await fetch(`${origin}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as T };
      },
      async screenshot(page, name) {
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
      },
      async close() {
        await Promise.all(contexts.map((c) => c.close().catch(() => {})));
        await started.browser.close();
        await started.app.close();
        rmSync(tmp, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close();
    await app?.close();
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
