/**
 * Speed probe run in a fresh Node process by bench/speed.ts, so import and resource loading are
 * timed cold and peak memory is the engine's alone (not the benchmark's thesauri).
 * Input: a JSON file { long, short, coldShort?, longer?, reps } (texts with their word counts). Output: one JSON line.
 */
import { readFileSync } from 'node:fs';

interface Input {
  /** Long documents, timed each `reps` times. */
  long: { label: string; text: string; words: number }[];
  short: { text: string; words: number }[];
  /** A text ten times the long ones, checked once. */
  longer?: { text: string; words: number };
  /** Short documents timed right after the first call, with the engine's caches still cold. */
  coldShort?: { text: string; words: number }[];
  reps: number;
}

type Fn = (text: string) => unknown;

function rate(fn: Fn, texts: readonly { text: string; words: number }[], reps: number) {
  let words = 0;
  const t = performance.now();
  for (let r = 0; r < reps; r++) {
    for (const doc of texts) {
      fn(doc.text);
      words += doc.words;
    }
  }
  const seconds = (performance.now() - t) / 1000;
  return { words, seconds, wordsPerSecond: seconds > 0 ? words / seconds : 0 };
}

async function main(): Promise<void> {
  const input = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Input;
  const t0 = performance.now();
  const api = (await import('../src/api/index.js')) as Record<string, unknown>;
  const importMs = performance.now() - t0;
  let loadMs: number | null = null;
  if (typeof api.loadResources === 'function') {
    const t1 = performance.now();
    await (api.loadResources as () => unknown)();
    loadMs = performance.now() - t1;
  }
  const check = api.check as Fn;
  const restore = api.restore as Fn;
  const t2 = performance.now();
  check(input.short[0].text);
  const firstCallMs = performance.now() - t2;
  const coldShort = input.coldShort?.length ? { check: rate(check, input.coldShort, 1) } : undefined;
  // Steady-state throughput: the first long call pays for JIT and lazily built tables.
  for (const doc of [...input.short.slice(0, 5), input.long[0]]) {
    check(doc.text);
    restore(doc.text);
  }
  const long: Record<string, unknown> = {};
  for (const doc of input.long) {
    long[doc.label] = { check: rate(check, [doc], input.reps), restore: rate(restore, [doc], input.reps) };
  }
  const short = { check: rate(check, input.short, 1), restore: rate(restore, input.short, 1) };
  const longer = input.longer ? { check: rate(check, [input.longer], 1) } : undefined;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ importMs, loadMs, firstCallMs, long, short, coldShort, longer, maxRssMb })}\n`,
  );
}

await main();
