/**
 * Unspin's library entry point: `check` finds swapped words and judges the document,
 * `restore` puts the original wording back. Both are synchronous; the resources load
 * once, on first use (or explicitly with `loadResources`).
 */
import { loadResources } from '../resources/index.js';
import { articleChooser, articleEndingAt, articleFor } from '../text/articles.js';
import { keepingMarkup, markdownProse } from '../text/markdown.js';
import { roundProbability } from '../util/round.js';
import { applyChanges, DEFAULT_MIN_CONFIDENCE, restorationChanges, runPipeline } from './pipeline.js';
import type { AnalyzeOptions, CheckResult, Finding, IndefiniteArticle, RestoreResult } from './types.js';

export { ResourceError } from '../resources/errors.js';
export { type Token, tokenize } from '../text/tokenize.js';
export { spunBar } from '../verdict/document.js';
export { termReadingSpinProbability } from '../verdict/term-readings.js';
export type * from './types.js';

/** Loads the language model and lexicon now instead of on the first call. */
export { loadResources };

/**
 * Longest text analysed in one call (about 1.3 million words, a minute of work and
 * under 2 GB of memory). Longer input is refused with a clear error rather than left to
 * run out of memory; a collection of documents belongs in --jsonl, one per line.
 */
export const MAX_TEXT_LENGTH = 8_000_000;

/** The text is longer than one analysis takes (`MAX_TEXT_LENGTH`); the message says what to do. */
export class TextTooLongError extends RangeError {
  override readonly name = 'TextTooLongError';
  readonly code = 'too-long';
}

function validate(text: unknown): string {
  if (typeof text !== 'string') throw new TypeError('the text to analyse must be a string');
  if (text.length > MAX_TEXT_LENGTH) {
    throw new TextTooLongError(
      `the text is ${text.length.toLocaleString('en-US')} characters long, over the limit of ${MAX_TEXT_LENGTH.toLocaleString('en-US')} for one analysis: split it into parts (for many documents, one JSON line each with --jsonl)`,
    );
  }
  return text;
}

/**
 * The pipeline's result on the prose of `text`: the text itself, or for markdown the text with
 * its markup blanked, at the same offsets. Restoring never touches markup: a phrase across an
 * emphasis mark or a link target has its suggestions written with that markup between their
 * words ("an *individual" → "a *person"), and those that cannot be are left out; a finding whose
 * first suggestion cannot be is left out.
 */
function analyze(text: string, options: AnalyzeOptions) {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const source = validate(text);
  if (options.format !== 'markdown') {
    return { ...runPipeline(source, loadResources(), minConfidence), prose: source, changeable: () => true };
  }
  const markdown = markdownProse(source);
  const result = runPipeline(markdown.text, loadResources(), minConfidence);
  const findings = result.findings.flatMap((f) => {
    if (markdown.changeable(f.offset, f.end)) return [f];
    const [first, ...others] = f.suggestions.map((s) => keepingMarkup(markdown, source, f.offset, f.end, s));
    if (first === undefined) return [];
    return [{ ...f, suggestions: [first, ...others.filter((s) => s !== undefined)] }];
  });
  return { ...result, findings, prose: markdown.text, changeable: markdown.changeable };
}

export function check(text: string, options: AnalyzeOptions = {}): CheckResult {
  const { findings, evidence, verdict: judged, prose } = analyze(text, options);
  const { spinProbability, verdict } = judged;
  const takesAn = articleChooser(loadResources().lm);
  return {
    spinProbability,
    verdict,
    words: evidence.words,
    findings: findings.map((f): Finding => {
      // Even an article inside the finding before: whether it is this finding's to change
      // depends on whether that one is applied, which is the client's choice.
      const article = articleEndingAt(prose, f.offset, 0);
      return {
        offset: f.offset,
        length: f.end - f.offset,
        text: text.slice(f.offset, f.end),
        suggestions: f.suggestions,
        confidence: roundProbability(f.confidence),
        ...(article && {
          articles: f.suggestions.map(
            (s) => articleFor(s, takesAn) ?? (article.article.toLowerCase() as IndefiniteArticle),
          ),
        }),
      };
    }),
    knownTorturedPhrases: evidence.knownPhrases,
    listedTermReadings: judged.termReadings,
    spunAt: judged.spunAt,
  };
}

export function restore(text: string, options: AnalyzeOptions = {}): RestoreResult {
  const { findings, prose, changeable } = analyze(text, options);
  const changes = restorationChanges(prose, findings, loadResources().lm, changeable, text);
  return { restored: applyChanges(text, changes), changes };
}
export type * from './source.js';
export { isServerUrl, openIndex, SourceIndex } from './source.js';
