/**
 * The library's one pipeline: decode the text under the "spun" model, judge the
 * document, and weigh every finding by the probability that the document was spun —
 * P(changed) = P(spun) · P(changed | spun) — so that clean text comes out untouched and
 * clearly spun text is restored boldly (`weighFindings` says which probability).
 */
import { DEFAULT_SPINNER_MODEL, type SpinnerModelParams } from '../channel/spinner-model.js';
import { analyzeText, type DocumentEvidence } from '../decode/analyze.js';
import type { SpanFinding } from '../decode/findings.js';
import { spintaxFindings, withSpintax } from '../decode/spintax.js';
import type { LanguageModel, Resources } from '../resources/index.js';
import { articleChooser, withAgreeingArticles } from '../text/articles.js';
import { withLineBreaksOf } from '../text/layout.js';
import { roundProbability } from '../util/round.js';
import {
  type Calibration,
  calibrateConfidence,
  type DocumentVerdict,
  judgeDocument,
} from '../verdict/document.js';
import { countTermReadings } from '../verdict/term-readings.js';
import type { Change } from './types.js';

/** Lowest calibrated confidence `check` reports and `restore` acts on, unless told otherwise. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

/** Lowest lattice posterior kept as a candidate finding before calibration. */
export const RAW_FINDING_FLOOR = 0.05;

export interface PipelineResult {
  findings: SpanFinding[];
  evidence: DocumentEvidence;
  verdict: DocumentVerdict;
}

/**
 * Whether replacing the span by its first suggestion is expected to bring the text closer
 * to the original: the suggestion must be likelier than the span being unchanged. (A
 * changed span restored to a wrong original is no worse than left alone.)
 */
export function worthRestoring(f: SpanFinding): boolean {
  return f.suggestionConfidence > 1 - f.confidence;
}

/**
 * The changes `restore` makes from reported findings: each one worth restoring, its first
 * suggestion laid out like the span it replaces, and an article right before it made to
 * agree with it ("an enormous bill" → "a large bill"). The findings are read in `prose`, and
 * their changes made to `source` (the markdown a prose was read from; a finding across its
 * markup has its suggestions written with it). An article is changed only where `changeable`
 * allows; a change whose article may not change is left out with it.
 */
export function restorationChanges(
  prose: string,
  findings: readonly SpanFinding[],
  lm: LanguageModel,
  changeable: (start: number, end: number) => boolean = () => true,
  source = prose,
): Change[] {
  const changes = findings.filter(worthRestoring).map((f) => ({
    offset: f.offset,
    length: f.end - f.offset,
    text: source.slice(f.offset, f.end),
    replacement: withLineBreaksOf(source.slice(f.offset, f.end), f.suggestions[0]),
    confidence: roundProbability(f.confidence),
  }));
  return withAgreeingArticles(prose, changes, articleChooser(lm), changeable);
}

/** The text with the changes (sorted by offset, not overlapping) applied. */
export function applyChanges(text: string, changes: readonly Change[]): string {
  let out = '';
  let at = 0;
  for (const c of changes) {
    out += text.slice(at, c.offset) + c.replacement;
    at = c.offset + c.length;
  }
  return out + text.slice(at);
}

/** A finding weighed by the probability that the document was spun, then calibrated. */
export function weighFinding(f: SpanFinding, spinProbability: number, model?: Calibration): SpanFinding {
  const confidence = calibrateConfidence(f.confidence, spinProbability, f.listedTerm === true, model);
  // The first suggestion keeps its share of the span's probability.
  const suggestionConfidence = (f.suggestionConfidence / Math.max(1e-9, f.confidence)) * confidence;
  return { ...f, confidence, suggestionConfidence };
}

/**
 * Every finding weighed by the probability that the document was spun. A reading of a listed
 * term is weighed by the tortured phrases too, known or read back (where there are some,
 * more are likely: `spinProbability`); any other reading only by the probability that the
 * text was spun throughout, or every plausible synonym in a paper mill's otherwise untouched
 * prose would be "restored".
 */
export function weighFindings(
  findings: readonly SpanFinding[],
  verdict: DocumentVerdict,
  model?: Calibration,
): SpanFinding[] {
  return findings.map((f) =>
    weighFinding(f, f.listedTerm ? verdict.spinProbability : verdict.spunThroughout, model),
  );
}

/** A text's verdict and its findings weighed as reported. */
export interface JudgedText {
  verdict: DocumentVerdict;
  weighed: SpanFinding[];
}

/**
 * The verdict `check` gives, from the lattice evidence, the known tortured phrases and the
 * readings as listed terms, with the findings weighed by it. The readings are counted once,
 * among the findings weighed without them, so that a reading never vouches for itself; the
 * verdict they give then weighs the findings reported. (A development paper whose five
 * held-out tortured phrases are read back three times or more is restored further:
 * `scripts/papers-weighing.ts`.)
 */
export function judgeText(
  findings: readonly SpanFinding[],
  evidence: DocumentEvidence,
  model?: Calibration,
): JudgedText {
  const alone = judgeDocument(evidence, model);
  const withoutReadings = weighFindings(findings, alone, model);
  const verdict = judgeDocument(evidence, model, countTermReadings(withoutReadings));
  // Most texts have too few readings to raise the probability: their weights stand.
  const raised = verdict.spinProbability !== alone.spinProbability;
  return { verdict, weighed: raised ? weighFindings(findings, verdict, model) : withoutReadings };
}

export function runPipeline(
  text: string,
  res: Resources,
  minConfidence: number,
  params: SpinnerModelParams = DEFAULT_SPINNER_MODEL,
): PipelineResult {
  // Decode with a low bar: calibration below may raise a finding past `minConfidence`.
  const { findings, evidence } = analyzeText(text, res, Math.min(minConfidence, RAW_FINDING_FLOOR), params);
  const { verdict, weighed } = judgeText(findings, evidence);
  const reported = weighed.filter((f) => f.confidence >= minConfidence);
  const spintax = spintaxFindings(text).filter((f) => f.confidence >= minConfidence);
  return { findings: withSpintax(reported, spintax), evidence, verdict };
}
