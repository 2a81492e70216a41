/**
 * The I/O edge of input handling: read bytes from a file or a stream with a
 * size cap, then hand them to the pure decoder.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { toBuffer } from './bytes.js';
import { type DecodedInput, type DecodeOptions, decodeText } from './decode.js';
import { describeSource, formatBytes, InputError } from './errors.js';

/** Big enough for any real document, small enough to fail fast on a disk image. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface ReadOptions {
  maxBytes?: number;
}

function tooLarge(name: string, size: number | undefined, max: number): InputError {
  const actual = size === undefined ? 'larger than' : `${formatBytes(size)}, more than`;
  return new InputError(
    'too-large',
    `${describeSource(name)} is ${actual} the ${formatBytes(max)} input limit. Split it into smaller parts.`,
  );
}

function fsError(err: unknown, name: string): InputError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const source = describeSource(name);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new InputError('not-found', `${source}: no such file. Check the path.`, { cause: err });
    case 'EISDIR':
      return new InputError('is-directory', `${source} is a directory; give a file inside it.`, {
        cause: err,
      });
    case 'EACCES':
    case 'EPERM':
      return new InputError('unreadable', `${source}: permission denied. Check the file's permissions.`, {
        cause: err,
      });
    default: {
      const detail = err instanceof Error ? err.message : String(err);
      return new InputError('unreadable', `cannot read ${source}: ${detail}`, { cause: err });
    }
  }
}

/** Reads a whole stream, failing with 'too-large' as soon as it passes the cap. */
export async function readStream(
  stream: AsyncIterable<unknown> & { destroy?: () => void },
  opts: ReadOptions & { name?: string } = {},
): Promise<Uint8Array> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const name = opts.name ?? '-';
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = toBuffer(chunk);
      total += buf.length;
      if (total > max) {
        stream.destroy?.();
        throw tooLarge(name, undefined, max);
      }
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw fsError(err, name);
  }
  return Buffer.concat(chunks, total);
}

export async function readInputFile(path: string, opts: ReadOptions = {}): Promise<Uint8Array> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    throw fsError(err, path);
  }
  if (info.isDirectory()) {
    throw new InputError(
      'is-directory',
      `${path} is a directory; give a file inside it (e.g. ${path}/*.txt).`,
    );
  }
  // Pipes, devices and `<(...)` report no size: stream them under the same cap.
  if (!info.isFile()) return readStream(createReadStream(path), { maxBytes: max, name: path });
  if (info.size > max) throw tooLarge(path, info.size, max);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw fsError(err, path);
  }
  // The file may have grown since stat().
  if (bytes.length > max) throw tooLarge(path, bytes.length, max);
  return bytes;
}

/**
 * Opens a file for streaming (JSON Lines), with the same clear errors as
 * readInputFile for missing files and directories.
 */
export async function openInputStream(path: string): Promise<AsyncIterable<unknown>> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    throw fsError(err, path);
  }
  if (info.isDirectory())
    throw new InputError('is-directory', `${path} is a directory; give a file inside it.`);
  const stream = createReadStream(path);
  return (async function* () {
    try {
      yield* stream;
    } catch (err) {
      throw fsError(err, path);
    }
  })();
}

export function readStdin(
  stdin: AsyncIterable<unknown> & { destroy?: () => void } = process.stdin,
  opts: ReadOptions = {},
): Promise<Uint8Array> {
  return readStream(stdin, { ...opts, name: '-' });
}

export interface LoadedInput extends DecodedInput {
  /** The path as given, or '-' for standard input. */
  name: string;
}

/** Reads and decodes one input; `name` '-' means standard input. */
export async function loadInput(
  name: string,
  opts: ReadOptions & Omit<DecodeOptions, 'name'> & { stdin?: AsyncIterable<unknown> } = {},
): Promise<LoadedInput> {
  const bytes = name === '-' ? await readStdin(opts.stdin, opts) : await readInputFile(name, opts);
  return { name, ...decodeText(bytes, { ...opts, name }) };
}
