/**
 * Words for a verdict that every front end shows the same way (terminal, HTML report, web
 * app). Pure, with no import but a type: the web app's bundle takes it as it is.
 */
import type { CheckResult } from './types.js';

/**
 * After an `uncertain` verdict, the probability from which a text of its length is called
 * spun: a short text needs more than an article, so "85%, uncertain" would read as a
 * contradiction without it. Nothing for the other verdicts.
 */
export function spunAtNote(result: Pick<CheckResult, 'verdict' | 'spunAt'>): string {
  const bar = spunFrom(result);
  return bar && ` (a text of this length is called ${bar})`;
}

/** "spun from 94%" after an `uncertain` verdict, where a table has no room for the sentence. */
export function spunFrom(result: Pick<CheckResult, 'verdict' | 'spunAt'>): string {
  return result.verdict === 'uncertain' ? `spun from ${Math.round(result.spunAt * 100)}%` : '';
}

/**
 * The spin probability as a percentage that agrees with the verdict beside it: a text just
 * under its bar (0.926 against 0.93) reads "92.6%", not the "93%" that rounding gives and
 * that would read as spun.
 */
export function spinPercent(result: Pick<CheckResult, 'spinProbability' | 'spunAt'>): string {
  const p = result.spinProbability;
  if (p < result.spunAt && Math.round(p * 100) >= Math.round(result.spunAt * 100)) {
    return `${(Math.floor(p * 1000) / 10).toFixed(1)}%`;
  }
  return percent(p);
}

/** A probability as a whole percentage; "<1%" and ">99%" rather than a 0% or 100% it is not. */
export function percent(p: number): string {
  if (p > 0 && p < 0.01) return '<1%';
  if (p < 1 && p > 0.99) return '>99%';
  return `${Math.round(p * 100)}%`;
}
