/**
 * `npm run bench [-- [--quick] [--docs N] [--seed N] [--out FILE] [section ...]]`
 *
 * Sections: tortured, papers (tortured phrases in whole documents), brown (synthetic news),
 * sotu (synthetic speeches), speed. A positional
 * argument selects the sections whose name contains it (`news` means brown). Prints a
 * markdown report and writes JSON to bench/results/latest.json.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusName } from './corpora.js';
import { type Engine, loadEngine } from './engine.js';
import { repoRoot } from './lexicon.js';
import { type PapersResult, runPapers } from './papers.js';
import { markdownTable, type Row, rowsTable, summaryLine, writeJson } from './report.js';
import { conditionTable, documentRows, paperRows, speedRows, syntheticRows, torturedRows } from './rows.js';
import { runSpeed, type SpeedResult } from './speed.js';
import { type SpinExample, spinExamples } from './spin-examples.js';
import { runSynthetic, type SyntheticResult } from './synthetic.js';
import { runTortured, type TorturedResult } from './tortured.js';

const SECTIONS = ['tortured', 'papers', 'brown', 'sotu', 'speed'] as const;

// The source-search benchmark (issue 3) and the HTTP load benchmark (issue 4) have their
// own options and their own process: `npm run bench -- source [--docs N] [--queries N]`,
// `npm run bench -- load [--duration S]`.
if (process.argv[2] === 'source' || process.argv[2] === 'load') {
  const script = fileURLToPath(new URL(`./${process.argv[2]}.js`, import.meta.url));
  const child = spawnSync(process.execPath, [script, ...process.argv.slice(3)], { stdio: 'inherit' });
  process.exit(child.status ?? 2);
}
type Section = (typeof SECTIONS)[number];
const RATES = [0.1, 0.15, 0.25, 0.4];

interface Options {
  quick: boolean;
  documents: number;
  seed: number;
  out: string;
  sections: Section[];
}

function parseArgs(argv: string[]): Options {
  let quick = false;
  let documents: number | undefined;
  let seed = 20240611;
  let out = join(repoRoot(), 'bench', 'results', 'latest.json');
  const filters: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--docs') documents = Number.parseInt(argv[++i], 10);
    else if (a === '--seed') seed = Number.parseInt(argv[++i], 10);
    else if (a === '--out') out = argv[++i];
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: npm run bench -- [--quick] [--docs N] [--seed N] [--out FILE] [tortured|papers|brown|news|sotu|speed]',
      );
      process.exit(0);
    } else filters.push(a.toLowerCase() === 'news' ? 'brown' : a.toLowerCase());
  }
  const sections =
    filters.length === 0 ? [...SECTIONS] : SECTIONS.filter((s) => filters.some((f) => s.includes(f)));
  if (sections.length === 0) {
    console.error(`no section matches ${filters.join(', ')}; sections: ${SECTIONS.join(', ')}`);
    process.exit(2);
  }
  return { quick, documents: documents ?? (quick ? 10 : 100), seed, out, sections };
}

interface Results {
  tortured?: TorturedResult;
  papers?: PapersResult;
  synthetic: SyntheticResult[];
  speed?: SpeedResult;
  errors: Record<string, string>;
}

function attempt<T>(name: string, errors: Record<string, string>, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    errors[name] = e instanceof Error ? e.message : String(e);
    console.error(`  ${name} failed: ${errors[name]}`);
    return undefined;
  }
}

function runSections(engine: Engine, opts: Options, log: (line: string) => void): Results {
  const results: Results = { synthetic: [], errors: {} };
  if (opts.sections.includes('tortured')) {
    results.tortured = attempt('tortured', results.errors, () =>
      runTortured(engine, opts.quick ? 150 : undefined, log),
    );
  }
  if (opts.sections.includes('papers')) {
    results.papers = attempt('papers', results.errors, () =>
      runPapers(engine, opts.quick ? 10 : 40, opts.seed, log),
    );
  }
  for (const corpus of ['brown', 'sotu'] as CorpusName[]) {
    if (!opts.sections.includes(corpus)) continue;
    const r = attempt(corpus, results.errors, () =>
      runSynthetic(
        engine,
        {
          corpus,
          documents: opts.documents,
          rates: RATES,
          spinners: ['A', 'B'],
          seed: opts.seed,
          calibrationMinConfidence: 0.05,
        },
        log,
      ),
    );
    if (r) results.synthetic.push(r);
  }
  if (opts.sections.includes('speed')) {
    results.speed = attempt('speed', results.errors, () => runSpeed(opts.quick, opts.seed, log));
  }
  return results;
}

function buildRows(results: Results, opts: Options): Row[] {
  const rows: Row[] = [];
  if (results.tortured) rows.push(...torturedRows(results.tortured));
  if (results.papers) rows.push(...paperRows(results.papers));
  for (const s of results.synthetic) rows.push(...syntheticRows(s, opts.documents));
  rows.push(...documentRows(results.synthetic, RATES));
  if (results.speed) rows.push(...speedRows(results.speed));
  return rows;
}

/** Probability lists are long and only feed AUC; keep the JSON readable. */
function forJson(results: Results) {
  return {
    ...results,
    synthetic: results.synthetic.map((s) => ({
      ...s,
      clean: { ...s.clean, probabilities: undefined },
      conditions: s.conditions.map((c) => ({ ...c, probabilities: undefined })),
    })),
  };
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const log = (line: string) => console.error(line);
  log(
    `unspin bench: ${opts.sections.join(', ')}${opts.quick ? ' (quick)' : ''}, ${opts.documents} docs per corpus`,
  );
  const engine = await loadEngine();
  const results = runSections(engine, opts, log);
  const rows = buildRows(results, opts);
  const examples: SpinExample[] =
    opts.sections.includes('brown') || opts.sections.includes('sotu') ? spinExamples(3, 0.25, opts.seed) : [];
  const seconds = (performance.now() - started) / 1000;
  const stub = engine.stats.calls > 0 && !engine.stats.anyOutput;

  const md: string[] = [
    `## Unspin benchmark${opts.quick ? ' (quick)' : ''}`,
    '',
    rowsTable(rows),
    '',
    `${summaryLine(rows)}. Wall time ${seconds.toFixed(0)} s; quality runs pushed ${engine.stats.words.toLocaleString('en-US')} words ` +
      `through the engine in ${engine.stats.seconds.toFixed(1)} s.`,
  ];
  if (stub)
    md.push('', '**The engine returned no findings and no changes anywhere: it looks like the stub.**');
  if (results.synthetic.length > 0) {
    md.push('', '### Synthetic conditions', '', conditionTable(results.synthetic));
    md.push(
      '',
      'Spinner A draws substitutes from the resources the restorer uses (WordNet synonyms, MyThes, real-spinner ' +
        'swaps, tortured-phrase train pairs). Spinner B uses only WordNet hypernyms, hyponyms and coordinate terms, ' +
        'minus every in-resource pair: it measures generalisation beyond the restorer’s dictionaries.',
    );
  }
  if (examples.length > 0) {
    md.push(
      '',
      '### Spinner examples (25%)',
      '',
      markdownTable(
        ['spinner', 'spun'],
        examples.map((e) => [e.spinner, e.spun]),
      ),
    );
  }
  for (const [name, message] of Object.entries(results.errors)) md.push('', `**${name} failed:** ${message}`);
  console.log(md.join('\n'));

  writeJson(opts.out, {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model,
      quick: opts.quick,
      sections: opts.sections,
      documentsPerCorpus: opts.documents,
      rates: RATES,
      seed: opts.seed,
      wallSeconds: seconds,
      engine: { ...engine.stats, importSeconds: engine.importSeconds, loadSeconds: engine.loadSeconds, stub },
      benchPeakRssMb: process.resourceUsage().maxRSS / 1024,
    },
    summary: summaryLine(rows),
    rows,
    results: forJson(results),
    spinnerExamples: examples,
  });
  log(`wrote ${opts.out}`);
}

await main();
