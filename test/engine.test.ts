import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, loadResources, restore } from '../src/api/index.js';
import { judgeText, weighFinding } from '../src/api/pipeline.js';
import { sentenceCandidates } from '../src/channel/candidates.js';
import { wordPositions } from '../src/channel/positions.js';
import { DEFAULT_SPINNER_MODEL } from '../src/channel/spinner-model.js';
import { DEFAULT_CANDIDATE_OPTIONS } from '../src/channel/substitution.js';
import { termCandidates } from '../src/channel/term-readings.js';
import { analyzeText } from '../src/decode/analyze.js';
import type { SpanFinding } from '../src/decode/findings.js';
import { articleChooser } from '../src/text/articles.js';
import { copyCase, isShouting, isWrittenInTitleCase } from '../src/text/case.js';
import { ordinalToWords, spokenNumber } from '../src/text/numbers.js';
import { tokenize } from '../src/text/tokenize.js';
import { judgeDocument, spunBar } from '../src/verdict/document.js';
import { knownPhraseSpinProbability } from '../src/verdict/known-phrases.js';
import { countTermReadings, termReadingSpinProbability } from '../src/verdict/term-readings.js';

const SPUN = 'The White Home informed reporters on Monday that the company would shut its places of work.';

describe('check', () => {
  it('finds swapped words with offsets into the input, sorted and not overlapping', () => {
    const result = check(SPUN);
    expect(result.words).toBe(16);
    expect(result.findings.length).toBeGreaterThan(0);
    let end = 0;
    for (const f of result.findings) {
      expect(SPUN.slice(f.offset, f.offset + f.length)).toBe(f.text);
      expect(f.offset).toBeGreaterThanOrEqual(end);
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
      expect(f.suggestions.length).toBeGreaterThan(0);
      end = f.offset + f.length;
    }
    const home = result.findings.find((f) => f.text === 'Home');
    expect(home?.suggestions[0]).toBe('House');
  });

  it('gives the article each suggestion takes where an "a" or "an" stands right before a finding', () => {
    const takesAn = articleChooser(loadResources().lm);
    const byFirstLetter = (word: string) => /^[aeiou]/i.test(word);
    let heardOtherwise = 0;
    for (const text of [
      'The officers stated it was a tremendous blow to the town, and a gigantic apology was due. Officials said a colossal fire had destroyed a big residence in the region of the capital after an unpleasant day.',
      'He had an unusual talent and a singular gift, an exceptional mind.',
    ]) {
      const findings = check(text, { minConfidence: 0.01 }).findings;
      expect(findings.some((f) => f.articles)).toBe(true);
      for (const f of findings) {
        if (!/\b(an?)\s+$/i.test(text.slice(0, f.offset))) {
          expect(f.articles).toBeUndefined();
          continue;
        }
        const first = f.suggestions.map((s) => s.split(' ')[0]);
        expect(f.articles).toEqual(first.map((w) => (takesAn(w) ? 'an' : 'a')));
        heardOtherwise += first.filter((w, i) => (f.articles?.[i] === 'an') !== byFirstLetter(w)).length;
      }
    }
    // As the language model hears them ("a unique"), not by their first letter.
    expect(heardOtherwise).toBeGreaterThan(0);
  });

  it('leaves ordinary clean sentences alone', () => {
    const clean = 'The White House told reporters on Monday that the agency would close its offices.';
    expect(check(clean).findings).toEqual([]);
    expect(restore(clean).restored).toBe(clean);
  });

  it('reads numbers in digits as they are said, so "16th" or "1960s" is not taken for a swap of its word', () => {
    expect(spokenNumber('16th')).toEqual(['sixteenth']);
    expect(spokenNumber('21st')).toEqual(['twenty', 'first']);
    expect(spokenNumber('1961')).toEqual(['nineteen', 'sixty', 'one']);
    expect(spokenNumber('1,961')).toEqual(['one', 'thousand', 'nine', 'hundred', 'sixty', 'one']);
    expect(spokenNumber('1960s')).toEqual(['nineteen', 'sixties']);
    expect(spokenNumber('2000s')).toEqual(['two', 'thousands']);
    expect([2, 3, 12, 40, 100].map((n) => ordinalToWords(n))).toEqual([
      'second',
      'third',
      'twelfth',
      'fortieth',
      'one hundredth',
    ]);
    for (const text of [
      'The treaty was signed in the 16th century by both nations.',
      'He finished 12th in the race on the 10th of May.',
      'In the 1960s the economy grew quickly across the country.',
    ]) {
      expect(check(text, { minConfidence: 0.05 }).findings.filter((f) => /\d/.test(f.text))).toEqual([]);
    }
  });

  it('leaves lone letters alone (variables, initials), whatever thesauri say they mean', () => {
    const maths = 'Let x be the unknown number and solve for x in the equation, where n is a whole number.';
    expect(check(maths).findings.filter((f) => f.length === 1)).toEqual([]);
    expect(restore(maths).restored).toBe(maths);
  });

  it('handles empty and punctuation-only input', () => {
    expect(check('')).toEqual({
      spinProbability: 0,
      verdict: 'clean',
      words: 0,
      findings: [],
      knownTorturedPhrases: [],
      listedTermReadings: 0,
      spunAt: spunBar(0),
    });
    expect(check(' ,.;— ').words).toBe(0);
  });

  it('rejects a non-string with a TypeError', () => {
    expect(() => check(42 as unknown as string)).toThrow(TypeError);
  });

  it('keeps the finding contract for arbitrary text', () => {
    const word = fc.constantFrom(
      'home',
      'House',
      'informed',
      'the',
      'shut',
      'places',
      'of',
      'work',
      'Monday',
      '12',
      'isn’t',
    );
    const sep = fc.constantFrom(' ', ', ', '. ', '\n', ' “', '” ', ' - ');
    const textArb = fc.array(fc.tuple(word, sep), { maxLength: 40 }).map((parts) => parts.flat().join(''));
    fc.assert(
      fc.property(textArb, (text) => {
        const result = check(text);
        let end = 0;
        for (const f of result.findings) {
          expect(text.slice(f.offset, f.offset + f.length)).toBe(f.text);
          expect(f.offset).toBeGreaterThanOrEqual(end);
          end = f.offset + f.length;
        }
        expect(result.spinProbability).toBeGreaterThanOrEqual(0);
        expect(result.spinProbability).toBeLessThanOrEqual(1);
      }),
      { numRuns: 60 },
    );
  });
});

describe('restore', () => {
  it('puts the original wording back, copying capitalisation', () => {
    const { restored, changes } = restore(SPUN);
    expect(restored).toContain('White House told reporters');
    expect(changes.every((c) => SPUN.slice(c.offset, c.offset + c.length) === c.text)).toBe(true);
  });

  it('reads an acronym in running text as words in their own case, and keeps a headline in capitals', () => {
    const running = isShouting(['My', 'old', 'broke']);
    expect(copyCase('PC', 'computer', running, false)).toBe('computer');
    expect(copyCase('PC', 'computer', running, true)).toBe('Computer');
    expect(copyCase("PC's", 'computer', running, false)).toBe('computer');
    expect(copyCase('TV show', 'television show', running, false)).toBe('television show');
    expect(copyCase('USA', 'united states', running, false)).toBe('united states');
    expect(copyCase('HOME', 'house', isShouting(['THE', 'WHITE', 'SAID', 'A']), false)).toBe('HOUSE');
    expect(copyCase('Home', 'house', isShouting(['the', 'white']), false)).toBe('House');
    expect(isShouting(['NASA', 'and', 'ESA', 'budgets'])).toBe(false);
    expect(isShouting(["NASA's", 'NEW', 'budget'])).toBe(true);
    const pc = check('My old PC broke last week, so I bought a new one.', {
      minConfidence: 0.01,
    }).findings.find((f) => f.text === 'PC');
    expect(pc?.suggestions[0]).toBe('computer');
  });

  it('suggests a name or a word made from one with its capitals, wherever it stands', () => {
    const suggestions = (text: string, word: string) =>
      check(text, { minConfidence: 0.01 }).findings.find((f) => f.text === word)?.suggestions ?? [];
    const running = suggestions(
      'Tens of millions of individuals will vote in the election this fall.',
      'individuals',
    );
    expect(running).toContain('Americans');
    expect(running).not.toContain('americans');
    expect(suggestions('Individuals will vote in the election this fall.', 'Individuals')).toContain(
      'Americans',
    );
  });

  it('keeps everything it does not change byte for byte', () => {
    const input = '  \u201cThe White Home\u201d\tinformed\r\nreporters  —  ok.  ';
    const { restored, changes } = restore(input);
    let rebuilt = '';
    let at = 0;
    for (const c of changes) {
      rebuilt += input.slice(at, c.offset) + c.replacement;
      at = c.offset + c.length;
    }
    expect(rebuilt + input.slice(at)).toBe(restored);
    expect(restored.startsWith('  \u201c')).toBe(true);
    expect(restored.endsWith('  —  ok.  ')).toBe(true);
  });

  it('reads a phrase across a line break, as text from a PDF has them anywhere, and keeps the break', () => {
    // A phrase of the training list (data/tortured-phrases-train.tsv).
    const { changes, restored } = restore('In this paper we apply arbitrary\nwoodland to the problem.');
    expect(changes.map((c) => [c.text, c.replacement])).toEqual([['arbitrary\nwoodland', 'random\nforest']]);
    expect(restored).toBe('In this paper we apply random\nforest to the problem.');
  });

  it('keeps a possessive on a restored word', () => {
    expect(restore('The White Home’s spokesman informed reporters.').restored).toContain('House’s');
  });

  it('restores an established term whose word is two swaps away from the written one', () => {
    // "boondocks" is no listed substitute of "forest", but of a word that is.
    expect(restore('In this paper we apply random boondocks to the problem.').restored).toContain(
      'random forest',
    );
    expect(restore('In this paper we apply mean squared blooper to the problem.').restored).toContain(
      'mean squared error',
    );
  });

  it('reads three words as a listed term when two of them pin it down and one is unexplained', () => {
    const termReadings = (text: string) => {
      const res = loadResources();
      const [sentence] = wordPositions(tokenize(text), res.lm, res.lexicon);
      return termCandidates(sentence, res, DEFAULT_SPINNER_MODEL, DEFAULT_CANDIDATE_OPTIONS)
        .filter((s) => s.changes > 0)
        .map((s) => s.original);
    };
    // No lexicon path leads from "zebra" to "support" or to "random".
    expect(termReadings('We trained a zebra vector machine on the data.')).toContain(
      'support vector machine',
    );
    expect(termReadings('We trained a support zebra machine on the data.')).toContain(
      'support vector machine',
    );
    // One known word is not enough to pin down a two-word term.
    expect(termReadings('We trained a zebra forest on the data.')).not.toContain('random forest');
  });

  it('reads a phrase with a possessive inside as the lexicon lists it', () => {
    const res = loadResources();
    const spans = (text: string) => {
      const [sentence] = wordPositions(tokenize(text), res.lm, res.lexicon);
      return sentenceCandidates(sentence, res, DEFAULT_SPINNER_MODEL, DEFAULT_CANDIDATE_OPTIONS).map(
        (s) => `${sentence[s.start].key}…${sentence[s.end - 1].key} ← ${s.original}`,
      );
    };
    // The lexicon keys it "lion's share"; the tokenizer splits the possessive off "lion".
    expect(res.lexicon.originalsOf("lion's share").map((c) => c.original)).toContain('majority');
    expect(spans("The panel used weighted lion's share voting.")).toContain('lion…share ← majority');
    // The phrase still needs its possessive: "lion share" is not the listed key.
    expect(spans('The panel used weighted lion share voting.')).not.toContain('lion…share ← majority');
    expect(restore("In this paper we apply weighted lion's share voting to the problem.").restored).toContain(
      'weighted majority voting',
    );
  });
  it('reads abbreviations as the language model knows them, not as unknown words', () => {
    const text =
      'Mr. Jones and Mrs. Smith met Dr. Brown in St. Louis at 3 p.m. on Feb. 4, and the U.S. officials joined them.';
    const { findings } = check(text, { minConfidence: 0.3 });
    expect(findings.filter((f) => f.text.includes('.'))).toEqual([]);
    expect(restore(text).restored).toBe(text);
  });

  it('does not read an ordinary noun phrase as a swap learned from papers', () => {
    const text = 'The executives decided to close the plant.';
    expect(restore(text).restored).toBe(text);
  });

  it('leaves other spellings and acronym readings of correct terms alone', () => {
    for (const term of ['traveling salesman problem', 'computed tomography', 'labour market']) {
      const text = `In this paper we apply ${term} to the problem.`;
      expect(restore(text).restored).toBe(text);
    }
  });

  it('never offers another hyphenation of the same word as an original', () => {
    const { lexicon } = loadResources();
    const originals = (spun: string) => lexicon.originalsOf(spun).map((c) => c.original);
    expect(originals('trade-off')).not.toContain('tradeoff');
    expect(originals('e-mail')).not.toContain('email');
    expect(originals('online')).not.toContain('on-line');
    // Real synonyms stay.
    expect(originals('e-mail')).toContain('electronic mail');
  });

  it('gives text that is not flagged again', () => {
    const once = restore(SPUN).restored;
    expect(check(once).findings.length).toBeLessThan(check(SPUN).findings.length);
    expect(restore(once).restored).toBe(once);
  });
});

describe('text in capitals', () => {
  /** Each word's class as the decoder reads it. */
  const classes = (text: string) => {
    const res = loadResources();
    return Object.fromEntries(
      wordPositions(tokenize(text), res.lm, res.lexicon)
        .flat()
        .map((p) => [p.token.text, p.wordClass]),
    );
  };
  const example = (name: string) =>
    readFileSync(new URL(`../examples/state-of-the-union.${name}.txt`, import.meta.url), 'utf8');

  it('is read as words, so a clean text typed in capitals is clean and a spun one spun', () => {
    const clean = check(example('original').toUpperCase());
    expect(clean.verdict).toBe('clean');
    expect(clean.findings).toEqual([]);
    const spun = check(example('spun').toUpperCase());
    expect(spun.verdict).toBe('spun');
    // The same swaps are found as in the text as written, suggested in capitals.
    const asWritten = check(example('spun')).findings.map((f) => f.offset);
    const found = spun.findings.map((f) => f.offset);
    expect(found.filter((o) => asWritten.includes(o)).length).toBeGreaterThanOrEqual(asWritten.length - 2);
    for (const f of spun.findings)
      expect(f.suggestions[0].charAt(0)).toBe(f.suggestions[0].charAt(0).toUpperCase());
  });

  it('reads capitals as style only in a sentence written in them, with a function word', () => {
    expect(classes('THE PRESIDENT TOLD REPORTERS IN THE U.S. CAPITAL')).toMatchObject({
      PRESIDENT: 'plain',
      TOLD: 'plain',
      'U.S.': 'acronym',
    });
    // Acronyms in ordinary text, a list of them, a lone one and a code identifier stay acronyms.
    expect(classes('Buy a TV or PC today.')).toMatchObject({ TV: 'acronym', PC: 'acronym' });
    expect(classes('PC, TV and DVD.')).toMatchObject({ PC: 'acronym', TV: 'acronym', DVD: 'acronym' });
    expect(classes('USA')).toMatchObject({ USA: 'acronym' });
    expect(classes('The limit is Number.MAX_SAFE_INTEGER in JavaScript.')).toMatchObject({
      INTEGER: 'acronym',
    });
    expect(restore('The limit is Number.MAX_SAFE_INTEGER in JavaScript.').changes).toEqual([]);
  });

  it('reads a text in Title Case as words: a clean one is clean, a spun one spun, in Title Case', () => {
    const titled = (text: string) =>
      text.replace(/(^|[\s"(-])(\p{Ll})/gu, (_, before, ch) => before + ch.toUpperCase());
    const clean = check(titled(example('original')));
    expect(clean.verdict).toBe('clean');
    expect(clean.findings).toEqual([]);
    const spun = check(titled(example('spun')));
    expect(spun.verdict).toBe('spun');
    const asWritten = check(example('spun')).findings.map((f) => f.offset);
    const found = spun.findings.map((f) => f.offset);
    expect(found.filter((o) => asWritten.includes(o)).length).toBeGreaterThanOrEqual(asWritten.length - 2);
    // Suggested as a title writes them: capitalised, but for articles, conjunctions and prepositions.
    for (const f of spun.findings)
      expect(f.suggestions[0]).toBe(copyCase(f.text, f.suggestions[0].toLowerCase(), false, false, true));
    expect(copyCase('Additionally', 'in addition', false, false, true)).toBe('In Addition');
    expect(copyCase('Huge Amount', 'a lot of', false, false)).toBe('A Lot of');
    expect(copyCase('Climb', 'go up', false, false, true)).toBe('Go Up');
  });

  it('reads a headline in Title Case as words, and a name in running text as a name', () => {
    expect(classes('Storm Warning Over Extreme Warmth in the Southern States')).toMatchObject({
      Warmth: 'plain',
      Southern: 'plain',
    });
    expect(classes('Then Barack Obama was President.')).toMatchObject({
      Barack: 'capitalised',
      President: 'capitalised',
    });
    // Articles, conjunctions and prepositions may stay in lower case; a verb may not.
    expect(isWrittenInTitleCase('A Matter of Life and Death'.split(' '))).toBe(true);
    expect(isWrittenInTitleCase('Barack Obama was President'.split(' '))).toBe(false);
    expect(isWrittenInTitleCase('Weather Service'.split(' '))).toBe(false);
  });
});

describe('spinner artefacts and tiny inputs', () => {
  it('removes a leftover spintax brace, keeping the first alternative', () => {
    const text = 'The budget grew by ten {dollars|bucks} and {million} more.';
    const { restored, changes } = restore(text);
    expect(restored).toContain('ten dollars and million more');
    expect(changes.map((c) => c.text)).toEqual(expect.arrayContaining(['{dollars|bucks}', '{million}']));
  });

  it('leaves braces around code or template fields alone', () => {
    const text = 'Use the {user.name} field or {"a": 1} in templates.';
    expect(restore(text).changes.filter((c) => c.text.includes('{'))).toEqual([]);
  });

  it('does not take a known term in a sentence as evidence of spinning', () => {
    // The term model raises P(text) for "deep learning" under both hypotheses alike.
    const clean = check('In this paper we apply deep learning to the problem.');
    expect(clean.verdict).not.toBe('spun');
    expect(clean.spinProbability).toBeLessThan(0.5);
    const tortured = check('In this paper we apply profound learning to the problem.');
    expect(tortured.verdict).not.toBe('clean');
    expect(tortured.spinProbability).toBeGreaterThan(0.8);
  });

  it('needs more evidence to call a sentence spun than an article', () => {
    expect(spunBar(10)).toBeGreaterThan(spunBar(5000));
    // One word with a likelier synonym is not enough to accuse a sentence.
    const sentence = check("The executive's decision was final.");
    expect(sentence.verdict).not.toBe('spun');
  });

  it('does not call a one-word text spun', () => {
    for (const text of ['vm', 'hello', 'The cat sat.']) expect(check(text).verdict).not.toBe('spun');
  });
});

describe('document verdict across lengths', () => {
  it('has a calibrated weight for every feature it weighs', async () => {
    const { default: calibration } = await import('../src/verdict/calibration.json', {
      with: { type: 'json' },
    });
    const { documentFeatures } = await import('../src/verdict/document.js');
    const { evidence } = analyzeText('The agency informed reporters on Tuesday.', loadResources(), 0.5);
    expect(calibration.weights).toHaveLength(documentFeatures(evidence).length);
  });

  it('counts a word read as changed throughout a text as one doubtful reading', () => {
    const res = loadResources();
    const once = 'The agency informed reporters on Tuesday that the plan had failed.';
    const single = analyzeText(once, res, 0.5).evidence;
    expect(single.repeatedChanges).toBe(0);
    const repeated = analyzeText(Array(6).fill(once).join(' '), res, 0.5).evidence;
    // Each sentence reads the same words as changed: all but one reading of each repeat.
    expect(repeated.repeatedChanges).toBeGreaterThan(4 * single.expectedChanges);
    // The same evidence with the changes repeated instead of spread weighs less towards "spun".
    const spread = { ...repeated, repeatedChanges: 0 };
    expect(judgeDocument(repeated).spunThroughout).toBeLessThan(judgeDocument(spread).spunThroughout);
  });

  it('reaches the verdict a client reaches from the reported probability and spunAt', async () => {
    const { default: calibration } = await import('../src/verdict/calibration.json', {
      with: { type: 'json' },
    });
    const { evidence } = analyzeText('The agency informed reporters on Tuesday.', loadResources(), 0.5);
    // A bias alone whose probability lies just under the bar and rounds up to it.
    const justUnder = calibration.spunAt - 2e-5;
    const model = { ...calibration, weights: [Math.log(justUnder / (1 - justUnder))], spunAtShort: [] };
    const judged = judgeDocument(evidence, model);
    expect(judged.spinProbability).toBe(calibration.spunAt);
    expect(judged.verdict).toBe('spun');
    for (const p of [0.2, calibration.cleanBelow - 2e-5, 0.5, calibration.spunAt + 1e-4]) {
      const { spinProbability, verdict, spunAt } = judgeDocument(evidence, {
        ...model,
        weights: [Math.log(p / (1 - p))],
      });
      const clientVerdict =
        spinProbability >= spunAt ? 'spun' : spinProbability < calibration.cleanBelow ? 'clean' : 'uncertain';
      expect(verdict).toBe(clientVerdict);
    }
  });

  it('calls a long clean article clean and its spun copy spun', async () => {
    const { loadDevDocuments } = await import('../bench/corpora.js');
    const { createSpinner, spinDocument } = await import('../bench/spinner.js');
    const parts = loadDevDocuments({ sources: ['brown'], seed: 21, maxDocuments: 40 });
    const article = parts.map((d) => d.text).join('\n\n');
    expect(article.split(/\s+/).length).toBeGreaterThan(4000);
    expect(check(article).verdict).toBe('clean');
    const spun = spinDocument(createSpinner('A'), article, 0.15, 5, 'length-test').text;
    expect(check(spun).verdict).toBe('spun');
  });

  it('restores a tortured term in an otherwise clean long text, which stays judged clean', async () => {
    const { loadDevDocuments } = await import('../bench/corpora.js');
    const parts = loadDevDocuments({ sources: ['brown'], seed: 22, maxDocuments: 12 });
    const paper = `${parts.map((d) => d.text).join('\n\n')}\n\nIn this paper we apply random boondocks to the problem.`;
    expect(check(paper).verdict).toBe('clean');
    // Weighed by P(spun) alone, which is about 0 here, the term would be silenced.
    const { changes } = restore(paper);
    expect(changes.map((c) => [c.text, c.replacement])).toEqual([['boondocks', 'forest']]);
  });
});

describe('known tortured phrases', () => {
  // Two phrases of the training list (data/tortured-phrases-train.tsv).
  const PAPER_END =
    'We train a profound learning model. Its features feed an arbitrary woodland, which votes on each case.';

  it('judges a text with two different ones spun, and lists them', async () => {
    const { loadDevDocuments } = await import('../bench/corpora.js');
    const parts = loadDevDocuments({ sources: ['brown'], seed: 22, maxDocuments: 12 });
    const prose = parts.map((d) => d.text).join('\n\n');
    expect(check(prose).verdict).toBe('clean');
    const paper = check(`${prose}\n\n${PAPER_END}`);
    expect(paper.knownTorturedPhrases).toEqual(['profound learning', 'arbitrary woodland']);
    expect(paper.verdict).toBe('spun');
    // They show that parts of the text were spun, not all of it: the 5,000 words of prose
    // keep their words (only a reading as a listed term may change, as in any paper).
    const { changes } = restore(`${prose}\n\n${PAPER_END}`);
    expect(changes.filter((c) => c.offset > prose.length).map((c) => [c.text, c.replacement])).toEqual([
      ['profound', 'deep'],
      // Read with the article it takes: "an arbitrary woodland" → "a random forest".
      ['an arbitrary woodland', 'a random forest'],
    ]);
    // (A clean paper's own term may read as a listed term; here one does at most.)
    expect(changes.filter((c) => c.offset < prose.length).length).toBeLessThanOrEqual(1);
    // One alone is left to the language model's evidence.
    const one = check(`${prose}\n\nWe train a profound learning model.`);
    expect(one.knownTorturedPhrases).toEqual(['profound learning']);
    expect(one.verdict).toBe('clean');
  });

  it('counts a stretch of text once, across a line break, across punctuation only as listed', () => {
    const twice = check('A profound learning model beats another profound learning model.');
    expect(twice.knownTorturedPhrases).toEqual(['profound learning']);
    // Three listed phrases overlap here ("voice acknowledgment", "acknowledgment framework"):
    // the longest is the one stretch of spun text.
    expect(check('We used a voice acknowledgment framework.').knownTorturedPhrases).toEqual([
      'voice acknowledgment framework',
    ]);
    // Text from a PDF breaks lines anywhere, even inside a word.
    expect(check('We train a profound\nlearning model.').knownTorturedPhrases).toEqual(['profound learning']);
    expect(check('We train a profound learn-\ning model.').knownTorturedPhrases).toEqual([
      'profound learning',
    ]);
    // A possessive is no punctuation: the list's "alzheimer's illness", keyed without it.
    expect(check("Many patients had Alzheimer's illness.").knownTorturedPhrases).toEqual([
      'alzheimer illness',
    ]);
    expect(check('It was profound, learning came later.').knownTorturedPhrases).toEqual([]);
    // Across punctuation only where the listed phrase has it (a list of metrics).
    expect(check('We report exactness, accuracy, review and more.').knownTorturedPhrases).toEqual([
      'exactness accuracy review',
    ]);
    expect(check('The confidentiality integrity and openness of data.').knownTorturedPhrases).toEqual([]);
    expect(check('The confidentiality, integrity, and openness of data.').knownTorturedPhrases).toEqual([
      'confidentiality integrity and openness',
    ]);
    // Never across a URL.
    expect(check('We report exactness, accuracy https://example.org review.').knownTorturedPhrases).toEqual(
      [],
    );
  });

  it('leaves out phrases that ordinary or scientific prose says', () => {
    // Tortured forms of other terms that are terms themselves, and phrases the language
    // model finds as likely as the term they disguise (multinational corporations).
    const prose =
      'We compare supervised learning with transfer learning and machine learning. The most crowded cities host international organizations.';
    expect(check(prose).knownTorturedPhrases).toEqual([]);
  });

  it('weighs two phrases by how often clean text of that length would hold them', () => {
    const rate = 1e-6;
    expect(knownPhraseSpinProbability(1, 5000, rate)).toBe(0);
    // 1 / (1 + P(N ≥ 2)) with N Poisson of mean μ: P(N ≥ 2) = 1 − e^−μ (1 + μ).
    const expected = (mu: number) => 1 / (2 - Math.exp(-mu) * (1 + mu));
    expect(knownPhraseSpinProbability(2, 5000, rate)).toBeCloseTo(expected(0.005), 12);
    expect(knownPhraseSpinProbability(2, 100_000, rate)).toBeCloseTo(expected(0.1), 12);
    // In a text so long that one clean text in four would hold two, two prove nothing.
    expect(knownPhraseSpinProbability(2, 1_000_000, rate)).toBe(0);
    // P(N ≥ 5) at μ = 1 is 0.0037: five still count there.
    const mu = 1;
    const tail5 = 1 - Math.exp(-mu) * (1 + mu + mu ** 2 / 2 + mu ** 3 / 6 + mu ** 4 / 24);
    expect(knownPhraseSpinProbability(5, 1_000_000, rate)).toBeCloseTo(1 / (1 + tail5), 12);
  });
});

describe('readings as listed terms', () => {
  // Tortured phrases of our own making, on neither list: unseen, as a paper mill's new ones are.
  const NEW_PHRASES = [
    'We use a profound studying model.',
    'It runs on a designs handling unit.',
    'We tune the learning pace.',
  ];

  it('judge a text spun from three different ones, however clean the rest reads', async () => {
    const { loadDevDocuments } = await import('../bench/corpora.js');
    const parts = loadDevDocuments({ sources: ['brown'], seed: 22, maxDocuments: 12 });
    const prose = parts.map((d) => d.text).join('\n\n');
    const three = check(`${prose}\n\n${NEW_PHRASES.join(' ')}`);
    expect(three.knownTorturedPhrases).toEqual([]);
    expect(three.listedTermReadings).toBe(3);
    expect(three.verdict).toBe('spun');
    expect(three.spinProbability).toBeGreaterThan(0.99);
    // Two are left to the language model's evidence: clean papers have two now and then.
    const two = check(`${prose}\n\n${NEW_PHRASES.slice(0, 2).join(' ')}`);
    expect(two.listedTermReadings).toBe(2);
    expect(two.verdict).toBe('clean');
    // What is shown never changes the verdict.
    expect(check(`${prose}\n\n${NEW_PHRASES.join(' ')}`, { minConfidence: 0.99 }).verdict).toBe('spun');
  });

  it('count different listed terms read with confidence, by how often clean text has them', () => {
    const finding = (suggestion: string, confidence: number, listedTerm: boolean): SpanFinding => ({
      offset: 0,
      end: 1,
      suggestions: [suggestion],
      confidence,
      suggestionConfidence: confidence,
      listedTerm,
    });
    expect(
      countTermReadings([
        finding('deep learning', 0.9, true),
        finding('Deep learning', 0.8, true),
        finding('random forest', 0.5, true),
        finding('neural networks', 0.49, true),
        finding('told', 0.99, false),
      ]),
    ).toBe(2);
    // A term counts once for all its forms, and whole where its reading keeps some words.
    const res = loadResources();
    const [singular, plural] = ['spectral feature', 'spectral features'].map((t) => res.lexicon.termGroup(t));
    expect(singular).toBeDefined();
    expect(plural).toBe(singular);
    expect(res.lexicon.termGroup('spectral')).toBeUndefined();
    expect(
      countTermReadings([
        { ...finding('spectral feature', 0.9, true), term: singular },
        { ...finding('spectral features', 0.9, true), term: plural },
      ]),
    ).toBe(1);
    expect(
      countTermReadings([
        { ...finding('classification', 0.9, true), term: 'data classification' },
        { ...finding('classification', 0.9, true), term: 'image classification' },
      ]),
    ).toBe(2);
    // In a text: "type" read as classification in "data type" counts as data classification.
    const text = 'We store each value in a data type of its own.';
    expect(res.lexicon.termGroup('data classification')).toBeDefined();
    const read = analyzeText(text, res, 0.05).findings.filter((f) => f.listedTerm);
    expect(read.map((f) => [text.slice(f.offset, f.end), f.term])).toContainEqual([
      'type',
      res.lexicon.termGroup('data classification'),
    ]);
    // A cut-down reading that more than one listed term holds counts as the one read.
    const svm = 'We trained a backing vector machine on the data.';
    expect(res.lexicon.termGroup('support vector')).toBeDefined();
    const readSvm = analyzeText(svm, res, 0.05).findings.filter((f) => f.listedTerm);
    expect(readSvm.map((f) => [svm.slice(f.offset, f.end), f.term])).toEqual([
      ['backing', res.lexicon.termGroup('support vector machine')],
    ]);
    const rate = 1e-4;
    expect(termReadingSpinProbability(2, 2000, rate)).toBe(0);
    // 1 / (1 + P(N ≥ 3)) with N Poisson of mean μ = 0.2.
    const mu = 0.2;
    const tail3 = 1 - Math.exp(-mu) * (1 + mu + mu ** 2 / 2);
    expect(termReadingSpinProbability(3, 2000, rate)).toBeCloseTo(1 / (1 + tail3), 12);
  });

  it('raise the weight of every listed-term reading once they judge a text, but never count themselves up', () => {
    const finding = (suggestion: string, posterior: number, listedTerm: boolean): SpanFinding => ({
      offset: 0,
      end: 1,
      suggestions: [suggestion],
      confidence: posterior,
      suggestionConfidence: posterior,
      listedTerm,
    });
    // A 2,000-word text the language model finds clean.
    const evidence = {
      words: 2000,
      rate: 0.005,
      logLikelihoodRatio: -20,
      expectedChanges: 2,
      repeatedChanges: 0,
      exposure: 1500,
      knownPhrases: [],
    };
    const readBack = ['deep learning', 'graphics processing unit', 'learning rate'].map((t) =>
      finding(t, 0.999, true),
    );
    const weaker = finding('random forest', 0.8, true);
    const synonym = finding('told', 0.9, false);
    const alone = judgeDocument(evidence);
    expect(alone.verdict).toBe('clean');
    // The three count (weighed without their own evidence), the weaker reading does not.
    for (const f of readBack) expect(weighFinding(f, alone.spinProbability).confidence).toBeGreaterThan(0.5);
    expect(weighFinding(weaker, alone.spinProbability).confidence).toBeLessThan(0.5);

    const { verdict, weighed } = judgeText([...readBack, weaker, synonym], evidence);
    expect(verdict.termReadings).toBe(3);
    expect(verdict.verdict).toBe('spun');
    // Every listed-term reading is now weighed by the verdict; other readings are not.
    expect(weighed[3].confidence).toBeCloseTo(weighFinding(weaker, verdict.spinProbability).confidence, 12);
    expect(weighed[3].confidence).toBeGreaterThan(weighFinding(weaker, alone.spinProbability).confidence);
    expect(weighed[4].confidence).toBeCloseTo(weighFinding(synonym, alone.spunThroughout).confidence, 12);
    // Raised past the bar, the weaker reading is shown but not counted: the count is taken once.
    expect(weighed[3].confidence).toBeGreaterThan(0.5);
    expect(countTermReadings(weighed)).toBe(4);
    expect(verdict.termReadings).toBe(3);
    // Two readings leave every weight as it was.
    const two = judgeText([...readBack.slice(0, 2), weaker], evidence);
    expect(two.verdict.termReadings).toBe(2);
    expect(two.weighed[2].confidence).toBeCloseTo(weighFinding(weaker, alone.spinProbability).confidence, 12);
  });
});

describe('long texts', () => {
  it('estimate the spin rate on a sample past a size, and find what the whole text would', async () => {
    const { loadDevDocuments } = await import('../bench/corpora.js');
    const { createSpinner, spinDocument } = await import('../bench/spinner.js');
    const parts = loadDevDocuments({ sources: ['brown', 'sotu'], seed: 23, maxDocuments: 30 });
    const text = spinDocument(
      createSpinner('A'),
      parts.map((d) => d.text).join('\n\n'),
      0.2,
      9,
      'sample',
    ).text;
    const res = loadResources();
    const whole = analyzeText(text, res, 0.5);
    // A sample of about a quarter of the sentences (as a 40,000-word text gets by default).
    const sampled = analyzeText(text, res, 0.5, DEFAULT_SPINNER_MODEL, { rateSampleWords: 1_500 });
    expect(whole.evidence.words).toBeGreaterThan(5_000);
    expect(sampled.evidence.words).toBe(whole.evidence.words);
    expect(sampled.evidence.exposure).toBeCloseTo(whole.evidence.exposure, 6);
    expect(sampled.evidence.rate).not.toBe(whole.evidence.rate);
    expect(Math.abs(sampled.evidence.rate - whole.evidence.rate)).toBeLessThan(0.03);
    const spans = (a: typeof whole) => a.findings.map((f) => `${f.offset}:${f.suggestions[0]}`);
    const shared = spans(sampled).filter((s) => spans(whole).includes(s)).length;
    expect(shared / whole.findings.length).toBeGreaterThan(0.95);
    expect(sampled.findings.length / whole.findings.length).toBeGreaterThan(0.95);
    expect(sampled.findings.length / whole.findings.length).toBeLessThan(1.05);
  });
});

describe('limits and public exports', () => {
  it('refuses a text longer than one analysis takes, with a clear error', async () => {
    const api = await import('../src/api/index.js');
    expect(() => check('a '.repeat(api.MAX_TEXT_LENGTH / 2 + 1))).toThrow(api.TextTooLongError);
    expect(() => restore('a '.repeat(api.MAX_TEXT_LENGTH / 2 + 1))).toThrow(/split it into parts/);
  });

  it('exports the documented library API', async () => {
    const api = await import('../src/api/index.js');
    expect(Object.keys(api).sort()).toEqual(
      expect.arrayContaining([
        'MAX_TEXT_LENGTH',
        'ResourceError',
        'TextTooLongError',
        'check',
        'loadResources',
        'restore',
      ]),
    );
  });
});
