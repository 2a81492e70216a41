/**
 * Development tool, DEV split only: tortured phrases in paragraphs rather than one sentence
 * each. Rows are grouped `group` at a time into paragraphs of the benchmark's template
 * sentence, spun (the tortured phrases) and clean (their correct terms), and each phrase is
 * scored as in the benchmark: restore@1 on the spun paragraphs, changes inside the phrase on
 * the clean ones. A paper has more than one sentence, and its other sentences are evidence.
 *   UNSPIN_RESOURCES=/tmp/devres npx tsx scripts/tortured-paragraphs.ts /tmp/devres/dev-holdout.tsv 5
 * (see scripts/tortured-links.ts for making the development resources).
 */
import { readFileSync } from 'node:fs';
import { normalisePhrase, restoredRegion, TEMPLATE_PREFIX, TEMPLATE_SUFFIX } from '../bench/tortured.js';
import { restore } from '../src/api/index.js';

const [path, groupArg] = process.argv.slice(2);
if (!path) throw new Error('usage: tortured-paragraphs.ts <rows.tsv> [sentences per paragraph]');
const group = Number(groupArg ?? 5);
const rows = readFileSync(path, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'));

let hits = 0;
let phrases = 0;
let overCorrected = 0;
let cleanPhrases = 0;
for (let first = 0; first + group <= rows.length; first += group) {
  for (const spun of [true, false]) {
    let text = '';
    const spans: { start: number; end: number; correct: string }[] = [];
    for (const [tortured, correct] of rows.slice(first, first + group)) {
      const phrase = spun ? tortured : correct.replace(/\s*\([^)]*\)/g, '');
      if (text) text += ' ';
      const start = text.length + TEMPLATE_PREFIX.length;
      text += TEMPLATE_PREFIX + phrase + TEMPLATE_SUFFIX;
      spans.push({ start, end: start + phrase.length, correct: normalisePhrase(correct) });
    }
    const { changes } = restore(text);
    for (const { start, end, correct } of spans) {
      if (spun) {
        phrases++;
        if (normalisePhrase(restoredRegion(text, changes, start, end)) === correct) hits++;
      } else {
        cleanPhrases++;
        if (changes.some((c) => c.offset < end && c.offset + c.length > start)) overCorrected++;
      }
    }
  }
}
console.log(
  `${group} sentences per paragraph: restore@1 ${((100 * hits) / phrases).toFixed(1)}% (${hits}/${phrases}), ` +
    `over-correction in phrase ${((100 * overCorrected) / cleanPhrases).toFixed(1)}%`,
);
