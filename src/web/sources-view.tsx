/**
 * The indexed documents the text was probably spun from, and for a chosen one the copy
 * and the source side by side, passage by passage, with each swap marked on both sides.
 */
import { useState } from 'preact/hooks';
import { percent } from '../api/explain.js';
import { ApiError, api } from './api.js';
import { type AlignedPassage, alignPassages, type Segment, sentenceRows } from './evidence.js';
import type { SourceDocument, SourceMatch } from './types.js';

interface Props {
  /** The analysed text the evidence offsets refer to. */
  text: string;
  matches: SourceMatch[];
}

export function Sources({ text, matches }: Props) {
  const [open, setOpen] = useState<{ match: SourceMatch; doc: SourceDocument } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState<string | null>(null);

  const compare = async (match: SourceMatch) => {
    setError(null);
    setLoading(match.id);
    try {
      setOpen({ match, doc: await api.document(match.id) });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The source could not be loaded.');
    } finally {
      setLoading(null);
    }
  };

  return (
    <section class="sources" aria-labelledby="sources-title">
      <h2 id="sources-title">Likely sources</h2>
      {matches.length === 0 ? (
        <p>No indexed document matches this text.</p>
      ) : (
        <ol class="matches">
          {matches.map((m) => (
            <li key={m.id}>
              <span class="match-title">{m.title || m.id}</span>
              <span class="match-facts">
                score {percent(m.score)}, {percent(m.coverage)} of the words aligned, {m.evidence.length}{' '}
                passage{m.evidence.length === 1 ? '' : 's'}
                {m.date ? `, ${m.date}` : ''}
                {m.url ? ` · ${m.url}` : ''}
              </span>
              <button
                type="button"
                aria-pressed={open?.match.id === m.id}
                disabled={loading === m.id}
                onClick={() => compare(m)}
              >
                {loading === m.id ? 'Loading…' : 'Compare side by side'}
              </button>
            </li>
          ))}
        </ol>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {open && <SideBySide text={text} match={open.match} source={open.doc} />}
    </section>
  );
}

function SideBySide({ text, match, source }: { text: string; match: SourceMatch; source: SourceDocument }) {
  const passages = alignPassages(text, source.text, match.evidence);
  return (
    <div class="side-by-side">
      <h3>
        This text beside “{source.title || source.id}”: {passages.length} aligned passage
        {passages.length === 1 ? '' : 's'}
      </h3>
      <p class="legend">Swapped words are marked on both sides; hover or focus one to see its counterpart.</p>
      <div class="sbs-head" aria-hidden="true">
        <span>This text</span>
        <span>Source</span>
      </div>
      {passages.map((p, i) => (
        <Passage key={`${p.queryOffset}-${p.sourceOffset}`} passage={p} n={i + 1} />
      ))}
    </div>
  );
}

function Passage({ passage, n }: { passage: AlignedPassage; n: number }) {
  return (
    <div class="sbs-passage" data-passage={n}>
      <h4>
        Passage {n}: {passage.swaps} swap{passage.swaps === 1 ? '' : 's'}
      </h4>
      {sentenceRows(passage).map((row, i) => (
        <div class="sbs-row" key={i}>
          <div class="sbs-cell" data-side="copy">
            <span class="sbs-label">This text</span>
            <Segments segments={row.query} counterpart="source has" />
          </div>
          <div class="sbs-cell" data-side="source">
            <span class="sbs-label">Source</span>
            <Segments segments={row.source} counterpart="this text has" />
          </div>
        </div>
      ))}
    </div>
  );
}

function Segments({ segments, counterpart }: { segments: Segment[]; counterpart: string }) {
  return (
    <p class="sbs-text">
      {segments.map((s, i) =>
        s.other === undefined ? (
          s.text
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so keyboard users can read the counterpart
          <mark key={i} class="swap" tabIndex={0} title={`${counterpart} “${s.other}”`}>
            {s.text}
            <span class="visually-hidden">
              {' '}
              ({counterpart} “{s.other}”)
            </span>
          </mark>
        ),
      )}
    </p>
  );
}
