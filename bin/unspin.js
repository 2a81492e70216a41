#!/usr/bin/env node
// Launcher only: the CLI lives in the compiled dist/src/cli/main.js.
import { existsSync } from 'node:fs';

const main = new URL('../dist/src/cli/main.js', import.meta.url);

if (!existsSync(main)) {
  process.stderr.write('unspin: the command is not built yet: run `npm run build` in the unspin directory\n');
  process.exitCode = 2;
} else {
  try {
    const { run } = await import(main.href);
    process.exitCode = await run(process.argv);
  } catch (err) {
    process.stderr.write(`unspin: cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}
