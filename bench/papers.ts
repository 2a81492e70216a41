/**
 * Paper-mill papers: a paper mill's paper is a few tortured phrases in otherwise
 * unremarkable prose. Each benchmark paper is ten Brown press measure documents (about 2,000
 * words) with phrases added in the tortured benchmark's template sentence, spread evenly:
 * - five unseen phrases (test.tsv, never used for building), and the same paper with their
 *   correct terms instead (its clean twin);
 * - the same five with two of the fingerprints Unspin ships (training-split phrases): the
 *   known-phrase route of the verdict on whole documents, and what it does to the restoration
 *   of the unseen phrases and of the untouched prose.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Change } from '../src/api/index.js';
import { phraseKeys } from '../src/channel/known-phrases.js';
import { loadResources } from '../src/resources/index.js';
import { loadMeasureDocuments } from './corpora.js';
import type { Engine } from './engine.js';
import { repoRoot } from './lexicon.js';
import { rngFor, shuffled } from './prng.js';
import { overlaps } from './text.js';
import {
  normalisePhrase,
  restoredRegion,
  TEMPLATE_PREFIX,
  TEMPLATE_SUFFIX,
  torturedTestPath,
} from './tortured.js';

const DOCS_PER_PAPER = 10;
const UNSEEN_PER_PAPER = 5;
const LISTED_PER_PAPER = 2;

/** One condition: how its papers were judged and restored. */
export interface PaperCondition {
  /** Share of the papers called spun. */
  calledSpun: number;
  /** Unseen phrases restored to their correct term, and found at all (0 when none). */
  unseenRestored: number;
  unseenDetected: number;
  /** Words changed per 100 outside the added phrases. */
  otherChangesPer100: number;
}

export interface PapersResult {
  papers: number;
  words: number;
  /** Five unseen phrases; their clean twins; two listed phrases with the same five unseen ones. */
  unseen: PaperCondition;
  twins: PaperCondition;
  listedAndUnseen: PaperCondition;
}

export interface Phrase {
  tortured: string;
  /** Normalised (`normalisePhrase`). */
  correct: string;
}

/** The rows of a tortured-phrase file whose correct term is known (not empty, no "?"). */
export function readPhrases(path: string): Phrase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter(([t, c]) => t?.trim() && c?.trim() && normalisePhrase(c) && !normalisePhrase(c).includes('?'))
    .map(([t, c]) => ({ tortured: t.trim(), correct: normalisePhrase(c) }));
}

/**
 * The parts joined by `separator`, with one template sentence per phrase spread evenly:
 * phrase j of k after part ⌈(j + 1) · n / k⌉ − 1 of n (several after one part when there
 * are more phrases than parts). Where each phrase stands, in the order of `phrases`.
 */
export function withPhrases(
  parts: readonly string[],
  phrases: readonly string[],
  separator = '\n\n',
): { text: string; spans: [number, number][] } {
  let text = '';
  const spans: [number, number][] = [];
  let next = 0;
  parts.forEach((part, i) => {
    text += (text ? separator : '') + part;
    while (next < phrases.length && Math.ceil(((next + 1) * parts.length) / phrases.length) - 1 === i) {
      text += ` ${TEMPLATE_PREFIX}`;
      spans.push([text.length, text.length + phrases[next].length]);
      text += phrases[next] + TEMPLATE_SUFFIX;
      next++;
    }
  });
  return { text, spans };
}

/**
 * How a restoration of a paper did: how many of its first `unseen.length` phrases it put back
 * to their correct terms, and how many words it changed outside the added phrases.
 */
export function scoreRestoration(
  paper: { text: string; spans: readonly [number, number][] },
  unseen: readonly Pick<Phrase, 'correct'>[],
  changes: readonly Change[],
): { restored: number; otherWords: number } {
  let restored = 0;
  unseen.forEach((phrase, i) => {
    const [start, end] = paper.spans[i];
    if (normalisePhrase(restoredRegion(paper.text, changes, start, end)) === phrase.correct) restored++;
  });
  let otherWords = 0;
  for (const c of changes) {
    if (paper.spans.some(([start, end]) => overlaps(c.offset, c.offset + c.length, start, end))) continue;
    otherWords += c.text.split(/\s+/).length;
  }
  return { restored, otherWords };
}

/** How the papers of one condition were judged and restored. */
class ConditionTally {
  private spun = 0;
  private papers = 0;
  private restored = 0;
  private detected = 0;
  private unseen = 0;
  private otherChanges = 0;
  words = 0;

  constructor(private readonly engine: Engine) {}

  add(body: readonly string[], phrases: readonly string[], unseen: readonly Phrase[]): void {
    const paper = withPhrases(body, phrases);
    const checked = this.engine.check(paper.text);
    const { changes } = this.engine.restore(paper.text);
    this.papers++;
    this.words += checked.words;
    if (checked.verdict === 'spun') this.spun++;
    const score = scoreRestoration(paper, unseen, changes);
    this.unseen += unseen.length;
    this.restored += score.restored;
    this.otherChanges += score.otherWords;
    unseen.forEach((_, i) => {
      const [start, end] = paper.spans[i];
      if (checked.findings.some((f) => overlaps(f.offset, f.offset + f.length, start, end))) this.detected++;
    });
  }

  result(): PaperCondition {
    return {
      calledSpun: this.spun / Math.max(1, this.papers),
      unseenRestored: this.restored / Math.max(1, this.unseen),
      unseenDetected: this.detected / Math.max(1, this.unseen),
      otherChangesPer100: (100 * this.otherChanges) / Math.max(1, this.words),
    };
  }
}

export function runPapers(
  engine: Engine,
  papers: number,
  seed: number,
  log: (line: string) => void,
): PapersResult {
  const docs = loadMeasureDocuments('brown', seed);
  const count = Math.min(papers, Math.floor(docs.length / DOCS_PER_PAPER));
  const shipped = readPhrases(join(repoRoot(), 'data', 'tortured-phrases-train.tsv'));
  // A few test phrases are also on the training list, in another spelling: not unseen.
  const onList = new Set(shipped.map((x) => x.tortured.toLowerCase()));
  const unseen = shuffled(
    rngFor(seed, 'papers/unseen'),
    readPhrases(torturedTestPath()).filter((x) => !onList.has(x.tortured.toLowerCase())),
  );
  // The listed condition draws from the fingerprints the product ships (the list leaves out
  // phrases that ordinary prose says).
  const { lexicon } = loadResources();
  const fingerprint = (x: Phrase) => lexicon.isKnownPhrase(phraseKeys(x.tortured));
  const listed = shuffled(rngFor(seed, 'papers/listed'), shipped.filter(fingerprint));
  const [withUnseen, twins, listedAndUnseen] = [0, 1, 2].map(() => new ConditionTally(engine));
  for (let p = 0; p < count; p++) {
    const body = docs.slice(p * DOCS_PER_PAPER, (p + 1) * DOCS_PER_PAPER).map((d) => d.text);
    const picked = unseen.slice(p * UNSEEN_PER_PAPER, (p + 1) * UNSEEN_PER_PAPER);
    const known = listed.slice(p * LISTED_PER_PAPER, (p + 1) * LISTED_PER_PAPER);
    withUnseen.add(
      body,
      picked.map((x) => x.tortured),
      picked,
    );
    twins.add(
      body,
      picked.map((x) => x.correct),
      [],
    );
    listedAndUnseen.add(
      body,
      [...picked, ...known].map((x) => x.tortured),
      picked,
    );
  }
  const result: PapersResult = {
    papers: count,
    words: withUnseen.words,
    unseen: withUnseen.result(),
    twins: twins.result(),
    listedAndUnseen: listedAndUnseen.result(),
  };
  const pc = (x: number) => `${(x * 100).toFixed(1)}%`;
  log(
    `  papers: ${count}; unseen phrases: ${pc(result.unseen.calledSpun)} called spun, ${pc(result.unseen.unseenRestored)} restored; ` +
      `with 2 listed: ${pc(result.listedAndUnseen.calledSpun)} called spun, ${pc(result.listedAndUnseen.unseenRestored)} restored, ` +
      `${result.listedAndUnseen.otherChangesPer100.toFixed(2)} other changes/100w; twins: ${pc(result.twins.calledSpun)} called spun`,
  );
  return result;
}
