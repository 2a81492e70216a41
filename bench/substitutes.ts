/**
 * Where each spinner simulator gets its substitutes. A lookup takes a lower-cased surface word
 * or phrase and returns pools of weighted, already inflected, lower-case substitutes; the
 * spinner picks a pool uniformly, then a substitute by weight.
 *
 * - In-resource (spinner A): the resources the restorer itself uses — WordNet synset
 *   co-members and similar-to, MyThes, the real-spinner swap table, tortured-phrase train pairs.
 * - Out-of-resource (spinner B): WordNet hypernyms, hyponyms and coordinate terms (sister
 *   hyponyms of a hypernym), minus anything the in-resource lookup could produce, so a
 *   restorer cannot have seen the exact pair.
 */

import type { WordNetPos } from '../scripts/lib/wordnet.js';
import { isCompoundOfOther } from '../scripts/lib/wordnet.js';
import { type Lexicon, linkedSynsets, linkedWords, synsetsOf } from './lexicon.js';
import { type Analysis, analyse, inflect } from './morph.js';

export interface Weighted {
  text: string;
  weight: number;
}

/**
 * Non-empty pools of substitutes; empty array when the key cannot be swapped. `properName`
 * marks a multi-word key with a capitalised word inside a sentence ("Wall Street"): spinners
 * have no entries for names, so only phrase swaps actually observed on spun pages apply and
 * names otherwise get mangled word by word.
 */
export type SubstituteLookup = (key: string, properName: boolean) => Weighted[][];

/**
 * Function words and auxiliaries: thesauri give nonsense for them ("in" -> "indium", "will" ->
 * "testament"), while real spinners swap only a handful of them, so only the observed swap
 * table applies to these.
 */
const FUNCTION_WORDS = new Set(
  (
    'a an the this that these those some any each every no other another such ' +
    'i me my mine we us our ours you your yours he him his she her hers it its they them their theirs ' +
    'who whom whose which what where when why how whether if then than so as too very not nor ' +
    'and or but yet for of in on at by to from with without into onto upon about above below over under ' +
    'after before during through throughout between among against across along around behind beyond ' +
    'near off out up down since until till via within toward towards per ' +
    'be am is are was were been being have has had having do does did done doing ' +
    'will would shall should can could may might must ought ' +
    "there here also just only even still already again ever never 's"
  ).split(' '),
);

const NUMBER_WORDS = new Set(
  (
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen ' +
    'sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety ' +
    'hundred thousand million billion trillion dozen half quarter'
  ).split(' '),
);

const CLEAN_SUBSTITUTE = /^[a-z][a-z'-]*(?: [a-z][a-z'-]*){0,3}$/;

/** Substitutes common in edited English are likelier in a spinner's dictionary. */
function commonness(lex: Lexicon, phrase: string): number {
  let min = Number.POSITIVE_INFINITY;
  for (const w of phrase.split(' ')) min = Math.min(min, lex.frequency.get(w) ?? 0);
  return min >= 5 ? 1 : min >= 1 ? 0.3 : 0.1;
}

/** Real-spinner table rows: keep the spun case only where it is not just the original's capital. */
export function swapPool(lex: Lexicon, key: string): Weighted[] {
  const out: Weighted[] = [];
  for (const e of lex.swaps.get(key) ?? []) {
    let spun = e.spun;
    const firstWord = spun.split(' ')[0];
    if (/^\p{Lu}/u.test(e.original) && firstWord !== firstWord.toUpperCase()) {
      spun = spun[0].toLowerCase() + spun.slice(1);
    }
    // A clitic ("is" -> "'s") would need the space before it removed, outside the span.
    if (spun.toLowerCase() !== key && !/^['’]/.test(spun)) out.push({ text: spun, weight: e.count });
  }
  return out;
}

function restricted(key: string): boolean {
  return FUNCTION_WORDS.has(key) || NUMBER_WORDS.has(key);
}

/** Thesaurus candidates (no part of speech): for an inflected form they must be lemmas of that POS. */
function fitsForm(lex: Lexicon, candidate: string, a: Analysis): boolean {
  return a.form === 'base' || a.pos.some((p: WordNetPos) => lex.isLemma(candidate, p));
}

/** All lemma-level in-resource candidates of a key, inflected to the key's form. */
function dictionaryCandidates(lex: Lexicon, key: string): Set<string> {
  const out = new Set<string>();
  for (const a of analyse(key, lex.isLemma)) {
    for (const synset of synsetsOf(lex, a.lemma, a.pos)) {
      const words = [...synset.words];
      if (synset.pos === 'a') words.push(...linkedWords(lex, synset, '&'));
      // Like the restorer's lexicon: no compound-and-head pairs (thyroid gland / thyroid).
      for (const w of words) if (!isCompoundOfOther(a.lemma, w)) out.add(inflect(w, a.form));
    }
    for (const w of lex.mythes[a.lemma] ?? []) {
      if (w === w.toLowerCase() && fitsForm(lex, w, a) && !isCompoundOfOther(a.lemma, w))
        out.add(inflect(w, a.form));
    }
    for (const w of lex.tortured.get(a.lemma) ?? []) {
      if (w === w.toLowerCase() && fitsForm(lex, w, a)) out.add(inflect(w, a.form));
    }
  }
  return out;
}

function contentStems(phrase: string): string[] {
  return phrase
    .split(' ')
    .filter((w) => !FUNCTION_WORDS.has(w))
    .map((w) => w.replace(/s$/, ''));
}

/**
 * Thesaurus pairs that keep a content word ("reporters" -> "television reporters", "primary
 * election" -> "primary") change only part of the span; spinners swap whole words, so skip them.
 */
function sharesContentWord(key: string, candidate: string): boolean {
  const stems = new Set(contentStems(key));
  return contentStems(candidate).some((w) => stems.has(w));
}

function weighted(lex: Lexicon, key: string, candidates: Iterable<string>): Weighted[] {
  const out: Weighted[] = [];
  for (const c of candidates) {
    if (c === key || !CLEAN_SUBSTITUTE.test(c) || sharesContentWord(key, c)) continue;
    if (lex.properOnly.has(c) || c.split(' ').some((w) => lex.properOnly.has(w))) continue;
    out.push({ text: c, weight: commonness(lex, c) });
  }
  return out;
}

function memo(fn: SubstituteLookup): SubstituteLookup {
  const cache = new Map<string, Weighted[][]>();
  return (key, properName) => {
    const id = `${properName ? 'N' : 'w'}:${key}`;
    let hit = cache.get(id);
    if (!hit) {
      hit = fn(key, properName).filter((pool) => pool.length > 0);
      cache.set(id, hit);
    }
    return hit;
  };
}

export function inResourceLookup(lex: Lexicon): SubstituteLookup {
  return memo((key, properName) => {
    const swaps = swapPool(lex, key);
    if (restricted(key) || properName) return [swaps];
    return [swaps, weighted(lex, key, dictionaryCandidates(lex, key))];
  });
}

export function outOfResourceLookup(lex: Lexicon): SubstituteLookup {
  return memo((key, properName) => {
    if (restricted(key) || properName) return [];
    const known = dictionaryCandidates(lex, key);
    for (const s of swapPool(lex, key)) known.add(s.text.toLowerCase());
    const hyper = new Set<string>();
    const hypo = new Set<string>();
    const coord = new Set<string>();
    for (const a of analyse(key, lex.isLemma)) {
      for (const synset of synsetsOf(lex, a.lemma, a.pos)) {
        for (const w of linkedWords(lex, synset, '@')) hyper.add(inflect(w, a.form));
        for (const w of linkedWords(lex, synset, '~')) hypo.add(inflect(w, a.form));
        for (const parent of linkedSynsets(lex, synset, '@')) {
          for (const sister of linkedSynsets(lex, parent, '~')) {
            if (sister.key === synset.key) continue;
            for (const w of sister.words) coord.add(inflect(w, a.form));
          }
        }
      }
    }
    const fresh = (set: Set<string>) =>
      weighted(
        lex,
        key,
        [...set].filter((w) => !known.has(w)),
      );
    return [fresh(hyper), fresh(hypo), fresh(coord)];
  });
}
