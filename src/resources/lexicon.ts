/**
 * The substitution lexicon: for a spun word or phrase, the originals a spinner could
 * have turned into it, each with log10 q(spun | original) — the probability that a
 * spinner replacing `original` picks `spun`. Compiled by `scripts/build-lexicon.ts`
 * into one binary file of typed arrays, so loading is a few array views and one split.
 */
import { getOrCreate } from '../util/maps.js';
import { ResourceError, SETUP_HINT } from './errors.js';
import { buildTermModel, type TermModel } from './term-model.js';

const MAGIC = 'UNSPINLEX7\n';

/** An established term (the correct side of the tortured-phrase rows), split into words once. */
export interface ListedTerm {
  text: string;
  words: readonly string[];
}

export interface LexiconCandidate {
  original: string;
  /** log10 q(spun | original). */
  logQ: number;
}

export interface Lexicon {
  /** Originals that could have been spun into `spun` (lower-case, words joined by one space). */
  originalsOf(spun: string): readonly LexiconCandidate[];
  /**
   * How readily spinners change this original relative to an ordinary content word
   * (0 when they have no substitute for it; frequent words seldom seen swapped score low).
   */
  propensity(original: string): number;
  /** Whether some multi-word spun key starts with this word, so longer lookups can be skipped. */
  startsPhrase(word: string): boolean;
  /** Whether this lower-case phrase is an established multi-word term ("feature extraction"). */
  isTerm(phrase: string): boolean;
  /** Established terms whose word at `position` (0 = first) is `word`. */
  termsWith(word: string, position: number): readonly ListedTerm[];
  /**
   * The term an established term counts as: one for all its forms ("spectral feature" and
   * "spectral features"), so that reading both is reading one term; undefined for a phrase
   * that is no established term.
   */
  termGroup(phrase: string): string | undefined;
  /**
   * Whether these lower-case words (possessive 's split off, as in word positions) are a
   * tortured phrase of the training list, as written: a known fingerprint of a paper mill.
   */
  isKnownPhrase(words: readonly string[]): boolean;
  /** Whether some known tortured phrase starts with this word. */
  startsKnownPhrase(word: string): boolean;
  /** Longest known tortured phrase, in words. */
  readonly maxKnownPhraseWords: number;
  /**
   * An original as it is written: with the capitals the sources always give it or its words
   * ("americans" → Americans, "united states" → United States), else as given.
   */
  writtenForm(original: string): string;
  /** A model of what established terms look like, for terms not on the list. */
  readonly termModel: TermModel;
  /** Longest spun key, in words. */
  readonly maxKeyWords: number;
  /** Every (spun, original, logQ) triple; for benchmarks and inspection. */
  forEachPair(visit: (spun: string, original: string, logQ: number) => void): void;
}

interface Sections {
  strings: [number, number];
  keyIds: [number, number];
  keyStarts: [number, number];
  pairOriginal: [number, number];
  pairLogQ: [number, number];
  propensity: [number, number];
  terms: [number, number];
  termGroups: [number, number];
  knownPhrases: [number, number];
  writtenForms: [number, number];
}

export interface LexiconTables {
  strings: string[];
  /** For each spun key, its string id; pairs of key k are [keyStarts[k], keyStarts[k+1]). */
  keyIds: Uint32Array;
  keyStarts: Uint32Array;
  pairOriginal: Uint32Array;
  pairLogQ: Float32Array;
  /** Per string, as an original: its spin propensity (0 when it has no substitutes). */
  propensity: Float32Array;
  /** String ids of established multi-word terms. */
  terms: Uint32Array;
  /** For each of `terms`, the string id of the term it counts as (`Lexicon.termGroup`). */
  termGroups: Uint32Array;
  /** String ids of the known tortured phrases (words as in `isKnownPhrase`, joined by spaces). */
  knownPhrases: Uint32Array;
  /** Originals and their words as the sources write them, where that is with capitals ("Americans"). */
  writtenForms: string[];
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

export function encodeLexicon(tables: LexiconTables, meta: Record<string, unknown>): Uint8Array {
  const stringBytes = new TextEncoder().encode(tables.strings.join('\n'));
  const parts: [keyof Sections, Uint8Array][] = [
    ['strings', stringBytes],
    ['keyIds', new Uint8Array(tables.keyIds.buffer)],
    ['keyStarts', new Uint8Array(tables.keyStarts.buffer)],
    ['pairOriginal', new Uint8Array(tables.pairOriginal.buffer)],
    ['pairLogQ', new Uint8Array(tables.pairLogQ.buffer)],
    ['propensity', new Uint8Array(tables.propensity.buffer)],
    ['terms', new Uint8Array(tables.terms.buffer)],
    ['termGroups', new Uint8Array(tables.termGroups.buffer)],
    ['knownPhrases', new Uint8Array(tables.knownPhrases.buffer)],
    ['writtenForms', new TextEncoder().encode(tables.writtenForms.join('\n'))],
  ];
  const sections = {} as Sections;
  let offset = 0;
  for (const [name, bytes] of parts) {
    sections[name] = [offset, bytes.byteLength];
    offset = align4(offset + bytes.byteLength);
  }
  const header = new TextEncoder().encode(JSON.stringify({ ...meta, sections }));
  const start = align4(MAGIC.length + 4 + header.byteLength);
  const out = new Uint8Array(start + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, header.byteLength, true);
  out.set(header, MAGIC.length + 4);
  for (const [name, bytes] of parts) out.set(bytes, start + sections[name][0]);
  return out;
}

export function decodeLexicon(bytes: Uint8Array): { tables: LexiconTables; meta: Record<string, unknown> } {
  const corrupt = (why: string) =>
    new ResourceError(`The substitution lexicon is corrupt (${why}). ${SETUP_HINT}`, 'resource-corrupt');
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) {
    // An earlier version's lexicon, left behind by an upgrade: out of date, not damaged.
    if (/^UNSPINLEX\d+\n$/.test(magic)) {
      throw new ResourceError(
        `The substitution lexicon was built by another version of Unspin (format ${magic.slice(9, -1)}; this version reads ${MAGIC.slice(9, -1)}). ${SETUP_HINT}`,
        'resource-corrupt',
      );
    }
    throw corrupt('bad header');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(MAGIC.length, true);
  let meta: Record<string, unknown> & { sections: Sections };
  try {
    meta = JSON.parse(
      new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + headerLength)),
    );
  } catch {
    throw corrupt('unreadable header');
  }
  const start = align4(MAGIC.length + 4 + headerLength);
  // Copy into an aligned buffer once so typed-array views are valid whatever the source offset.
  const body = new Uint8Array(bytes.byteLength - start);
  body.set(bytes.subarray(start));
  const section = (name: keyof Sections) => {
    const [off, len] = meta.sections[name];
    if (off + len > body.byteLength) throw corrupt(`truncated ${name}`);
    return [off, len] as const;
  };
  const u32 = (name: keyof Sections) => {
    const [off, len] = section(name);
    return new Uint32Array(body.buffer, off, len / 4);
  };
  const [so, sl] = section('strings');
  const [po, pl] = section('pairLogQ');
  const [fo, fl] = section('propensity');
  const [wo, wl] = section('writtenForms');
  const terms = u32('terms');
  const termGroups = u32('termGroups');
  if (termGroups.length !== terms.length) throw corrupt('term groups do not match the terms');
  return {
    meta,
    tables: {
      strings: new TextDecoder().decode(body.subarray(so, so + sl)).split('\n'),
      keyIds: u32('keyIds'),
      keyStarts: u32('keyStarts'),
      pairOriginal: u32('pairOriginal'),
      pairLogQ: new Float32Array(body.buffer, po, pl / 4),
      propensity: new Float32Array(body.buffer, fo, fl / 4),
      terms,
      termGroups,
      knownPhrases: u32('knownPhrases'),
      writtenForms: wl === 0 ? [] : new TextDecoder().decode(body.subarray(wo, wo + wl)).split('\n'),
    },
  };
}

export function lexiconFromTables(tables: LexiconTables): Lexicon {
  const {
    strings,
    keyIds,
    keyStarts,
    pairOriginal,
    pairLogQ,
    propensity,
    terms,
    termGroups,
    knownPhrases,
    writtenForms,
  } = tables;
  const stringId = new Map<string, number>();
  for (let i = 0; i < strings.length; i++) stringId.set(strings[i], i);
  const keyOf = new Int32Array(strings.length).fill(-1);
  const phraseStarts = new Set<string>();
  let maxKeyWords = 1;
  for (let k = 0; k < keyIds.length; k++) {
    const key = strings[keyIds[k]];
    keyOf[keyIds[k]] = k;
    const space = key.indexOf(' ');
    if (space > 0) {
      phraseStarts.add(key.slice(0, space));
      maxKeyWords = Math.max(maxKeyWords, key.split(' ').length);
    }
  }
  const termSet = new Set<string>();
  const groupOf = new Map<string, string>();
  // By position, then word: looked up for every word of every sentence.
  const termsByWordAt: Map<string, ListedTerm[]>[] = [];
  terms.forEach((id, i) => {
    const term: ListedTerm = { text: strings[id], words: strings[id].split(' ') };
    termSet.add(term.text);
    groupOf.set(term.text, strings[termGroups[i]]);
    term.words.forEach((word, position) => {
      termsByWordAt[position] ??= new Map();
      getOrCreate(termsByWordAt[position], word, () => []).push(term);
    });
  });
  const knownPhraseSet = new Set<string>();
  const knownPhraseStarts = new Set<string>();
  let maxKnownPhraseWords = 0;
  for (const id of knownPhrases) {
    const words = strings[id].split(' ');
    knownPhraseSet.add(strings[id]);
    knownPhraseStarts.add(words[0]);
    maxKnownPhraseWords = Math.max(maxKnownPhraseWords, words.length);
  }
  const writtenBy = new Map(writtenForms.map((form) => [form.toLowerCase(), form]));
  const writtenForm = (original: string): string =>
    writtenBy.get(original) ??
    original
      .split(' ')
      .map((word) => writtenBy.get(word) ?? word)
      .join(' ');
  const cache = new Map<number, LexiconCandidate[]>();
  const none: never[] = [];

  function originalsOf(spun: string): readonly LexiconCandidate[] {
    const id = stringId.get(spun);
    if (id === undefined || keyOf[id] < 0) return none;
    const k = keyOf[id];
    let list = cache.get(k);
    if (!list) {
      list = [];
      for (let p = keyStarts[k]; p < keyStarts[k + 1]; p++) {
        list.push({ original: strings[pairOriginal[p]], logQ: pairLogQ[p] });
      }
      cache.set(k, list);
    }
    return list;
  }

  return {
    originalsOf,
    propensity(original) {
      const id = stringId.get(original);
      return id === undefined ? 0 : propensity[id];
    },
    startsPhrase: (word) => phraseStarts.has(word),
    isTerm: (phrase) => termSet.has(phrase),
    termsWith: (word, position) => termsByWordAt[position]?.get(word) ?? none,
    termGroup: (phrase) => groupOf.get(phrase),
    isKnownPhrase: (words) => knownPhraseSet.has(words.join(' ')),
    startsKnownPhrase: (word) => knownPhraseStarts.has(word),
    maxKnownPhraseWords,
    writtenForm,
    termModel: buildTermModel(termSet),
    maxKeyWords,
    forEachPair(visit) {
      for (let k = 0; k < keyIds.length; k++) {
        for (let p = keyStarts[k]; p < keyStarts[k + 1]; p++) {
          visit(strings[keyIds[k]], strings[pairOriginal[p]], pairLogQ[p]);
        }
      }
    },
  };
}
