/**
 * The CLI's only door into the library. Loaded lazily so that `--help` and
 * input errors never pay for (or fail on) loading the language resources.
 */
import type { AnalyzeOptions, CheckResult, RestoreResult } from '../api/index.js';

export interface Engine {
  check(text: string, options: AnalyzeOptions): CheckResult;
  restore(text: string, options: AnalyzeOptions): RestoreResult;
}

let loading: Promise<Engine> | undefined;

async function load(): Promise<Engine> {
  const api = await import('../api/index.js');
  // Fails early, once, with a ResourceError whose message tells the user how to fix it.
  api.loadResources();
  return { check: api.check, restore: api.restore };
}

export function getEngine(): Promise<Engine> {
  if (!loading) {
    loading = load();
    // A failed load is not cached: a later run() in the same process may succeed.
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
