/**
 * Unspin's library entry point: `check` finds swapped words and judges the document,
 * `restore` puts the original wording back. Both are synchronous; the resources load
 * once, on first use (or explicitly with `loadResources`).
 */
import { loadResources } from '../resources/index.js';
import { runPipeline, worthRestoring } from './pipeline.js';
import type { AnalyzeOptions, Change, CheckResult, Finding, RestoreResult } from './types.js';

export { ResourceError } from '../resources/errors.js';
export { type Token, tokenize } from '../text/tokenize.js';
export type * from './types.js';

/** Loads the language model and lexicon now instead of on the first call. */
export function preloadResources(): void {
  loadResources();
}
export { loadResources };

const DEFAULT_MIN_CONFIDENCE = 0.5;

function validate(text: unknown): string {
  if (typeof text !== 'string') throw new TypeError('unspin: the text to analyse must be a string');
  return text;
}

function analyze(text: string, options: AnalyzeOptions) {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  return runPipeline(validate(text), loadResources(), minConfidence);
}

export function check(text: string, options: AnalyzeOptions = {}): CheckResult {
  const { findings, evidence, verdict: judged } = analyze(text, options);
  const { spinProbability, verdict } = judged;
  return {
    spinProbability: Math.round(spinProbability * 1e4) / 1e4,
    verdict,
    words: evidence.words,
    findings: findings.map(
      (f): Finding => ({
        offset: f.offset,
        length: f.end - f.offset,
        text: text.slice(f.offset, f.end),
        suggestions: f.suggestions,
        confidence: Math.round(f.confidence * 1e4) / 1e4,
      }),
    ),
  };
}

export function restore(text: string, options: AnalyzeOptions = {}): RestoreResult {
  const { findings } = analyze(text, options);
  const changes: Change[] = findings.filter(worthRestoring).map((f) => ({
    offset: f.offset,
    length: f.end - f.offset,
    text: text.slice(f.offset, f.end),
    replacement: f.suggestions[0],
    confidence: Math.round(f.confidence * 1e4) / 1e4,
  }));
  let restored = '';
  let at = 0;
  for (const c of changes) {
    restored += text.slice(at, c.offset) + c.replacement;
    at = c.offset + c.length;
  }
  restored += text.slice(at);
  return { restored, changes };
}
