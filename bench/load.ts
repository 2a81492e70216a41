/**
 * HTTP load benchmark (issue 4): `npm run bench -- load [--duration S] [--out FILE]`.
 *
 * Starts `unspin serve` (the built CLI) in its own process, then drives POST /v1/check with
 * autocannon: 1 kB and 10 kB documents (State of the Union windows spun by spinner A at
 * 25%, a different document on each request) at 1, 8 and 64 connections. During the
 * 64-connection 10 kB run it also times GET /health from a separate client, since a busy
 * server must still answer it. autocannon shares the machine with the server: on a
 * 2-core box the numbers are a floor.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadMeasureDocuments } from './corpora.js';
import { markdownTable, writeJson } from './report.js';
import { startServeProcess } from './serve-process.js';
import { createSpinner, spinDocument } from './spinner.js';

interface Options {
  duration: number;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { duration: 10, out: 'bench/results/load.json' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--duration') opts.duration = Number.parseInt(argv[++i], 10);
    else if (a === '--out') opts.out = argv[++i];
    else if (a !== 'load') {
      console.error('usage: bench/load.ts [--duration SECONDS] [--out FILE]');
      process.exit(2);
    }
  }
  return opts;
}

/** Spun windows of about `bytes` characters (consecutive paragraphs), cut at word boundaries. */
function documentsOfSize(bytes: number, count: number): string[] {
  const spinner = createSpinner('A');
  const docs: string[] = [];
  let stream = '';
  for (const [i, doc] of loadMeasureDocuments('sotu').entries()) {
    stream += `${spinDocument(spinner, doc.text, 0.25, 7, `load/${i}`).text}\n\n`;
    while (stream.length > bytes + 200 && docs.length < count) {
      const end = stream.lastIndexOf(' ', bytes);
      docs.push(stream.slice(0, end));
      stream = stream.slice(stream.indexOf(' ', bytes) + 1);
    }
    if (docs.length >= count) break;
  }
  return docs;
}

async function startServer(db: string): Promise<{ url: string; stop: () => Promise<unknown> }> {
  const bin = fileURLToPath(new URL('../../bin/unspin.js', import.meta.url));
  const server = await startServeProcess([bin], ['--db', db, '--log', 'off']);
  return {
    url: server.url,
    stop: () => {
      server.child.kill('SIGTERM');
      return server.exited;
    },
  };
}

interface LoadRow {
  size: string;
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function drive(url: string, docs: string[], connections: number, duration: number) {
  let next = 0;
  return autocannon({
    url: `${url}/v1/check`,
    connections,
    duration,
    // With 64 connections on 10 kB documents a request waits its turn for many seconds;
    // that wait is the latency to report, not a client-side error.
    timeout: 120,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ text: docs[next++ % docs.length] }) }),
      },
    ],
  });
}

/** Times GET /health every 100 ms until `until` resolves. */
async function probeHealth(url: string, until: Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  let done = false;
  until.finally(() => {
    done = true;
  });
  await fetch(`${url}/health`); // load the HTTP client before measuring
  while (!done) {
    const t0 = performance.now();
    const res = await fetch(`${url}/health`);
    await res.arrayBuffer();
    if (res.ok) times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  return times;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const sizes = [
    { label: '1 kB', docs: documentsOfSize(1024, 200) },
    { label: '10 kB', docs: documentsOfSize(10 * 1024, 60) },
  ];
  const tmp = mkdtempSync(join(tmpdir(), 'unspin-load-'));
  const server = await startServer(join(tmp, 'index.db'));
  const rows: LoadRow[] = [];
  let health: { probes: number; p50Ms: number; p99Ms: number; maxMs: number } | undefined;
  try {
    for (const { label, docs } of sizes) {
      for (const connections of [1, 8, 64]) {
        const run = drive(server.url, docs, connections, opts.duration);
        const probes = label === '10 kB' && connections === 64 ? probeHealth(server.url, run) : undefined;
        const r = await run;
        rows.push({
          size: label,
          connections,
          requestsPerSecond: Math.round(r.requests.average * 10) / 10,
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          requests: r.requests.total,
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
        });
        if (probes) {
          const times = (await probes).sort((a, b) => a - b);
          const round = (x: number) => Math.round(x * 10) / 10;
          health = {
            probes: times.length,
            p50Ms: round(percentile(times, 0.5)),
            p99Ms: round(percentile(times, 0.99)),
            maxMs: round(times[times.length - 1]),
          };
        }
        console.error(`load: ${label} × ${connections} connections done`);
      }
    }
  } finally {
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  const table = markdownTable(
    ['document', 'connections', 'requests/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors'],
    rows.map((r) =>
      [r.size, r.connections, r.requestsPerSecond, r.p50Ms, r.p99Ms, r.requests, r.non2xx, r.errors].map(
        String,
      ),
    ),
  );
  console.log(table);
  if (health) {
    console.log(
      `\nGET /health during 64 connections × 10 kB: p50 ${health.p50Ms} ms, p99 ${health.p99Ms} ms, max ${health.maxMs} ms over ${health.probes} probes (minimum: within 100 ms)`,
    );
  }
  writeJson(opts.out, {
    command: `npm run bench -- load --duration ${opts.duration}`,
    date: new Date().toISOString(),
    machine: { cores: availableParallelism(), node: process.version },
    durationSeconds: opts.duration,
    rows,
    healthUnderLoad: health,
  });
}

await main();
