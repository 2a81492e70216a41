/**
 * Turning documents into what the store keeps: fingerprints and a hash of the text.
 * Fingerprinting is about half of the cost of an ingest, so a long ingest does it in a
 * worker thread, one batch ahead, while the main thread writes the previous batch.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { proseOf } from '../text/markdown.js';
import { toWellFormed } from '../util/unicode.js';
import { fingerprints, words } from './fingerprint.js';
import { proseEdits } from './prose-edits.js';
import type { PreparedDocument, SourceDocument } from './store.js';

/** The hash a re-add is compared by; the same as before `format` for a plain text, so its re-add changes nothing. */
function textHash(doc: SourceDocument): string {
  const fields = [doc.text, doc.title ?? null, doc.url ?? null, doc.date ?? null];
  if (doc.format === 'markdown') fields.push('markdown');
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url');
}

export function prepareDocument(doc: SourceDocument): PreparedDocument {
  const prose = proseOf(doc.text, doc.format);
  return {
    ...doc,
    textHash: textHash(doc),
    fingerprints: fingerprints(words(prose)),
    ...(doc.format === 'markdown' && { proseEdits: storedProseEdits(doc.text, prose) }),
  };
}

/**
 * The edits of the text as a store gives it back: a database keeps UTF-8, where half a
 * surrogate pair becomes U+FFFD, and the prose is read from that text.
 */
function storedProseEdits(text: string, prose: string): string {
  const stored = toWellFormed(text);
  return stored === text ? proseEdits(text, prose) : proseEdits(stored, proseOf(stored, 'markdown'));
}

export interface Preparer {
  prepare(docs: readonly SourceDocument[]): Promise<PreparedDocument[]>;
  close(): Promise<void>;
}

export const inlinePreparer: Preparer = {
  prepare: async (docs) => docs.map(prepareDocument),
  close: async () => {},
};

const WORKER_SCRIPT = new URL('./prepare-worker.js', import.meta.url);

/**
 * A preparer on a worker thread, or the inline one when the worker script is not there
 * (running from the TypeScript sources, as the tests do). The worker answers batches in
 * the order they were sent.
 */
export function workerPreparer(): Preparer {
  if (WORKER_SCRIPT.protocol !== 'file:' || !existsSync(fileURLToPath(WORKER_SCRIPT))) return inlinePreparer;
  const worker = new Worker(WORKER_SCRIPT);
  const waiting: Array<{ resolve: (d: PreparedDocument[]) => void; reject: (e: unknown) => void }> = [];
  const failAll = (err: unknown) => {
    for (const w of waiting.splice(0)) w.reject(err);
  };
  worker.on('message', (prepared: PreparedDocument[]) => waiting.shift()?.resolve(prepared));
  worker.on('error', failAll);
  worker.on('exit', () => failAll(new Error('the fingerprinting worker stopped')));
  return {
    prepare: (docs) =>
      new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(docs);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
