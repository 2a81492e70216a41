/**
 * Development tool, DEV split only: how far is restore@1 on tortured phrases from what the
 * decoder's readings allow? Each held-out phrase is put in the benchmark's template and scored
 * as `npm run bench -- tortured` scores it, once as `restore` does and once with no confidence
 * bar: every finding inside the phrase (down to a calibrated confidence of 0.01) replaced by its
 * first suggestion. The second is the most restore@1 could gain from weighing readings
 * differently; its over-correction (the correct phrase in the template changed under the same
 * rule) shows what that would cost.
 *   UNSPIN_RESOURCES=/tmp/devres npx tsx scripts/tortured-ceiling.ts /tmp/devres/dev-holdout.tsv
 */
import { readFileSync } from 'node:fs';
import { normalisePhrase, restoredRegion, TEMPLATE_PREFIX, TEMPLATE_SUFFIX } from '../bench/tortured.js';
import { check, restore } from '../src/api/index.js';

const path = process.argv[2];
if (!path)
  throw new Error('give a TSV of held-out rows (tortured, correct), e.g. /tmp/devres/dev-holdout.tsv');
const byPhrase = new Map<string, Set<string>>();
for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
  const [tortured, correct] = line.split('\t');
  if (!tortured?.trim() || !correct?.trim()) continue;
  const set = byPhrase.get(tortured.trim()) ?? new Set<string>();
  byPhrase.set(tortured.trim(), set.add(normalisePhrase(correct)));
}
const start = TEMPLATE_PREFIX.length;
/** Every finding inside [start, end) replaced by its first suggestion, whatever its confidence. */
const noBar = (sentence: string, end: number) =>
  check(sentence, { minConfidence: 0.01 })
    .findings.filter((f) => f.offset >= start && f.offset + f.length <= end)
    .map((f) => ({ offset: f.offset, length: f.length, replacement: f.suggestions[0] ?? f.text }));
let restored = 0;
let unbarred = 0;
let controls = 0;
let overCorrected = 0;
let overCorrectedUnbarred = 0;
for (const [tortured, corrects] of byPhrase) {
  const sentence = TEMPLATE_PREFIX + tortured + TEMPLATE_SUFFIX;
  const end = start + tortured.length;
  if (corrects.has(normalisePhrase(restoredRegion(sentence, restore(sentence).changes, start, end))))
    restored++;
  if (corrects.has(normalisePhrase(restoredRegion(sentence, noBar(sentence, end), start, end)))) unbarred++;
  for (const correct of corrects) {
    const control = TEMPLATE_PREFIX + correct + TEMPLATE_SUFFIX;
    controls++;
    if (restore(control).changes.length > 0) overCorrected++;
    if (
      noBar(control, start + correct.length).some(
        (c) => c.replacement.toLowerCase() !== control.slice(c.offset, c.offset + c.length).toLowerCase(),
      )
    )
      overCorrectedUnbarred++;
  }
}
const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
console.log(`${byPhrase.size} phrases, ${controls} correct phrases as controls`);
console.log(
  `  as restore does: restore@1 ${pct(restored, byPhrase.size)}, over-correction ${pct(overCorrected, controls)}`,
);
console.log(
  `  no confidence bar: restore@1 ${pct(unbarred, byPhrase.size)}, correct phrase changed ${pct(overCorrectedUnbarred, controls)}`,
);
