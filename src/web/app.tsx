/**
 * The page: a text box and file picker (or a drop anywhere on the form), then either the
 * review of one document (with its likely sources when the index has documents) or a batch.
 * Every result is announced in a live region, every error shown in words from the server.
 */
import { useEffect, useState } from 'preact/hooks';
import { spinPercent } from '../api/explain.js';
import { ApiError, api } from './api.js';
import { type BatchItem, type BatchProblem, formatOf, isBatch, itemsFromFiles } from './batch.js';
import { Batch } from './batch-view.js';
import { createDoc, type Doc } from './doc.js';
import { Review } from './review.js';
import { Sources } from './sources-view.js';
import type { CheckResponse, IndexStats, InputFormat, SourceMatch } from './types.js';

interface Reviewing {
  name: string;
  result: CheckResponse;
  initial: Doc;
  doc: Doc;
  sources?: SourceMatch[];
}

interface BatchRun {
  key: number;
  items: BatchItem[];
  problems: BatchProblem[];
}

export function App() {
  const [text, setText] = useState('');
  const [format, setFormat] = useState<InputFormat>('text');
  const [name, setName] = useState('');
  const [minConfidence, setMinConfidence] = useState(0.5);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [index, setIndex] = useState<IndexStats | null>(null);
  const [review, setReview] = useState<Reviewing | null>(null);
  const [batch, setBatch] = useState<BatchRun | null>(null);
  const [dragging, setDragging] = useState(false);

  // Asked once; `analyze` waits for the answer, so a check sent before it arrives still gets sources.
  const [indexStats] = useState(() => api.index().catch(() => null));
  useEffect(() => {
    // The index is optional: without one (or when the server has none) sources are not offered.
    indexStats.then(setIndex);
  }, [indexStats]);

  const analyze = async (input: { text: string; format: InputFormat; name: string }) => {
    if (!input.text.trim()) {
      setError('There is no text to check: paste some text or choose a file.');
      return;
    }
    setBusy(true);
    setError(null);
    setStatus('Checking…');
    try {
      const req = { text: input.text, format: input.format, minConfidence };
      const [result, restored] = await Promise.all([api.check(req), api.restore(req)]);
      const analysed = result.text ?? input.text;
      const doc = createDoc(analysed, result.findings, restored.changes);
      setReview({ name: input.name, result, initial: doc, doc });
      setStatus(
        `Checked${input.name ? ` ${input.name}` : ''}: spin probability ${spinPercent(result)}, verdict ${result.verdict}, ${result.findings.length} suspect phrase${result.findings.length === 1 ? '' : 's'}.`,
      );
      const stats = await indexStats;
      if (stats && stats.documents > 0) {
        const { matches } = await api.find(analysed, {
          format: input.format === 'markdown' ? 'markdown' : 'text',
        });
        setReview((r) => (r && r.initial === doc ? { ...r, sources: matches } : r));
        setStatus((s) => `${s} ${matches.length} likely source${matches.length === 1 ? '' : 's'} found.`);
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Something went wrong in the page; please reload it.');
      setStatus('');
    } finally {
      setBusy(false);
    }
  };

  const openFiles = async (files: File[]) => {
    if (files.length === 0) return;
    setError(null);
    const contents = await Promise.all(files.map(async (f) => ({ name: f.name, content: await f.text() })));
    const parsed = itemsFromFiles(contents);
    if (isBatch(files)) {
      if (parsed.items.length === 0) {
        setError(`Nothing to check: ${parsed.problems.map((p) => `${p.where} ${p.message}`).join('; ')}`);
        return;
      }
      setReview(null);
      setBatch({ key: Date.now(), ...parsed });
      setStatus(`Checking a batch of ${parsed.items.length} documents.`);
      return;
    }
    const [item] = parsed.items;
    if (!item) {
      setError(`${parsed.problems[0].where} ${parsed.problems[0].message}.`);
      return;
    }
    setBatch(null);
    setText(item.text);
    setFormat(formatOf(item.id));
    setName(item.id);
    await analyze({ text: item.text, format: item.format, name: item.id });
  };

  const openFromBatch = (item: BatchItem) => {
    setText(item.text);
    setFormat(item.format);
    setName(item.id);
    analyze({ text: item.text, format: item.format, name: item.id });
  };

  return (
    <>
      <header class="top">
        <h1>Unspin</h1>
        <p class="tagline">
          Find the words a spinner swapped, put the original wording back, trace the source.
        </p>
        {index && (
          <p class="index-info">
            Source index: {index.documents.toLocaleString('en-US')} document{index.documents === 1 ? '' : 's'}
          </p>
        )}
      </header>
      <main>
        <form
          class={`input${dragging ? ' dragging' : ''}`}
          onSubmit={(e) => {
            e.preventDefault();
            setBatch(null);
            analyze({ text, format, name });
          }}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            openFiles([...(e.dataTransfer?.files ?? [])]);
          }}
        >
          <label for="text">Text to check</label>
          <textarea
            id="text"
            rows={10}
            value={text}
            placeholder="Paste an article here, or drop a file on this box."
            onInput={(e) => {
              setText(e.currentTarget.value);
              setName('');
            }}
          />
          <div class="input-row">
            <div class="field">
              <label for="files">
                Or choose files (.txt, .md, .html; a .jsonl or several files make a batch)
              </label>
              <input
                id="files"
                type="file"
                multiple
                accept=".txt,.md,.html,.htm,.jsonl"
                onChange={(e) => {
                  const input = e.currentTarget;
                  openFiles([...(input.files ?? [])]).finally(() => {
                    input.value = '';
                  });
                }}
              />
            </div>
            <div class="field">
              <label for="format">Format</label>
              <select
                id="format"
                value={format}
                onChange={(e) => setFormat(e.currentTarget.value as InputFormat)}
              >
                <option value="text">Plain text</option>
                <option value="html">HTML page (article text is extracted)</option>
                <option value="markdown">Markdown (markup is kept)</option>
              </select>
            </div>
            <div class="field">
              <label for="min-confidence">Minimum confidence</label>
              <input
                id="min-confidence"
                type="number"
                min={0.05}
                max={0.99}
                step={0.05}
                value={minConfidence}
                onChange={(e) => {
                  const v = Number(e.currentTarget.value);
                  if (v > 0 && v < 1) setMinConfidence(v);
                }}
              />
            </div>
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Checking…' : 'Check'}
            </button>
          </div>
        </form>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <p class="status" role="status" aria-live="polite">
          {status}
        </p>
        {review && (
          <Review
            key={review.initial.original}
            name={review.name}
            result={review.result}
            doc={review.doc}
            initial={review.initial}
            onChange={(doc, announcement) => {
              setReview((r) => (r ? { ...r, doc } : r));
              setStatus(announcement);
            }}
          />
        )}
        {review?.sources && <Sources text={review.initial.original} matches={review.sources} />}
        {batch && (
          <Batch
            key={batch.key}
            items={batch.items}
            problems={batch.problems}
            minConfidence={minConfidence}
            onOpen={openFromBatch}
          />
        )}
      </main>
      <footer class="bottom">
        <p>Everything runs on this Unspin server; nothing leaves it.</p>
      </footer>
    </>
  );
}
