/**
 * Checking many documents: a progress bar while the server works through them (two at a
 * time, so one long document does not hold up the rest), then a table sortable by spin
 * probability and the results as JSON, CSV or an HTML evidence report.
 */
import { useEffect, useState } from 'preact/hooks';
import { spinPercent, spunFrom } from '../api/explain.js';
import { ApiError, api } from './api.js';
import type { BatchItem, BatchProblem } from './batch.js';
import { saveFile } from './download.js';
import { type BatchResult, type Order, sortResults, toCsv, toHtmlReport, toJson } from './report.js';

const CONCURRENCY = 2;

interface Props {
  items: BatchItem[];
  problems: BatchProblem[];
  minConfidence: number;
  onOpen: (item: BatchItem) => void;
}

export function Batch({ items, problems, minConfidence, onOpen }: Props) {
  const [results, setResults] = useState<Array<BatchResult | undefined>>([]);
  const [stopped, setStopped] = useState(false);
  const [order, setOrder] = useState<Order>('descending');
  const [controller] = useState(() => new AbortController());

  useEffect(() => {
    setResults([]);
    let next = 0;
    const worker = async () => {
      while (next < items.length && !controller.signal.aborted) {
        const i = next++;
        const result = await checkOne(items[i], minConfidence, controller.signal);
        if (!result) return;
        setResults((r) => {
          const copy = [...r];
          copy[i] = result;
          return copy;
        });
      }
    };
    Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return () => controller.abort();
  }, [items, minConfidence, controller]);

  const finished = inOrder(results);
  const done = finished.length === items.length;
  const rows = sortResults(
    results.flatMap((result, index) => (result ? [{ ...result, index }] : [])),
    order,
  );

  return (
    <section class="batch" aria-labelledby="batch-title">
      <h2 id="batch-title">
        Batch of {items.length} document{items.length === 1 ? '' : 's'}
      </h2>
      {problems.length > 0 && (
        <div class="problems" role="alert">
          <p>
            {problems.length} input problem{problems.length === 1 ? '' : 's'} (skipped):
          </p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.where}:${p.message}`}>
                {p.where}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="progress">
        <label for="batch-progress">
          {done ? 'Done' : stopped ? 'Stopped' : 'Checking'}: {finished.length} of {items.length}
        </label>
        <progress id="batch-progress" max={items.length} value={finished.length} />
        {!done && !stopped && (
          <button
            type="button"
            onClick={() => {
              controller.abort();
              setStopped(true);
            }}
          >
            Stop
          </button>
        )}
      </div>
      <div class="downloads">
        <span>Download results:</span>
        <button
          type="button"
          disabled={!finished.length}
          onClick={() => saveFile('unspin-results.json', toJson(inOrder(results)), 'application/json')}
        >
          JSON
        </button>
        <button
          type="button"
          disabled={!finished.length}
          onClick={() => saveFile('unspin-results.csv', toCsv(inOrder(results)), 'text/csv;charset=utf-8')}
        >
          CSV
        </button>
        <button
          type="button"
          disabled={!finished.length}
          onClick={() =>
            saveFile(
              'unspin-report.html',
              toHtmlReport(inOrder(results), { generated: new Date() }),
              'text/html;charset=utf-8',
            )
          }
        >
          HTML report
        </button>
      </div>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Batch results</caption>
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Verdict</th>
              <th scope="col" aria-sort={order}>
                <button
                  type="button"
                  class="sort"
                  onClick={() => setOrder(order === 'descending' ? 'ascending' : 'descending')}
                >
                  Spin probability <span aria-hidden="true">{order === 'descending' ? '▼' : '▲'}</span>
                </button>
              </th>
              <th scope="col">Words</th>
              <th scope="col">Findings</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.index}>
                <th scope="row">{r.id}</th>
                {r.result ? (
                  <>
                    <td class={`verdict-${r.result.verdict}`}>{r.result.verdict}</td>
                    <td data-p={r.result.spinProbability}>
                      {spinPercent(r.result)}
                      {spunFrom(r.result) && <small class="spun-from"> ({spunFrom(r.result)})</small>}
                    </td>
                    <td>{r.result.words}</td>
                    <td>{r.result.findings.length}</td>
                  </>
                ) : (
                  <td colSpan={4} class="error">
                    {r.error?.message}
                  </td>
                )}
                <td>
                  <button type="button" onClick={() => onOpen(items[r.index])} aria-label={`Open ${r.id}`}>
                    Open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

async function checkOne(
  item: BatchItem,
  minConfidence: number,
  signal: AbortSignal,
): Promise<BatchResult | undefined> {
  try {
    const result = await api.check({ text: item.text, format: item.format, minConfidence }, signal);
    return { id: item.id, text: result.text ?? item.text, result };
  } catch (e) {
    if (signal.aborted) return undefined;
    const error =
      e instanceof ApiError
        ? { code: e.code, message: e.message }
        : { code: 'internal', message: 'Unexpected error' };
    return { id: item.id, text: item.text, error };
  }
}

function inOrder(results: ReadonlyArray<BatchResult | undefined>): BatchResult[] {
  return results.filter((r): r is BatchResult => r !== undefined);
}
