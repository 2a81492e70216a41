/**
 * The worker-thread side of the engine pool: analysis and index work run here so that a
 * 5 MB document never blocks the event loop that answers other requests. Each thread
 * loads the resources once, at start-up, and keeps one open index per database.
 */
import { check, loadResources, openIndex, restore, type SourceIndex, type TextFormat } from '../api/index.js';
import { describeError } from '../cli/errors.js';
import { shownLocation } from '../cli/source-commands.js';
import { analyzeOptions } from '../cli/sources.js';
import { type InputFormat, readGivenText } from '../input/index.js';

export type EngineTask =
  | { op: 'warm-up' }
  | { op: 'check' | 'restore'; text: string; format: InputFormat; minConfidence?: number }
  | { op: 'find'; db: string; text: string; limit?: number; format?: TextFormat }
  | {
      op: 'add';
      db: string;
      documents: { id: string; text: string; title?: string; url?: string; date?: string }[];
    }
  | { op: 'get' | 'remove'; db: string; id: string }
  | { op: 'stats'; db: string };

/** Errors cross the thread boundary as data: class identity does not survive the trip. */
export type TaskOutcome =
  | { ok: true; value: unknown }
  | { ok: false; code: string; message: string; detail?: string };

let startupError: unknown;
try {
  loadResources();
} catch (err) {
  startupError = err;
}

const indexes = new Map<string, Promise<SourceIndex>>();

class IndexUnavailable extends Error {
  readonly code = 'index-unavailable';
}

function indexAt(db: string): Promise<SourceIndex> {
  let index = indexes.get(db);
  if (!index) {
    index = openIndex(db).catch((err: unknown) => {
      if (err instanceof Error && err.name === 'ResourceError') throw err;
      const detail =
        err instanceof Error ? err.message || String((err as { code?: unknown }).code) : String(err);
      throw new IndexUnavailable(`cannot open the index ${shownLocation(db)}: ${detail}`);
    });
    // A failed open (server down, unwritable path) is retried by the next request.
    index.catch(() => indexes.delete(db));
    indexes.set(db, index);
  }
  return index;
}

function analyse(task: Extract<EngineTask, { op: 'check' | 'restore' }>) {
  // Refused as a file would be when it holds nothing to check (or, as HTML, no article text).
  const { text } = readGivenText(task.text, '"text"', task.format);
  const options = analyzeOptions(task, task.format);
  const result = task.op === 'check' ? check(text, options) : restore(text, options);
  return task.format === 'html' ? { ...result, text } : result;
}

async function perform(task: EngineTask): Promise<unknown> {
  if (startupError) throw startupError;
  switch (task.op) {
    case 'warm-up':
      return null;
    case 'check':
    case 'restore':
      return analyse(task);
    case 'find':
      return (await indexAt(task.db)).find(task.text, { limit: task.limit, format: task.format });
    case 'add':
      return (await indexAt(task.db)).add(task.documents);
    case 'get':
      return (await (await indexAt(task.db)).get(task.id)) ?? null;
    case 'remove':
      return (await indexAt(task.db)).remove(task.id);
    case 'stats':
      return (await indexAt(task.db)).stats();
  }
}

export default async function runTask(task: EngineTask): Promise<TaskOutcome> {
  try {
    return { ok: true, value: await perform(task) };
  } catch (err) {
    if (err instanceof IndexUnavailable) return { ok: false, code: err.code, message: err.message };
    const { code, message } = describeError(err);
    return code === 'internal-error'
      ? { ok: false, code, message, detail: err instanceof Error ? (err.stack ?? err.message) : String(err) }
      : { ok: false, code, message };
  }
}
