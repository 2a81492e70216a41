/**
 * Writing to stdout/stderr with backpressure (JSON Lines output can be huge)
 * and without crashing when the reader goes away (`unspin ... | head`).
 */
import { once } from 'node:events';
import { makeStyle, type Style } from './style.js';

export interface WritableLike {
  write(chunk: string | Uint8Array): boolean;
  on(event: 'error', listener: (err: Error) => void): unknown;
  off(event: 'error', listener: (err: Error) => void): unknown;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  isTTY?: boolean;
}

/** The reader closed the pipe: stop quietly, this is not an error. */
export class BrokenPipe extends Error {
  override readonly name = 'BrokenPipe';
}

export class Output {
  readonly isTTY: boolean;
  style: Style = makeStyle(false);
  private failure: Error | undefined;
  private readonly onError = (err: Error): void => {
    this.failure = err;
  };

  constructor(readonly stream: WritableLike) {
    this.isTTY = stream.isTTY === true;
    stream.on('error', this.onError);
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    this.check();
    if (!this.stream.write(chunk)) {
      try {
        await once(this.stream as unknown as NodeJS.EventEmitter, 'drain');
      } catch (err) {
        this.failure = err as Error;
      }
    }
    this.check();
  }

  /** For short messages on the error path, where waiting for drain is not worth it. */
  writeNow(chunk: string): void {
    if (!this.failure) this.stream.write(chunk);
  }

  dispose(): void {
    this.stream.off('error', this.onError);
  }

  private check(): void {
    const err = this.failure as NodeJS.ErrnoException | undefined;
    if (!err) return;
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') throw new BrokenPipe(err.message);
    throw err;
  }
}
