/**
 * Term readings: 2–4 adjacent words read as an established multi-word term, each word kept
 * or replaced by one of its originals (or, for a listed term, an original two swaps away),
 * scored by the term model.
 */
import type { Resources } from '../resources/index.js';
import type { LexiconCandidate, ListedTerm } from '../resources/lexicon.js';
import { isSpellingVariant } from '../text/spelling.js';
import { type Initials, localSpellingScore, NO_INITIALS, spells } from './abbreviations.js';
import { joinsPrevious, type Sentence } from './positions.js';
import { logKeep, logSubstitute, type SpinnerModelParams } from './spinner-model.js';
import {
  type CandidateOptions,
  cacheOf,
  contextAfter,
  flatIds,
  historyBefore,
  localScore,
  MAX_TERM_WORDS,
  originalInfo,
  type Substitution,
  spanReluctance,
  termFloor,
} from './substitution.js';

/** How much less likely (log10) a three-word term may be than its two-word parts. */
const LONGER_TERM_ALLOWANCE = 2;
/** Most term readings proposed per span of words. */
const TERM_READINGS = 3;

/** Most readings per word tried in the term lattice (its likeliest originals that occur in terms). */
const TERM_CHOICES = 8;

/**
 * Term-model log10 probability below which a partial reading is dropped: its floor could
 * not compete with the language model's score for any reading (two unseen term words
 * together score about −9).
 */
const MIN_TERM_LOG_PROB = -11;
/** Partial readings kept per step of the term lattice. */
const TERM_BEAM = 4;

interface TermReading {
  words: TermChoice[];
  /** The reading as one string, and whether it is a listed term (set when complete). */
  text?: string;
  listed?: boolean;
  /** log10 term-model probability (of the words so far, or of the whole term). */
  logT: number;
  logQ: number;
}

interface TermChoice {
  word: string;
  /** Term-model id (−1: in no term). */
  id: number;
  logQ: number;
  changed: boolean;
}

/** A lexicon key's readings in the term lattice. */
interface KeyChoices {
  /** The word as written, then its likeliest single-word originals that occur in terms. */
  list: TermChoice[];
  /** Some reading occurs in a term. */
  termWord: boolean;
  /**
   * The readings for listed terms: `list`, then readings two swaps away (original → x →
   * written). The spinner's dictionary links more words than any thesaurus we have, and a
   * listed term is strong enough evidence to take the longer way ("consciousness" ←
   * awareness ← "intelligence"). Made when first needed.
   */
  forListed?: TermChoice[];
  /** The readings by word (direct ones first), made when first needed. */
  byWord?: Map<string, TermChoice>;
}

const termChoicesCache = new WeakMap<Resources, Map<string, KeyChoices>>();
const newChoicesMap = () => new Map<string, KeyChoices>();

/**
 * A word's term-lattice readings, worked out once per process for the lexicon's keys (a
 * word the lexicon does not know has only its reading as written, and is not kept, so
 * that the cache stays as small as the lexicon).
 */
function keyChoices(res: Resources, key: string): KeyChoices {
  const { lexicon } = res;
  const model = lexicon.termModel;
  const originals = lexicon.originalsOf(key);
  if (originals.length === 0) {
    const id = model.id(key);
    return { list: [{ word: key, id, logQ: 0, changed: false }], termWord: id >= 0 };
  }
  const byKey = cacheOf(termChoicesCache, res, newChoicesMap);
  let entry = byKey.get(key);
  if (entry === undefined) {
    const list: TermChoice[] = [{ word: key, id: model.id(key), logQ: 0, changed: false }];
    for (const c of originals) {
      if (list.length > TERM_CHOICES) break;
      if (c.original.includes(' ')) continue;
      const id = model.id(c.original);
      if (id >= 0) list.push({ word: c.original, id, logQ: c.logQ, changed: true });
    }
    entry = { list, termWord: list.some((c) => c.id >= 0) };
    byKey.set(key, entry);
  }
  return entry;
}

/** Intermediate words tried per step of a two-step reading. */
const TWO_STEP_FANOUT = 20;
/**
 * log10 odds of a spinner's swap being two lexicon steps away rather than one: of the word
 * swaps in held-out tortured-phrase training rows, 169 were two steps away and 1,284 one
 * (`scripts/tortured-links.ts` on the development lexicon; 166 and 1,286 since the lexicon
 * dropped form variants).
 */
const TWO_STEP_LOG_ODDS = Math.log10(169 / 1284);

/**
 * log10 odds of a swap that no lexicon path explains rather than a one-step one: 561 against
 * 1,286 word swaps in held-out tortured rows (`scripts/tortured-links.ts`). Such a substitute
 * is scored as if the spinner drew it like any word of English: by its unigram probability.
 */
const UNEXPLAINED_LOG_ODDS = Math.log10(561 / 1286);

/** Single-word originals of a key, likeliest first, capped at `limit`. */
function singleWordOriginals(res: Resources, key: string, limit: number): LexiconCandidate[] {
  const out: LexiconCandidate[] = [];
  for (const c of res.lexicon.originalsOf(key)) {
    if (out.length >= limit) break;
    if (!c.original.includes(' ')) out.push(c);
  }
  return out;
}

/**
 * Term words reachable from `key` in two swaps and not in one, each scored by its
 * likeliest path: log q(x | original) + log q(key | x).
 */
function twoStepChoices(res: Resources, key: string, direct: readonly TermChoice[]): TermChoice[] {
  const model = res.lexicon.termModel;
  // A written word that is itself a term word (ternary, carbonic) stands for itself.
  if (model.id(key) >= 0) return [];
  const seen = new Set(direct.map((c) => c.word));
  const best = new Map<string, number>();
  for (const middle of singleWordOriginals(res, key, TWO_STEP_FANOUT)) {
    for (const c of singleWordOriginals(res, middle.original, TWO_STEP_FANOUT)) {
      if (seen.has(c.original) || model.id(c.original) < 0 || isSpellingVariant(key, c.original)) continue;
      const logQ = TWO_STEP_LOG_ODDS + middle.logQ + c.logQ;
      if (logQ > (best.get(c.original) ?? Number.NEGATIVE_INFINITY)) best.set(c.original, logQ);
    }
  }
  return [...best].map(([word, logQ]) => ({ word, id: model.id(word), logQ, changed: true }));
}

/**
 * Readings of 2–4 adjacent words as a multi-word term, each word kept or replaced by
 * one of its lexicon originals ("highlight extraction" → "feature extraction"), scored
 * by the term model, which knows the established terms and generalises to new ones from
 * their words ("include descriptor" → "feature descriptor"). The readings the term model
 * prefers to the text as written are proposed; so are the written words as a term, beside
 * them and wherever they look like a term, so that a term that was not spun keeps its
 * support (P(original) is the larger of the language model's and the term model's).
 */
export function termCandidates(
  sentence: Sentence,
  res: Resources,
  params: SpinnerModelParams,
  options: CandidateOptions,
  /** The bracketed abbreviations of the sentence and the letters they ask for (`abbreviations.ts`). */
  initials: Initials = NO_INITIALS,
): Substitution[] {
  const { lexicon } = res;
  const model = lexicon.termModel;
  const out: Substitution[] = [];
  const choicesAt: (KeyChoices | undefined)[] = new Array(sentence.length);
  const choices = (p: number): KeyChoices => {
    let entry = choicesAt[p];
    if (entry === undefined) {
      entry = keyChoices(res, sentence[p].key);
      choicesAt[p] = entry;
    }
    return entry;
  };
  const listedChoices = (p: number): TermChoice[] => {
    const entry = choices(p);
    if (!entry.forListed) {
      const twoStep = twoStepChoices(res, sentence[p].key, entry.list);
      entry.forListed = twoStep.length ? [...entry.list, ...twoStep] : entry.list;
    }
    return entry.forListed;
  };
  const choiceByWord = (p: number) => {
    const entry = choices(p);
    if (!entry.byWord) {
      entry.byWord = new Map();
      for (const c of listedChoices(p)) if (!entry.byWord.has(c.word)) entry.byWord.set(c.word, c);
    }
    return entry.byWord;
  };
  /**
   * Three-word listed terms that the words from `start` can be read as with one word that
   * no lexicon path explains ("super vector machine" → support vector machine): the two
   * explained words pin the term down. (With two-word terms one word would have to, and a
   * first try on dev lost more readings than it found.)
   */
  const unexplainedReadings = (start: number): TermReading[] => {
    if (
      start + 3 > sentence.length ||
      !joinsPrevious(sentence, start + 1) ||
      !joinsPrevious(sentence, start + 2)
    )
      return [];
    // Three-word terms with a word read directly (as written or one swap away) at two of
    // the three places: those in at least two of the three sets.
    const seen = new Map<ListedTerm, number>();
    for (let i = 0; i < 3; i++) {
      const here = new Set<ListedTerm>();
      for (const c of choices(start + i).list) {
        for (const term of lexicon.termsWith(c.word, i)) {
          if (term.words.length === 3 && !here.has(term)) {
            here.add(term);
            seen.set(term, (seen.get(term) ?? 0) + 1);
          }
        }
      }
    }
    const out: TermReading[] = [];
    for (const [term, places] of seen) {
      if (places < 2) continue;
      const { words } = term;
      const picked = words.map((w, i) => choiceByWord(start + i).get(w));
      const missing = picked.indexOf(undefined);
      if (missing < 0 || picked.lastIndexOf(undefined) !== missing) continue;
      const written = res.lm.id(sentence[start + missing].key);
      const logQ = UNEXPLAINED_LOG_ODDS + (written >= 0 ? res.lm.unigram(written) : res.lm.unseenWordLogProb);
      picked[missing] = { word: words[missing], id: model.id(words[missing]), logQ, changed: true };
      out.push(listedReading(term, picked as TermChoice[]));
    }
    return out;
  };
  /**
   * Listed terms of `length` words that the words from `start` can be read as where a bracketed
   * abbreviation right after them spells the term's first letters ("server farms (DCs)" → data
   * centers): the letters pin the term down in place of lexicon links, so one word read directly
   * (as written or one or two swaps away) is enough, the others scored as unexplained swaps.
   */
  const abbreviatedReadings = (start: number, length: number): TermReading[] => {
    const end = start + length;
    if (!initials.bonusAt.has(end)) return [];
    for (let p = start + 1; p < end; p++) if (!joinsPrevious(sentence, p)) return [];
    const candidates = new Set<ListedTerm>();
    for (let i = 0; i < length; i++) {
      for (const c of listedChoices(start + i)) {
        for (const term of lexicon.termsWith(c.word, i)) {
          if (term.words.length === length && spells(initials, start, end, term.words, true))
            candidates.add(term);
        }
      }
    }
    const out: TermReading[] = [];
    // A first word that nothing marks as the start of the term may be outside it ("we apply
    // individual number (PIN)"): it is read only directly, never made up from the letter.
    const openStart = initials.openStarts.has(start);
    for (const term of candidates) {
      if (openStart && !choiceByWord(start).has(term.words[0])) continue;
      const picked = term.words.map((word, i) => {
        const direct = choiceByWord(start + i).get(word);
        if (direct) return direct;
        const written = res.lm.id(sentence[start + i].key);
        const logQ =
          UNEXPLAINED_LOG_ODDS + (written >= 0 ? res.lm.unigram(written) : res.lm.unseenWordLogProb);
        return { word, id: model.id(word), logQ, changed: true };
      });
      out.push(listedReading(term, picked));
    }
    return out;
  };
  const listedReading = (term: ListedTerm, picked: TermChoice[]): TermReading => ({
    words: picked,
    text: term.text,
    listed: true,
    logT: model.logProb(term.words),
    logQ: picked.reduce((q, c) => q + c.logQ, 0),
  });
  const wordsOf = (r: TermReading) => r.words.map((w) => w.word).join(' ');
  // Best term-model score of a two-word reading starting at each position: a longer
  // reading must be a likelier term than its parts, or it only adds a word to a term.
  const bestPair = new Float64Array(sentence.length).fill(Number.NEGATIVE_INFINITY);
  const termWordAt = (p: number) => choices(p).termWord;
  for (let start = sentence.length - 2; start >= 0; start--) {
    // Two words that occur in no term, whatever their reading, make no term: any reading
    // from here would score below MIN_TERM_LOG_PROB.
    if (!termWordAt(start) && !termWordAt(start + 1)) continue;
    // Listed terms that the words from here can be read as, by length.
    const listedReadings: TermReading[][] = Array.from({ length: MAX_TERM_WORDS + 1 }, () => []);
    for (const first of listedChoices(start)) {
      for (const term of lexicon.termsWith(first.word, 0)) {
        const { words } = term;
        if (start + words.length > sentence.length || words.length > MAX_TERM_WORDS) continue;
        const picked: TermChoice[] = [first];
        for (let i = 1; i < words.length && picked.length === i; i++) {
          const c = choiceByWord(start + i).get(words[i]);
          if (c) picked.push(c);
        }
        if (picked.length !== words.length) continue;
        listedReadings[words.length].push(listedReading(term, picked));
      }
    }
    listedReadings[3].push(...unexplainedReadings(start));
    if (initials.bonusAt.size) {
      for (let length = 2; length <= MAX_TERM_WORDS; length++) {
        const known = new Set(listedReadings[length].map((r) => r.text));
        for (const r of abbreviatedReadings(start, length))
          if (!known.has(r.text)) listedReadings[length].push(r);
      }
    }
    // Readings of the words from `start` on, extended word by word; the likeliest few
    // (term model and the spinner's preference among substitutes) are kept at each step.
    let beam: TermReading[] = [{ words: [], logT: 0, logQ: 0 }];
    let kept: TermReading = beam[0];
    for (let end = start + 1; end <= Math.min(sentence.length, start + MAX_TERM_WORDS); end++) {
      const last = end - 1;
      if (end > start + 1 && !joinsPrevious(sentence, last)) break;
      const here = choices(last).list;
      const extend = (r: TermReading, c: TermChoice): TermReading => ({
        words: [...r.words, c],
        logT: r.logT + model.logBigram(r.words.length ? r.words[r.words.length - 1].id : model.start, c.id),
        logQ: r.logQ + c.logQ,
      });
      kept = extend(kept, here[0]);
      if (beam.length > 1 || here.length > 1) {
        const next: TermReading[] = [];
        for (const r of beam) {
          for (const c of here) {
            const e = extend(r, c);
            if (e.logT > MIN_TERM_LOG_PROB) next.push(e);
          }
        }
        beam = next.sort((a, b) => b.logT + b.logQ - (a.logT + a.logQ)).slice(0, TERM_BEAM);
      } else {
        beam = [kept];
      }
      if (end - start < 2) continue;
      const atEnd = (r: TermReading) => r.logT + model.logBigram(r.words[r.words.length - 1].id, model.end);
      const keptReading: TermReading = { words: kept.words, logQ: kept.logQ, logT: atEnd(kept) };
      const listedHere = listedReadings[end - start].filter((r) => r.words.some((w) => w.changed));
      const parts =
        end - start > 2 ? Math.max(bestPair[start], bestPair[start + 1]) : Number.NEGATIVE_INFINITY;
      // Other readings when the term model prefers them to the words as written.
      const others: TermReading[] = [];
      let bestLogT = keptReading.logT;
      for (const r of beam) {
        if (!r.words.some((w) => w.changed)) continue;
        const logT = atEnd(r);
        bestLogT = Math.max(bestLogT, logT);
        if (logT + r.logQ <= keptReading.logT || logT <= parts - LONGER_TERM_ALLOWANCE) continue;
        const text = wordsOf(r);
        if (listedHere.some((l) => l.text === text)) continue;
        others.push({ words: r.words, logQ: r.logQ, text, listed: false, logT });
      }
      for (const r of listedHere) bestLogT = Math.max(bestLogT, r.logT);
      if (end - start === 2) bestPair[start] = bestLogT;
      // Listed terms are always proposed.
      const proposed = [...listedHere, ...others.slice(0, TERM_READINGS)];
      // The words as written, read as a term, beside any other reading and wherever they look like one.
      // (A listed term always scores above MIN_TERM_LOG_PROB.)
      if (proposed.length === 0 && keptReading.logT <= MIN_TERM_LOG_PROB) continue;
      keptReading.text = wordsOf(keptReading);
      keptReading.listed = lexicon.isTerm(keptReading.text);
      const reluctance = spanReluctance(sentence, start, end, params);
      const [h2, h1] = historyBefore(sentence, start, res.lm);
      const right = contextAfter(sentence, end, res.lm);
      const weight = params.languageModelWeight;
      let identity = weight * localScore(res.lm, h2, h1, flatIds(sentence, start, end), right);
      for (let p = start; p < end; p++) {
        const position = sentence[p];
        identity += logKeep(options.testRate, params.reluctance[position.wordClass], position.propensity);
      }
      for (const r of [keptReading, ...proposed]) {
        const original = r.text!;
        // Words kept as written may be unknown to the language model ("sigmoid"): they
        // score as unseen words, as they do when read without the term.
        const { listed, allIds: ids } = originalInfo(res, original, sentence[last].possessive);
        const floor = termFloor(params, listed, r.logT);
        // A floor under what the language model gives anyway adds nothing: the words
        // read one by one are the same reading.
        if (floor <= localScore(res.lm, h2, h1, ids, [])) continue;
        let logQ = 0;
        let changes = 0;
        let propensity = 1;
        let keepCost = 0;
        r.words.forEach((w, i) => {
          const position = sentence[start + i];
          if (!w.changed) {
            keepCost += logKeep(options.testRate, params.reluctance[position.wordClass], position.propensity);
            return;
          }
          changes++;
          logQ += w.logQ;
          propensity = Math.min(propensity, lexicon.propensity(w.word) || 1);
        });
        // The same local test as for the lexicon's candidates: a reading that cannot
        // compete with the words as written in their context is not proposed.
        if (changes > 0) {
          const channel = logSubstitute(options.testRate, reluctance, propensity, logQ, changes) + keepCost;
          const score =
            weight * localScore(res.lm, h2, h1, ids, right, floor) +
            channel +
            localSpellingScore(initials, sentence, start, end, original, listed) -
            identity;
          if (score < -options.margin) continue;
        }
        out.push({
          start,
          end,
          original,
          lmIds: ids,
          logQ,
          reluctance,
          propensity,
          changes,
          termFloor: floor,
          keepsWords: true,
          listedTerm: listed,
          term: listed ? lexicon.termGroup(original) : undefined,
        });
      }
    }
  }
  return out;
}
