/**
 * Development tool, DEV split only: how well does Unspin restore swaps that real spinners
 * make but that it has never seen? The swaps of data/spinner-swaps.tsv are split into five
 * folds by their original word or phrase. For each fold the lexicon is built without it, and
 * development documents are spun by a spinner that swaps a held-out original exactly as the
 * real spinners did, and every other word as spinner A does (at 20% of words in all). Over
 * the held-out swaps it reports how many a finding covers and how many `restore` puts back;
 * over all swaps, detection F1 and restoration gain; on the clean documents, false changes.
 * The thesaurus alone explains some of the held-out swaps; the rest are out of reach by
 * construction, which is what this measures. A swap counts as restored only where a change
 * covers exactly its span (one that also takes a neighbouring word counts as missed). With
 * --seen the lexicon keeps the whole table (the same swaps, seen in training), for comparison.
 * With --thesaurus=path[@share] the lexicons also draw on a further thesaurus
 * (`LexiconSources.extraThesaurus`; e.g. Moby's words.txt, `scripts/moby-coverage.ts`). The
 * language model is the shipped one; the lexicons are built here from every tortured row.
 *   npx tsx scripts/real-swaps.ts [documents per fold] [--seen] [--thesaurus=path[@share]]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDevDocuments } from '../bench/corpora.js';
import { loadLexicon } from '../bench/lexicon.js';
import {
  addCounts,
  type Counts,
  changedWords,
  detectionCounts,
  prf,
  restorationGain,
  wordEdits,
} from '../bench/metrics.js';
import { createSpinnerWith, spinDocument } from '../bench/spinner.js';
import { inResourceLookup, swapPool } from '../bench/substitutes.js';
import { applyChanges, restorationChanges, runPipeline } from '../src/api/pipeline.js';
import { loadResources } from '../src/resources/index.js';
import { readLanguageModel } from '../src/resources/language-model.js';
import { decodeLexicon, type Lexicon, lexiconFromTables } from '../src/resources/lexicon.js';
import { compiledDir, LANGUAGE_MODEL_FILE } from '../src/resources/paths.js';
import { buildLexicon, defaultSources } from './build-lexicon.js';
import { parseExtraThesaurus } from './lib/lexicon-counts.js';

const FOLDS = 5;
const RATE = 0.2;
const documents = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 30);
const seen = process.argv.includes('--seen');
const root = new URL('..', import.meta.url).pathname;
const { lm } = loadResources();
// The lexicon is built over the speech model alone, as `npm run setup` builds it.
const thesaurusArg = process.argv.find((a) => a.startsWith('--thesaurus='));
const sources = {
  ...defaultSources(root, readLanguageModel(readFileSync(join(compiledDir(), LANGUAGE_MODEL_FILE)))),
  extraThesaurus: thesaurusArg ? parseExtraThesaurus(thesaurusArg.slice('--thesaurus='.length)) : undefined,
};
const table = readFileSync(sources.swapsTsv, 'utf8').split('\n');
const header = table[0];
const rows = table.slice(1).filter((line) => line.trim());
/** A stable fold per original (case-folded), so all of an original's swaps are held out together. */
const foldOf = (original: string) => {
  let h = 2166136261;
  for (const ch of original.toLowerCase()) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h % FOLDS;
};
const spinnerLexicon = loadLexicon();
const inResource = inResourceLookup(spinnerLexicon);
const docs = loadDevDocuments({ sources: ['brown', 'sotu'], seed: 11, maxDocuments: documents });
const dir = mkdtempSync(join(tmpdir(), 'unspin-real-swaps-'));

const total = { heldOut: 0, detected: 0, restored: 0 };
let counts: Counts = { tp: 0, fp: 0, fn: 0 };
let spunEdits = 0;
let restoredEdits = 0;
let falseWords = 0;
let cleanWords = 0;
let lexicon: Lexicon | undefined;
try {
  for (let fold = 0; fold < FOLDS; fold++) {
    const kept = seen ? rows : rows.filter((line) => foldOf(line.split('\t')[0]) !== fold);
    const heldOut = new Set(
      rows
        .filter((line) => foldOf(line.split('\t')[0]) === fold)
        .map((line) => line.split('\t')[0].toLowerCase()),
    );
    // With --seen every fold has the same lexicon: built once.
    if (!lexicon || !seen) {
      const tsv = join(dir, `swaps-${fold}.tsv`);
      writeFileSync(tsv, `${[header, ...kept].join('\n')}\n`);
      // A held-out original is not learned as a part of the kept rows either ("agency said" →
      // company stated would teach a held-out said → stated). The kept rows themselves stay,
      // as phrases, even where a held-out word is one of their words.
      const keepNewsPart = seen ? undefined : (original: string) => !heldOut.has(original);
      lexicon = lexiconFromTables(
        decodeLexicon(buildLexicon({ ...sources, swapsTsv: tsv, keepNewsPart }).bytes).tables,
      );
    }
    const res = { lm, lexicon };
    const spinner = createSpinnerWith(
      `real-${fold}`,
      'held-out real swaps, spinner A elsewhere',
      (key, properName) => {
        if (!heldOut.has(key)) return inResource(key, properName);
        const pool = swapPool(spinnerLexicon, key);
        return pool.length ? [pool] : [];
      },
      spinnerLexicon,
    );
    for (const doc of docs) {
      const spun = spinDocument(spinner, doc.text, RATE, 7, doc.id);
      const { findings } = runPipeline(spun.text, res, 0.5);
      const changes = restorationChanges(spun.text, findings, res.lm);
      const gold = spun.spans.map((s) => ({ offset: s.spunOffset, length: s.spunLength }));
      counts = addCounts(
        counts,
        detectionCounts(
          spun.text,
          gold,
          findings.map((f) => ({ offset: f.offset, length: f.end - f.offset })),
        ),
      );
      spunEdits += wordEdits(spun.text, doc.text);
      restoredEdits += wordEdits(applyChanges(spun.text, changes), doc.text);
      for (const span of spun.spans) {
        if (!heldOut.has(span.original.toLowerCase().replace(/['’]s$/u, ''))) continue;
        const end = span.spunOffset + span.spunLength;
        total.heldOut++;
        if (findings.some((f) => f.offset < end && f.end > span.spunOffset)) total.detected++;
        const change = changes.find((c) => c.offset === span.spunOffset && c.length === span.spunLength);
        if (change && change.replacement.toLowerCase() === span.original.toLowerCase()) total.restored++;
      }
      const clean = runPipeline(doc.text, res, 0.5);
      falseWords += changedWords(restorationChanges(doc.text, clean.findings, res.lm));
      cleanWords += doc.words;
    }
    console.error(`fold ${fold}: ${heldOut.size} held-out originals, ${total.heldOut} held-out swaps so far`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const share = (n: number) => `${((100 * n) / Math.max(1, total.heldOut)).toFixed(1)}%`;
const q = prf(counts);
console.log(
  `${documents} dev documents per fold, ${FOLDS} folds, ${RATE * 100}% of words swapped; lexicon ${seen ? 'with the whole swap table (held-out swaps seen)' : 'without the fold'}`,
);
console.log(
  `  held-out real swaps: ${total.heldOut}; found ${share(total.detected)}, restored ${share(total.restored)}`,
);
console.log(
  `  all swaps: F1 ${q.f1.toFixed(3)} (P ${q.precision.toFixed(3)} R ${q.recall.toFixed(3)}), gain ${restorationGain(spunEdits, restoredEdits).toFixed(3)}`,
);
console.log(`  clean documents: ${((100 * falseWords) / cleanWords).toFixed(2)} words changed per 100`);
