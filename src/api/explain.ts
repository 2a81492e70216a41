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
  if (result.verdict !== 'uncertain') return '';
  return ` (a text of this length is called spun from ${Math.round(result.spunAt * 100)}%)`;
}
