/**
 * `unspin index add|stats|remove` and `unspin find`: the CLI over the source index
 * (src/api/source.ts). Registered on the program by main.ts.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  documentsFrom,
  type IngestProblem,
  isServerUrl,
  openIndex,
  type SourceIndex,
} from '../api/source.js';
import { loadInput } from '../input/index.js';
import type { Context } from './context.js';
import { UsageError } from './errors.js';
import { formatFindText } from './format-find.js';
import { type CommonOptions, formatOption } from './sources.js';
import { visibleLine } from './terminal.js';

interface DbOptions {
  db?: string;
}

/** `--db`, else UNSPIN_DB, else a file in the user's data directory (XDG). */
export function defaultDbPath(env: Record<string, string | undefined>): string {
  if (env.UNSPIN_DB) return env.UNSPIN_DB;
  const data = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(data, 'unspin', 'index.db');
}

/** The index a command uses: `--db`, else `defaultDbPath`; an empty one is refused by name. */
export function indexLocation(db: string | undefined, env: Record<string, string | undefined>): string {
  const location = db ?? defaultDbPath(env);
  if (location.trim() === '') {
    throw new UsageError(
      'the index location is empty (--db or UNSPIN_DB): give the path of an index file or a postgres:// URL.',
    );
  }
  return location;
}

/** An index location fit to print: a server URL's password is never echoed. */
export function shownLocation(location: string): string {
  return isServerUrl(location) ? location.replace(/:[^:@/]*@/, ':***@') : location;
}

/**
 * Opens the index; `add` creates it where there is none. The other commands only read or
 * remove, and a mistyped --db must not leave an empty index (and its directories) behind.
 */
async function open(ctx: Context, opts: DbOptions, creating: boolean): Promise<SourceIndex> {
  const location = indexLocation(opts.db, ctx.env);
  if (!creating && !isServerUrl(location) && location !== ':memory:' && !existsSync(location)) {
    throw new UsageError(
      `there is no index at ${location}: give --db the index to use, or add documents to this one first (unspin index add${opts.db ? ` --db ${location}` : ''} FILE...).`,
    );
  }
  try {
    return await openIndex(location);
  } catch (err) {
    if (err instanceof Error && err.name === 'ResourceError') throw err;
    const detail =
      err instanceof Error ? err.message || String((err as { code?: unknown }).code) : String(err);
    throw new UsageError(`cannot open the index ${shownLocation(location)}: ${detail}`);
  }
}

async function withIndex<T>(
  ctx: Context,
  opts: DbOptions,
  fn: (index: SourceIndex) => Promise<T>,
  creating = false,
): Promise<T> {
  const index = await open(ctx, opts, creating);
  try {
    return await fn(index);
  } finally {
    await index.close();
  }
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return n;
}

const dbOption = () =>
  new Option(
    '--db <path>',
    'the index: an SQLite file or a postgres:// URL (default: $UNSPIN_DB or ~/.local/share/unspin/index.db)',
  );

type AddCommandOptions = DbOptions & { jsonl?: boolean } & Pick<CommonOptions, 'format'>;

async function runAdd(ctx: Context, paths: string[], opts: AddCommandOptions): Promise<number> {
  if (paths.length === 0) throw new UsageError('give files or directories to index (or --jsonl FILE).');
  const problems: IngestProblem[] = [];
  const onProblem = (p: IngestProblem) => {
    problems.push(p);
    ctx.err.writeNow(
      `${ctx.err.isTTY ? '\r\x1b[K' : ''}unspin: skipped ${visibleLine(`${p.where}: ${p.message}`)}\n`,
    );
  };
  const started = Date.now();
  const docs = documentsFrom(paths, { jsonl: opts.jsonl, stdin: ctx.stdin, format: opts.format, onProblem });
  const total = await withIndex(
    ctx,
    opts,
    (index) =>
      index.add(docs, {
        onProgress: (r) => {
          if (!ctx.err.isTTY) return;
          const n = r.added + r.replaced + r.unchanged;
          const rate = Math.round((n * 1000) / Math.max(1, Date.now() - started));
          ctx.err.writeNow(`\r\x1b[Kindexed ${n} documents, ${rate}/s`);
        },
      }),
    true,
  );
  if (ctx.err.isTTY) ctx.err.writeNow('\r\x1b[K');
  const skipped = problems.length ? `; ${problems.length} skipped` : '';
  await ctx.out.write(
    `added ${total.added}, replaced ${total.replaced}, unchanged ${total.unchanged}${skipped}\n`,
  );
  return problems.length > 0 ? 2 : 0;
}

type FindCommandOptions = DbOptions & { json?: boolean; limit?: number } & Pick<CommonOptions, 'format'>;

async function runFind(ctx: Context, file: string | undefined, opts: FindCommandOptions): Promise<number> {
  const name = file ?? '-';
  if (name === '-' && ctx.stdin.isTTY)
    throw new UsageError('no input: give a file to trace, or pipe text in.');
  const input = await loadInput(name, { format: opts.format, stdin: ctx.stdin });
  const result = await withIndex(ctx, opts, (index) =>
    index.find(input.text, { limit: opts.limit, format: input.format === 'markdown' ? 'markdown' : 'text' }),
  );
  if (opts.json) await ctx.out.write(`${JSON.stringify(result)}\n`);
  else await ctx.out.write(formatFindText(name, input.text, result));
  return result.matches.length > 0 ? 0 : 1;
}

const INDEX_HELP = `
Examples:
  $ unspin index add archive/                 text, Markdown and HTML files, recursively
  $ unspin index add --format markdown notes/ every file read as markdown (by its prose)
  $ unspin index add --jsonl articles.jsonl   {"id", "text", ["title", "url", "date"]} per line
  $ unspin index stats
  $ unspin index remove <id>

Re-adding a document with the same id and text changes nothing; new text replaces it.
Exit status: 0 done, 2 error (for add: some file or line was skipped; the rest is indexed).`;

const FIND_HELP = `
Examples:
  $ unspin find suspicious.txt
  $ unspin find --json suspicious.txt
  $ cat page.html | unspin find
  $ cat post.md | unspin find --format markdown

Markdown is searched by its prose: link targets and code are no evidence of copying.
Exit status: 0 a source was found, 1 none, 2 error.`;

export function registerSourceCommands(program: Command, ctx: Context): void {
  const index = program
    .command('index')
    .description('Manage the archive of originals that find searches.')
    .addHelpText('after', INDEX_HELP);
  index
    .command('add')
    .description('Add documents: files, directories (.txt, .md, .html), JSON Lines files.')
    .argument('[paths...]', "files or directories; with --jsonl, JSON Lines files ('-' reads standard input)")
    .option(
      '--jsonl',
      'read the files as JSON Lines ({"id", "text", ["title", "url", "date", "format"]} per line)',
    )
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (paths: string[], opts: AddCommandOptions) => {
      ctx.exitCode = await runAdd(ctx, paths, opts);
    });
  index
    .command('stats')
    .description('Show the number of documents and the size of the index.')
    .addOption(dbOption())
    .action(async (opts: DbOptions) => {
      const s = await withIndex(ctx, opts, (i) => i.stats());
      const perDoc = s.documents ? `, ${Math.round(s.bytes / s.documents)} bytes/document` : '';
      await ctx.out.write(
        `${s.documents} documents, ${s.fingerprints} fingerprints, ${s.bytes} bytes on disk${perDoc}\n`,
      );
    });
  index
    .command('remove')
    .description('Remove a document by id.')
    .argument('<id>', 'the id it was added with (the file path, or the JSON Lines id)')
    .addOption(dbOption())
    .action(async (id: string, opts: DbOptions) => {
      const removed = await withIndex(ctx, opts, (i) => i.remove(id));
      if (!removed) throw new UsageError(`no document with id ${JSON.stringify(id)} in the index.`);
      await ctx.out.write(`removed ${id}\n`);
    });

  program
    .command('find')
    .description('Trace a (possibly spun) text to its sources in the index, with evidence.')
    .argument('[file]', "text, markdown or HTML file; '-' or none reads standard input")
    .option('--json', 'print {"matches": [...]} as one JSON document')
    .option('--limit <n>', 'report at most this many sources (default 5)', parseLimit)
    .addOption(formatOption())
    .addOption(dbOption())
    .addHelpText('after', FIND_HELP)
    .action(async (file: string | undefined, opts: FindCommandOptions) => {
      ctx.exitCode = await runFind(ctx, file, opts);
    });
}
