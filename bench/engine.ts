/**
 * The engine under test, loaded through its public library entry point only, with a tally of
 * how many words went through it and how long that took (for the speed of the quality runs).
 */
import type { AnalyzeOptions, CheckResult, RestoreResult } from '../src/api/index.js';

export interface Engine {
  check(text: string, options?: AnalyzeOptions): CheckResult;
  restore(text: string, options?: AnalyzeOptions): RestoreResult;
  /** Present if the API exposes an explicit resource loader. */
  loadResources?: () => unknown;
  /** Seconds spent importing the module (and calling loadResources if present). */
  importSeconds: number;
  loadSeconds: number | null;
  /** Running totals over all calls. */
  stats: { calls: number; words: number; seconds: number; anyOutput: boolean };
}

export async function loadEngine(): Promise<Engine> {
  const t0 = performance.now();
  const api = (await import('../src/api/index.js')) as Record<string, unknown>;
  const importSeconds = (performance.now() - t0) / 1000;
  let loadSeconds: number | null = null;
  const loader = typeof api.loadResources === 'function' ? (api.loadResources as () => unknown) : undefined;
  if (loader) {
    const t1 = performance.now();
    await loader();
    loadSeconds = (performance.now() - t1) / 1000;
  }
  const check = api.check as Engine['check'];
  const restore = api.restore as Engine['restore'];
  const stats = { calls: 0, words: 0, seconds: 0, anyOutput: false };
  const timed = <T>(fn: () => T, text: string): T => {
    const t = performance.now();
    const out = fn();
    stats.seconds += (performance.now() - t) / 1000;
    stats.calls++;
    stats.words += text.split(/\s+/).length;
    return out;
  };
  return {
    check: (text, options) => {
      const r = timed(() => check(text, options), text);
      if (r.findings.length > 0 || r.spinProbability > 0) stats.anyOutput = true;
      return r;
    },
    restore: (text, options) => {
      const r = timed(() => restore(text, options), text);
      if (r.changes.length > 0) stats.anyOutput = true;
      return r;
    },
    loadResources: loader,
    importSeconds,
    loadSeconds,
    stats,
  };
}
