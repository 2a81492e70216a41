import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the folder holding package.json, found upwards from this file. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('unspin: package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** Where compiled resources live: UNSPIN_RESOURCES, or resources/compiled in the package. */
export function compiledDir(): string {
  return process.env.UNSPIN_RESOURCES
    ? resolve(process.env.UNSPIN_RESOURCES)
    : join(packageRoot(), 'resources', 'compiled');
}

export const LANGUAGE_MODEL_FILE = 'en-us.lm.bin';
export const LEXICON_FILE = 'lexicon.bin';
export const WRITTEN_BIGRAMS_FILE = 'written-bigrams.bin';
