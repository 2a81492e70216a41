/**
 * The package version, read from package.json at run time: the compiled file
 * sits one directory deeper (dist/src/cli) than the source (src/cli).
 */
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  let dir = new URL('.', import.meta.url);
  for (let depth = 0; depth < 5; depth++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'unspin' && pkg.version) return pkg.version;
    } catch {
      // Not here; try the parent directory.
    }
    dir = new URL('..', dir);
  }
  return 'unknown';
}
