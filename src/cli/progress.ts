/** "processed N lines" on a terminal's stderr; silent when stderr is redirected. */
import type { Output } from './output.js';

const INTERVAL_MS = 250;

export class Progress {
  private count = 0;
  private shown = false;
  private readonly started: number;
  private lastShown: number;

  constructor(
    private readonly err: Output,
    private readonly enabled: boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
    this.lastShown = this.started;
  }

  tick(): void {
    this.count++;
    // Reading the clock every line would cost more than the check on short lines.
    if (!this.enabled || (this.count & 63) !== 0) return;
    const t = this.now();
    if (t - this.lastShown < INTERVAL_MS) return;
    this.lastShown = t;
    const rate = Math.round((this.count * 1000) / Math.max(1, t - this.started));
    this.err.writeNow(`\r\x1b[Kprocessed ${this.count} lines, ${rate} lines/s`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.err.writeNow('\r\x1b[K');
    this.shown = false;
  }
}
