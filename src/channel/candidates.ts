/**
 * Candidate originals for every word and phrase of a sentence: the lattice edges the
 * decoder chooses among. A cheap local test (the language model in the fixed context
 * of the neighbouring words, and the spinner model at a generous spin rate) drops the
 * candidates that could not win, so most words end with none and cost nothing later.
 */
import type { Resources } from '../resources/index.js';
import type { LexiconCandidate } from '../resources/lexicon.js';
import { articleChooser, type IndefiniteArticle } from '../text/articles.js';
import { abbreviationInitials, localSpellingScore } from './abbreviations.js';
import { joinsPrevious, type Sentence, type WordPosition } from './positions.js';
import { logKeep, logSubstitute, type SpinnerModelParams } from './spinner-model.js';
import {
  type CandidateOptions,
  cacheOf,
  contextAfter,
  DEFAULT_CANDIDATE_OPTIONS,
  flatIds,
  historyBefore,
  localScore,
  type OriginalInfo,
  originalInfo,
  type Substitution,
  spanReluctance,
  termFloor,
} from './substitution.js';
import { termCandidates } from './term-readings.js';

/**
 * log10 probability that a spinner which swapped the word after "a" or "an" for one that
 * takes the other article also changed the article. Every such swap in the real spun pages
 * of `spinner-swaps` did ("a list" → "an inventory", "a massive bill" → "an enormous
 * invoice"), but three cases say little, and a spinner that leaves the article leaves a
 * tell-tale "an large" that the reading without this one already explains. Of 0.05, 0.2 and
 * 0.5, 0.2 lost least on either kind of spinner (`scripts/article-agreement.ts` on the
 * development split, with the constant changed for each run).
 */
const LOG_ARTICLE_ADJUSTED = Math.log10(0.2);

type FoundInfoMap = WeakMap<readonly LexiconCandidate[], OriginalInfo[]>;
/** Per resources: the facts of each lexicon key's originals, in order, without and with a possessive. */
const foundInfoCache = new WeakMap<Resources, [FoundInfoMap, FoundInfoMap]>();
const newFoundMaps = (): [FoundInfoMap, FoundInfoMap] => [new WeakMap(), new WeakMap()];

/** `originalInfo` of every candidate of a key (the lexicon's list for the key), looked up once per process. */
function foundInfo(res: Resources, found: readonly LexiconCandidate[], possessive: string): OriginalInfo[] {
  const cache = cacheOf(foundInfoCache, res, newFoundMaps)[possessive ? 1 : 0];
  let infos = cache.get(found);
  if (infos === undefined) {
    infos = found.map((c) => originalInfo(res, c.original, possessive));
    cache.set(found, infos);
  }
  return infos;
}

/** Floor under the language model's score of a multi-word reading: its probability as a term. */
export function sentenceCandidates(
  sentence: Sentence,
  res: Resources,
  params: SpinnerModelParams,
  options: CandidateOptions = DEFAULT_CANDIDATE_OPTIONS,
): Substitution[] {
  const { lexicon, lm } = res;
  const out: Substitution[] = [];
  const n = sentence.length;
  // What the lattice will weigh too: the letters of a bracketed abbreviation after a phrase.
  const initials = abbreviationInitials(sentence, lm);
  for (let start = 0; start < n; start++) {
    const first: WordPosition = sentence[start];
    const article = articleBefore(sentence, start, res, params, options);
    let key = '';
    for (let end = start + 1; end <= Math.min(n, start + lexicon.maxKeyWords); end++) {
      const position = sentence[end - 1];
      if (end > start + 1) {
        // Phrases never cross punctuation, and only start where the lexicon has phrases. A
        // possessive inside one is part of its key, as the lexicon writes it ("lion's share").
        const previous = sentence[end - 2];
        if (!position.joinedToPrevious || !lexicon.startsPhrase(first.key + first.possessive)) break;
        key += `${previous.possessive} ${position.key}`;
      } else {
        key = first.key;
      }
      const found = lexicon.originalsOf(key);
      if (found.length === 0) continue;
      const reluctance = spanReluctance(sentence, start, end, params);
      const [h2, h1] = historyBefore(sentence, start, lm);
      const right = contextAfter(sentence, end, lm);
      let keepCost = 0;
      for (let p = start; p < end; p++) {
        keepCost += logKeep(
          options.testRate,
          params.reluctance[sentence[p].wordClass],
          sentence[p].propensity,
        );
      }
      const weight = params.languageModelWeight;
      const identity = weight * localScore(lm, h2, h1, flatIds(sentence, start, end), right) + keepCost;
      const scored: [number, Substitution][] = [];
      const adjusted: [number, Substitution][] = [];
      let articleIdentity: number | undefined;
      const infos = foundInfo(res, found, sentence[end - 1].possessive);
      for (let i = 0; i < found.length; i++) {
        const candidate = found[i];
        const { ids, propensity, words, termLogProb, listed } = infos[i];
        if (ids.length === 0) continue;
        const lengthChange = words - (end - start);
        const channel =
          logSubstitute(options.testRate, reluctance, propensity, candidate.logQ) +
          params.wordBonus * lengthChange;
        const floor = termFloor(params, listed, termLogProb);
        // The original read with the article that agrees with it, as the spinner may have
        // changed the article along with the word: "an enormous" ← a large.
        const agreeing = article?.agreeing(candidate.original);
        if (article && agreeing) {
          const adjustedIds = [lm.id(agreeing), ...ids];
          // Against the article and the span kept as written.
          articleIdentity ??=
            weight * localScore(lm, article.h2, article.h1, flatIds(sentence, start - 1, end), right) +
            keepCost +
            article.keepCost;
          const score =
            weight * localScore(lm, article.h2, article.h1, adjustedIds, right, floor) +
            channel +
            LOG_ARTICLE_ADJUSTED -
            articleIdentity;
          if (score >= -options.margin) {
            adjusted.push([
              score,
              {
                start: start - 1,
                end,
                original: `${agreeing} ${candidate.original}`,
                lmIds: adjustedIds,
                logQ: candidate.logQ + LOG_ARTICLE_ADJUSTED,
                reluctance,
                propensity,
                changes: 1,
                termFloor: floor,
                listedTerm: listed,
                term: listed ? lexicon.termGroup(candidate.original) : undefined,
              },
            ]);
          }
        }
        const score =
          weight * localScore(lm, h2, h1, ids, right, floor) +
          channel +
          localSpellingScore(initials, sentence, start, end, candidate.original, listed) -
          identity;
        if (score < -options.margin) continue;
        scored.push([
          score,
          {
            start,
            end,
            original: candidate.original,
            lmIds: ids,
            logQ: candidate.logQ,
            reluctance,
            propensity,
            changes: 1,
            termFloor: floor,
            listedTerm: listed,
            term: listed ? lexicon.termGroup(candidate.original) : undefined,
          },
        ]);
      }
      for (const list of [scored, adjusted]) {
        list.sort((a, b) => b[0] - a[0]);
        for (const [, s] of list.slice(0, options.perSpan)) out.push(s);
      }
    }
  }
  for (const t of termCandidates(sentence, res, params, options, initials)) out.push(t);
  return out;
}

/**
 * The indefinite article right before word `start` (same phrase, no punctuation between):
 * the history and cost of keeping it, and the article an original needs where it is not
 * the one written.
 */
function articleBefore(
  sentence: Sentence,
  start: number,
  res: Resources,
  params: SpinnerModelParams,
  options: CandidateOptions,
) {
  if (start === 0 || !joinsPrevious(sentence, start)) return undefined;
  const written = sentence[start - 1];
  if (written.key !== 'a' && written.key !== 'an') return undefined;
  const takesAn = articleChooser(res.lm);
  const [h2, h1] = historyBefore(sentence, start - 1, res.lm);
  return {
    h2,
    h1,
    keepCost: logKeep(options.testRate, params.reluctance[written.wordClass], written.propensity),
    agreeing(original: string): IndefiniteArticle | undefined {
      const wanted = takesAn(original.split(' ')[0]) ? 'an' : 'a';
      return wanted === written.key ? undefined : wanted;
    },
  };
}
