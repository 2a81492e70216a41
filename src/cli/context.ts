/** What a command needs from the outside world; tests pass their own streams. */
import { Output, type WritableLike } from './output.js';

export interface CliIo {
  stdin?: AsyncIterable<unknown> & { isTTY?: boolean };
  stdout?: WritableLike;
  stderr?: WritableLike;
  env?: Record<string, string | undefined>;
}

export interface Context {
  stdin: AsyncIterable<unknown> & { isTTY?: boolean };
  out: Output;
  err: Output;
  env: Record<string, string | undefined>;
  exitCode: number;
}

let guarded = false;

/**
 * A reader that goes away after run() returns (`unspin ... | head`) makes
 * process.stdout emit EPIPE later; with no listener Node would crash with a stack trace.
 */
function guardProcessStreams(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
}

export function createContext(io: CliIo): Context {
  if (!io.stdout || !io.stderr) guardProcessStreams();
  return {
    stdin: io.stdin ?? process.stdin,
    out: new Output(io.stdout ?? process.stdout),
    err: new Output(io.stderr ?? process.stderr),
    env: io.env ?? process.env,
    exitCode: 0,
  };
}

export function disposeContext(ctx: Context): void {
  ctx.out.dispose();
  ctx.err.dispose();
}
