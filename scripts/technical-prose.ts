/**
 * Development tool: how the verdict treats clean technical prose, a genre the development
 * texts (news, speeches, fiction) do not hold: the README.md of every installed package
 * (node_modules, pinned by package-lock.json), its prose read as `check` reads markdown.
 * Clean text written for developers, not spun; what share is called spun or uncertain, under the shipped calibration or under another given as a file.
 *   npx tsx scripts/technical-prose.ts [calibration.json]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../bench/lexicon.js';
import { judgeText, RAW_FINDING_FLOOR } from '../src/api/pipeline.js';
import { analyzeText } from '../src/decode/analyze.js';
import { loadResources } from '../src/resources/index.js';
import { markdownProse } from '../src/text/markdown.js';
import type { Calibration } from '../src/verdict/document.js';

/** Texts shorter than this are judged by a short-text bar, which has its own figures. */
const MIN_WORDS = 61;

/** The README files of the installed packages, scoped ones included, in a fixed order. */
function installedReadmes(): string[] {
  const root = join(repoRoot(), 'node_modules');
  const packages = readdirSync(root)
    .sort()
    .flatMap((name) =>
      name.startsWith('@')
        ? readdirSync(join(root, name))
            .sort()
            .map((sub) => join(root, name, sub))
        : [join(root, name)],
    );
  return packages.map((dir) => join(dir, 'README.md')).filter((file) => existsSync(file));
}

const model = process.argv[2]
  ? (JSON.parse(readFileSync(process.argv[2], 'utf8')) as Calibration)
  : undefined;
const res = loadResources();
const tally = { spun: 0, uncertain: 0, clean: 0 };
const spun: string[] = [];
for (const file of installedReadmes()) {
  // Read as `check --format markdown` reads it (runPipeline on its prose), judged under the
  // calibration given.
  const text = markdownProse(readFileSync(file, 'utf8')).text;
  const { findings, evidence } = analyzeText(text, res, RAW_FINDING_FLOOR);
  if (evidence.words < MIN_WORDS) continue;
  const { verdict } = judgeText(findings, evidence, model).verdict;
  tally[verdict]++;
  if (verdict === 'spun') spun.push(file.slice(file.indexOf('node_modules')));
}
const total = tally.spun + tally.uncertain + tally.clean;
const share = (n: number) => `${((100 * n) / Math.max(1, total)).toFixed(1)}%`;
console.log(
  `${total} READMEs of installed packages (prose of at least ${MIN_WORDS} words): spun ${tally.spun} (${share(tally.spun)}), uncertain ${tally.uncertain} (${share(tally.uncertain)}), clean ${tally.clean}`,
);
for (const file of spun) console.log(`  spun: ${file}`);
