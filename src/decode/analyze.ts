/**
 * The whole-document pass: text → tokens → word positions → candidate lattice →
 * spin-rate estimation (expectation–maximisation over the lattice posteriors) →
 * decoding at the estimated rate → findings and document evidence.
 */
import { sentenceCandidates } from '../channel/candidates.js';
import { type Sentence, wordPositions } from '../channel/positions.js';
import { DEFAULT_SPINNER_MODEL, logKeep, type SpinnerModelParams } from '../channel/spinner-model.js';
import { DEFAULT_CANDIDATE_OPTIONS, type Substitution } from '../channel/substitution.js';
import type { Resources } from '../resources/index.js';
import { tokenize } from '../text/tokenize.js';
import { type SpanFinding, sentenceFindings } from './findings.js';
import { cleanLogLikelihood, decodeSentence } from './lattice.js';

export interface DocumentEvidence {
  /** Word tokens in the text. */
  words: number;
  /** Estimated spin rate λ (share of spinnable words changed). */
  rate: number;
  /** log10 P(text | spun at rate λ) − log10 P(text | not spun). */
  logLikelihoodRatio: number;
  /** Expected number of swapped spans at the estimated rate. */
  expectedChanges: number;
  /** Σ reluctance × propensity over words: how many words a spinner would touch at rate 1. */
  exposure: number;
}

export interface Analysis {
  findings: SpanFinding[];
  evidence: DocumentEvidence;
}

const EM_ITERATIONS = 3;
const INITIAL_RATE = 0.2;

interface SentenceWork {
  sentence: Sentence;
  substitutions: Substitution[];
}

function keepOnly(sentence: Sentence, params: SpinnerModelParams, rate: number): number {
  let total = 0;
  for (const p of sentence) total += logKeep(rate, params.reluctance[p.wordClass], p.propensity);
  return total;
}

export function analyzeText(
  text: string,
  res: Resources,
  minConfidence: number,
  params: SpinnerModelParams = DEFAULT_SPINNER_MODEL,
): Analysis {
  const sentences = wordPositions(tokenize(text), res.lm, res.lexicon);
  const work: SentenceWork[] = [];
  let words = 0;
  let exposure = 0;
  for (const sentence of sentences) {
    words += sentence.length;
    for (const p of sentence) exposure += params.reluctance[p.wordClass] * p.propensity;
    const substitutions = sentenceCandidates(sentence, res, params, DEFAULT_CANDIDATE_OPTIONS);
    if (substitutions.length) work.push({ sentence, substitutions });
  }

  const decodeAll = (rate: number) =>
    work.map((w) => decodeSentence(w.sentence, w.substitutions, res.lm, params, rate));
  let rate = INITIAL_RATE;
  let decoded = decodeAll(rate);
  for (let iteration = 0; iteration < EM_ITERATIONS; iteration++) {
    const expected = decoded.reduce((sum, d) => sum + d.expectedChanges, 0);
    const { changed, unchanged } = params.ratePrior;
    const next = (expected + changed) / (exposure + changed + unchanged);
    const bounded = Math.min(params.maxRate, Math.max(params.minRate, next));
    if (Math.abs(bounded - rate) < 0.002) break;
    rate = bounded;
    decoded = decodeAll(rate);
  }

  let logLikelihoodRatio = 0;
  for (const sentence of sentences) logLikelihoodRatio += keepOnly(sentence, params, rate);
  const findings: SpanFinding[] = [];
  let expectedChanges = 0;
  decoded.forEach((d, i) => {
    // Replace this sentence's keep-only term by its full lattice likelihood ratio.
    const { sentence, substitutions } = work[i];
    // The clean hypothesis does not depend on the rate: scored once, after the estimation.
    const clean = cleanLogLikelihood(sentence, substitutions, res.lm, params);
    logLikelihoodRatio += d.logLikelihood - clean - keepOnly(sentence, params, rate);
    expectedChanges += d.expectedChanges;
    // One at a time: spreading a sentence's findings as arguments overflows the stack past ~100k.
    for (const f of sentenceFindings(work[i].sentence, d, minConfidence)) findings.push(f);
  });
  return { findings, evidence: { words, rate, logLikelihoodRatio, expectedChanges, exposure } };
}
