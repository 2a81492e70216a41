/**
 * Turning what the reader dropped or chose into documents to check: plain files one
 * each, JSON Lines one per line (the CLI's `--jsonl` input: `{"id": …, "text": "…"}`).
 * A bad line is reported by its number and the rest still goes in, as in the CLI.
 */
import { hasHtmlExtension, hasMarkdownExtension } from '../input/sniff.js';
import type { InputFormat } from './types.js';

export interface BatchItem {
  id: string;
  text: string;
  format: InputFormat;
}

export interface BatchProblem {
  /** The file, and the line for JSON Lines, where the problem is. */
  where: string;
  message: string;
}

export interface ParsedInput {
  items: BatchItem[];
  problems: BatchProblem[];
}

/** The file kinds the app reads; anything else is refused with a message naming these. */
export const ACCEPTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.jsonl'] as const;

export function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

export function formatOf(name: string): InputFormat {
  if (hasHtmlExtension(name)) return 'html';
  return hasMarkdownExtension(name) ? 'markdown' : 'text';
}

/** What a JSON Lines record's "format" may say; without one its text is plain text. */
const INPUT_FORMATS: readonly InputFormat[] = ['text', 'html', 'markdown'];

export function parseJsonl(content: string, file = 'input.jsonl'): ParsedInput {
  const items: BatchItem[] = [];
  const problems: BatchProblem[] = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}, line ${i + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      problems.push({ where, message: 'not valid JSON' });
      return;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      problems.push({ where, message: 'expected an object like {"id": "…", "text": "…"}' });
      return;
    }
    const { id, text, format } = record as Record<string, unknown>;
    if (typeof text !== 'string' || !text.trim()) {
      problems.push({ where, message: 'has no "text" string' });
      return;
    }
    if (format !== undefined && format !== null && !INPUT_FORMATS.includes(format as InputFormat)) {
      problems.push({ where, message: '"format" must be "text", "html" or "markdown"' });
      return;
    }
    const name = typeof id === 'string' || typeof id === 'number' ? String(id) : `line ${i + 1}`;
    items.push({ id: name, text, format: (format as InputFormat | null | undefined) ?? 'text' });
  });
  return { items, problems };
}

/**
 * Reads named file contents into items: `.jsonl` files give one item per line, other
 * accepted files one item each (HTML to be reduced to its article text by the server).
 */
export function itemsFromFiles(files: ReadonlyArray<{ name: string; content: string }>): ParsedInput {
  const items: BatchItem[] = [];
  const problems: BatchProblem[] = [];
  for (const { name, content } of files) {
    const ext = extension(name);
    if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(ext)) {
      problems.push({ where: name, message: `not a file the app reads (${ACCEPTED_EXTENSIONS.join(', ')})` });
    } else if (ext === '.jsonl') {
      const parsed = parseJsonl(content, name);
      // Not spread as arguments: a file of 100k+ lines would overflow the stack.
      for (const item of parsed.items) items.push(item);
      for (const problem of parsed.problems) problems.push(problem);
    } else if (!content.trim()) {
      problems.push({ where: name, message: 'is empty' });
    } else {
      items.push({ id: name, text: content.replace(/^\uFEFF/, ''), format: formatOf(name) });
    }
  }
  return { items, problems };
}

/** One file that is not JSON Lines is a single document to review; anything else is a batch. */
export function isBatch(files: ReadonlyArray<{ name: string }>): boolean {
  return files.length > 1 || (files.length === 1 && extension(files[0].name) === '.jsonl');
}
