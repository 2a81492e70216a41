/**
 * `--jsonl`: one JSON object in per line, one out per line, streamed so that
 * inputs of any size run in constant memory. A bad line yields an error line
 * and processing goes on; only errors that would hit every line stop the run.
 */
import type { AnalyzeOptions } from '../api/index.js';
import {
  type InputFormat,
  isInputError,
  openInputStream,
  readGivenText,
  splitLines,
} from '../input/index.js';
import type { Context } from './context.js';
import { getEngine } from './engine.js';
import { describeError, type ErrorInfo } from './errors.js';
import { checkJson, errorJson, restoreJson } from './format-json.js';
import { Progress } from './progress.js';
import { analyzeOptions } from './sources.js';
import { visibleLine } from './terminal.js';

export type Mode = 'check' | 'restore';

/** A single line may be as large as a whole input file. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

type Parsed =
  | { id: unknown; text: string; format?: InputFormat }
  | { id: unknown; error: Pick<ErrorInfo, 'code' | 'message'> };

const FORMATS: readonly string[] = ['text', 'html', 'markdown'] satisfies InputFormat[];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseRecord(line: string, number: number): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return {
      id: null,
      error: { code: 'invalid-json', message: `line ${number} is not valid JSON: ${detail}` },
    };
  }
  if (!isPlainObject(value)) {
    const message = `line ${number} must be a JSON object like {"id": 1, "text": "..."}`;
    return { id: null, error: { code: 'invalid-record', message } };
  }
  const id = value.id ?? null;
  if (!('text' in value)) {
    return { id, error: { code: 'invalid-record', message: `line ${number} has no "text" field` } };
  }
  if (typeof value.text !== 'string') {
    return { id, error: { code: 'invalid-record', message: `line ${number}: "text" must be a string` } };
  }
  const format = value.format ?? undefined;
  if (format === undefined) return { id, text: value.text };
  if (typeof format !== 'string' || !FORMATS.includes(format)) {
    const message = `line ${number}: "format" must be "text", "html" or "markdown"`;
    return { id, error: { code: 'invalid-record', message } };
  }
  return { id, text: value.text, format: format as InputFormat };
}

/**
 * `format` (`--format`) is how every line's text is read, unless its record gives its own
 * `"format"`; `auto` reads a text that looks like an HTML page as one, as it does a file.
 */
export interface JsonlOptions extends Pick<AnalyzeOptions, 'minConfidence'> {
  mode: Mode;
  format?: InputFormat | 'auto';
}

/** Returns the exit code: 0, or 2 when any line failed. */
export async function runJsonl(ctx: Context, sources: string[], opts: JsonlOptions): Promise<number> {
  const progress = new Progress(ctx.err, ctx.err.isTTY);
  const { mode: _mode, format: _format, ...options } = opts;
  let failed = false;
  const processSource = async (name: string, file: Record<string, string>): Promise<void> => {
    const emit = (record: Record<string, unknown>, lineNumber: number) => {
      let json: string;
      try {
        json = JSON.stringify(record);
      } catch {
        // An id nested thousands deep parses, but cannot be written back out with its result.
        const message = `line ${lineNumber}: "id" is nested too deeply to be echoed back: use a string or a number`;
        const error = { code: 'invalid-record', message };
        json = JSON.stringify({ ...file, id: null, line: lineNumber, error });
        failed = true;
      }
      return ctx.out.write(`${json}\n`);
    };
    const stream = name === '-' ? ctx.stdin : await openInputStream(name);
    for await (const line of splitLines(stream, {
      maxLineBytes: MAX_LINE_BYTES,
      name: name === '-' ? 'standard input' : name,
    })) {
      progress.tick();
      if ('text' in line && line.text.trim() === '') continue;
      const parsed: Parsed =
        'error' in line ? { id: null, error: errorJson(line.error) } : parseRecord(line.text, line.number);
      let body: Record<string, unknown> | undefined;
      let error = 'error' in parsed ? parsed.error : undefined;
      if ('text' in parsed) {
        try {
          const engine = await getEngine();
          // Read as a file's text is (an HTML page reduced to its article text), but with no name;
          // refused as a file would be when it looks binary or has nothing to check.
          const input = readGivenText(
            parsed.text,
            `line ${line.number}: "text"`,
            parsed.format ?? opts.format ?? 'auto',
          );
          const analysed = analyzeOptions(options, input.format);
          // Only an HTML page's output says what was read: its offsets are into `text`.
          const shown = input.format === 'html' ? input : undefined;
          body =
            opts.mode === 'check'
              ? checkJson(engine.check(input.text, analysed), shown)
              : restoreJson(engine.restore(input.text, analysed), shown);
        } catch (err) {
          const info = describeError(err);
          if (info.fatal) throw err;
          error = errorJson(info);
        }
      }
      if (error) failed = true;
      await emit(
        error ? { ...file, id: parsed.id, line: line.number, error } : { ...file, id: parsed.id, ...body },
        line.number,
      );
    }
  };
  try {
    for (const name of sources) {
      try {
        await processSource(name, sources.length > 1 ? { file: name } : {});
      } catch (err) {
        // A missing or unreadable file: report it and go on with the others.
        if (!isInputError(err)) throw err;
        failed = true;
        progress.done();
        ctx.err.writeNow(`unspin: ${visibleLine(err.message)}\n`);
      }
    }
  } finally {
    progress.done();
  }
  return failed ? 2 : 0;
}
