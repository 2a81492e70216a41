/**
 * Documents to index from the file system: text, Markdown and HTML files (HTML reduced to
 * its article text by the input layer, Markdown fingerprinted by its prose), directories
 * walked recursively, and JSON Lines files of {"id", "text", ["title", "url", "date",
 * "format"]}. A bad file or line is reported through `onProblem` and skipped; the rest goes on.
 */

import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import {
  hasHtmlExtension,
  hasMarkdownExtension,
  type InputFormat,
  loadInput,
  openInputStream,
  splitLines,
} from '../input/index.js';
import { isWellFormed } from '../util/unicode.js';
import type { SourceDocument } from './store.js';

export interface IngestProblem {
  /** The file, or `file:line` for a JSON Lines record. */
  where: string;
  message: string;
}

export interface WalkOptions {
  /** Treat every named file as JSON Lines (files ending in .jsonl always are). */
  jsonl?: boolean;
  /** Where '-' reads JSON Lines from. */
  stdin?: AsyncIterable<unknown>;
  /** How files are read (default 'auto', by extension and content); records say their own. */
  format?: InputFormat | 'auto';
  onProblem: (problem: IngestProblem) => void;
}

/** The files a directory walk indexes: the same extensions `loadInput` reads as markdown or HTML. */
const isDocumentFile = (path: string) =>
  extname(path).toLowerCase() === '.txt' || hasMarkdownExtension(path) || hasHtmlExtension(path);
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);
const OPTIONAL_FIELDS = ['title', 'url', 'date'] as const;

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A JSON Lines record as a document, or the reason it is not one. */
export function parseRecord(line: string): SourceDocument | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const r = value as Record<string, unknown>;
  const id = typeof r.id === 'number' && Number.isFinite(r.id) ? String(r.id) : r.id;
  if (typeof id !== 'string' || id === '') return 'needs an "id" (a non-empty string or a number)';
  // Half a surrogate pair can be stored, but no URL can name it to read or remove it.
  if (!isWellFormed(id))
    return `"id" ${JSON.stringify(id)} has half of a surrogate pair: an id must be valid Unicode`;
  if (typeof r.text !== 'string' || r.text.trim() === '') return `"text" of ${id} must be a non-empty string`;
  const doc: SourceDocument = { id, text: r.text };
  for (const field of OPTIONAL_FIELDS) {
    const v = r[field];
    if (typeof v === 'string') doc[field] = v;
    else if (v !== undefined && v !== null) return `"${field}" of ${id} must be a string`;
  }
  if (r.format === 'markdown') doc.format = 'markdown';
  else if (r.format !== undefined && r.format !== null && r.format !== 'text') {
    return `"format" of ${id} must be "text" or "markdown"`;
  }
  return doc;
}

async function* jsonlDocuments(path: string, opts: WalkOptions): AsyncGenerator<SourceDocument> {
  let stream: AsyncIterable<unknown>;
  try {
    stream = path === '-' && opts.stdin ? opts.stdin : await openInputStream(path);
  } catch (err) {
    opts.onProblem({ where: path, message: messageOf(err) });
    return;
  }
  try {
    for await (const line of splitLines(stream)) {
      if ('error' in line) {
        opts.onProblem({ where: `${path}:${line.number}`, message: line.error.message });
        continue;
      }
      if (line.text.trim() === '') continue;
      const doc = parseRecord(line.text);
      if (typeof doc === 'string') opts.onProblem({ where: `${path}:${line.number}`, message: doc });
      else yield doc;
    }
  } catch (err) {
    opts.onProblem({ where: path, message: messageOf(err) });
  }
}

async function fileDocument(path: string, opts: WalkOptions): Promise<SourceDocument | undefined> {
  try {
    const input = await loadInput(path, { format: opts.format });
    return {
      id: path,
      text: input.text,
      ...(input.title && { title: input.title }),
      ...(input.format === 'markdown' && { format: 'markdown' as const }),
    };
  } catch (err) {
    opts.onProblem({ where: path, message: messageOf(err) });
    return undefined;
  }
}

/** Files under a directory, sorted so ids and progress are the same on every run. */
async function* walk(dir: string, opts: WalkOptions): AsyncGenerator<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    opts.onProblem({ where: dir, message: messageOf(err) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* walk(path, opts);
    else if (e.isFile()) {
      const ext = extname(e.name).toLowerCase();
      if (isDocumentFile(path) || JSONL_EXTENSIONS.has(ext)) yield path;
    }
  }
}

/** Every document named by `paths`, in order. */
export async function* documentsFrom(
  paths: readonly string[],
  opts: WalkOptions,
): AsyncGenerator<SourceDocument> {
  for (const path of paths) {
    let isDir = false;
    if (path === '-') {
      yield* jsonlDocuments(path, opts);
      continue;
    }
    try {
      isDir = (await stat(path)).isDirectory();
    } catch {
      // loadInput/openInputStream below report the missing file in their words.
    }
    const files = isDir ? walk(path, opts) : [path];
    for await (const file of files) {
      if (opts.jsonl || JSONL_EXTENSIONS.has(extname(file).toLowerCase())) {
        yield* jsonlDocuments(file, opts);
      } else {
        const doc = await fileDocument(file, opts);
        if (doc) yield doc;
      }
    }
  }
}
