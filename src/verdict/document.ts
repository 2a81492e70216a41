/**
 * The document's spin probability: a logistic model over the evidence of the lattice
 * pass (likelihood ratio of "spun at the estimated rate" against "not spun", the
 * estimated rate, the expected changes and how many of them repeat a word's, and the
 * length), with weights fitted on development documents by
 * `scripts/tune.ts --write` and stored in calibration.json; or, when higher, the
 * probability from the known tortured phrases in the text, or from its readings as listed
 * terms.
 */
import type { Verdict } from '../api/types.js';
import type { DocumentEvidence } from '../decode/analyze.js';
import { roundProbability } from '../util/round.js';
import calibration from './calibration.json' with { type: 'json' };
import { knownPhraseSpinProbability } from './known-phrases.js';
import { termReadingSpinProbability } from './term-readings.js';

const MIN_CALIBRATED_WORDS = 8;
const MAX_CALIBRATED_WORDS = 20_000;

export interface DocumentVerdict {
  /**
   * The larger of `spunThroughout` and the probabilities from known tortured phrases and from
   * readings as listed terms. A reading as a listed term is weighed by it: where a text holds
   * some tortured phrases, more are likely.
   */
  spinProbability: number;
  verdict: Verdict;
  /**
   * The probability from the lattice evidence alone: that the text was spun throughout, at
   * the estimated rate. Known tortured phrases and readings as listed terms can raise
   * `spinProbability` above it, but they show that parts of a text were spun, not all of it.
   */
  spunThroughout: number;
  /** The different listed terms the findings read the text as, as counted for the verdict (0 when not given). */
  termReadings: number;
  /** The probability from which a text of this length is called spun (`spunBar`). */
  spunAt: number;
}

export interface Calibration {
  weights: number[];
  /** Probability at or above which a document is called spun. */
  spunAt: number;
  /**
   * Higher bars for short texts, by length band (a text of at most `words` words takes the
   * first band that fits). A sentence carries so little evidence that at the bar of an
   * article about one clean dev passage in ten of up to 60 words was called spun; each
   * band's bar is the lowest that calls at most 1.5% of 800 clean dev passages of its
   * lengths spun (fitted by scripts/tune.ts).
   */
  spunAtShort: { words: number; spunAt: number }[];
  /** Probability below which a document is called clean. */
  cleanBelow: number;
  /** Platt scaling [bias, slope] of a finding's logit confidence (fitted on dev texts). */
  findingScale: number[];
  /**
   * For a finding that reads as a listed term (a tortured phrase): [bias, weight of the
   * logit of P(changed | spun)·P(spun), weight of the logit of P(changed | spun) alone].
   * A paper with a few tortured terms is otherwise clean and judged so, and the product
   * alone would silence its terms; fitted on dev papers with held-out tortured phrases.
   */
  termFindingScale?: number[];
}

/** The features the logistic model weighs, in the order of `weights` (bias first). */
export function documentFeatures(e: DocumentEvidence): number[] {
  const exposure = Math.max(1, e.exposure);
  // Per word, not in total: the total grows with length even for clean text, where small
  // false readings add up; an average is comparable between a paragraph and a book.
  const perWord = Math.max(-5, Math.min(5, e.logLikelihoodRatio / exposure));
  // The longer the text, the more precisely the average is known: the product lets the
  // verdict sharpen with length around a threshold the fit learns, instead of drifting.
  const length = Math.sqrt(Math.min(MAX_CALIBRATED_WORDS, Math.max(MIN_CALIBRATED_WORDS, e.words))) / 10;
  return [
    1,
    perWord,
    Math.log(Math.max(1e-3, e.rate)),
    e.expectedChanges / exposure,
    length,
    perWord * length,
    e.repeatedChanges / exposure,
  ];
}

/** 1 / (1 + e^(−w·x)); a weight missing from `w` counts as 0. */
export function logistic(w: readonly number[], x: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < x.length; i++) z += x[i] * (w[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/** log(p / (1 − p)), with p kept within [0.001, 0.999]. */
export function logit(p: number): number {
  const c = Math.min(0.999, Math.max(0.001, p));
  return Math.log(c / (1 - c));
}

/**
 * A finding's calibrated confidence from P(changed | spun) and P(spun): the lattice
 * posterior is over-confident where the language model is, and the scaling learned on
 * development texts corrects that so that "80%" is right about 80% of the time. A listed
 * term's reading has its own scaling, which may lean on the posterior alone.
 */
export function calibrateConfidence(
  posterior: number,
  spinProbability: number,
  listedTerm: boolean,
  model: Calibration = calibration,
): number {
  const scale = (listedTerm ? model.termFindingScale : undefined) ?? model.findingScale;
  // The general scaling has no weight for the posterior alone (it counts as 0).
  return logistic(scale, [1, logit(posterior * spinProbability), logit(posterior)]);
}

/**
 * The verdict on a text from its lattice evidence and, when known, `termReadings`: how many
 * different listed terms its findings read it as (`countTermReadings`).
 */
export function judgeDocument(
  e: DocumentEvidence,
  model: Calibration = calibration,
  termReadings = 0,
): DocumentVerdict {
  const spunAt = spunBar(e.words, model);
  if (e.words === 0) return { spinProbability: 0, verdict: 'clean', spunThroughout: 0, termReadings, spunAt };
  const spunThroughout = logistic(model.weights, documentFeatures(e));
  // Tortured phrases, known or read back as terms, are evidence the language model cannot
  // weigh: a paper mill's paper is a few of them in otherwise unremarkable prose.
  // Judged as reported, to four decimals: a client comparing the reported probability with
  // `spunAt` must reach the verdict given.
  const spinProbability = roundProbability(
    Math.max(
      spunThroughout,
      knownPhraseSpinProbability(e.knownPhrases.length, e.words),
      termReadingSpinProbability(termReadings, e.words),
    ),
  );
  const verdict: Verdict =
    spinProbability >= spunAt ? 'spun' : spinProbability < model.cleanBelow ? 'clean' : 'uncertain';
  return { spinProbability, verdict, spunThroughout, termReadings, spunAt };
}

/** The probability at or above which a text of `words` words is called spun. */
export function spunBar(words: number, model: Calibration = calibration): number {
  return model.spunAtShort.find((band) => words <= band.words)?.spunAt ?? model.spunAt;
}
