import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percent } from '../src/api/explain.js';
import { type CheckResult, type RestoreResult, spunBar } from '../src/api/index.js';
import { formatDiff } from '../src/cli/format-diff.js';
import { formatCheckText } from '../src/cli/format-text.js';
import { type CliIo, run } from '../src/cli/main.js';
import { Output } from '../src/cli/output.js';
import { LineIndex } from '../src/cli/positions.js';
import { Progress } from '../src/cli/progress.js';
import { makeStyle } from '../src/cli/style.js';
import { decodeText } from '../src/input/index.js';
import { BUILT_MAIN, ensureBuilt } from './built.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'unspin-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

class Capture extends Writable {
  readonly chunks: Buffer[] = [];
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.chunks.push(Buffer.from(chunk));
    done();
  }
  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
  get text(): string {
    return this.bytes.toString('utf8');
  }
}

function stdinOf(data?: string | Uint8Array): CliIo['stdin'] {
  // No data means an interactive terminal, so a test that forgets stdin fails fast instead of hanging.
  if (data === undefined) return Object.assign(Readable.from([]), { isTTY: true });
  return Object.assign(Readable.from([Buffer.from(data)]), { isTTY: false });
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  bytes: Buffer;
}

async function cli(
  args: string[],
  opts: { stdin?: string | Uint8Array; tty?: boolean; env?: Record<string, string> } = {},
): Promise<Ran> {
  const stdout = new Capture(opts.tty);
  const stderr = new Capture(opts.tty);
  const code = await run(['node', 'unspin', ...args], {
    stdout,
    stderr,
    stdin: stdinOf(opts.stdin),
    env: opts.env ?? {},
  });
  return { code, stdout: stdout.text, stderr: stderr.text, bytes: stdout.bytes };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

const SPUN =
  'The residence is enormous and it possesses a lovely yard. The canine barked loudly at the postman.\n' +
  'In conclusion, the fundamental principle of the undertaking is to utilise assets in an economical way.';
const NO_STACK = /\n\s+at /;

function expectCheckContract(input: string, result: CheckResult): void {
  expect(Object.keys(result)).toEqual(
    expect.arrayContaining(['spinProbability', 'verdict', 'words', 'findings']),
  );
  expect(result.spinProbability).toBeGreaterThanOrEqual(0);
  expect(result.spinProbability).toBeLessThanOrEqual(1);
  expect(['spun', 'clean', 'uncertain']).toContain(result.verdict);
  let end = 0;
  for (const f of result.findings) {
    expect(f.text).toBe(input.slice(f.offset, f.offset + f.length));
    expect(f.offset).toBeGreaterThanOrEqual(end);
    end = f.offset + f.length;
    expect(f.confidence).toBeGreaterThanOrEqual(0);
    expect(f.confidence).toBeLessThanOrEqual(1);
    expect(f.suggestions.every((s) => typeof s === 'string')).toBe(true);
  }
}

function applyChanges(input: string, result: RestoreResult): string {
  let out = '';
  let at = 0;
  for (const c of result.changes) {
    expect(c.text).toBe(input.slice(c.offset, c.offset + c.length));
    out += input.slice(at, c.offset) + c.replacement;
    at = c.offset + c.length;
  }
  return out + input.slice(at);
}

describe('help and version', () => {
  it('shows help with examples for the program and each command', async () => {
    const main = await cli(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/Usage: unspin/);
    expect(main.stdout).toMatch(/check[\s\S]*restore[\s\S]*Examples/);
    for (const command of ['check', 'restore']) {
      const r = await cli([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: unspin ${command}`);
      expect(r.stdout).toContain(`$ unspin ${command}`);
      expect(r.stdout).toContain('--min-confidence');
    }
  });

  it('prints the package version', async () => {
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
    const r = await cli(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('exits 2 with a short message on usage errors', async () => {
    for (const args of [[], ['chek'], ['check', '--bogus'], ['check', '--min-confidence', '1.5', 'x']]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(NO_STACK);
    }
    expect((await cli(['check', '--min-confidence', 'high', 'x'])).stderr).toMatch(/^unspin: .*0 to 1/);
    expect((await cli(['restore', '--diff', '--json', 'x'])).stderr).toMatch(/cannot be used with/);
  });
});

describe('check', () => {
  it('prints the JSON contract: every finding is the slice it points at', async () => {
    const path = file('spun.txt', SPUN);
    const r = await cli(['check', '--json', path]);
    const result = JSON.parse(r.stdout) as CheckResult & { source: string };
    expectCheckContract(SPUN, result);
    expect(result.source).toBe('text');
    expect(r.code).toBe(result.verdict === 'spun' ? 1 : 0);
  });

  it('passes --min-confidence through', async () => {
    const r = await cli(['check', '--json', '--min-confidence', '0.95', '-'], { stdin: SPUN });
    const result = JSON.parse(r.stdout) as CheckResult;
    expectCheckContract(SPUN, result);
    expect(result.findings.every((f) => f.confidence >= 0.95)).toBe(true);
  });

  it('gives an array with the file name for several files', async () => {
    const a = file('a.txt', SPUN);
    const b = file('b.txt', 'A short plain sentence about the weather today.');
    const missing = join(tmp, 'missing.txt');
    const r = await cli(['check', '--json', a, b, missing]);
    expect(r.code).toBe(2);
    const results = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(results.map((x) => x.file)).toEqual([a, b, missing]);
    expectCheckContract(SPUN, results[0] as unknown as CheckResult);
    expect(results[2].error).toMatchObject({ code: 'not-found' });
    expect(r.stderr).toContain('missing.txt');
  });

  it('reports line:column and the verdict, coloured only on a terminal without NO_COLOR', async () => {
    const path = file('plain.txt', SPUN);
    const piped = await cli(['check', path]);
    expect(piped.stdout).toContain(path);
    expect(piped.stdout).toMatch(/(spun|clean|uncertain): spin probability [<>]?\d+%/);
    expect(piped.stdout).not.toContain('\x1b[');
    expect((await cli(['check', path], { tty: true })).stdout).toContain('\x1b[');
    expect((await cli(['check', path], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
  });

  it('reads HTML as its article text and says so', async () => {
    const html = `<!doctype html><html><body><nav>Home | About | Contact</nav><article><p>${SPUN}</p></article></body></html>`;
    const path = file('page.html', html);
    const r = await cli(['check', '--json', path]);
    const result = JSON.parse(r.stdout) as CheckResult & { source: string; text: string };
    expect(result.source).toBe('html');
    // The article text the offsets refer to is given, as the HTTP API gives it.
    expect(result.text).toBe(decodeText(Buffer.from(html), { name: path }).text);
    expectCheckContract(result.text, result);
    expect((await cli(['check', path])).stdout).toMatch(/extracted from HTML/);
  });

  it('reads markdown as its prose and restores it with the markup as it was', async () => {
    const code = `\`\`\`\n${SPUN}\n\`\`\`\n`;
    // Starts with HTML, as many READMEs do: the extension still says markdown.
    const markdown = `<p align="center"><img src="logo.png"></p>\n\n# Notes\n\n${SPUN.replace(/ (\w+) /, ' *$1* ')}\n\n${code}`;
    const path = file('notes.md', markdown);
    const checked = JSON.parse((await cli(['check', '--json', path])).stdout) as CheckResult & {
      source: string;
    };
    expect(checked.source).toBe('markdown');
    expectCheckContract(markdown, checked);
    const restored = await cli(['restore', path]);
    expect(restored.code).toBe(0);
    expect(restored.stdout).not.toBe(markdown);
    expect(restored.stdout.startsWith('<p align="center"><img src="logo.png"></p>\n\n# Notes\n\n')).toBe(
      true,
    );
    // The code block is left as it is; read as plain text, it is restored like prose.
    expect(restored.stdout.endsWith(code)).toBe(true);
    const plain = await cli(['restore', '--format', 'text', path]);
    expect(plain.stdout.endsWith(code)).toBe(false);
    // --jsonl lines are markdown when asked.
    const line = `${JSON.stringify({ id: 1, text: markdown })}\n`;
    const jsonl = JSON.parse(
      (await cli(['restore', '--jsonl', '--format', 'markdown'], { stdin: line })).stdout,
    );
    expect(jsonl.restored).toBe(restored.stdout);
  });

  it('exits 2 without a stack trace for a missing file, a directory, binary and empty input', async () => {
    const png = file('img.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const cases: Array<[string[], string | undefined, RegExp]> = [
      [['check', join(tmp, 'nope.txt')], undefined, /no such file/],
      [['check', tmp], undefined, /is a directory/],
      [['check', png], undefined, /PNG/],
      [['check', '-'], '', /empty/],
      [['check'], '  \n ', /whitespace/],
      [['check'], undefined, /no input/],
      [['restore', join(tmp, 'nope.txt')], undefined, /no such file/],
    ];
    for (const [args, stdin, message] of cases) {
      const r = await cli(args, { stdin });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^unspin: /);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(NO_STACK);
      expect(r.stdout).toBe('');
    }
  });
});

describe('restore', () => {
  it('writes the restored text byte for byte, as --json reports it', async () => {
    const input = `${SPUN}\n\n  trailing spaces and no final newline  `;
    const path = file('restore.txt', input);
    const json = await cli(['restore', '--json', path]);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as RestoreResult;
    expect(result.restored).toBe(applyChanges(input, result));
    const plain = await cli(['restore', path]);
    expect(plain.code).toBe(0);
    expect(plain.bytes.equals(Buffer.from(result.restored, 'utf8'))).toBe(true);
  });

  it('keeps the encoding and byte order mark of the input', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SPUN, 'utf16le')]);
    const path = file('utf16.txt', utf16);
    const result = JSON.parse((await cli(['restore', '--json', path])).stdout) as RestoreResult;
    const r = await cli(['restore', path]);
    expect(r.bytes.equals(Buffer.from(`\uFEFF${result.restored}`, 'utf16le'))).toBe(true);
    const bom = file('bom.txt', `\uFEFF${SPUN}`);
    expect((await cli(['restore', bom])).bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('shows a word diff and a summary on stderr', async () => {
    const path = file('diff.txt', SPUN);
    const result = JSON.parse((await cli(['restore', '--json', path])).stdout) as RestoreResult;
    const r = await cli(['restore', '--diff', path]);
    expect(r.code).toBe(0);
    for (const c of result.changes) expect(r.stdout).toContain(`[-${c.text}-]{+${c.replacement}+}`);
    expect(r.stderr).toMatch(new RegExp(`unspin: (${result.changes.length} changes?|no changes) in`));
  });

  it('shows control characters of the input in caret notation, never raw, in the diff and the report', async () => {
    // An escape sequence in a file could recolour or retitle the reader's terminal.
    const hostile = `${SPUN.replace('loudly', 'loudly \x1b[2J\x1b]0;owned\x07\x9b')}`;
    const diff = await cli(['restore', '--diff', file('escapes.txt', hostile)]);
    expect(diff.stdout).toContain('^[[2J^[]0;owned^G\\u009b');
    const report = await cli(['check', file('name\x1b[31m.txt', SPUN)]);
    expect(report.stdout).toContain('name^[[31m.txt');
    // Names in messages on stderr too: a summary, a file that is not there.
    const named = await cli(['restore', '--diff', file('n\x1b[31mx.txt', SPUN)]);
    expect(named.stderr).toMatch(/changes? in .*n\^\[\[31mx\.txt/);
    const missing = await cli(['check', join(tmp, 'missing\x1b[31m\rFAKE.txt')]);
    expect(missing.stderr).toContain('missing^[[31m^MFAKE.txt');
    expect(missing.stderr).not.toContain('\r');
    for (const out of [diff.stdout, report.stdout, named.stderr, missing.stderr]) {
      for (const raw of ['\x1b', '\x07', '\x9b']) expect(out).not.toContain(raw);
    }
    // restore itself writes the text as it is: it is data, not a report.
    expect((await cli(['restore', file('escapes2.txt', hostile)])).stdout).toContain('\x1b[2J');
  });

  it('takes one input unless --jsonl', async () => {
    const r = await cli(['restore', file('r1.txt', 'x y'), file('r2.txt', 'x y')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jsonl/);
  });
});

describe('--jsonl', () => {
  const lines = [
    JSON.stringify({ id: 'a', text: SPUN }),
    '{"id": "b", "text": ',
    '',
    JSON.stringify({ id: 7, words: 'no text' }),
    JSON.stringify({ id: [1], text: 42 }),
    JSON.stringify({ text: 'No id on this line.' }),
    '"just a string"',
    // Parses, but nested too deeply to be written back out with its result.
    `{"id": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "text": "Fine."}`,
    // Nothing to check, or binary data: refused as a file would be.
    JSON.stringify({ id: 'empty', text: '' }),
    JSON.stringify({ id: 'spaces', text: ' \t ' }),
    JSON.stringify({ id: 'binary', text: '\u0000\u0001\u0002 data' }),
    JSON.stringify({ id: 'last', text: 'Still read after the bad lines.' }),
  ];

  it('answers every line, with error lines for bad ones, and exits 2', async () => {
    const r = await cli(['check', '--jsonl'], { stdin: `${lines.join('\n')}\n` });
    expect(r.code).toBe(2);
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.id)).toEqual([
      'a',
      null,
      7,
      [1],
      null,
      null,
      null,
      'empty',
      'spaces',
      'binary',
      'last',
    ]);
    expectCheckContract(SPUN, out[0] as unknown as CheckResult);
    expect(out[1]).toMatchObject({ line: 2, error: { code: 'invalid-json' } });
    expect(out[2]).toMatchObject({ line: 4, error: { code: 'invalid-record' } });
    expect(out[3]).toMatchObject({ line: 5, error: { code: 'invalid-record' } });
    expect(out[4]).toHaveProperty('verdict');
    expect(out[5]).toMatchObject({ line: 7, error: { code: 'invalid-record' } });
    expect(out[6]).toMatchObject({
      line: 8,
      error: { code: 'invalid-record', message: /nested too deeply/ },
    });
    expect(out[7]).toMatchObject({
      line: 9,
      error: { code: 'empty-input', message: /line 9: "text" is empty/ },
    });
    expect(out[8]).toMatchObject({ line: 10, error: { code: 'empty-input', message: /whitespace/ } });
    expect(out[9]).toMatchObject({ line: 11, error: { code: 'binary-input' } });
    expect(out[10]).toHaveProperty('verdict');
  });

  it('reads a line as HTML by --format, its own "format" or its look, giving the text offsets are into', async () => {
    const page = `<!doctype html><html><body><nav>Home | About</nav><article><p>${SPUN}</p></article></body></html>`;
    const records = [
      { id: 'page', text: page },
      { id: 'own', text: '<p>a <b>short</b> one</p>', format: 'html' },
      { id: 'plain', text: '<p>a <b>short</b> one</p>', format: 'text' },
      { id: 'bad', text: 'x', format: 'pdf' },
    ];
    const r = await cli(['check', '--jsonl'], {
      stdin: `${records.map((x) => JSON.stringify(x)).join('\n')}\n`,
    });
    const [fromPage, own, plain, bad] = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // The page's article text, its line break collapsed as a browser shows it.
    const article = SPUN.replace('\n', ' ');
    expect(fromPage).toMatchObject({ source: 'html', text: article, verdict: 'spun' });
    expectCheckContract(article, fromPage as unknown as CheckResult);
    expect(own).toMatchObject({ source: 'html', text: 'a short one', words: 3 });
    expect(plain).not.toHaveProperty('source');
    expect(plain.words).toBeGreaterThan(3);
    expect(bad).toMatchObject({ line: 4, error: { code: 'invalid-record', message: /"format" must be/ } });
    const forced = await cli(['restore', '--jsonl', '--format', 'html'], {
      stdin: `${JSON.stringify({ id: 1, text: '<p>a <b>short</b> one</p>' })}\n`,
    });
    expect(JSON.parse(forced.stdout)).toMatchObject({ id: 1, source: 'html', text: 'a short one' });
  });

  it('answers every line whatever the depth of its id, right where echoing it starts to fail', async () => {
    const depths = Array.from({ length: 40 }, (_, i) => 1_000 + 250 * i);
    const input = depths.map((d) => `{"id": ${'['.repeat(d)}${']'.repeat(d)}, "text": "Fine."}`);
    const r = await cli(['check', '--jsonl'], {
      stdin: `${input.join('\n')}\n{"id": "end", "text": "Fine."}\n`,
    });
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(depths.length + 1);
    for (const [i, o] of out.slice(0, -1).entries()) {
      if ('error' in o)
        expect(o).toMatchObject({ id: null, line: i + 1, error: { message: /nested too deeply/ } });
      else expect(o).toHaveProperty('verdict');
    }
    expect(out.at(-1)).toMatchObject({ id: 'end', verdict: 'clean' });
  });

  it('exits 0 when every line is good, for check and restore, from a file', async () => {
    const path = file(
      'ok.jsonl',
      `${JSON.stringify({ id: 1, text: SPUN })}\r\n${JSON.stringify({ id: 2, text: 'A short line.' })}`,
    );
    const check = await cli(['check', '--jsonl', path]);
    expect(check.code).toBe(0);
    expect(check.stdout.trimEnd().split('\n')).toHaveLength(2);
    const restore = await cli(['restore', '--jsonl', path]);
    expect(restore.code).toBe(0);
    const [first] = restore.stdout.split('\n').map((l) => (l ? JSON.parse(l) : null));
    expect(first.id).toBe(1);
    expect(first.restored).toBe(applyChanges(SPUN, first));
  });

  it('stops quietly when the reader closes the pipe', async () => {
    class Broken extends Writable {
      override _write(_c: Buffer, _e: BufferEncoding, done: (err?: Error | null) => void): void {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      }
    }
    const stdout = new Broken();
    stdout.on('error', () => {});
    const stderr = new Capture();
    const input = `${JSON.stringify({ id: 1, text: 'Some words here.' })}\n`.repeat(200);
    const code = await run(['node', 'unspin', 'check', '--jsonl'], {
      stdout,
      stderr,
      stdin: stdinOf(input),
      env: {},
    });
    expect(code).toBe(0);
    expect(stderr.text).toBe('');
  });
});

describe('line:column positions', () => {
  /** Counted from scratch: the line's start, then code points up to the offset. */
  const reference = (text: string, offset: number) => {
    const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: lines.length, column: [...lines[lines.length - 1]].length + 1 };
  };

  it('agree with counting from scratch, in order or not, emoji, CRLF and lone CR included', () => {
    const piece = fc.constantFrom('a', 'word ', '\n', '\r\n', '\r', '😀', 'é', ' ');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (pieces, raw) => {
          const text = pieces.join('');
          // Offsets on character boundaries, as findings' are.
          const offsets = raw.map((n) => Math.min(text.length, n % (text.length + 1)));
          const boundaries = offsets.map((o) =>
            o > 0 && ((text.charCodeAt(o - 1) & 0xfc00) === 0xd800 || text.startsWith('\r\n', o - 1))
              ? o - 1
              : o,
          );
          const index = new LineIndex(text);
          for (const o of [...boundaries].sort((a, b) => a - b).concat(boundaries)) {
            expect(index.position(o)).toEqual(reference(text, o));
          }
        },
      ),
    );
  });

  it('cost linear time over findings on one long line', () => {
    const text = 'within '.repeat(200_000);
    const index = new LineIndex(text);
    const t0 = performance.now();
    for (let o = 0; o < text.length; o += 7) index.position(o);
    expect(index.position(text.length - 7)).toEqual({ line: 1, column: text.length - 6 });
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  it('lay out 300,000 findings (more than fit as arguments on the stack)', () => {
    const text = 'The agency informed reporters.\n'.repeat(300_000);
    const findings = Array.from({ length: 300_000 }, (_, i) => ({
      offset: i * 31 + 11,
      length: 8,
      text: 'informed',
      suggestions: ['told'],
      confidence: 0.9,
    }));
    const result = {
      spinProbability: 0.99,
      verdict: 'spun' as const,
      words: 1_200_000,
      findings,
      knownTorturedPhrases: [],
      listedTermReadings: 0,
      spunAt: 0.65,
    };
    const out = formatCheckText('big.txt', text, result, makeStyle(false));
    expect(out.split('\n')[300_000]).toMatch(/^ {2}300000:12 {2}informed {2}→ told {2}\(90%\)$/);
  });
});

describe('formatters', () => {
  const text = 'First line here.\nThe residence is big.\n\nThe canine 😀 barked.';
  const findings = [
    {
      offset: 21,
      length: 9,
      text: 'residence',
      suggestions: ['house', 'home', 'dwelling', 'abode'],
      confidence: 0.91,
    },
    { offset: 54, length: 6, text: 'barked', suggestions: [], confidence: 0.004 },
  ];

  it('formats findings with line:column counted in characters', () => {
    const result: CheckResult = {
      spinProbability: 0.999,
      verdict: 'spun',
      words: 11,
      findings,
      knownTorturedPhrases: [],
      listedTermReadings: 0,
      spunAt: 0.65,
    };
    const out = formatCheckText('t.txt', text, result, makeStyle(false));
    expect(out).toContain('2:5  residence  → house, home, dwelling, …  (91%)');
    expect(out).toContain('4:14  barked');
    expect(out).toContain('(no suggestion)');
    expect(out).toContain('spun: spin probability >99%, 2 findings in 11 words');
    expect([percent(0), percent(1), percent(0.004), percent(0.5)]).toEqual(['0%', '100%', '<1%', '50%']);
    expect(out).not.toContain('known tortured');
    const known = { ...result, knownTorturedPhrases: ['profound learning', 'arbitrary woodland'] };
    expect(formatCheckText('t.txt', text, known, makeStyle(false))).toContain(
      '2 known tortured phrases (Problematic Paper Screener list): profound learning, arbitrary woodland',
    );
    // Readings as established terms are told only when there are enough to weigh in the verdict.
    expect(out).not.toContain('established terms');
    const two = formatCheckText('t.txt', text, { ...result, listedTermReadings: 2 }, makeStyle(false));
    expect(two).not.toContain('established terms');
    expect(formatCheckText('t.txt', text, { ...result, listedTermReadings: 3 }, makeStyle(false))).toContain(
      '3 different established terms read back: unseen tortured phrases, most likely',
    );
    // Three in a book are no sign of anything.
    const book = { ...result, words: 50_000, listedTermReadings: 3 };
    expect(formatCheckText('t.txt', text, book, makeStyle(false))).not.toContain('established terms');
  });

  it('says from what probability an uncertain text of its length is called spun', () => {
    const base: CheckResult = {
      spinProbability: 0.85,
      verdict: 'uncertain',
      words: 20,
      findings: [],
      knownTorturedPhrases: [],
      listedTermReadings: 0,
      spunAt: spunBar(20),
    };
    const shortText = formatCheckText('t.txt', text, base, makeStyle(false));
    expect(spunBar(20)).toBeGreaterThan(spunBar(5000));
    expect(shortText).toContain(
      `uncertain: spin probability 85%, 0 findings in 20 words (a text of this length is called spun from ${percent(spunBar(20))})`,
    );
    const long = { ...base, words: 5000, spinProbability: 0.5, spunAt: spunBar(5000) };
    expect(formatCheckText('t.txt', text, long, makeStyle(false))).toContain(
      `(a text of this length is called spun from ${percent(spunBar(5000))})`,
    );
    // Just under the bar, the probability is not rounded up to it.
    const under = { ...base, spinProbability: 0.9261, spunAt: 0.93 };
    expect(formatCheckText('t.txt', text, under, makeStyle(false))).toContain(
      'uncertain: spin probability 92.6%, 0 findings in 20 words (a text of this length is called spun from 93%)',
    );
    // A spun or clean verdict needs no bar beside it.
    for (const verdict of ['spun', 'clean'] as const) {
      expect(formatCheckText('t.txt', text, { ...base, verdict }, makeStyle(false))).not.toContain(
        'called spun from',
      );
    }
  });

  it('shows only changed lines in the diff', () => {
    const changes = findings.map((f) => ({ ...f, replacement: f.suggestions[0] ?? 'bayed' }));
    expect(formatDiff(text, changes, makeStyle(false))).toBe(
      '2 │ The [-residence-]{+house+} is big.\n…\n4 │ The canine 😀 [-barked-]{+bayed+}.\n',
    );
    // Numbered as an editor numbers them, whichever line breaks the file uses.
    for (const eol of ['\r\n', '\r']) {
      const shifted = changes.map((c) => ({
        ...c,
        offset: c.offset + (eol.length - 1) * text.slice(0, c.offset).split('\n').length - (eol.length - 1),
      }));
      expect(formatDiff(text.replaceAll('\n', eol), shifted, makeStyle(false))).toBe(
        '2 │ The [-residence-]{+house+} is big.\n…\n4 │ The canine 😀 [-barked-]{+bayed+}.\n',
      );
    }
  });

  it('reports progress only when enabled', () => {
    const err = new Capture(true);
    let now = 0;
    const progress = new Progress(new Output(err), true, () => now);
    for (let i = 0; i < 1000; i++) {
      now += 1;
      progress.tick();
    }
    progress.done();
    expect(err.text).toMatch(/processed \d+ lines, \d+ lines\/s/);
  });
});

describe('bin/unspin.js', () => {
  const main = BUILT_MAIN;

  beforeAll(ensureBuilt);

  it('runs the built CLI', () => {
    expect(existsSync(main)).toBe(true);
    const help = spawnSync(process.execPath, [join(root, 'bin/unspin.js'), '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: unspin/);
    const missing = spawnSync(
      process.execPath,
      [join(root, 'bin/unspin.js'), 'check', join(tmp, 'nope.txt')],
      {
        encoding: 'utf8',
      },
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^unspin: .*no such file/);
    expect(missing.stderr).not.toMatch(NO_STACK);
  });
});
