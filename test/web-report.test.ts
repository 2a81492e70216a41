import { describe, expect, it } from 'vitest';
import { isBatch, itemsFromFiles, parseJsonl } from '../src/web/batch.js';
import {
  type BatchResult,
  csvCell,
  highlighted,
  sortResults,
  toCsv,
  toHtmlReport,
  toJson,
} from '../src/web/report.js';

const SPUN: BatchResult = {
  id: 'a<1>',
  text: 'He mentioned the Home.',
  result: {
    spinProbability: 0.97,
    verdict: 'spun',
    words: 4,
    findings: [
      { offset: 3, length: 9, text: 'mentioned', suggestions: ['said'], confidence: 0.8 },
      { offset: 17, length: 4, text: 'Home', suggestions: ['House', 'home'], confidence: 0.95 },
    ],
    knownTorturedPhrases: [],
    listedTermReadings: 0,
    spunAt: 0.65,
  },
};
const CLEAN: BatchResult = {
  id: 'b, "quoted"',
  text: 'He said it.',
  result: {
    spinProbability: 0.02,
    verdict: 'clean',
    words: 3,
    findings: [],
    knownTorturedPhrases: [],
    listedTermReadings: 0,
    spunAt: 0.65,
  },
};
const FAILED: BatchResult = {
  id: '=cmd',
  text: '\u0000',
  error: { code: 'binary', message: 'the text is binary' },
};

describe('CSV', () => {
  it('has one row per document, quoted where needed, formulas defused', () => {
    expect(toCsv([SPUN, CLEAN, FAILED]).split('\r\n')).toEqual([
      'id,verdict,spin_probability,words,findings,examples,error,spun_at',
      'a<1>,spun,0.97,4,2,mentioned → said; Home → House,,0.65',
      '"b, ""quoted""",clean,0.02,3,0,,,0.65',
      "'=cmd,,,,,,the text is binary,",
      '',
    ]);
  });

  it('leaves negative numbers as numbers', () => {
    expect(csvCell('-0.5')).toBe('-0.5');
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  });
});

describe('JSON', () => {
  it('gives the API shape per document, or the error', () => {
    expect(JSON.parse(toJson([SPUN, FAILED]))).toEqual([
      { id: 'a<1>', ...SPUN.result },
      { id: '=cmd', error: { code: 'binary', message: 'the text is binary' } },
    ]);
  });
});

describe('sorting', () => {
  it('orders by spin probability either way, failures last', () => {
    expect(sortResults([CLEAN, FAILED, SPUN], 'descending').map((r) => r.id)).toEqual([
      SPUN.id,
      CLEAN.id,
      FAILED.id,
    ]);
    expect(sortResults([SPUN, FAILED, CLEAN], 'ascending').map((r) => r.id)).toEqual([
      CLEAN.id,
      SPUN.id,
      FAILED.id,
    ]);
  });
});

describe('HTML report', () => {
  const html = toHtmlReport([CLEAN, FAILED, SPUN], { generated: new Date('2026-01-02T03:04:05Z') });

  it('is self-contained: inline CSS, no scripts, no external resources', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|\bsrc=|url\(|@import|https?:/i);
  });

  it('tells how many findings read as established terms, when any do', () => {
    expect(html).toContain('2 suspect phrases.');
    const papers = toHtmlReport([{ ...SPUN, result: { ...SPUN.result!, listedTermReadings: 3 } }], {
      generated: new Date('2026-01-02T03:04:05Z'),
    });
    expect(papers).toContain('2 suspect phrases, 3 read as established terms.');
  });

  it('says from what probability an uncertain text of its length is called spun', () => {
    const short = { ...SPUN.result!, verdict: 'uncertain' as const, spinProbability: 0.8, spunAt: 0.94 };
    const report = toHtmlReport([{ ...SPUN, result: short }], {
      generated: new Date('2026-01-02T03:04:05Z'),
    });
    expect(report).toContain('2 suspect phrases (a text of this length is called spun from 94%).');
    expect(html).not.toContain('called spun from');
  });

  it('escapes document ids and text, and marks findings with their originals', () => {
    expect(html).toContain('a&lt;1&gt;');
    expect(html).not.toContain('a<1>');
    expect(highlighted(SPUN.text, SPUN.result!.findings)).toBe(
      'He <mark class="b3" title="confidence 80%; likely original: said">mentioned</mark><span class="orig">said</span> the ' +
        '<mark class="b4" title="confidence 95%; likely original: House / home">Home</mark><span class="orig">House</span>.',
    );
  });

  it('lists documents most likely spun first, with the failure explained', () => {
    const order = [...html.matchAll(/<h2 id="doc-\d+">([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(order).toEqual(['a&lt;1&gt;', 'b, &quot;quoted&quot;', '=cmd']);
    expect(html).toContain('Not checked: the text is binary');
    expect(html).toContain('2026-01-02T03:04:05.000Z');
  });
});

describe('batch input', () => {
  it('reads JSON Lines, reporting bad lines by number and keeping the rest', () => {
    const parsed = parseJsonl(
      '\uFEFF{"id": "a", "text": "one"}\n\n{"id": 7, "text": "two"}\r\nnot json\n{"text": ""}\n[1]\n{"text": "no id"}\n',
      'b.jsonl',
    );
    expect(parsed.items).toEqual([
      { id: 'a', text: 'one', format: 'text' },
      { id: '7', text: 'two', format: 'text' },
      { id: 'line 7', text: 'no id', format: 'text' },
    ]);
    expect(parsed.problems).toEqual([
      { where: 'b.jsonl, line 4', message: 'not valid JSON' },
      { where: 'b.jsonl, line 5', message: 'has no "text" string' },
      { where: 'b.jsonl, line 6', message: 'expected an object like {"id": "…", "text": "…"}' },
    ]);
  });

  it("reads a JSON Lines record's format, and names a wrong one", () => {
    const parsed = parseJsonl(
      '{"id": 1, "text": "# Notes", "format": "markdown"}\n{"id": 2, "text": "<p>x</p>", "format": "html"}\n' +
        '{"id": 3, "text": "plain", "format": null}\n{"id": 4, "text": "x", "format": "pdf"}\n',
    );
    expect(parsed.items).toEqual([
      { id: '1', text: '# Notes', format: 'markdown' },
      { id: '2', text: '<p>x</p>', format: 'html' },
      { id: '3', text: 'plain', format: 'text' },
    ]);
    expect(parsed.problems).toEqual([
      { where: 'input.jsonl, line 4', message: '"format" must be "text", "html" or "markdown"' },
    ]);
  });

  it('takes files one document each, HTML as HTML, markdown as markdown, and refuses other kinds', () => {
    const parsed = itemsFromFiles([
      { name: 'a.txt', content: 'plain' },
      { name: 'b.HTML', content: '<p>page</p>' },
      { name: 'c.pdf', content: '%PDF' },
      { name: 'd.md', content: '  ' },
      { name: 'e.jsonl', content: '{"id":"x","text":"y"}' },
      { name: 'f.MD', content: '# Notes' },
    ]);
    expect(parsed.items).toEqual([
      { id: 'a.txt', text: 'plain', format: 'text' },
      { id: 'b.HTML', text: '<p>page</p>', format: 'html' },
      { id: 'x', text: 'y', format: 'text' },
      { id: 'f.MD', text: '# Notes', format: 'markdown' },
    ]);
    expect(parsed.problems.map((p) => p.where)).toEqual(['c.pdf', 'd.md']);
  });

  it('treats several files or one .jsonl as a batch', () => {
    expect(isBatch([{ name: 'a.txt' }])).toBe(false);
    expect(isBatch([{ name: 'a.jsonl' }])).toBe(true);
    expect(isBatch([{ name: 'a.txt' }, { name: 'b.txt' }])).toBe(true);
  });
});
