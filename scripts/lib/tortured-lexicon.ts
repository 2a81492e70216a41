/**
 * What the lexicon learns from the tortured-phrase training rows: their swaps (whole rows,
 * word for word, and the stretches between linked words), the established terms they
 * disguise, and the known tortured phrases (fingerprints) as written.
 */
import { PUNCTUATION_KEY, phraseKeys, phraseText } from '../../src/channel/known-phrases.js';
import { MAX_TERM_WORDS } from '../../src/channel/substitution.js';
import { getOrCreate } from '../../src/util/maps.js';
import {
  type Counts,
  countSwap,
  type LexiconSources,
  type SubstituteSets,
  wordCount,
} from './lexicon-counts.js';
import type { FormTable, Tag } from './morphology.js';
import { alignedGaps, type GapPair } from './phrase-alignment.js';
import { readTsv } from './tsv.js';

/** How much rarer (log10, by the language model) the other number of a term may be and still be listed. */
const RARER_FORM_LOG10 = 1;

/**
 * The tortured-phrase training rows the build keeps, each side without its bracketed
 * abbreviation ("artificial intelligence (AI)", "synthetic intelligence (AI)"), the correct
 * term lower-case. A bracket is punctuation to the tokenizer, so a spun phrase keyed with one
 * could never be found, and a row of equal length read as uneven.
 */
export function torturedRows(sources: LexiconSources): { tortured: string; correct: string }[] {
  return readTsv(sources.torturedTrainTsv)
    .filter((row) => !sources.keepTorturedRow || sources.keepTorturedRow(row.tortured))
    .map((row) => ({
      tortured: withoutBrackets(row.tortured),
      correct: withoutBrackets(row.correct).toLowerCase(),
    }));
}

const withoutBrackets = (phrase: string) => phrase.replace(/\s*\([^)]*\)\s*/g, ' ').trim();

/**
 * A learned word swap holds for the word's other forms too: "picture → image" teaches
 * "pictures → images". Each inflected variant counts half an observation.
 */
export function withInflectedVariants(counts: Counts, table: FormTable): Counts {
  const out: Counts = new Map([...counts].map(([o, m]) => [o, new Map(m)]));
  for (const [o, m] of counts) {
    if (o.includes(' ')) continue;
    for (const [s, n] of m) {
      if (s.includes(' ')) continue;
      for (const a of table.analyses(o)) {
        for (const b of table.analyses(s)) {
          if (a.pos !== b.pos || a.tag !== b.tag) continue;
          const other = table.forms(b.lemma, b.pos);
          for (const [tag, fo] of table.forms(a.lemma, a.pos)) {
            const fs = other.get(tag);
            if (fs && fo !== o && !counts.get(fo)?.has(fs)) countSwap(out, fo, fs, n / 2);
          }
        }
      }
    }
  }
  return out;
}

/** A noun's number and lemma when every noun reading of the word agrees on them ("functions": plural of function). */
export function nounReading(table: FormTable, word: string): { tag: Tag; lemma: string } | undefined {
  const readings = table.analyses(word).filter((a) => a.pos === 'n');
  const [first] = readings;
  if (!first || readings.some((a) => a.tag !== first.tag || a.lemma !== first.lemma)) return undefined;
  return { tag: first.tag, lemma: first.lemma };
}

/**
 * The last correct word in the number of the word that replaced it. A spinner keeps a noun's
 * number, and the training rows' correct terms mostly agree with the phrase in the number of
 * their last word (`scripts/tortured-links.ts` counts them), so a row that disagrees names
 * the term, not the paper's words: "misfortune work" / loss functions teaches work →
 * function, not work → functions. Only the last word, the head of most terms: inside a term a
 * noun is often a modifier ("feature extraction"), and a word like "is" reads as a plural
 * noun ("i").
 */
function inNumberOf(
  table: FormTable,
  vocabulary: ReadonlySet<string>,
  correct: string,
  written: string,
): string {
  const want = nounReading(table, written);
  const have = nounReading(table, correct);
  if (!want || !have || want.tag === have.tag) return correct;
  const form = table.forms(have.lemma, 'n').get(want.tag);
  return form && vocabulary.has(form) ? form : correct;
}

/**
 * Swaps learned from the tortured-phrase training rows: each whole row; the word pairs of
 * rows of equal length, word for word; and in rows of different lengths, the phrase
 * pairs between words linked by the thesaurus or those word pairs ("the executives" for
 * "management" in "hazard the executives" / "risk management").
 */
export function torturedSwapCounts(
  sources: LexiconSources,
  thesaurus: SubstituteSets,
  table: FormTable,
): Counts {
  const counts: Counts = new Map();
  const uneven: [string[], string[]][] = [];
  for (const row of torturedRows(sources)) {
    countSwap(counts, row.correct, row.tortured, 1);
    const cw = row.correct.split(/\s+/);
    const tw = row.tortured.toLowerCase().split(/\s+/);
    if (cw.length === tw.length && cw.length > 1) {
      const last = cw.length - 1;
      for (let i = 0; i < cw.length; i++) {
        const original = i === last ? inNumberOf(table, sources.vocabulary, cw[i], tw[i]) : cw[i];
        countSwap(counts, original, tw[i], 1);
      }
    } else if (cw.length !== tw.length) {
      uneven.push([cw, tw]);
    }
  }
  const linked = (o: string, s: string) =>
    o === s || thesaurus.get(o)?.has(s) === true || counts.get(o)?.has(s) === true;
  const gaps: GapPair[] = [];
  for (const [cw, tw] of uneven) gaps.push(...alignedGaps(cw, tw, linked));
  for (const gap of gaps) countSwap(counts, gap.original, gap.spun, 1);
  return counts;
}

/**
 * Established multi-word terms: the correct side of the tortured-phrase training rows,
 * made of words the language model knows, each with the term it counts as (its group: a
 * term and its other number are one term, whichever the rows list). (WordNet's multi-word
 * nouns were tried too: on news they mostly added false readings.) A spinner swapping the
 * words of a term one by one leaves a phrase whose restoration is a term.
 */
export function establishedTerms(sources: LexiconSources, table: FormTable): Map<string, string> {
  // Union–find over the terms: a term and its other number join one group, and a form listed
  // by a row of its own joins its other number's group too.
  const parent = new Map<string, string>();
  const find = (term: string): string => {
    let root = term;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(term, root);
    return root;
  };
  // A term's words need not be known to the language model ("convolutional neural
  // network"): a word kept as written scores as an unseen word either way.
  const known = (phrase: string) =>
    phrase.split(' ').every((w) => sources.vocabulary.has(w) || /^[a-z][a-z'-]*[a-z]$/.test(w));
  const consider = (phrase: string, groupWith?: string) => {
    const words = wordCount(phrase);
    if (words < 2 || words > MAX_TERM_WORDS || !known(phrase)) return;
    if (!parent.has(phrase)) parent.set(phrase, phrase);
    if (groupWith !== undefined && parent.has(groupWith)) {
      // Which terms share a group does not depend on the order of the rows; which member
      // names it does, and it is only a key for counting.
      const [a, b] = [find(groupWith), find(phrase)];
      if (a !== b) parent.set(b, a);
    }
  };
  for (const { correct: term } of torturedRows(sources)) {
    consider(term);
    // The same term in the other number: "neural network" / "neural networks", unless that
    // form is much rarer than the written one ("data" / "datum"): as a listed term it would
    // be floored to the same score and split the reading's probability with the right one.
    const words = term.split(' ');
    const head = words[words.length - 1];
    const headLogProb = sources.phraseLogProb(head);
    for (const a of table.analyses(head)) {
      if (a.pos !== 'n') continue;
      for (const form of table.forms(a.lemma, 'n').values()) {
        if (sources.phraseLogProb(form) < headLogProb - RARER_FORM_LOG10) continue;
        consider([...words.slice(0, -1), form].join(' '), term);
      }
    }
  }
  return new Map([...parent.keys()].map((term) => [term, find(term)]));
}

/**
 * The tortured phrases of the training rows as written: a paper mill's known fingerprints
 * (what the Problematic Paper Screener looks for), keyed as the product's tokenizer reads
 * them (`phraseKeys`: lower-case, bracketed abbreviations dropped, a possessive 's split off,
 * PUNCTUATION_KEY where the phrase has punctuation). A fingerprint
 * must give a paper away, so the list leaves out a phrase that is itself an established
 * term ("machine learning" is the tortured form of another term on the list) and one the
 * language model finds at least as likely as a term it disguises ("international
 * organizations" for multinational corporations): ordinary prose says those.
 */
export function knownTorturedPhrases(
  sources: LexiconSources,
  terms: ReadonlyMap<string, string>,
): Set<string> {
  const correctsOf = new Map<string, string[]>();
  for (const row of torturedRows(sources)) {
    const keys = phraseKeys(row.tortured);
    const words = keys.filter((w) => w !== PUNCTUATION_KEY);
    if (words.length < 2 || !words.every((w) => /^[\p{L}\p{N}][\p{L}\p{N}'.-]*$/u.test(w))) continue;
    getOrCreate(correctsOf, keys.join(' '), () => []).push(row.correct);
  }
  const allCorrect = new Set([...correctsOf.values()].flat());
  const phrases = new Set<string>();
  for (const [phrase, corrects] of correctsOf) {
    if (terms.has(phrase) || allCorrect.has(phrase)) continue;
    // The language model reads the words: punctuation parts nothing there.
    const logProb = sources.phraseLogProb(phraseText(phrase.split(' ')));
    if (corrects.some((c) => logProb >= sources.phraseLogProb(phraseText(phraseKeys(c))))) continue;
    phrases.add(phrase);
  }
  return phrases;
}
