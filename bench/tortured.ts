/**
 * Tortured phrases (Problematic Paper Screener list, CC BY 4.0) on the held-out test split.
 * The file is read in place and used for measuring only: nothing from it is kept except
 * scores and a few example rows in the report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from './engine.js';
import { repoRoot } from './lexicon.js';
import { overlaps } from './text.js';

/** One fixed, neutral context for every row; deliberately not tuned. */
export const TEMPLATE_PREFIX = 'In this paper we apply ';
export const TEMPLATE_SUFFIX = ' to the problem.';

export interface TorturedExample {
  tortured: string;
  correct: string;
  restored: string;
  detected: boolean;
  hit: boolean;
}

export interface TorturedResult {
  path: string;
  rows: number;
  /** Distinct tortured phrases scored (a phrase with several listed corrects is one item). */
  phrases: number;
  restoreAt1: number;
  detectionRate: number;
  /** Share of sentences with the correct phrase in which restore changed anything. */
  overCorrection: number;
  /** Same, counting only changes that touch the phrase itself. */
  overCorrectionInPhrase: number;
  examples: { hits: TorturedExample[]; misses: TorturedExample[] };
}

export function torturedTestPath(): string {
  return (
    process.env.UNSPIN_TORTURED_TEST ??
    join(repoRoot(), '..', 'shared', 'data', 'tortured-phrases', 'test.tsv')
  );
}

/** Case-insensitive, spaces collapsed, bracketed abbreviations like " (AI)" removed. */
export function normalisePhrase(phrase: string): string {
  return phrase
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

interface Change {
  offset: number;
  length: number;
  replacement: string;
}

/**
 * The text that now stands where [start, end) stood: offsets are mapped through the changes,
 * and a change straddling either boundary is taken whole.
 */
export function restoredRegion(
  original: string,
  changes: readonly Change[],
  start: number,
  end: number,
): string {
  let from = start;
  let to = end;
  for (const c of changes) {
    if (overlaps(c.offset, c.offset + c.length, start, end)) {
      from = Math.min(from, c.offset);
      to = Math.max(to, c.offset + c.length);
    }
  }
  let out = '';
  let cursor = from;
  for (const c of [...changes].sort((a, b) => a.offset - b.offset)) {
    if (c.offset < from || c.offset >= to) continue;
    out += original.slice(cursor, c.offset) + c.replacement;
    cursor = c.offset + c.length;
  }
  return out + original.slice(cursor, to);
}

/**
 * The rows of a TSV of tortured phrases (a header, then tortured and correct phrase), by tortured
 * phrase: the correct phrases it stands for, normalised; and how many rows were read.
 */
export function correctsByPhrase(path: string): { byPhrase: Map<string, Set<string>>; rows: number } {
  const byPhrase = new Map<string, Set<string>>();
  let rows = 0;
  for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
    const [tortured, correct] = line.split('\t');
    if (!tortured?.trim() || !correct?.trim()) continue;
    rows++;
    const key = tortured.trim();
    byPhrase.set(key, (byPhrase.get(key) ?? new Set<string>()).add(normalisePhrase(correct)));
  }
  return { byPhrase, rows };
}

export function runTortured(
  engine: Engine,
  maxPhrases: number | undefined,
  log: (line: string) => void,
): TorturedResult {
  const path = torturedTestPath();
  if (!existsSync(path)) throw new Error(`tortured test set not found at ${path} (set UNSPIN_TORTURED_TEST)`);
  const { byPhrase, rows } = correctsByPhrase(path);
  const items = [...byPhrase].slice(0, maxPhrases);
  let hits = 0;
  let detected = 0;
  let overCorrected = 0;
  let overCorrectedInPhrase = 0;
  let cleanSentences = 0;
  const examples: TorturedResult['examples'] = { hits: [], misses: [] };
  const start = TEMPLATE_PREFIX.length;
  for (const [tortured, corrects] of items) {
    const sentence = TEMPLATE_PREFIX + tortured + TEMPLATE_SUFFIX;
    const end = start + tortured.length;
    const restored = engine.restore(sentence);
    const region = restoredRegion(sentence, restored.changes, start, end);
    const hit = corrects.has(normalisePhrase(region));
    const found = engine
      .check(sentence)
      .findings.some((f) => overlaps(f.offset, f.offset + f.length, start, end));
    if (hit) hits++;
    if (found) detected++;
    const example = { tortured, correct: [...corrects].join(' | '), restored: region, detected: found, hit };
    const bucket = hit ? examples.hits : examples.misses;
    if (bucket.length < 5) bucket.push(example);
    for (const correct of corrects) {
      const control = TEMPLATE_PREFIX + correct + TEMPLATE_SUFFIX;
      const changes = engine.restore(control).changes;
      cleanSentences++;
      if (changes.length > 0) overCorrected++;
      if (changes.some((c) => overlaps(c.offset, c.offset + c.length, start, start + correct.length))) {
        overCorrectedInPhrase++;
      }
    }
  }
  const n = Math.max(1, items.length);
  const result: TorturedResult = {
    path,
    rows,
    phrases: items.length,
    restoreAt1: hits / n,
    detectionRate: detected / n,
    overCorrection: overCorrected / Math.max(1, cleanSentences),
    overCorrectionInPhrase: overCorrectedInPhrase / Math.max(1, cleanSentences),
    examples,
  };
  log(
    `  tortured: restore@1 ${(result.restoreAt1 * 100).toFixed(1)}%, detected ${(result.detectionRate * 100).toFixed(1)}%, ` +
      `over-correction ${(result.overCorrection * 100).toFixed(1)}% (${items.length} phrases)`,
  );
  return result;
}
