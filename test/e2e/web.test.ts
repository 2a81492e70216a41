/**
 * The web app in a real browser against the real server: paste, highlights, accepting a
 * suggestion (by mouse and by keyboard), the restored text, the diff, sources side by side,
 * a batch with its CSV, error messages, a phone-sized screen, and no request leaving the
 * server. Screenshots go to test-artifacts/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spinPercent, spunAtNote, spunFrom } from '../../src/api/explain.js';
import { band } from '../../src/web/doc.js';
import type { CheckResponse, FindResponse, RestoreResponse } from '../../src/web/types.js';
import { type Harness, startHarness, TOKEN } from './harness.js';

const root = join(import.meta.dirname, '..', '..');
const spun = readFileSync(join(root, 'examples/state-of-the-union.spun.txt'), 'utf8');
const original = readFileSync(join(root, 'examples/state-of-the-union.original.txt'), 'utf8');
const SOURCE_TITLE = 'State of the Union, 1947 (original)';

let h: Harness;
let checked: CheckResponse;
let restored: RestoreResponse;

beforeAll(async () => {
  h = await startHarness();
  const added = await h.api(
    'POST',
    '/v1/documents',
    { documents: [{ id: 'sotu', text: original, title: SOURCE_TITLE }] },
    TOKEN,
  );
  expect(added.status).toBe(200);
  checked = (await h.api<CheckResponse>('POST', '/v1/check', { text: spun })).body;
  restored = (await h.api<RestoreResponse>('POST', '/v1/restore', { text: spun })).body;
  expect(checked.verdict).toBe('spun');
  expect(checked.findings.length).toBeGreaterThan(3);
});

afterAll(async () => {
  await h?.close();
});

/** Opens the app, pastes the spun example and waits for its highlights (and sources). */
async function pasteAndCheck(page: Page, text = spun): Promise<void> {
  await page.getByLabel('Text to check').fill(text);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Checked' }).waitFor();
}

const docText = (page: Page) => page.getByRole('region', { name: 'Text with suspect phrases highlighted' });

/** The highlighted view's text as a reader sees it, without the (hidden) tips. */
const shownText = (page: Page) =>
  docText(page).evaluate((e) => {
    const copy = e.cloneNode(true) as HTMLElement;
    for (const tip of copy.querySelectorAll('.tip')) tip.remove();
    return copy.textContent;
  });

describe('the web app', () => {
  it('shows the spin probability, the verdict and every finding highlighted by confidence', async () => {
    const { page } = await h.newPage();
    await pasteAndCheck(page);
    await expect(page.locator('.gauge-value').textContent()).resolves.toBe(spinPercent(checked));
    await expect(page.locator('meter#spin-meter').getAttribute('value')).resolves.toBe(
      String(checked.spinProbability),
    );
    await expect(page.locator('.verdict').textContent()).resolves.toMatch(/^Spun/);
    const highlights = docText(page).locator('button.hl');
    await expect(highlights.allTextContents()).resolves.toEqual(checked.findings.map((f) => f.text));
    const classes = await highlights.evaluateAll((els) => els.map((e) => e.className));
    expect(classes).toEqual(checked.findings.map((f) => `hl b${band(f.confidence)}`));
    // The text around the highlights is the text as pasted, character for character.
    await expect(shownText(page)).resolves.toBe(spun);
    await h.screenshot(page, '1-highlights');
  });

  it('names the known tortured phrases that make a paper spun', async () => {
    const { page } = await h.newPage();
    await pasteAndCheck(page);
    await expect(page.locator('.known-phrases').count()).resolves.toBe(0);
    await pasteAndCheck(
      page,
      'We train a profound learning model. Its features feed an arbitrary woodland, which votes.',
    );
    await expect(page.locator('.known-phrases').textContent()).resolves.toContain(
      'profound learning, arbitrary woodland',
    );
    await expect(page.locator('.verdict').textContent()).resolves.toMatch(/^Spun/);
  });

  it('shows the originals on hover and accepts one with a click, keeping the other findings in place', async () => {
    const { page } = await h.newPage();
    await pasteAndCheck(page);
    const [first, second] = checked.findings;
    const firstFinding = docText(page).locator('.finding').first();
    const firstHl = firstFinding.locator('button.hl');
    await firstHl.hover();
    const tip = firstFinding.getByRole('tooltip');
    await expect(tip.isVisible()).resolves.toBe(true);
    await expect(tip.textContent()).resolves.toContain(`confidence ${Math.round(first.confidence * 100)}%`);
    await h.screenshot(page, '2-hover');
    await firstHl.click();
    await page
      .getByRole('status')
      .filter({ hasText: `with “${first.suggestions[0]}”` })
      .waitFor();
    // Second finding: an alternative (or its only suggestion) from its tip.
    const secondChoice = second.suggestions[second.suggestions.length - 1];
    const secondFinding = docText(page).locator('.finding').first();
    await secondFinding.locator('button.hl').hover();
    await secondFinding.getByRole('button', { name: secondChoice, exact: true }).click();
    const expected =
      spun.slice(0, first.offset) +
      first.suggestions[0] +
      spun.slice(first.offset + first.length, second.offset) +
      secondChoice +
      spun.slice(second.offset + second.length);
    await expect(shownText(page)).resolves.toBe(expected);
    await expect(docText(page).locator('ins.accepted').allTextContents()).resolves.toEqual([
      first.suggestions[0],
      secondChoice,
    ]);
    await expect(docText(page).locator('button.hl').allTextContents()).resolves.toEqual(
      checked.findings.slice(2).map((f) => f.text),
    );
  });

  it('toggles the fully restored text and shows the changes as a diff', async () => {
    const { page } = await h.newPage();
    await pasteAndCheck(page);
    await page.getByRole('button', { name: 'Restored text', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Restored text' }).textContent()).resolves.toBe(
      restored.restored,
    );
    await page.getByRole('button', { name: 'Changes' }).click();
    await expect(page.locator('.diff [data-side="before"]').textContent()).resolves.toBe(spun);
    await expect(page.locator('.diff [data-side="after"]').textContent()).resolves.toBe(restored.restored);
    const deleted = await page.locator('.diff [data-side] del').allTextContents();
    const inserted = await page.locator('.diff [data-side] ins').allTextContents();
    expect(deleted).toHaveLength(restored.changes.length);
    expect(inserted).toHaveLength(restored.changes.length);
    restored.changes.forEach((c, i) => {
      expect(c.text).toContain(deleted[i]);
      expect(c.replacement).toContain(inserted[i]);
    });
    await h.screenshot(page, '3-diff');
  });

  it('can be used with the keyboard alone: tab to a highlight, read its tip, Enter accepts', async () => {
    const { page } = await h.newPage();
    await page.getByLabel('Text to check').focus();
    await page.keyboard.insertText(spun);
    for (
      let i = 0;
      i < 10 && !(await page.evaluate(() => document.activeElement?.textContent === 'Check'));
      i++
    ) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Checked' }).waitFor();
    let onHighlight = false;
    for (let i = 0; i < 20 && !onHighlight; i++) {
      await page.keyboard.press('Tab');
      onHighlight = await page.evaluate(() => document.activeElement?.matches('button.hl') ?? false);
    }
    expect(onHighlight).toBe(true);
    const focused = page.locator('button.hl:focus');
    await expect(focused.textContent()).resolves.toBe(checked.findings[0].text);
    const outline = await focused.evaluate((e) => getComputedStyle(e).outlineStyle);
    expect(outline).not.toBe('none');
    const tipId = await focused.getAttribute('aria-describedby');
    const tip = page.locator(`#${tipId}`);
    await expect(tip.isVisible()).resolves.toBe(true);
    await expect(tip.textContent()).resolves.toContain(checked.findings[0].suggestions[0]);
    await page.keyboard.press('Escape');
    await expect(tip.isVisible()).resolves.toBe(false);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Replaced' }).waitFor();
    // Focus moves on to the next finding, so a keyboard user can go on reviewing.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      checked.findings[1].text,
    );
    await h.screenshot(page, '4-keyboard');
  });

  it('lists the likely source and shows it side by side with the swaps marked', async () => {
    const { page } = await h.newPage();
    await pasteAndCheck(page);
    const { matches } = (await h.api<FindResponse>('POST', '/v1/find', { text: spun })).body;
    expect(matches[0]?.id).toBe('sotu');
    const sources = page.getByRole('region', { name: 'Likely sources' });
    await expect(sources.locator('.match-title').first().textContent()).resolves.toBe(SOURCE_TITLE);
    await sources.getByRole('button', { name: 'Compare side by side' }).first().click();
    await page.locator('.sbs-row').first().waitFor();
    const copySwaps = await page.locator('[data-side="copy"] mark.swap').count();
    const sourceSwaps = await page.locator('[data-side="source"] mark.swap').count();
    const reported = matches[0].evidence.reduce((n, e) => n + e.swaps.length, 0);
    expect(copySwaps).toBe(reported);
    expect(sourceSwaps).toBe(reported);
    const { query, source } = matches[0].evidence[0].swaps[0];
    await expect(page.locator('[data-side="copy"] mark.swap').first().getAttribute('title')).resolves.toBe(
      `source has “${source}”`,
    );
    await expect(page.locator('[data-side="source"] mark.swap').first().textContent()).resolves.toContain(
      source,
    );
    await expect(page.locator('[data-side="copy"] mark.swap').first().textContent()).resolves.toContain(
      query,
    );
    await h.screenshot(page, '5-sources');
  });

  it('says from what probability an uncertain text of its length is called spun', async () => {
    const short = 'He informed reporters the residence was enormous.';
    const result = (await h.api<CheckResponse>('POST', '/v1/check', { text: short })).body;
    expect(result.verdict).toBe('uncertain');
    const { page } = await h.newPage();
    await pasteAndCheck(page, short);
    await expect(page.locator('.gauge .facts').first().textContent()).resolves.toContain(spunAtNote(result));
    await expect(page.locator('meter#spin-meter').getAttribute('high')).resolves.toBe(String(result.spunAt));
    await page.getByLabel(/Or choose files/).setInputFiles({
      name: 'short.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(
        `${JSON.stringify({ id: 'short', text: short })}\n${JSON.stringify({ id: 'long', text: spun })}\n`,
      ),
    });
    await page.getByText('Done: 2 of 2').waitFor();
    const row = (id: string) => page.locator('.batch tbody tr', { hasText: id }).textContent();
    await expect(row('short')).resolves.toContain(`${spinPercent(result)} (${spunFrom(result)})`);
    await expect(row('long')).resolves.not.toContain('spun from');
  });

  it('checks a batch (.jsonl), with progress, a sortable table and a CSV download', async () => {
    const { page } = await h.newPage();
    const binary = '\u0001\u0002\u0003\u0004'.repeat(40);
    const jsonl = [
      JSON.stringify({ id: 'original', text: original }),
      JSON.stringify({ id: 'spun', text: spun }),
      'this line is not JSON',
      JSON.stringify({ id: 'binary', text: binary }),
    ].join('\n');
    await page.getByLabel(/Or choose files/).setInputFiles({
      name: 'batch.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(jsonl),
    });
    await page.getByText('Done: 3 of 3').waitFor();
    await expect(page.locator('progress#batch-progress').getAttribute('value')).resolves.toBe('3');
    await expect(page.locator('.problems').textContent()).resolves.toContain(
      'batch.jsonl, line 3: not valid JSON',
    );
    const ids = () => page.locator('.batch tbody th').allTextContents();
    await expect(ids()).resolves.toEqual(['spun', 'original', 'binary']);
    await page.getByRole('button', { name: /Spin probability/ }).click();
    await expect(ids()).resolves.toEqual(['original', 'spun', 'binary']);
    await expect(page.locator('th[aria-sort]').getAttribute('aria-sort')).resolves.toBe('ascending');
    const binaryError = (await h.api<{ error: { message: string } }>('POST', '/v1/check', { text: binary }))
      .body;
    await expect(page.locator('.batch tbody tr', { hasText: 'binary' }).textContent()).resolves.toContain(
      binaryError.error.message,
    );
    await h.screenshot(page, '6-batch');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('unspin-results.csv');
    const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
    const cleanCheck = (await h.api<CheckResponse>('POST', '/v1/check', { text: original })).body;
    expect(csv[0]).toBe('id,verdict,spin_probability,words,findings,examples,error,spun_at');
    expect(csv[1]).toMatch(
      new RegExp(
        `^original,${cleanCheck.verdict},${cleanCheck.spinProbability},${cleanCheck.words},.*,${cleanCheck.spunAt}$`,
      ),
    );
    expect(csv[2]).toMatch(
      new RegExp(`^spun,spun,${checked.spinProbability},${checked.words},${checked.findings.length},`),
    );
    expect(csv[3]).toBe(
      `binary,,,,,,${binaryError.error.message.includes(',') ? `"${binaryError.error.message.replace(/"/g, '""')}"` : binaryError.error.message},`,
    );

    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'HTML report' }).click(),
    ]);
    const html = readFileSync(await report.path(), 'utf8');
    expect(html).not.toMatch(/<script|<link|\bsrc=/i);
    expect(html.match(/<mark /g)?.length).toBe(checked.findings.length + cleanCheck.findings.length);
  });

  it('reads a chosen HTML file as its article text', async () => {
    const { page } = await h.newPage();
    const paragraphs = spun
      .split(/(?<=\.) /)
      .map((s) => `<p>${s}</p>`)
      .join('\n');
    const page1 = `<!doctype html><html><head><title>Coal</title></head><body><nav>Home | About</nav><article><h1>Coal</h1>${paragraphs}</article></body></html>`;
    await page
      .getByLabel(/Or choose files/)
      .setInputFiles({ name: 'page.html', mimeType: 'text/html', buffer: Buffer.from(page1) });
    await page.getByRole('status').filter({ hasText: 'Checked page.html' }).waitFor();
    await expect(page.getByLabel('Format').inputValue()).resolves.toBe('html');
    const text = await docText(page).textContent();
    expect(text).not.toContain('<p>');
    expect(await docText(page).locator('button.hl').count()).toBeGreaterThan(3);
  });

  it('takes files dropped on the form: several make a batch', async () => {
    const { page } = await h.newPage();
    await page.locator('form.input').evaluate(
      (form, texts) => {
        const data = new DataTransfer();
        for (const [i, text] of texts.entries()) {
          data.items.add(new File([text], `doc${i + 1}.txt`, { type: 'text/plain' }));
        }
        form.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      [spun, original],
    );
    await page.getByText('Done: 2 of 2').waitFor();
    await expect(page.locator('.batch tbody th').allTextContents()).resolves.toEqual([
      'doc1.txt',
      'doc2.txt',
    ]);
    // Opening a row reviews that document, with the batch still there to come back to.
    await page.getByRole('button', { name: 'Open doc1.txt' }).click();
    await page.getByRole('status').filter({ hasText: 'Checked doc1.txt' }).waitFor();
    await expect(shownText(page)).resolves.toBe(spun);
    await expect(page.locator('.batch').count()).resolves.toBe(1);
  });

  it("shows the API's error message in words", async () => {
    const { page } = await h.newPage();
    const binary = '\u0001\u0002\u0003\u0004'.repeat(40);
    const { status, body } = await h.api<{ error: { message: string } }>('POST', '/v1/check', {
      text: binary,
    });
    expect(status).toBe(400);
    await page.getByLabel('Text to check').fill(binary);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(body.error.message);
    await page.getByLabel('Text to check').fill('   ');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/no text to check/);
  });

  it('is readable on a phone-sized screen', async () => {
    const { page } = await h.newPage({ width: 390, height: 844 });
    await pasteAndCheck(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Changes' }).click();
    const before = await page.locator('.diff [data-side="before"]').boundingBox();
    const after = await page.locator('.diff [data-side="after"]').boundingBox();
    // One column: the restored side sits under the original, not beside it.
    expect(after!.y).toBeGreaterThan(before!.y + before!.height - 1);
    expect(Math.abs(after!.x - before!.x)).toBeLessThan(2);
    const fontSize = await page
      .locator('.diff [data-side="after"]')
      .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(14);
    await h.screenshot(page, '7-phone');
  });

  it('offers no sources when the index is empty', async () => {
    expect((await h.api('DELETE', '/v1/documents/sotu', undefined, TOKEN)).status).toBe(200);
    const { page } = await h.newPage();
    await pasteAndCheck(page);
    await expect(page.getByRole('region', { name: 'Likely sources' }).count()).resolves.toBe(0);
  });

  it('made no request outside its own server, and no page errors', () => {
    expect(h.requests.length).toBeGreaterThan(20);
    const foreign = h.requests.filter((url) => !url.startsWith(`${h.origin}/`) && !url.startsWith('blob:'));
    expect(foreign).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
