/**
 * The text with each suspect phrase as a button, coloured by confidence. Hovering or
 * focusing one shows its likely originals (CSS `:hover`/`:focus-within`, so the tip stays
 * open while the pointer or focus moves into it); the button itself, clicked or pressed,
 * accepts the first suggestion, and the tip has a button for each alternative.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { percent } from '../api/explain.js';
import { band, type Doc, type Pending, pieces } from './doc.js';

interface Props {
  doc: Doc;
  onAccept: (index: number, replacement: string) => void;
  /** The pending finding to focus after a re-render (the one after an accepted edit). */
  focusIndex: number | null;
}

export function Highlights({ doc, onAccept, focusIndex }: Props) {
  const root = useRef<HTMLElement>(null);
  const [dismissed, setDismissed] = useState<number | null>(null);

  useEffect(() => {
    if (focusIndex === null || !root.current) return;
    const next = root.current.querySelector<HTMLElement>(`[data-finding="${focusIndex}"]`);
    // With no finding left, focus stays on the text so the keyboard user is not thrown to the top.
    (next ?? root.current).focus();
  }, [focusIndex, doc]);

  return (
    <section class="doc-text" ref={root} tabIndex={-1} aria-label="Text with suspect phrases highlighted">
      {pieces(doc).map((piece, i) => {
        if (piece.kind === 'text') return piece.text;
        if (piece.kind === 'accepted') {
          const { edit } = piece;
          return (
            <ins key={`a${edit.at}`} class="accepted" title={`was: ${edit.from}`}>
              {edit.to}
            </ins>
          );
        }
        return (
          <Finding
            key={`f${piece.finding.offset}-${i}`}
            index={piece.index}
            finding={piece.finding}
            dismissed={dismissed === piece.index}
            onDismiss={(d) => setDismissed(d ? piece.index : null)}
            onAccept={onAccept}
          />
        );
      })}
    </section>
  );
}

interface FindingProps {
  index: number;
  finding: Pending;
  dismissed: boolean;
  onDismiss: (dismissed: boolean) => void;
  onAccept: (index: number, replacement: string) => void;
}

function Finding({ index, finding, dismissed, onDismiss, onAccept }: FindingProps) {
  const tipId = `tip-${index}`;
  const [first, ...others] = finding.suggestions;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the tip of whichever child has focus
    <span
      class={`finding${dismissed ? ' dismissed' : ''}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDismiss(true);
      }}
      onMouseLeave={() => onDismiss(false)}
      onFocusOut={() => onDismiss(false)}
    >
      <button
        type="button"
        class={`hl b${band(finding.confidence)}`}
        data-finding={index}
        aria-describedby={tipId}
        disabled={!first}
        onClick={() => first && onAccept(index, first)}
      >
        {finding.text}
      </button>
      <span class="tip" id={tipId} role="tooltip">
        <span class="tip-line">
          Likely original{finding.suggestions.length > 1 ? 's' : ''}, confidence {percent(finding.confidence)}
          {finding.restorable ? '' : ' (restore keeps the text)'}:
        </span>
        {first && (
          <button type="button" class="sugg" onClick={() => onAccept(index, first)}>
            {first}
          </button>
        )}
        {others.map((s) => (
          <button type="button" class="sugg alt" key={s} onClick={() => onAccept(index, s)}>
            {s}
          </button>
        ))}
        <span class="tip-hint">Click or press Enter on the phrase to use “{first}”.</span>
      </span>
    </span>
  );
}
