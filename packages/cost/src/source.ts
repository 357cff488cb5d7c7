import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** One file of an export: a local path or a URL, opened as a byte stream. */
export interface FocusSourceFile {
  name: string;
  format: 'csv' | 'parquet';
  open(): Promise<AsyncIterable<Buffer>>;
  /** A local file (Parquet reads it at random). */
  path?: string;
  /** An http(s) file and its request headers (Parquet reads it by ranges). */
  url?: string;
  headers?: Readonly<Record<string, string>>;
}

export class FocusSourceError extends Error {}

const CSV = /\.csv(\.gz)?$/i;
const PARQUET = /\.parquet$/i;

function formatOf(name: string): 'csv' | 'parquet' | undefined {
  const bare = name.replace(/[?#].*$/, '');
  if (CSV.test(bare)) return 'csv';
  if (PARQUET.test(bare)) return 'parquet';
  return undefined;
}

/** Streams through gunzip when the bytes start with the gzip magic number, whatever the name. */
export async function* maybeGunzip(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = input[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && first.value.length < 2) {
    const more = await it.next();
    if (more.done) break;
    first = { done: false, value: Buffer.concat([first.value, more.value]) };
  }
  if (first.done) return;
  const head = first.value;
  async function* rest(): AsyncGenerator<Buffer> {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    yield* Readable.from(rest()).pipe(createGunzip({ chunkSize: 1 << 20 }));
  } else {
    yield* rest();
  }
}

export interface OpenOptions {
  /** Extra HTTP headers (authorisation) for URL sources. */
  headers?: Readonly<Record<string, string>>;
  /** Aborts an HTTP download. */
  signal?: AbortSignal;
}

/**
 * Resolves a source to its files: an http(s) URL (one file), a folder (every `.csv`,
 * `.csv.gz` and `.parquet` inside, recursively, in name order) or one file.
 */
export async function focusSourceFiles(
  source: string,
  options: OpenOptions = {},
): Promise<FocusSourceFile[]> {
  if (/^https?:\/\//i.test(source)) {
    return [
      {
        name: source,
        format: formatOf(new URL(source).pathname) ?? 'csv',
        url: source,
        headers: options.headers,
        async open() {
          let res: Response;
          try {
            res = await fetch(source, { headers: options.headers, signal: options.signal });
          } catch (e) {
            throw new FocusSourceError(`GET ${source}: ${(e as Error).message}`);
          }
          if (!res.ok || !res.body)
            throw new FocusSourceError(`GET ${source}: HTTP ${res.status} ${res.statusText}`);
          return maybeGunzip(Readable.fromWeb(res.body as never) as AsyncIterable<Buffer>);
        },
      },
    ];
  }
  let info;
  try {
    info = await stat(source);
  } catch {
    throw new FocusSourceError(`${source}: no such file or folder`);
  }
  const fileOf = (path: string, format: 'csv' | 'parquet'): FocusSourceFile => ({
    name: path,
    format,
    path,
    open: async () => maybeGunzip(createReadStream(path, { highWaterMark: 1 << 20 })),
  });
  if (info.isDirectory()) {
    const entries = await readdir(source, { recursive: true, withFileTypes: true });
    const files = entries
      .filter(e => e.isFile() && formatOf(e.name) !== undefined)
      .map(e => join(e.parentPath ?? source, e.name))
      .sort();
    if (files.length === 0)
      throw new FocusSourceError(`${source}: no .csv, .csv.gz or .parquet files`);
    return files.map(f => fileOf(f, formatOf(f)!));
  }
  return [fileOf(source, formatOf(source) ?? 'csv')];
}
