import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { EXIT_FINDINGS, EXIT_OK, InputError } from '../errors';
import { colours, type Console } from '../io/console';

export interface CostImportOptions {
  backend: string;
  token?: string;
  source: string;
  format: 'table' | 'json';
}

/** The parts of the backend's import run this command reports. */
interface ImportRun {
  id: number;
  sourceId: string;
  status: string;
  rows: number;
  badRows: number;
  badRowSamples: { file: string; line: number; column: string; message: string }[];
  periods: { key: string; currency: string; rows: number; billed: string; effective: string }[];
  error: string | null;
  warnings: string[];
}

/** gzip'd or plain CSV, told by the first two bytes as the backend does. */
function contentTypeOf(file: string): string {
  const head = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  return head[0] === 0x1f && head[1] === 0x8b ? 'application/gzip' : 'text/csv';
}

function uploadUrl(backend: string, source: string): URL {
  let base: URL;
  try {
    base = new URL(backend);
  } catch {
    throw new InputError(`--backend "${backend}" is not a URL such as http://localhost:7007`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new InputError(`--backend "${backend}" must be an http or https URL`);
  }
  const root = base.href.replace(/\/+$/, '');
  return new URL(`${root}/api/headroom/cost/imports/${encodeURIComponent(source)}/upload`);
}

/**
 * `headroom cost import <file> --backend <url> --source <id>`: streams a FOCUS CSV (plain or
 * gzip'd) to the Headroom backend, which attributes it and replaces the file's billing periods
 * of that source. The file is never read into memory whole. Exit 1 when rows were refused.
 */
export async function costImportCommand(
  file: string,
  opts: CostImportOptions,
  io: Console,
): Promise<number> {
  let size: number;
  try {
    const info = statSync(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new InputError(`${file}: no such file`);
  }
  if (/\.parquet$/i.test(file)) {
    throw new InputError(
      `${file}: uploads take CSV or gzip'd CSV; configure a Parquet export as a focus source of the backend instead`,
    );
  }
  const url = uploadUrl(opts.backend, opts.source);
  const token = opts.token ?? process.env.HEADROOM_BACKEND_TOKEN;
  const headers: Record<string, string> = {
    'content-type': contentTypeOf(file),
    'content-length': String(size),
    accept: 'application/json',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    // A Node stream body (undici reads it chunk by chunk) needs half-duplex.
    const init = {
      method: 'POST',
      headers,
      body: createReadStream(file, { highWaterMark: 1 << 20 }),
      duplex: 'half',
    };
    res = await fetch(url, init as unknown as RequestInit);
  } catch (e) {
    const cause = (e as { cause?: Error }).cause;
    throw new InputError(`POST ${url}: ${cause?.message ?? (e as Error).message}`);
  }
  const text = await res.text();
  let body: { error?: { message?: string }; run?: ImportRun } & Partial<ImportRun>;
  try {
    body = JSON.parse(text);
  } catch {
    throw new InputError(`POST ${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
  const run: ImportRun | undefined = res.ok ? (body as ImportRun) : body.run;
  if (!run) {
    throw new InputError(
      `POST ${url}: HTTP ${res.status}: ${body.error?.message ?? text.slice(0, 200)}`,
    );
  }
  const pc = colours(io);
  if (opts.format === 'json') {
    io.out(JSON.stringify(run, null, 2));
  } else if (run.status === 'succeeded') {
    io.out(`import ${run.id} of ${run.sourceId}: ${run.rows} rows, ${run.badRows} bad`);
    for (const p of run.periods) {
      io.out(`  ${p.key}: ${p.rows} rows, billed ${p.billed}, effective ${p.effective}`);
    }
  }
  for (const w of run.warnings) io.err(pc.yellow(`warning: ${w}`));
  if (run.status !== 'succeeded') {
    throw new InputError(
      `import ${run.id} of ${run.sourceId} failed, nothing was replaced: ${run.error ?? `HTTP ${res.status}`}`,
    );
  }
  if (run.badRows > 0) {
    io.err(`${run.badRows} bad row(s) not imported, e.g.:`);
    for (const s of run.badRowSamples.slice(0, 10)) {
      io.err(`  ${file}:${s.line}: ${s.column}: ${s.message}`);
    }
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
