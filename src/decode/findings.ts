/**
 * From lattice posteriors to findings: each swapped span with its likely originals
 * (capitalisation copied from the input) and the posterior that it was changed.
 */
import type { Sentence } from '../channel/positions.js';
import { changesWord, type Substitution } from '../channel/substitution.js';
import { copyCase, isAllCaps, isShouting, isWrittenInTitleCase } from '../text/case.js';
import { getOrCreate } from '../util/maps.js';
import type { SentenceDecoding } from './lattice.js';

export interface SpanFinding {
  /** Offsets into the input text (end exclusive). */
  offset: number;
  end: number;
  /** Originals, most probable first, cased like the input. */
  suggestions: string[];
  /** Posterior that the span was changed. */
  confidence: number;
  /** Posterior that the first suggestion is the original (at most `confidence`). */
  suggestionConfidence: number;
  /**
   * The first suggestion makes the words read as an established multi-word term (a tortured
   * phrase restored). Such a finding stands on its own evidence, not only on how spun the
   * rest of the document looks: a paper with a few tortured terms is otherwise clean.
   */
  listedTerm?: boolean;
  /** With `listedTerm`: the term the words read as, as it counts (`Substitution.term`). */
  term?: string;
}

/** Posterior that the substitution's span was changed: the least of its changed words'. */
function spanConfidence(sentence: Sentence, decoding: SentenceDecoding, s: Substitution): number {
  let c = 1;
  for (let p = s.start; p < s.end; p++) if (changesWord(sentence, s, p)) c = Math.min(c, decoding.changed[p]);
  return c;
}

function suggestionsFor(
  sentence: Sentence,
  decoding: SentenceDecoding,
  chosen: Substitution,
  writtenForm: (original: string) => string,
): { suggestions: string[]; first: number; listedTerm: boolean; term?: string } {
  const byOriginal = new Map<string, number>();
  // Originals read as listed terms, with the probability of each term they read as: a cut-down
  // reading ("backing" → support) may belong to several ("support vector", "support vector machine").
  const listed = new Map<string, Map<string | undefined, number>>();
  for (const [s, posterior] of decoding.edgePosterior) {
    if (s.start !== chosen.start || s.end !== chosen.end) continue;
    byOriginal.set(s.original, (byOriginal.get(s.original) ?? 0) + posterior);
    if (!s.listedTerm) continue;
    const terms = getOrCreate(listed, s.original, () => new Map<string | undefined, number>());
    terms.set(s.term, (terms.get(s.term) ?? 0) + posterior);
  }
  const ranked = [...byOriginal.entries()].sort((a, b) => b[1] - a[1]).map(([o]) => o);
  // Most probable original of this span first (the single best path may disagree when
  // the probability is spread over several readings).
  const ordered = (ranked.length ? ranked : [chosen.original]).slice(0, 5);
  const last = sentence[chosen.end - 1];
  const spunWords = sentence
    .slice(chosen.start, chosen.end)
    .map((p) => p.token.text)
    .join(' ');
  // Keep the input's apostrophe style on a possessive that was split off.
  const possessive = last.possessive ? last.token.text.slice(-2) : '';
  // Whether capitals are the sentence's style matters only to a span that starts in capitals.
  const shouting =
    isAllCaps(sentence[chosen.start].token.text) &&
    isShouting(sentence.filter((_, i) => i < chosen.start || i >= chosen.end).map((p) => p.token.text));
  const inTitle = /^\p{Lu}/u.test(spunWords) && isWrittenInTitleCase(sentence.map((p) => p.token.text));
  return {
    suggestions: ordered.map(
      (o) =>
        copyCase(spunWords, writtenForm(o), shouting, sentence[chosen.start].token.sentenceStart, inTitle) +
        possessive,
    ),
    first: byOriginal.get(ordered[0]) ?? 0,
    listedTerm: listed.has(ordered[0]) || (ordered[0] === chosen.original && chosen.listedTerm === true),
    term: termOf(ordered[0], chosen, listed.get(ordered[0])),
  };
}

/**
 * The listed term a finding's first original reads as: the chosen reading's own, when it is
 * that original as a listed term, else the likeliest term among the readings of that original.
 */
function termOf(
  original: string,
  chosen: Substitution,
  terms: Map<string | undefined, number> | undefined,
): string | undefined {
  if (original === chosen.original && chosen.listedTerm) return chosen.term;
  let best: string | undefined;
  let bestPosterior = -1;
  for (const [term, posterior] of terms ?? []) {
    if (posterior > bestPosterior) [best, bestPosterior] = [term, posterior];
  }
  return best;
}

/**
 * The findings of a decoded sentence at `minConfidence`. `writtenForm` gives an original as it is
 * written (the lexicon holds words lower-cased: "americans" → Americans) before the input's
 * capitals are copied onto it.
 */
export function sentenceFindings(
  sentence: Sentence,
  decoding: SentenceDecoding,
  minConfidence: number,
  writtenForm: (original: string) => string,
): SpanFinding[] {
  const chosen: Substitution[] = [];
  const covered = new Uint8Array(sentence.length);
  const take = (s: Substitution) => {
    chosen.push(s);
    for (let p = s.start; p < s.end; p++) covered[p] = 1;
  };
  for (const s of decoding.best) if (spanConfidence(sentence, decoding, s) >= minConfidence) take(s);
  // Words judged changed although the single best path leaves them (their probability
  // is split among several originals): report the most probable edge covering them.
  for (let p = 0; p < sentence.length; p++) {
    if (covered[p] || decoding.changed[p] < minConfidence) continue;
    let best: Substitution | undefined;
    let bestPosterior = 0;
    for (const [s, posterior] of decoding.edgePosterior) {
      if (s.start > p || s.end <= p || posterior <= bestPosterior) continue;
      let free = true;
      for (let q = s.start; q < s.end; q++) if (covered[q]) free = false;
      if (free && spanConfidence(sentence, decoding, s) >= minConfidence) {
        best = s;
        bestPosterior = posterior;
      }
    }
    if (best) take(best);
  }
  return chosen
    .sort((a, b) => a.start - b.start)
    .map((s) => {
      const { suggestions, first, listedTerm, term } = suggestionsFor(sentence, decoding, s, writtenForm);
      const confidence = spanConfidence(sentence, decoding, s);
      return {
        offset: sentence[s.start].token.offset,
        end: sentence[s.end - 1].token.end,
        suggestions,
        confidence,
        suggestionConfidence: Math.min(confidence, first),
        listedTerm,
        ...(term !== undefined && { term }),
      };
    });
}
