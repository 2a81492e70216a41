/**
 * One document under review: the spin probability and verdict, then the text in one of
 * three views — highlighted findings, the fully restored text, and the diff between the
 * analysed text and the restored one.
 */
import { useState } from 'preact/hooks';
import { spinPercent, spunAtNote } from '../api/explain.js';
import { hasMarkdownExtension } from '../input/sniff.js';
import { diffParts } from './diff.js';
import { accept, acceptAll, type Doc, type Edit, restoredView, termReadingsFact } from './doc.js';
import { saveFile } from './download.js';
import { Highlights } from './highlights.js';
import { toHtmlReport } from './report.js';
import type { CheckResponse } from './types.js';

export type View = 'highlights' | 'restored' | 'diff';

interface Props {
  name: string;
  result: CheckResponse;
  doc: Doc;
  initial: Doc;
  onChange: (doc: Doc, announcement: string) => void;
}

export function Review({ name, result, doc, initial, onChange }: Props) {
  const [view, setView] = useState<View>('highlights');
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const restored = restoredView(doc);
  const left = doc.pending.length;

  const onAccept = (index: number, replacement: string) => {
    const f = doc.pending[index];
    setFocusIndex(index);
    onChange(
      accept(doc, index, replacement),
      `Replaced “${f.text}” with “${replacement}”. ${left - 1} suspect phrase${left - 1 === 1 ? '' : 's'} left.`,
    );
  };

  // Focus follows a single acceptance only; after a bulk change it stays on the button pressed.
  const replaceAll = (next: Doc, announcement: string) => {
    setFocusIndex(null);
    onChange(next, announcement);
  };

  return (
    <section class="review" aria-labelledby="review-title">
      <h2 id="review-title">Result{name ? `: ${name}` : ''}</h2>
      <Gauge result={result} />
      <div class="toolbar">
        <fieldset class="views">
          <legend class="visually-hidden">Show</legend>
          {(['highlights', 'restored', 'diff'] as const).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
              {{ highlights: 'Highlights', restored: 'Restored text', diff: 'Changes' }[v]}
            </button>
          ))}
        </fieldset>
        <div class="actions">
          <button
            type="button"
            disabled={!doc.pending.some((f) => f.restorable)}
            onClick={() => replaceAll(acceptAll(doc), 'Accepted every restoration.')}
          >
            Accept all
          </button>
          <button
            type="button"
            disabled={doc.accepted.length === 0}
            onClick={() => replaceAll(initial, 'Back to the text as analysed.')}
          >
            Undo all
          </button>
          <button
            type="button"
            onClick={() => saveFile(restoredName(name), restored.text, 'text/plain;charset=utf-8')}
          >
            Download restored text
          </button>
          <button
            type="button"
            onClick={() =>
              saveFile(
                'unspin-report.html',
                toHtmlReport([{ id: name || 'pasted text', text: doc.original, result }], {
                  generated: new Date(),
                }),
                'text/html;charset=utf-8',
              )
            }
          >
            Download report
          </button>
        </div>
      </div>
      {view === 'highlights' && (
        <>
          <p class="legend">
            {left} suspect phrase{left === 1 ? '' : 's'}
            {doc.accepted.length ? `, ${doc.accepted.length} accepted` : ''}. Colour deepens with confidence:{' '}
            <span class="hl b1">&lt; 60%</span> <span class="hl b2">60–75%</span>{' '}
            <span class="hl b3">75–90%</span> <span class="hl b4">≥ 90%</span>
          </p>
          <Highlights doc={doc} onAccept={onAccept} focusIndex={focusIndex} />
        </>
      )}
      {view === 'restored' && (
        <section class="doc-text restored" aria-label="Restored text">
          {restored.text}
        </section>
      )}
      {view === 'diff' && <DiffView text={restored.text} edits={restored.edits} />}
    </section>
  );
}

function restoredName(name: string): string {
  const base = name.replace(/\.[^.]+$/, '') || 'text';
  // Restored markdown is still markdown: its markup is kept.
  return `${base}.restored.${hasMarkdownExtension(name) ? 'md' : 'txt'}`;
}

const VERDICT_TEXT = {
  spun: 'Spun: very likely run through a spinner',
  clean: 'Clean: no sign of spinning',
  uncertain: 'Uncertain: some signs, not enough to say',
} as const;

export function Gauge({ result }: { result: CheckResponse }) {
  const p = result.spinProbability;
  return (
    <div class={`gauge verdict-${result.verdict}`}>
      <label for="spin-meter">Spin probability</label>
      <div class="gauge-row">
        <meter id="spin-meter" min={0} max={1} low={0.35} high={result.spunAt} optimum={0} value={p}>
          {spinPercent(result)}
        </meter>
        <strong class="gauge-value">{spinPercent(result)}</strong>
      </div>
      <p class="verdict" data-verdict={result.verdict}>
        {VERDICT_TEXT[result.verdict]}
      </p>
      <p class="facts">
        {result.words.toLocaleString('en-US')} words, {result.findings.length} suspect phrase
        {result.findings.length === 1 ? '' : 's'}
        {termReadingsFact(result.listedTermReadings)}
        {spunAtNote(result)}
      </p>
      {result.knownTorturedPhrases?.length ? (
        <p class="facts known-phrases">
          Known tortured phrases (Problematic Paper Screener list): {result.knownTorturedPhrases.join(', ')}
        </p>
      ) : null}
    </div>
  );
}

function DiffView({ text, edits }: { text: string; edits: readonly Edit[] }) {
  const parts = diffParts(text, edits);
  const changes = parts.filter((p) => p.kind === 'change').length;
  if (changes === 0) return <p class="diff-none">No changes: the restored text is the text as analysed.</p>;
  return (
    <div class="diff">
      <p class="legend">
        {changes} change{changes === 1 ? '' : 's'}: <del>as analysed</del> <ins>restored</ins>
      </p>
      <div class="diff-cols">
        <div>
          <h3>As analysed</h3>
          <div class="doc-text" data-side="before">
            {parts.map((p) => (p.kind === 'same' ? p.text : <del>{p.from}</del>))}
          </div>
        </div>
        <div>
          <h3>Restored</h3>
          <div class="doc-text" data-side="after">
            {parts.map((p) => (p.kind === 'same' ? p.text : <ins>{p.to}</ins>))}
          </div>
        </div>
      </div>
    </div>
  );
}
