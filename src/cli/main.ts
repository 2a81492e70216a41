/**
 * The `unspin` command line: a thin shell over the library. run() returns the
 * exit code instead of exiting, so tests drive it with their own streams.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { runCheck } from './check.js';
import { type CliIo, type Context, createContext, disposeContext } from './context.js';
import { debugDetails, describeError } from './errors.js';
import { BrokenPipe } from './output.js';
import { type RestoreOptions, runRestore } from './restore.js';
import { registerServeCommand } from './serve.js';
import { registerSourceCommands } from './source-commands.js';
import { type CommonOptions, formatOption } from './sources.js';
import { visibleLine } from './terminal.js';
import { packageVersion } from './version.js';

export type { CliIo } from './context.js';

function parseProbability(value: string): number {
  const p = Number(value);
  if (value.trim() === '' || !Number.isFinite(p) || p < 0 || p > 1) {
    throw new InvalidArgumentError('expected a number from 0 to 1, e.g. 0.8.');
  }
  return p;
}

function addCommonOptions(cmd: Command): Command {
  return cmd
    .argument('[files...]', "text, markdown or HTML files; '-' or none reads standard input")
    .addOption(new Option('--json', 'print the result as one JSON document').conflicts('jsonl'))
    .option(
      '--jsonl',
      'read JSON Lines ({"id": ..., "text": "...", ["format": "html"]} per line), write one JSON result per line',
    )
    .option(
      '--min-confidence <p>',
      'only report or change words with at least this confidence, 0 to 1 (default 0.5)',
      parseProbability,
    )
    .addOption(formatOption())
    .option('--color', 'colour the output even when it is not a terminal')
    .option('--no-color', 'never colour the output (NO_COLOR=1 does the same)');
}

const CHECK_HELP = `
Examples:
  $ unspin check article.txt
  $ unspin check --json page.html
  $ cat article.txt | unspin check
  $ unspin check --jsonl docs.jsonl > results.jsonl

Exit status: 0 clean or uncertain, 1 spun (any file), 2 error (any file); with --jsonl, 0 unless a line failed (then 2).
HTML is reduced to its main article text; positions and offsets refer to that text.`;

const RESTORE_HELP = `
Examples:
  $ unspin restore article.txt > original.txt
  $ unspin restore --diff article.txt
  $ unspin restore --json article.txt
  $ unspin restore --jsonl docs.jsonl > restored.jsonl

The restored text is written exactly as it came in except for the changed words:
no newline is added, and the encoding and byte order mark are kept.
Exit status: 0 done, 2 error.`;

const MAIN_HELP = `
Examples:
  $ unspin check article.txt          is it spun? which words were swapped?
  $ unspin restore article.txt        put the original words back
  $ unspin index add archive/         index originals, then
  $ unspin find article.txt           find which of them a text was spun from
  $ unspin serve                      web app and HTTP API on http://127.0.0.1:8080
  $ unspin check --help               more options and examples`;

function buildProgram(ctx: Context): Command {
  const program = new Command('unspin')
    .description('Detect and undo article spinning (synonym swaps), offline.')
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.out.writeNow(s),
      writeErr: (s) => ctx.err.writeNow(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'unspin: ')),
    })
    .showHelpAfterError('(add --help for usage and examples)')
    .showSuggestionAfterError()
    .addHelpText('after', MAIN_HELP);

  addCommonOptions(program.command('check'))
    .description('Judge whether text was spun and list the swapped words with their likely originals.')
    .addHelpText('after', CHECK_HELP)
    .action(async (files: string[], opts: CommonOptions) => {
      ctx.exitCode = await runCheck(ctx, files, opts);
    });

  addCommonOptions(program.command('restore'))
    .description('Write the text with the swapped words put back to their likely originals.')
    .addOption(
      new Option('--diff', 'show the changes instead of the restored text').conflicts(['json', 'jsonl']),
    )
    .addHelpText('after', RESTORE_HELP)
    .action(async (files: string[], opts: RestoreOptions) => {
      ctx.exitCode = await runRestore(ctx, files, opts);
    });

  registerSourceCommands(program, ctx);
  registerServeCommand(program, ctx);
  return program;
}

/** Runs the CLI with `argv` as in process.argv (node, script, args...) and returns the exit code. */
export async function run(argv: string[], io: CliIo = {}): Promise<number> {
  const ctx = createContext(io);
  try {
    await buildProgram(ctx).parseAsync(argv);
    return ctx.exitCode;
  } catch (err) {
    // Commander has already printed its message (or the help/version text).
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof BrokenPipe) return 0;
    ctx.err.writeNow(`unspin: ${visibleLine(describeError(err).message)}\n${debugDetails(ctx.env, err)}`);
    return 2;
  } finally {
    disposeContext(ctx);
  }
}
