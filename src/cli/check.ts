/** `unspin check`: is this text spun, and which words were swapped? */
import { loadInput } from '../input/index.js';
import type { Context } from './context.js';
import { getEngine } from './engine.js';
import { debugDetails, describeError } from './errors.js';
import { checkJson, errorJson } from './format-json.js';
import { formatCheckText, formatTally, type Tally } from './format-text.js';
import { runJsonl } from './jsonl.js';
import { BrokenPipe } from './output.js';
import { analyzeOptions, type CommonOptions, resolveSources } from './sources.js';
import { makeStyle, wantsColor } from './style.js';
import { visibleLine } from './terminal.js';

/**
 * Exit code: 2 if any input failed, else 1 if any was judged spun, else 0
 * ('uncertain' counts as not spun).
 */
export async function runCheck(ctx: Context, files: string[], opts: CommonOptions): Promise<number> {
  const style = makeStyle(wantsColor(ctx.out.isTTY, ctx.env, opts.color));
  const sources = resolveSources(ctx, files, 'check');
  if (opts.jsonl)
    return runJsonl(ctx, sources, { mode: 'check', ...analyzeOptions(opts), format: opts.format });

  // One input prints one object; several print one array, so the output is always a single JSON value.
  const many = sources.length > 1;
  const records: Record<string, unknown>[] = [];
  const tally: Tally = { spun: 0, clean: 0, uncertain: 0, errors: 0 };
  let printed = 0;
  for (const name of sources) {
    try {
      const input = await loadInput(name, { format: opts.format, stdin: ctx.stdin });
      const engine = await getEngine();
      const result = engine.check(input.text, analyzeOptions(opts, input.format));
      tally[result.verdict] += 1;
      if (opts.json) {
        const body = checkJson(result, input);
        if (many) records.push({ file: name, ...body });
        else await ctx.out.write(`${JSON.stringify(body, null, 2)}\n`);
      } else {
        await ctx.out.write(
          (printed++ > 0 ? '\n' : '') + formatCheckText(name, input.text, result, style, input.format),
        );
      }
    } catch (err) {
      const info = describeError(err);
      if (info.fatal || err instanceof BrokenPipe) throw err;
      tally.errors += 1;
      ctx.err.writeNow(`unspin: ${visibleLine(info.message)}\n${debugDetails(ctx.env, err)}`);
      if (opts.json && many) records.push({ file: name, error: errorJson(info) });
    }
  }
  if (opts.json && many) await ctx.out.write(`${JSON.stringify(records, null, 2)}\n`);
  if (!opts.json && many) await ctx.out.write(formatTally(tally, style));
  return tally.errors > 0 ? 2 : tally.spun > 0 ? 1 : 0;
}
