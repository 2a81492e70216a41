import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decodeText,
  extractHtmlText,
  InputError,
  type Line,
  loadInput,
  readInputFile,
  readStream,
  splitLines,
} from '../src/input/index.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => Uint8Array.from(b);
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le').swap16());
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

async function asyncErrorOf(promise: Promise<unknown>): Promise<InputError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

const tmp = mkdtempSync(join(tmpdir(), 'unspin-input-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('decodeText: encodings', () => {
  const sample = 'Café “quotes” — naïve 😀\nsecond line';

  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(utf8(sample))).toEqual({ text: sample, format: 'text', encoding: 'utf-8', bom: false });
  });

  it('strips a UTF-8 BOM and remembers it', () => {
    const d = decodeText(cat(bytes(0xef, 0xbb, 0xbf), utf8(sample)));
    expect(d).toEqual({ text: sample, format: 'text', encoding: 'utf-8', bom: true });
  });

  it('reads UTF-16LE and UTF-16BE with a BOM', () => {
    expect(decodeText(cat(bytes(0xff, 0xfe), utf16le(sample)))).toMatchObject({
      text: sample,
      encoding: 'utf-16le',
      bom: true,
    });
    expect(decodeText(cat(bytes(0xfe, 0xff), utf16be(sample)))).toMatchObject({
      text: sample,
      encoding: 'utf-16be',
      bom: true,
    });
  });

  it('keeps a second BOM as content', () => {
    expect(decodeText(cat(bytes(0xef, 0xbb, 0xbf), utf8('\uFEFFx'))).text).toBe('\uFEFFx');
  });

  it('rejects UTF-16 with a BOM but an odd number of bytes', () => {
    expect(errorOf(() => decodeText(cat(bytes(0xff, 0xfe), utf16le('hello'), bytes(0x41)))).code).toBe(
      'invalid-encoding',
    );
  });

  it('rejects UTF-32 with a message naming it', () => {
    const err = errorOf(() => decodeText(bytes(0xff, 0xfe, 0, 0, 0x41, 0, 0, 0)));
    expect(err.code).toBe('invalid-encoding');
    expect(err.message).toMatch(/UTF-32/);
  });

  it('rejects invalid UTF-8 with the byte offset and a way out', () => {
    const latin1 = Uint8Array.from(Buffer.from('A café here', 'latin1'));
    const err = errorOf(() => decodeText(latin1, { name: 'old.txt' }));
    expect(err.code).toBe('invalid-encoding');
    expect(err.message).toContain('old.txt');
    expect(err.message).toContain('offset 5');
    expect(err.message).toMatch(/iconv/);
  });

  it('rejects overlong and surrogate UTF-8 sequences', () => {
    expect(errorOf(() => decodeText(bytes(0x41, 0xc0, 0xaf))).code).toBe('invalid-encoding');
    expect(errorOf(() => decodeText(bytes(0x41, 0xed, 0xa0, 0x80))).code).toBe('invalid-encoding');
  });
});

describe('decodeText: binary input', () => {
  it('recognises a PNG by its header', () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52);
    const err = errorOf(() => decodeText(png, { name: 'cat.png' }));
    expect(err.code).toBe('binary-input');
    expect(err.message).toMatch(/PNG/);
  });

  it('names a PDF and says how to get its text', () => {
    const pdf = cat(utf8('%PDF-1.7\n'), bytes(0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a, 0, 1, 2));
    expect(errorOf(() => decodeText(pdf)).message).toMatch(/PDF.*pdftotext/);
  });

  it('rejects text with NUL bytes (e.g. UTF-16 without a BOM)', () => {
    const err = errorOf(() => decodeText(utf16le('hello world')));
    expect(err.code).toBe('binary-input');
    expect(err.message).toMatch(/byte order mark/);
  });

  it('rejects many control characters but allows a few', () => {
    expect(errorOf(() => decodeText(utf8('ab\x01\x02\x03\x04cd\x05\x06'))).code).toBe('binary-input');
    const ok = 'Page one\fPage two\twith tab and \x1b[1mbold\x1b[0m\r\n';
    expect(decodeText(utf8(ok)).text).toBe(ok);
  });

  it('rejects random bytes as binary or invalid, deterministically', () => {
    let seed = 42;
    const random = new Uint8Array(4096).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed >> 16;
    });
    expect(['binary-input', 'invalid-encoding']).toContain(errorOf(() => decodeText(random)).code);
  });

  it('never throws anything but InputError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        try {
          const d = decodeText(b);
          expect(typeof d.text).toBe('string');
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});

describe('decodeText: empty input', () => {
  it('rejects empty and whitespace-only input', () => {
    expect(errorOf(() => decodeText(new Uint8Array())).code).toBe('empty-input');
    expect(errorOf(() => decodeText(utf8(' \n\t\r\n'))).code).toBe('empty-input');
    expect(errorOf(() => decodeText(bytes(0xef, 0xbb, 0xbf))).code).toBe('empty-input');
  });

  it('accepts it when asked to', () => {
    expect(decodeText(utf8('  \n'), { allowEmpty: true }).text).toBe('  \n');
  });
});

describe('decodeText: round trip', () => {
  // Control characters other than whitespace and ESC would (rightly) be taken for binary.
  const hasControl = (s: string) =>
    [...s].some((c) => {
      const n = c.codePointAt(0) ?? 0;
      return (n < 0x20 && !(n >= 0x09 && n <= 0x0d) && n !== 0x1b) || n === 0x7f;
    });
  const wellFormed = fc
    .string({ unit: 'binary', maxLength: 200 })
    .filter((s) => s.isWellFormed() && /\S/.test(s) && !hasControl(s));

  it('decodeText(utf8(s)) === s, with or without a BOM', () => {
    fc.assert(
      fc.property(wellFormed, (s) => {
        const body = s.startsWith('\uFEFF') ? s.slice(1) : s;
        fc.pre(/\S/.test(body));
        expect(decodeText(utf8(body), { format: 'text' }).text).toBe(body);
        expect(decodeText(cat(bytes(0xef, 0xbb, 0xbf), utf8(s)), { format: 'text' }).text).toBe(s);
      }),
    );
  });

  it('decodes UTF-16 LE/BE with a BOM back to the same string', () => {
    fc.assert(
      fc.property(wellFormed, (s) => {
        expect(decodeText(cat(bytes(0xff, 0xfe), utf16le(s)), { format: 'text' }).text).toBe(s);
        expect(decodeText(cat(bytes(0xfe, 0xff), utf16be(s)), { format: 'text' }).text).toBe(s);
      }),
    );
  });
});

const PAGE = `<!DOCTYPE html>
<html><head><title>Bread</title><style>body { color: red }</style>
<script>window.tracking = "do not show";</script></head>
<body>
<nav><a href="/">Home</a> | <a href="/about">About us</a> | <a href="/shop">Shop</a></nav>
<div class="sidebar"><h3>Popular</h3><ul><li><a href="/x">Ten tips</a></li></ul></div>
<main><article>
<h1>How to bake bread at home</h1>
<p>Baking bread at home is <em>simple</em> and rewarding. You need flour, water, salt and yeast. Mix them
together and knead the dough for ten minutes until it is smooth and elastic.</p>
<p>Let the dough rise in a warm place for about an hour. It should double in size. Then shape it into a loaf,
put it in a tin and let it rise again.<br>Bake at 220 degrees for thirty minutes.</p>
<p>Once baked, let the bread cool on a rack before slicing. Fresh bread keeps for two or three days in a paper
bag, and it freezes well too. Toast any leftovers &amp; enjoy them with butter.</p>
</article></main>
<footer>Copyright 2024 Example Ltd. All rights reserved. <a href="/privacy">Privacy policy</a></footer>
<script>console.log("nor this");</script>
</body></html>`;

describe('HTML', () => {
  it('reduces a page to its article text with paragraph breaks', () => {
    const d = decodeText(utf8(PAGE));
    expect(d.format).toBe('html');
    expect(d.text).toContain('Baking bread at home is simple and rewarding.');
    expect(d.text).toContain('Toast any leftovers & enjoy them with butter.');
    expect(d.text).toContain('let it rise again.\nBake at 220 degrees');
    for (const junk of [
      'About us',
      'Copyright',
      'Privacy',
      'tracking',
      'nor this',
      'color: red',
      'Popular',
    ]) {
      expect(d.text).not.toContain(junk);
    }
    const paragraphs = d.text.split('\n\n');
    expect(paragraphs.length).toBeGreaterThanOrEqual(3);
    expect(paragraphs.every((p) => p === p.trim() && !/ {2}/.test(p))).toBe(true);
  });

  it('is recognised by extension, by content, or forced; never in plain prose', () => {
    expect(decodeText(utf8('<p>Hello there.</p><p>Second.</p>'), { name: 'a.htm' })).toMatchObject({
      format: 'html',
      text: 'Hello there.\n\nSecond.',
    });
    expect(decodeText(utf8('<div><p>One.</p><p>Two.</p></div>')).format).toBe('html');
    expect(decodeText(utf8('x < y and <3 to all <br> friends.')).format).toBe('text');
    expect(decodeText(utf8(PAGE), { format: 'text' })).toMatchObject({ format: 'text', text: PAGE });
    expect(decodeText(utf8('Just words.'), { format: 'html' })).toMatchObject({
      format: 'html',
      text: 'Just words.',
    });
  });

  it('falls back to the body text when there is no article', () => {
    const r = extractHtmlText('<html><body><div>Short note.</div><div>Another one.</div></body></html>');
    expect(r.text).toBe('Short note.\n\nAnother one.');
  });

  it('keeps <pre> whitespace and separates table cells', () => {
    const r = extractHtmlText(
      '<body><pre>  a\n    b</pre><table><tr><td>x</td><td>y</td></tr></table></body>',
    );
    expect(r.text).toBe('  a\n    b\n\nx y');
  });

  it('reads a hostile page nested 20,000 elements deep, in order, without overflowing the stack', () => {
    const depth = 20_000;
    const html = `<html><body><p>First.</p>${'<div><span>'.repeat(depth)}Deep text.${'</span></div>'.repeat(depth)}<p>Last.</p></body></html>`;
    expect(extractHtmlText(html).text).toBe('First.\n\nDeep text.\n\nLast.');
  });

  it('stays fast on hostile markup, however it nests', () => {
    const n = 200_000;
    const pages = {
      'div and span': `<html><head><style>p {}</style></head><body><p>First &amp; foremost.</p>${'<div><span>'.repeat(n)}Deep <b>te</b>xt.<br>Line two.${'</span></div>'.repeat(n)}<script>var x = "<div>";</script></body></html>`,
      // Each <li> closes only an open li, so under an open p these nest too.
      'li and p': `<html><body>${'<li><p>'.repeat(n)}Deep text.`,
      // HTML ignores "/>" on a div: these nest.
      'self-closed divs': `<html><body>${'<div/>'.repeat(n)}Deep text.`,
      // "<!-->" is a whole comment to the parser, not the start of one.
      'empty comment first': `<html><body><!-->${'<div>'.repeat(n)}Deep text.`,
      'stray end tags': `<html><body>${'<div>'.repeat(3_000)}${'</span>'.repeat(n)}Deep text.`,
      'tags never closed': `<html><body>Deep text. ${' <a'.repeat(n)}`,
    };
    for (const [kind, html] of Object.entries(pages)) {
      const t0 = performance.now();
      const { text } = extractHtmlText(html);
      expect(text, kind).toMatch(/Deep text\./);
      expect(performance.now() - t0, kind).toBeLessThan(5_000);
    }
    expect(extractHtmlText(pages['div and span']).text).toBe('First & foremost.\n\nDeep text.\nLine two.');
  });

  it('reads a page too deep to parse as a stream of tags, keeping its words apart and whole', () => {
    const html = `<html><head><title>T</title></head><body>${'<div>'.repeat(2_100)}<b>Fish</b> <i>chips</i>, if a &lt; b or a < b.<p title="x>y">Quoted.</p><table><tr><td>cell1</td><td>cell2</td></tr></table><nav>Menu</nav><script>if (a<b) x();</script><p>End.</p></body></html>`;
    expect(extractHtmlText(html)).toEqual({
      text: 'Fish chips, if a < b or a < b.\n\nQuoted.\n\ncell1 cell2\n\nEnd.',
      method: 'body',
    });
  });

  it('does not count "<" in scripts, or paragraphs left open, as nesting', () => {
    const script = 'for (let i = 0; i<n; i++) { a.map(x => x * 2) }'.repeat(3_000);
    const body =
      '<p>The agency told reporters that the storm would reach the coast this week, officials said.'.repeat(
        10,
      );
    const page = `<html><head><title>Storm</title><script>${script}</script></head><body><nav><a href="/">Home</a></nav><article><h1>Storm coming</h1>${body}</article></body></html>`;
    const r = extractHtmlText(page);
    expect(r.method).toBe('article');
    expect(r.title).toBe('Storm');
    expect(r.text).not.toMatch(/Home|for \(let/);
  });

  it('treats markup without a root element as a page without text, not a crash', () => {
    expect(extractHtmlText('<html <a <a <a').text).toBe('');
    const err = errorOf(() => decodeText(utf8('<html <a <a <a'), { format: 'html' }));
    expect(err.code).toBe('empty-input');
  });

  it('treats a page without readable text as empty', () => {
    const err = errorOf(() => decodeText(utf8('<html><body><script>x()</script></body></html>')));
    expect(err.code).toBe('empty-input');
  });
});

describe('reading files and streams', () => {
  it('reads a file and decodes it', async () => {
    const path = join(tmp, 'a.txt');
    writeFileSync(path, '\uFEFFHello, world.');
    expect(await loadInput(path)).toMatchObject({ name: path, text: 'Hello, world.', bom: true });
  });

  it('gives clear errors for missing files and directories', async () => {
    const missing = await asyncErrorOf(readInputFile(join(tmp, 'nope.txt')));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain('nope.txt');
    expect((await asyncErrorOf(readInputFile(tmp))).code).toBe('is-directory');
  });

  it('enforces the size limit on files and streams', async () => {
    const path = join(tmp, 'big.txt');
    writeFileSync(path, 'x'.repeat(2000));
    const err = await asyncErrorOf(readInputFile(path, { maxBytes: 1000 }));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/2\.0 KB.*1000 bytes/);
    const stream = Readable.from([Buffer.alloc(600, 0x61), Buffer.alloc(600, 0x61)]);
    expect((await asyncErrorOf(readStream(stream, { maxBytes: 1000 }))).code).toBe('too-large');
  });

  it('handles a 50 MB text quickly', async () => {
    const line = Buffer.from('The quick brown fox jumps over the lazy dog. Ünïcödé too.\n');
    const big = Buffer.alloc(50 * 1024 * 1024);
    for (let at = 0; at < big.length; at += line.length) line.copy(big, at);
    big.fill(0x20, big.length - line.length); // no character cut in half at the end
    const started = Date.now();
    const d = decodeText(big);
    expect(d.text.length).toBeGreaterThan(45 * 1024 * 1024);
    const path = join(tmp, 'fifty.txt');
    writeFileSync(path, big);
    expect((await readInputFile(path)).length).toBe(big.length);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('splitLines', () => {
  async function lines(chunks: (string | Uint8Array)[], maxLineBytes?: number): Promise<Line[]> {
    const out: Line[] = [];
    for await (const line of splitLines(Readable.from(chunks.map((c) => Buffer.from(c))), { maxLineBytes })) {
      out.push(line);
    }
    return out;
  }
  const texts = (ls: Line[]) => ls.map((l) => ('text' in l ? l.text : `!${l.error.code}`));

  it('splits LF and CRLF, strips a leading BOM, keeps a last line without newline', async () => {
    expect(texts(await lines(['\uFEFFa\r\nb\n\nc']))).toEqual(['a', 'b', '', 'c']);
    expect((await lines(['a\nb\n'])).map((l) => l.number)).toEqual([1, 2]);
  });

  it('reports invalid UTF-8 and overlong lines per line', async () => {
    expect(texts(await lines([bytes(0x61, 0x0a, 0xff, 0x0a, 0x62)]))).toEqual([
      'a',
      '!invalid-encoding',
      'b',
    ]);
    expect(texts(await lines(['ok\n', 'x'.repeat(50), 'y'.repeat(50), '\nfine'], 60))).toEqual([
      'ok',
      '!too-large',
      'fine',
    ]);
  });

  const MIXED = 'één\r\n{"id":1}\n😀 x\n\nlast';
  /** Reads `whole` cut into chunks at random places, always to the lines of MIXED. */
  const splitAnywhere = (whole: Uint8Array, numRuns: number) =>
    fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: whole.length - 1 })), async (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), whole.length];
        const chunks = points.slice(1).map((end, i) => whole.subarray(points[i], end));
        expect(texts(await lines(chunks))).toEqual(['één', '{"id":1}', '😀 x', '', 'last']);
      }),
      { numRuns },
    );

  it('does not depend on where chunks split, even inside a character', async () => {
    await splitAnywhere(utf8(MIXED), 50);
  });

  it('reads UTF-16 with its byte order mark, wherever chunks split, and names UTF-16 that does not decode', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MIXED, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(MIXED, 'utf16le').swap16()]);
    for (const whole of [le, be]) await splitAnywhere(whole, 30);
    const unpaired = Buffer.concat([le, Buffer.from([0x00, 0xd8])]);
    await expect(lines([unpaired])).rejects.toMatchObject({ code: 'invalid-encoding', message: /UTF-16/ });
  });
});
