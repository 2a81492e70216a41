/** `unspin restore`: put the original words back. */
import { type DecodedInput, loadInput } from '../input/index.js';
import type { Context } from './context.js';
import { getEngine } from './engine.js';
import { UsageError } from './errors.js';
import { formatDiff } from './format-diff.js';
import { restoreJson } from './format-json.js';
import { runJsonl } from './jsonl.js';
import { analyzeOptions, type CommonOptions, resolveSources } from './sources.js';
import { makeStyle, wantsColor } from './style.js';
import { visibleLine } from './terminal.js';

export interface RestoreOptions extends CommonOptions {
  diff?: boolean;
}

/**
 * Plain text goes back out in the encoding it came in, BOM included, so the
 * only differences from the input file are the restored words. Extracted
 * HTML text is new text and is written as UTF-8.
 */
export function encodeLike(
  text: string,
  input: Pick<DecodedInput, 'encoding' | 'bom' | 'format'>,
): Uint8Array {
  if (input.format === 'html') return Buffer.from(text, 'utf8');
  const withBom = input.bom ? `\uFEFF${text}` : text;
  if (input.encoding === 'utf-16le') return Buffer.from(withBom, 'utf16le');
  if (input.encoding === 'utf-16be') return Buffer.from(withBom, 'utf16le').swap16();
  return Buffer.from(withBom, 'utf8');
}

export async function runRestore(ctx: Context, files: string[], opts: RestoreOptions): Promise<number> {
  const sources = resolveSources(ctx, files, 'restore');
  if (opts.jsonl)
    return runJsonl(ctx, sources, { mode: 'restore', ...analyzeOptions(opts), format: opts.format });
  if (sources.length > 1) {
    throw new UsageError('restore takes one input at a time; use --jsonl to restore many texts in one run');
  }
  const name = sources[0];
  const label = name === '-' ? 'standard input' : name;
  const input = await loadInput(name, { format: opts.format, stdin: ctx.stdin });
  const engine = await getEngine();
  const result = engine.restore(input.text, analyzeOptions(opts, input.format));

  if (opts.json) {
    await ctx.out.write(`${JSON.stringify(restoreJson(result, input), null, 2)}\n`);
    return 0;
  }
  if (opts.diff) {
    const style = makeStyle(wantsColor(ctx.out.isTTY, ctx.env, opts.color));
    await ctx.out.write(formatDiff(input.text, result.changes, style));
    const n = result.changes.length;
    const summary = n === 0 ? `no changes in ${label}` : `${n} change${n === 1 ? '' : 's'} in ${label}`;
    const htmlNote = input.format === 'html' ? ' (article text extracted from HTML)' : '';
    ctx.err.writeNow(`unspin: ${visibleLine(summary)}${htmlNote}\n`);
    return 0;
  }
  if (input.format === 'html') {
    ctx.err.writeNow(
      `unspin: note: ${visibleLine(label)} is HTML; writing the restored article text, not the page\n`,
    );
  }
  await ctx.out.write(encodeLike(result.restored, input));
  return 0;
}
