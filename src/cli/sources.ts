/** Which inputs a command reads, and the options every command shares. */
import { Option } from 'commander';
import type { AnalyzeOptions } from '../api/index.js';
import type { InputFormat } from '../input/index.js';
import type { Context } from './context.js';
import { UsageError } from './errors.js';

export interface CommonOptions {
  json?: boolean;
  jsonl?: boolean;
  minConfidence?: number;
  format: InputFormat | 'auto';
  color?: boolean;
}

/** The library's options for a command's (or a server task's) options and, when known, the input's format. */
export function analyzeOptions(
  opts: Pick<CommonOptions, 'minConfidence'>,
  input?: InputFormat | 'auto',
): AnalyzeOptions {
  return {
    ...(opts.minConfidence !== undefined && { minConfidence: opts.minConfidence }),
    ...(input === 'markdown' && { format: 'markdown' as const }),
  };
}

/** `--format`, as every command that reads a document takes it. */
export function formatOption(): Option {
  return new Option(
    '--format <format>',
    'read the input as text, HTML or markdown; auto looks at the extension (.html, .md) and content',
  )
    .choices(['auto', 'text', 'html', 'markdown'])
    .default('auto');
}

/** No FILE means stdin, unless stdin is a terminal: then waiting for typed input would look like a hang. */
export function resolveSources(ctx: Context, files: string[], command: string): string[] {
  if (files.length === 0) {
    if (ctx.stdin.isTTY) {
      throw new UsageError(
        `no input: give a FILE, or pipe text in (e.g. \`cat article.txt | unspin ${command}\`). ` +
          `See 'unspin ${command} --help'.`,
      );
    }
    return ['-'];
  }
  if (files.filter((f) => f === '-').length > 1)
    throw new UsageError("standard input ('-') can be read only once");
  return files;
}
