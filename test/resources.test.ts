import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResourceError } from '../src/resources/errors.js';
import { loadResources } from '../src/resources/index.js';
import { readLanguageModel } from '../src/resources/language-model.js';
import { decodeLexicon, encodeLexicon, lexiconFromTables } from '../src/resources/lexicon.js';
import { compiledDir } from '../src/resources/paths.js';
import { buildTermModel } from '../src/resources/term-model.js';
import {
  countWrittenBigrams,
  decodeWrittenBigrams,
  encodeWrittenBigrams,
  writtenMixer,
} from '../src/resources/written-bigrams.js';

describe('lexicon', () => {
  it('round-trips through its binary form', () => {
    const tables = {
      strings: [
        'informed',
        'told',
        'advised',
        'feature extraction',
        'profound learning',
        'feature extractions',
      ],
      keyIds: Uint32Array.from([0]),
      keyStarts: Uint32Array.from([0, 2]),
      pairOriginal: Uint32Array.from([1, 2]),
      pairLogQ: Float32Array.from([-0.5, -1]),
      propensity: Float32Array.from([0, 0.8, 0.4, 0, 0, 0]),
      terms: Uint32Array.from([3, 5]),
      termGroups: Uint32Array.from([5, 5]),
      knownPhrases: Uint32Array.from([4]),
      writtenForms: ['United States', 'Americans'],
    };
    const lexicon = lexiconFromTables(decodeLexicon(encodeLexicon(tables, { version: 1 })).tables);
    expect(lexicon.originalsOf('informed')).toEqual([
      { original: 'told', logQ: -0.5 },
      { original: 'advised', logQ: -1 },
    ]);
    expect(lexicon.originalsOf('told')).toEqual([]);
    expect(lexicon.propensity('told')).toBeCloseTo(0.8);
    expect(lexicon.isTerm('feature extraction')).toBe(true);
    const featureExtraction = { text: 'feature extraction', words: ['feature', 'extraction'] };
    expect(lexicon.termsWith('feature', 0)).toEqual([
      featureExtraction,
      { text: 'feature extractions', words: ['feature', 'extractions'] },
    ]);
    expect(lexicon.termsWith('extraction', 1)).toEqual([featureExtraction]);
    expect(lexicon.termsWith('extraction', 0)).toEqual([]);
    expect(lexicon.termGroup('feature extraction')).toBe('feature extractions');
    expect(lexicon.termGroup('feature extractions')).toBe('feature extractions');
    expect(lexicon.termGroup('feature')).toBeUndefined();
    expect(lexicon.isKnownPhrase(['profound', 'learning'])).toBe(true);
    expect(lexicon.isKnownPhrase(['feature', 'extraction'])).toBe(false);
    expect(lexicon.startsKnownPhrase('profound')).toBe(true);
    expect(lexicon.startsKnownPhrase('learning')).toBe(false);
    expect(lexicon.maxKnownPhraseWords).toBe(2);
    expect(lexicon.writtenForm('united states')).toBe('United States');
    expect(lexicon.writtenForm('millions of americans')).toBe('millions of Americans');
    expect(lexicon.writtenForm('told')).toBe('told');
  });

  it('knows inflection-aware substitutions from the thesauri and learned swaps', () => {
    const { lexicon } = loadResources();
    const originals = (spun: string) => lexicon.originalsOf(spun).map((c) => c.original);
    expect(originals('informed')).toContain('told');
    expect(originals('home')).toContain('house');
    expect(originals('12 months')).toContain('year');
    expect(originals('1/4')).toContain('a quarter');
    expect(originals('5')).toContain('five');
    // Spinners turn words into digits, not digits into words.
    for (const word of ['one', 'five', 'first', 'hundred']) {
      expect(originals(word).filter((o) => /^\d+(?:st|nd|rd|th)?$/.test(o))).toEqual([]);
    }
    // A symbol or name spelled like a common word is another word: "As" is arsenic, "as" is not.
    expect(originals('as')).not.toContain('arsenic');
    expect(originals('as')).toContain('equally');
    expect(originals('bush')).toContain('shrub');
    expect(originals('bush')).not.toContain('george bush');
    // A capitalised sense of a class is a synonym all the same (Lord, noble).
    expect(originals('lord')).toContain('noble');
    // Frequent words seldom seen swapped are reluctant to change; "said" is swapped often.
    expect(lexicon.propensity('the')).toBeLessThan(0.2);
    expect(lexicon.propensity('said')).toBeGreaterThan(0.5);
  });

  it('writes an original with the capitals its sources always give it, and no others', () => {
    const { lexicon } = loadResources();
    expect(lexicon.originalsOf('individuals').map((c) => c.original)).toContain('americans');
    expect(lexicon.writtenForm('americans')).toBe('Americans');
    expect(lexicon.writtenForm('united states')).toBe('United States');
    expect(lexicon.writtenForm('monday')).toBe('Monday');
    // Also written in lower case, or the form of a word that is ("states", "ate"), or an acronym
    // or a symbol spelled as a function word (IT, OR, Am).
    for (const word of ['march', 'bush', 'states', 'ate', 'people', 'may', 'it', 'or', 'am'])
      expect(lexicon.writtenForm(word)).toBe(word);
  });
});

describe('term model', () => {
  const model = buildTermModel([
    'feature extraction',
    'feature selection',
    'shape descriptor',
    'image descriptor',
    'support vector machine',
  ]);
  const p = (term: string) => model.logProb(term.split(' '));

  it('prefers listed terms and unseen terms made of term words to other word pairs', () => {
    expect(p('feature extraction')).toBeGreaterThan(p('feature descriptor'));
    expect(p('feature descriptor')).toBeGreaterThan(p('include descriptor'));
    expect(p('include descriptor')).toBeGreaterThan(p('told reporters'));
    expect(model.has('descriptor')).toBe(true);
    expect(model.has('include')).toBe(false);
  });

  it('gives terms of its words no more than their share of probability', () => {
    // One- and two-word terms of the model's words: part of a distribution that also
    // covers longer terms and unseen words, so below one.
    const words = [
      'feature',
      'extraction',
      'selection',
      'shape',
      'descriptor',
      'image',
      'support',
      'vector',
      'machine',
    ];
    let total = 0;
    for (const a of words) {
      total += 10 ** p(a);
      for (const b of words) total += 10 ** p(`${a} ${b}`);
    }
    expect(total).toBeLessThan(1);
    expect(total).toBeGreaterThan(0.01);
  });
});

describe('written-English bigrams', () => {
  const vocabulary = ['regression', 'analysis', 'relapse', 'examination'];
  const id = (w: string) => vocabulary.indexOf(w);
  const runs = [['regression', 'analysis'], ['regression', 'analysis', 'unknown'], ['relapse']];

  it('round-trip through their binary form and raise what was written', () => {
    const bigrams = decodeWrittenBigrams(encodeWrittenBigrams(countWrittenBigrams(runs, id, 4)), 4);
    expect([...bigrams.rowStart]).toEqual([0, 1, 1, 1, 1]);
    expect([...bigrams.words]).toEqual([1]);
    expect([...bigrams.counts]).toEqual([2]);
    const mix = writtenMixer(bigrams, 0.2);
    // A pair seen in writing gains; the rest of that row loses a little; other rows keep theirs.
    expect(mix(-5, id('analysis'), id('regression'))).toBeGreaterThan(-2);
    expect(mix(-5, id('examination'), id('regression'))).toBeLessThan(-5);
    expect(mix(-5, id('examination'), id('relapse'))).toBe(-5);
  });

  it('name the problem and the fix when corrupt or built for another model', () => {
    const bytes = encodeWrittenBigrams(countWrittenBigrams(runs, id, 4));
    expect(() => decodeWrittenBigrams(bytes, 5)).toThrow(/another language model.*npm run setup/);
    expect(() => decodeWrittenBigrams(bytes.subarray(0, 30), 4)).toThrow(/truncated/);
  });
});

describe('resource errors', () => {
  it('names the problem and the fix for a corrupt language model', () => {
    const bytes = readFileSync(join(compiledDir(), 'en-us.lm.bin'));
    expect(() => readLanguageModel(bytes.subarray(0, 1000))).toThrow(ResourceError);
    expect(() => readLanguageModel(bytes.subarray(0, 1000))).toThrow(/corrupt.*npm run setup/);
    expect(() => readLanguageModel(Buffer.from('not a model at all'))).toThrow(/bad header/);
  });

  it('names the problem and the fix for a corrupt lexicon', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unspin-res-'));
    writeFileSync(join(dir, 'lexicon.bin'), 'garbage');
    expect(() => decodeLexicon(readFileSync(join(dir, 'lexicon.bin')))).toThrow(
      /lexicon is corrupt.*npm run setup/,
    );
    // One an earlier version built is out of date, not damaged.
    const current = readFileSync(join(compiledDir(), 'lexicon.bin'));
    const older = Buffer.from(current);
    older.write('UNSPINLEX6\n', 0, 'latin1');
    expect(() => decodeLexicon(older)).toThrow(
      /another version of Unspin \(format 6; this version reads 7\).*npm run setup/,
    );
  });
});

describe('missing resources', () => {
  it('exit 2 with a message that says how to fix it, no stack trace', async () => {
    const { spawnSync } = await import('node:child_process');
    const empty = mkdtempSync(join(tmpdir(), 'unspin-empty-'));
    const result = spawnSync(process.execPath, ['bin/unspin.js', 'check', '-'], {
      input: 'The White Home informed reporters.',
      env: { ...process.env, UNSPIN_RESOURCES: empty },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/missing.*npm run setup/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
