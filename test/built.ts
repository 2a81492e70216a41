/**
 * The built CLI, for tests that run it as a user does (`bin/unspin.js`, worker threads): rebuilt
 * when any source is newer than it, so that a test never runs code older than what it checks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BUILT_MAIN = join(root, 'dist/src/cli/main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (name.endsWith('.ts')) newest = Math.max(newest, statSync(join(dir, name)).mtimeMs);
  }
  return newest;
}

const upToDate = () =>
  existsSync(BUILT_MAIN) && statSync(BUILT_MAIN).mtimeMs >= newestSource(join(root, 'src'));

export function ensureBuilt(): void {
  if (upToDate()) return;
  // Type errors elsewhere must not block the tests that use it: tsc still emits, and the
  // type-check is a step of its own.
  spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
    cwd: root,
  });
  if (!upToDate()) throw new Error('the CLI could not be built: run `npx tsc -p tsconfig.json` to see why');
}
