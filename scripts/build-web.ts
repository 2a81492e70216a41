/**
 * Builds the web app into dist/web/: index.html, app.js (Preact and the app) and app.css
 * (src/web/styles), each bundled and minified by esbuild. Everything is local, so `unspin
 * serve` needs no network and the page makes no request beyond its own server. Run by
 * `npm run build`.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
/** The package root, from scripts/ in the source tree or dist/scripts/ once compiled. */
const root = resolve(here, basename(dirname(here)) === 'dist' ? '../..' : '..');

export const WEB_SOURCE = join(root, 'src', 'web');
export const WEB_OUT = join(root, 'dist', 'web');

export async function buildWeb(outDir = WEB_OUT): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(WEB_SOURCE, 'main.tsx')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    target: ['es2022', 'chrome111', 'firefox111', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: join(WEB_SOURCE, 'tsconfig.json'),
  });
  await build({
    entryPoints: [join(WEB_SOURCE, 'app.css')],
    outfile: join(outDir, 'app.css'),
    bundle: true,
    minify: true,
    logLevel: 'warning',
  });
  await copyFile(join(WEB_SOURCE, 'index.html'), join(outDir, 'index.html'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildWeb().catch((e: unknown) => {
    console.error(`web build failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
