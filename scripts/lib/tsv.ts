import { readFileSync } from 'node:fs';

/** Rows of a tab-separated file with a header line, as objects keyed by column name. */
export function readTsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').split('\n');
  const columns = header.split('\t');
  return lines
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const cells = line.split('\t');
      return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
    });
}
