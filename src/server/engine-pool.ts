/**
 * A pool of worker threads running the engine (src/server/worker.ts). The event loop
 * only parses, validates and dispatches, so /health and small requests stay quick while
 * a long document is being analysed. Every task has a deadline; a task whose client has
 * gone away is dropped.
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { ApiError } from './errors.js';
import type { EngineTask, TaskOutcome } from './worker.js';

export interface PoolOptions {
  /** Worker threads; each holds its own copy of the resources (about 200 MB). */
  threads: number;
  /** Longest a task may run, queueing included, before the request fails with `timeout`. */
  timeoutMs: number;
  /** Requests waiting beyond this are refused with `busy` (503) rather than queued. */
  maxQueue: number;
}

export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

const STATUS_OF_CODE: Record<string, number> = {
  'too-long': 413,
  'resource-missing': 503,
  'resource-corrupt': 503,
  'index-unavailable': 503,
};

/** Logs what the client is not shown (internal errors' stacks). */
export type PoolLogger = (message: string) => void;

export class EnginePool {
  private readonly pool: Piscina<EngineTask, TaskOutcome>;

  constructor(
    private readonly options: PoolOptions,
    private readonly log: PoolLogger,
  ) {
    const self = fileURLToPath(import.meta.url);
    const ext = extname(self);
    this.pool = new Piscina({
      filename: new URL(`./worker${ext}`, import.meta.url).href,
      minThreads: options.threads,
      maxThreads: options.threads,
      maxQueue: options.maxQueue,
      idleTimeout: Number.POSITIVE_INFINITY,
      // Running from the TypeScript sources (tests, tsx): workers need the same loader.
      execArgv: ext === '.ts' ? ['--import', 'tsx'] : [],
    });
  }

  get threads(): number {
    return this.options.threads;
  }

  get queued(): number {
    return this.pool.queueSize;
  }

  /** Resolves when every thread has loaded its resources (rejects if they are missing). */
  async warmUp(): Promise<void> {
    await Promise.all(Array.from({ length: this.options.threads }, () => this.run({ op: 'warm-up' })));
  }

  /** Runs a task; `cancel` fires when the client disconnects. */
  async run<T>(task: EngineTask, cancel?: AbortSignal): Promise<T> {
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    const signal = cancel ? AbortSignal.any([deadline, cancel]) : deadline;
    let outcome: TaskOutcome;
    try {
      outcome = await this.pool.run(task, { signal });
    } catch (err) {
      if (deadline.aborted) {
        throw new ApiError(
          503,
          'timeout',
          `the request took longer than ${this.options.timeoutMs / 1000} s: send a shorter text, or start the server with a longer --timeout`,
        );
      }
      if (cancel?.aborted) throw new ApiError(499, 'cancelled', 'the client closed the connection');
      if (err instanceof Error && /queue is at limit/i.test(err.message)) {
        throw new ApiError(503, 'busy', 'the server is busy: retry in a moment');
      }
      throw err;
    }
    if (outcome.ok) return outcome.value as T;
    if (outcome.detail) this.log(outcome.detail);
    const status = STATUS_OF_CODE[outcome.code] ?? (outcome.code === 'internal-error' ? 500 : 400);
    const message =
      outcome.code === 'internal-error'
        ? 'internal error: the server log has the details; please report it'
        : outcome.message;
    throw new ApiError(status, outcome.code, message);
  }

  /** Waits for queued and running tasks, then stops the threads. */
  async close(): Promise<void> {
    await this.pool.close();
  }
}
