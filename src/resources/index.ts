/**
 * Loads the compiled resources once per process. Both files are read synchronously:
 * the whole load takes well under a second and callers stay simple.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResourceError, SETUP_HINT } from './errors.js';
import { type LanguageModel, readLanguageModel } from './language-model.js';
import { decodeLexicon, type Lexicon, lexiconFromTables } from './lexicon.js';
import { compiledDir, LANGUAGE_MODEL_FILE, LEXICON_FILE, WRITTEN_BIGRAMS_FILE } from './paths.js';

/**
 * Weight of the written-English bigrams against the speech-trained model, measured on the
 * development split (tortured-phrase dev fifth and dev news documents).
 */
export const WRITTEN_WEIGHT = 0.2;

export interface Resources {
  lm: LanguageModel;
  lexicon: Lexicon;
}

let loaded: Resources | undefined;

function readResource(file: string): Uint8Array {
  const path = join(compiledDir(), file);
  try {
    return readFileSync(path);
  } catch {
    throw new ResourceError(`The resource ${path} is missing. ${SETUP_HINT}`);
  }
}

export function loadResources(): Resources {
  if (!loaded) {
    const lm = readLanguageModel(readResource(LANGUAGE_MODEL_FILE), {
      bigrams: readResource(WRITTEN_BIGRAMS_FILE),
      weight: WRITTEN_WEIGHT,
    });
    const lexicon = lexiconFromTables(decodeLexicon(readResource(LEXICON_FILE)).tables);
    loaded = { lm, lexicon };
  }
  return loaded;
}

export { ResourceError } from './errors.js';
export type { LanguageModel } from './language-model.js';
export type { Lexicon } from './lexicon.js';
