/**
 * Speed and memory: words per second on one core for `check` and `restore` on long (5,000-word)
 * and short (50-word) documents (also cold: before any other text has filled the engine's
 * per-word caches), cold import/resource-load time and peak RSS, all in a fresh
 * child process (bench/speed-child); CLI start-up as wall time of `node bin/unspin.js check`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchDocument, loadMeasureDocuments, longMeasureDocuments } from './corpora.js';
import { repoRoot } from './lexicon.js';
import { createSpinner, spinDocument } from './spinner.js';
import { countWords, wordSpans } from './text.js';

export interface Throughput {
  words: number;
  seconds: number;
  wordsPerSecond: number;
}

export interface ChildReport {
  importMs: number;
  loadMs: number | null;
  firstCallMs: number;
  long: Record<'spun' | 'clean', { check: Throughput; restore: Throughput }>;
  short: { check: Throughput; restore: Throughput };
  /** Short documents checked right after the first call, before anything fills the caches. */
  coldShort?: { check: Throughput };
  /** One text ten times the long ones, checked once. */
  longer?: { check: Throughput };
  maxRssMb: number;
}

export interface StartupReport {
  skipped?: string;
  medianMs?: number;
  runsMs?: number[];
  exitCode?: number | null;
  maxRssMb?: number;
  stderr?: string;
}

export interface SpeedResult {
  longWords: number;
  shortDocuments: number;
  coldShortDocuments: number;
  longerWords: number;
  reps: number;
  child?: ChildReport;
  childError?: string;
  startup: StartupReport;
}

/** The first `n` words of a text, cut after the n-th word. */
function firstWords(text: string, n: number): string {
  const spans = wordSpans(text);
  return spans.length <= n ? text : text.slice(0, spans[n - 1].end);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function maxRssFromTime(stderr: string): number | undefined {
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return m ? Number.parseInt(m[1], 10) / 1024 : undefined;
}

function measureStartup(dir: string, sample: string, runs: number): StartupReport {
  const bin = join(repoRoot(), 'bin', 'unspin.js');
  if (!existsSync(bin)) return { skipped: 'bin/unspin.js does not exist yet' };
  const file = join(dir, 'startup.txt');
  writeFileSync(file, sample);
  const useTime = existsSync('/usr/bin/time');
  const runsMs: number[] = [];
  let exitCode: number | null = null;
  let maxRssMb: number | undefined;
  let stderr = '';
  for (let i = 0; i < runs; i++) {
    const [cmd, args] = useTime
      ? ['/usr/bin/time', ['-v', process.execPath, bin, 'check', file]]
      : [process.execPath, [bin, 'check', file]];
    const t = performance.now();
    const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: repoRoot(), timeout: 60_000 });
    runsMs.push(performance.now() - t);
    exitCode = r.status;
    stderr = r.stderr ?? '';
    maxRssMb = Math.max(maxRssMb ?? 0, maxRssFromTime(stderr) ?? 0) || undefined;
  }
  // The CLI may use its exit code for the verdict; only a crash or usage error is reported.
  const tail = stderr.replace(/\s*Command being timed:[\s\S]*$/, '').trim();
  return { medianMs: median(runsMs), runsMs, exitCode, maxRssMb, stderr: tail.slice(0, 300) || undefined };
}

export function runSpeed(quick: boolean, seed: number, log: (line: string) => void): SpeedResult {
  const reps = quick ? 1 : 3;
  const shortCount = quick ? 20 : 100;
  const spinner = createSpinner('A');
  // Each set of texts is new to the engine when it is timed: words and word triples it has
  // seen cost less the second time.
  const used = new Set<string>();
  const take = (docs: readonly BenchDocument[]) => {
    for (const doc of docs) used.add(doc.id);
    return docs;
  };
  const joined = (docs: readonly BenchDocument[], words: number) =>
    firstWords(docs.map((doc) => doc.text).join('\n\n'), words);
  const spunShort = (doc: BenchDocument, tag: string) => {
    const text = spinDocument(spinner, firstWords(doc.text, 50), 0.25, seed, `speed/${tag}${doc.id}`).text;
    return { text, words: countWords(text) };
  };
  const cleanLong = joined(take(longMeasureDocuments(5000, seed)), 5000);
  const spunLong = spinDocument(spinner, cleanLong, 0.25, seed, 'speed/long').text;
  const short = take(
    loadMeasureDocuments('brown', seed)
      .filter((doc) => !used.has(doc.id))
      .slice(0, shortCount),
  ).map((doc) => spunShort(doc, ''));
  // Other texts (SOTU), timed before any other text has warmed the engine.
  const coldShort = take(loadMeasureDocuments('sotu', seed).slice(0, shortCount)).map((doc) =>
    spunShort(doc, 'cold/'),
  );
  // A long article's worth of words is not a long book's: past RATE_SAMPLE_WORDS the engine
  // estimates the rate on a sample, and the language model's score cache holds less of it.
  const longerClean = joined(longMeasureDocuments(50_000, seed, used), 50_000);
  const longerSpun = spinDocument(spinner, longerClean, 0.25, seed, 'speed/longer').text;
  const longer = { text: longerSpun, words: countWords(longerSpun) };
  const input = {
    longer,
    long: [
      { label: 'spun', text: spunLong, words: countWords(spunLong) },
      { label: 'clean', text: cleanLong, words: countWords(cleanLong) },
    ],
    short,
    coldShort,
    reps,
  };
  const dir = mkdtempSync(join(tmpdir(), 'unspin-bench-'));
  const result: SpeedResult = {
    longWords: input.long[0].words,
    shortDocuments: short.length,
    coldShortDocuments: coldShort.length,
    longerWords: longer.words,
    reps,
    startup: { skipped: 'not run' },
  };
  try {
    const inputFile = join(dir, 'input.json');
    writeFileSync(inputFile, JSON.stringify(input));
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const child = fileURLToPath(new URL(`./speed-child${ext}`, import.meta.url));
    // execArgv carries tsx's loader when run from source; empty when compiled.
    const r = spawnSync(process.execPath, [...process.execArgv, child, inputFile], {
      encoding: 'utf8',
      timeout: 15 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const line = r.stdout?.trim().split('\n').pop();
    if (r.status === 0 && line) result.child = JSON.parse(line) as ChildReport;
    else
      result.childError = `exit ${r.status}${r.signal ? ` (${r.signal})` : ''}: ${(r.stderr ?? '').slice(0, 500)}`;
    result.startup = measureStartup(dir, short[0].text, quick ? 1 : 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (result.child) {
    const c = result.child;
    log(
      `  speed: check ${Math.round(c.long.spun.check.wordsPerSecond)} w/s long, ` +
        `${Math.round(c.short.check.wordsPerSecond)} w/s short; peak ${c.maxRssMb.toFixed(0)} MB`,
    );
  } else log(`  speed: child failed: ${result.childError}`);
  return result;
}
