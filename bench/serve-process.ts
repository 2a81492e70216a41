/**
 * `unspin serve` in a child process on a free port, for the load benchmark and the
 * shutdown test: resolves once the server says where it listens.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface ServeProcess {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  /** Everything the server has written to stderr so far. */
  stderr(): string;
  /** The exit code, once the process ends. */
  exited: Promise<number | null>;
}

/** `nodeArgs` runs the CLI (e.g. [bin/unspin.js]); `serveArgs` follow `serve --port 0`. */
export async function startServeProcess(
  nodeArgs: string[],
  serveArgs: string[],
  cwd?: string,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [...nodeArgs, 'serve', '--port', '0', ...serveArgs], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /serving the web app at (http:\/\/[^/\s]+)\//.exec(stderr);
      if (m) resolve(m[1]);
    });
    exited.then((code) => reject(new Error(`unspin serve exited early (${code}): ${stderr}`)));
  });
  return { child, url, stderr: () => stderr, exited };
}
