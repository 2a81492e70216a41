/**
 * Paper-mill papers: a paper mill's paper is a few tortured phrases in otherwise
 * unremarkable prose. Each benchmark paper is ten Brown press measure documents (about 2,000
 * words) with phrases added in the tortured benchmark's template sentence, spread evenly:
 * - five unseen phrases (test.tsv, never used for building), and the same paper with their
 *   correct terms instead (its clean twin);
 * - two phrases from the list Unspin ships (the training split), whose verdict is the
 *   known-phrase route (a smoke test of it on whole documents, not a generalisation figure).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

export interface PapersResult {
  papers: number;
  words: number;
  /** Share called spun: papers with unseen phrases, with listed phrases, and the clean twins. */
  unseenCalledSpun: number;
  listedCalledSpun: number;
  twinsCalledSpun: number;
  /** Unseen phrases restored to their correct term, and found at all. */
  unseenRestored: number;
  unseenDetected: number;
  /** Words changed per 100 in the clean twins. */
  twinChangesPer100: number;
}

interface Phrase {
  tortured: string;
  correct: string;
}

function readPhrases(path: string): Phrase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter(([t, c]) => t?.trim() && c?.trim() && normalisePhrase(c) && !normalisePhrase(c).includes('?'))
    .map(([t, c]) => ({ tortured: t.trim(), correct: normalisePhrase(c) }));
}

/**
 * The parts joined by `separator`, with one template sentence per phrase spread evenly (phrase
 * j after part floor((j + 1) · n / k) − 1); where each phrase stands.
 */
export function withPhrases(
  parts: readonly string[],
  phrases: readonly string[],
  separator = '\n\n',
): { text: string; spans: [number, number][] } {
  let text = '';
  const spans: [number, number][] = [];
  parts.forEach((part, i) => {
    text += (text ? separator : '') + part;
    const due = Math.floor(((i + 1) * phrases.length) / parts.length);
    if (due > Math.floor((i * phrases.length) / parts.length)) {
      text += ` ${TEMPLATE_PREFIX}`;
      spans.push([text.length, text.length + phrases[due - 1].length]);
      text += phrases[due - 1] + TEMPLATE_SUFFIX;
    }
  });
  return { text, spans };
}

export function runPapers(
  engine: Engine,
  papers: number,
  seed: number,
  log: (line: string) => void,
): PapersResult {
  const docs = loadMeasureDocuments('brown', seed);
  const count = Math.min(papers, Math.floor(docs.length / DOCS_PER_PAPER));
  const unseen = shuffled(rngFor(seed, 'papers/unseen'), readPhrases(torturedTestPath()));
  const listed = shuffled(
    rngFor(seed, 'papers/listed'),
    readPhrases(join(repoRoot(), 'data', 'tortured-phrases-train.tsv')),
  );
  let words = 0;
  let unseenSpun = 0;
  let listedSpun = 0;
  let twinsSpun = 0;
  let restored = 0;
  let detected = 0;
  let twinChanges = 0;
  let twinWords = 0;
  for (let p = 0; p < count; p++) {
    const body = docs.slice(p * DOCS_PER_PAPER, (p + 1) * DOCS_PER_PAPER).map((d) => d.text);
    const picked = unseen.slice(p * UNSEEN_PER_PAPER, (p + 1) * UNSEEN_PER_PAPER);

    const paper = withPhrases(
      body,
      picked.map((x) => x.tortured),
    );
    const checked = engine.check(paper.text);
    words += checked.words;
    if (checked.verdict === 'spun') unseenSpun++;
    const changes = engine.restore(paper.text).changes;
    paper.spans.forEach(([start, end], i) => {
      if (normalisePhrase(restoredRegion(paper.text, changes, start, end)) === picked[i].correct) restored++;
      if (checked.findings.some((f) => overlaps(f.offset, f.offset + f.length, start, end))) detected++;
    });

    const twin = withPhrases(
      body,
      picked.map((x) => x.correct),
    );
    const twinChecked = engine.check(twin.text);
    if (twinChecked.verdict === 'spun') twinsSpun++;
    twinWords += twinChecked.words;
    for (const c of engine.restore(twin.text).changes) twinChanges += c.text.split(/\s+/).length;

    const withListed = withPhrases(
      body,
      listed.slice(p * LISTED_PER_PAPER, (p + 1) * LISTED_PER_PAPER).map((x) => x.tortured),
    );
    if (engine.check(withListed.text).verdict === 'spun') listedSpun++;
  }
  const n = Math.max(1, count);
  const result: PapersResult = {
    papers: count,
    words,
    unseenCalledSpun: unseenSpun / n,
    listedCalledSpun: listedSpun / n,
    twinsCalledSpun: twinsSpun / n,
    unseenRestored: restored / Math.max(1, count * UNSEEN_PER_PAPER),
    unseenDetected: detected / Math.max(1, count * UNSEEN_PER_PAPER),
    twinChangesPer100: (100 * twinChanges) / Math.max(1, twinWords),
  };
  log(
    `  papers: ${count} papers; unseen phrases: ${(result.unseenCalledSpun * 100).toFixed(1)}% called spun, ` +
      `${(result.unseenRestored * 100).toFixed(1)}% of phrases restored; listed phrases: ` +
      `${(result.listedCalledSpun * 100).toFixed(1)}% called spun; clean twins: ${(result.twinsCalledSpun * 100).toFixed(1)}% called spun`,
  );
  return result;
}
