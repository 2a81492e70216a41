/**
 * The whole-document pass: text → tokens → word positions → candidate lattice →
 * spin-rate estimation (expectation–maximisation over the lattice posteriors) →
 * decoding at the estimated rate → findings and document evidence.
 */
import { sentenceCandidates } from '../channel/candidates.js';
import { collectKnownPhrases } from '../channel/known-phrases.js';
import { type Sentence, sentencesOf } from '../channel/positions.js';
import { DEFAULT_SPINNER_MODEL, logKeep, type SpinnerModelParams } from '../channel/spinner-model.js';
import { DEFAULT_CANDIDATE_OPTIONS, type Substitution } from '../channel/substitution.js';
import type { Resources } from '../resources/index.js';
import { type Token, tokenize } from '../text/tokenize.js';
import { type SpanFinding, sentenceFindings } from './findings.js';
import { cleanLogLikelihood, decodeSentence, type SentenceDecoding } from './lattice.js';

export interface DocumentEvidence {
  /** Word tokens in the text. */
  words: number;
  /** Estimated spin rate λ (share of spinnable words changed). */
  rate: number;
  /** log10 P(text | spun at rate λ) − log10 P(text | not spun). */
  logLikelihoodRatio: number;
  /** Expected number of swapped spans at the estimated rate. */
  expectedChanges: number;
  /**
   * Expected changes that fall on a word already read as changed elsewhere in the text: the
   * sum over the text's different words (as written) of max(0, their expected changes − 1).
   * A spinner swaps each occurrence of a word on its own and draws its substitute afresh, so
   * a spun text's changes are spread over many words, while the jargon a clean technical
   * text repeats ("commit", "flag", "version") is one doubtful reading however often it occurs.
   */
  repeatedChanges: number;
  /** Σ reluctance × propensity over words: how many words a spinner would touch at rate 1. */
  exposure: number;
  /** The different known tortured phrases (the training list's, as written) in the text, in order of first appearance. */
  knownPhrases: string[];
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

/**
 * Words above which the spin rate is estimated on an even sample of the sentences, and the
 * text is then decoded one sentence at a time at that rate: holding the lattice of every
 * sentence took 2.2 GB for an 8-million-character text, and each iteration over a long text
 * re-reads language-model scores its cache no longer holds. A sample this size pins the
 * rate down as well (`scripts/rate-sample.ts`: on development texts of 30,000 to 103,000
 * words, 98.3–100% of the whole-text estimate's findings and every verdict, in less time).
 */
export const RATE_SAMPLE_WORDS = 10_000;

/**
 * Whether sentence `index` is in a sample of about one in `stride`: hashed rather than every
 * stride-th, which would see the same sentences of a text that repeats itself.
 */
function inSample(index: number, stride: number): boolean {
  return stride === 1 || (Math.imul(index + 1, 0x9e3779b1) >>> 8) % stride === 0;
}

/** `total` plus the sentence's exposure, word by word (the order the sum has always had). */
function withExposure(total: number, sentence: Sentence, params: SpinnerModelParams): number {
  let sum = total;
  for (const p of sentence) sum += params.reluctance[p.wordClass] * p.propensity;
  return sum;
}

/** Tokens the decoder reads as words (punctuation and URLs are not). */
const isWordToken = (t: Token) => t.kind !== 'punct' && t.kind !== 'url';

/**
 * Expectation–maximisation of the spin rate over the sentences' lattices. Returns the rate
 * and the decoding of every sentence at it.
 */
function estimateRate(
  work: readonly SentenceWork[],
  exposure: number,
  res: Resources,
  params: SpinnerModelParams,
): { rate: number; decoded: SentenceDecoding[] } {
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
  return { rate, decoded };
}

export interface AnalyzeOptions {
  /** Words above which the rate is estimated on a sample (default RATE_SAMPLE_WORDS). */
  rateSampleWords?: number;
}

export function analyzeText(
  text: string,
  res: Resources,
  minConfidence: number,
  params: SpinnerModelParams = DEFAULT_SPINNER_MODEL,
  options: AnalyzeOptions = {},
): Analysis {
  const tokens = tokenize(text);
  const candidates = (sentence: Sentence) =>
    sentenceCandidates(sentence, res, params, DEFAULT_CANDIDATE_OPTIONS);
  const totalWords = tokens.reduce((n, t) => n + (isWordToken(t) ? 1 : 0), 0);
  // About one sentence in `stride` for the estimate; all of them for a text of ordinary length.
  const stride = Math.max(1, Math.ceil(totalWords / (options.rateSampleWords ?? RATE_SAMPLE_WORDS)));
  const sample: SentenceWork[] = [];
  // With the whole text as the sample: every sentence, in order.
  const whole: Sentence[] = [];
  let sampleExposure = 0;
  let index = 0;
  for (const sentence of sentencesOf(tokens, res.lm, res.lexicon)) {
    if (!inSample(index++, stride)) continue;
    sampleExposure = withExposure(sampleExposure, sentence, params);
    const substitutions = candidates(sentence);
    if (stride === 1) whole.push(sentence);
    if (substitutions.length) sample.push({ sentence, substitutions });
  }
  const estimate = estimateRate(sample, sampleExposure, res, params);
  const { rate } = estimate;

  const findings: SpanFinding[] = [];
  let words = 0;
  let exposure = 0;
  let keepTotal = 0;
  // Each decoded sentence replaces its keep-only term by its full lattice likelihood ratio.
  // Kept apart and added after all keep-only terms: the order the sum has always had, so a
  // text of ordinary length is judged bit for bit as before.
  const corrections: number[] = [];
  let expectedChanges = 0;
  const changedByWord = new Map<string, number>();
  const knownPhrases = new Set<string>();
  const count = (sentence: Sentence) => {
    words += sentence.length;
    collectKnownPhrases(sentence, res.lexicon, knownPhrases);
    keepTotal += keepOnly(sentence, params, rate);
  };
  const decodedSentence = (sentence: Sentence, substitutions: Substitution[], d: SentenceDecoding) => {
    // The clean hypothesis does not depend on the rate: scored once, after the estimation.
    const clean = cleanLogLikelihood(sentence, substitutions, res.lm, params);
    corrections.push(d.logLikelihood - clean - keepOnly(sentence, params, rate));
    expectedChanges += d.expectedChanges;
    for (let i = 0; i < sentence.length; i++) {
      const changed = d.changed[i];
      if (changed > 0)
        changedByWord.set(sentence[i].key, (changedByWord.get(sentence[i].key) ?? 0) + changed);
    }
    // One at a time: spreading a sentence's findings as arguments overflows the stack past ~100k.
    for (const f of sentenceFindings(sentence, d, minConfidence, res.lexicon.writtenForm)) findings.push(f);
  };
  if (stride === 1) {
    // The sample was the whole text, decoded at the final rate already.
    exposure = sampleExposure;
    for (const sentence of whole) count(sentence);
    sample.forEach((w, i) => {
      decodedSentence(w.sentence, w.substitutions, estimate.decoded[i]);
    });
  } else {
    // Let the sample's lattices go before the text is decoded sentence by sentence.
    sample.length = 0;
    estimate.decoded = [];
    for (const sentence of sentencesOf(tokens, res.lm, res.lexicon)) {
      count(sentence);
      exposure = withExposure(exposure, sentence, params);
      const substitutions = candidates(sentence);
      if (substitutions.length) {
        decodedSentence(
          sentence,
          substitutions,
          decodeSentence(sentence, substitutions, res.lm, params, rate),
        );
      }
    }
  }
  let logLikelihoodRatio = keepTotal;
  for (const c of corrections) logLikelihoodRatio += c;
  let repeatedChanges = 0;
  for (const changes of changedByWord.values()) repeatedChanges += Math.max(0, changes - 1);
  return {
    findings,
    evidence: {
      words,
      rate,
      logLikelihoodRatio,
      expectedChanges,
      repeatedChanges,
      exposure,
      knownPhrases: [...knownPhrases],
    },
  };
}
