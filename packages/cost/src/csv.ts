import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

/** One CSV record and the 1-based line it starts on (quoted newlines count as lines). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    /** What is wrong, without the line. */
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

interface ChunkResult {
  /** Index of the first character not yet consumed (start of an incomplete record). */
  consumed: number;
  line: number;
  records: number;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = text.indexOf('\n', from); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) n++;
  return n;
}

/** Per column: false = the caller never reads it, so its text is not copied out ('' instead). */
export interface CsvProjection {
  keep: boolean[] | null;
}

/**
 * Called once per record. `fields` is one array reused for every record of a parse: copy what
 * you keep.
 */
export type CsvVisitor = (fields: string[], line: number) => void;

/**
 * RFC 4180 over one buffered string: comma-separated, `"` quoting with `""` escapes, CRLF or
 * LF line ends, blank lines skipped. Only complete records are visited unless `final`; the
 * caller carries the rest over to the next chunk. Stops after `limit` records.
 */
export function parseCsvText(
  text: string,
  startLine: number,
  final: boolean,
  projection: CsvProjection,
  fields: string[],
  visit: CsvVisitor,
  limit = Infinity,
): ChunkResult {
  // When every CR is part of a CRLF, every record ends at a line feed: unquoted fields can be
  // found with native searches instead of a loop over every character.
  return crOnlyBeforeLf(text)
    ? parseLfText(text, startLine, final, projection, fields, visit, limit)
    : parseAnyText(text, startLine, final, projection, fields, visit, limit);
}

function crOnlyBeforeLf(text: string): boolean {
  for (let k = text.indexOf('\r'); k !== -1; k = text.indexOf('\r', k + 2)) {
    if (text.charCodeAt(k + 1) !== LF) return false;
  }
  return true;
}

/**
 * `parseCsvText` for text whose CRs all precede an LF: the next quote and line feed are known,
 * so an unquoted field ends at the next comma before the line feed (or its CR), and a quote
 * before that comma is an error.
 */
function parseLfText(
  text: string,
  startLine: number,
  final: boolean,
  projection: CsvProjection,
  fields: string[],
  visit: CsvVisitor,
  limit: number,
): ChunkResult {
  const n = text.length;
  let i = 0;
  let line = startLine;
  let records = 0;
  let q = text.indexOf('"');
  if (q === -1) q = n;
  let nl = -1;
  const keep = projection.keep;
  outer: while (i < n && records < limit) {
    const recStart = i;
    const recLine = line;
    let k = 0;
    if (nl < i) {
      nl = text.indexOf('\n', i);
      if (nl === -1) nl = n;
    }
    for (;;) {
      let value: string;
      if (i === q) {
        // One slice per field (and one replace if it has doubled quotes), not a string per
        // piece: JSON tags are full of "" escapes.
        let j = i + 1;
        let escaped = false;
        for (;;) {
          const e = text.indexOf('"', j);
          if (e === -1 || (e + 1 === n && !final)) {
            if (final && e === -1)
              throw new CsvSyntaxError(recLine, 'a quoted field is not closed');
            return { consumed: recStart, line: recLine, records };
          }
          if (text.charCodeAt(e + 1) === QUOTE) {
            escaped = true;
            j = e + 2;
            continue;
          }
          value = text.slice(i + 1, e);
          if (escaped) value = value.replaceAll('""', '"');
          line += countNewlines(text, i, e);
          i = e + 1;
          break;
        }
        q = text.indexOf('"', i);
        if (q === -1) q = n;
        if (nl < i) {
          nl = text.indexOf('\n', i);
          if (nl === -1) nl = n;
        }
        let c = i < n ? text.charCodeAt(i) : -1;
        if (c === CR) c = text.charCodeAt(++i);
        if (c !== COMMA && c !== LF && c !== -1) {
          throw new CsvSyntaxError(
            line,
            `unexpected ${JSON.stringify(text[i])} after a closing quote`,
          );
        }
      } else {
        let c = text.indexOf(',', i);
        if (c === -1 || c > nl) c = nl;
        if (q < c) throw new CsvSyntaxError(line, 'a quote inside an unquoted field');
        if (c === n && !final) return { consumed: recStart, line: recLine, records };
        const end = c === nl && c > i && text.charCodeAt(c - 1) === CR ? c - 1 : c;
        value = keep === null || keep[k] !== false ? text.slice(i, end) : '';
        i = c;
      }
      fields[k++] = value;
      if (i >= n) {
        if (fields.length !== k) fields.length = k;
        if (!(k === 1 && value === '')) {
          records++;
          visit(fields, recLine);
        }
        break outer;
      }
      if (text.charCodeAt(i) === COMMA) {
        i++;
        if (i === n) {
          if (!final) return { consumed: recStart, line: recLine, records };
          fields[k++] = '';
          if (fields.length !== k) fields.length = k;
          records++;
          visit(fields, recLine);
          break outer;
        }
        continue;
      }
      i++;
      line++;
      if (!(k === 1 && value === '')) {
        if (fields.length !== k) fields.length = k;
        records++;
        visit(fields, recLine);
      }
      continue outer;
    }
  }
  return { consumed: i, line, records };
}

/** `parseCsvText` for any line ends (CRLF, CR or LF), one character at a time. */
function parseAnyText(
  text: string,
  startLine: number,
  final: boolean,
  projection: CsvProjection,
  fields: string[],
  visit: CsvVisitor,
  limit: number,
): ChunkResult {
  const n = text.length;
  let i = 0;
  let line = startLine;
  let records = 0;
  outer: while (i < n && records < limit) {
    const recStart = i;
    const recLine = line;
    let k = 0;
    const keep = projection.keep;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        value = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1 || (q + 1 === n && !final)) {
            if (final && q === -1)
              throw new CsvSyntaxError(recLine, 'a quoted field is not closed');
            return { consumed: recStart, line: recLine, records };
          }
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
            continue;
          }
          line += countNewlines(text, i, q);
          i = q + 1;
          break;
        }
        const c = i < n ? text.charCodeAt(i) : -1;
        if (c !== COMMA && c !== LF && c !== CR && c !== -1) {
          throw new CsvSyntaxError(
            line,
            `unexpected ${JSON.stringify(text[i])} after a closing quote`,
          );
        }
      } else {
        const start = i;
        let c = 0;
        while (i < n) {
          c = text.charCodeAt(i);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) throw new CsvSyntaxError(line, 'a quote inside an unquoted field');
          i++;
        }
        if (i === n && !final) return { consumed: recStart, line: recLine, records };
        value = keep === null || keep[k] !== false ? text.slice(start, i) : '';
      }
      fields[k++] = value;
      if (i >= n) {
        if (fields.length !== k) fields.length = k;
        if (!(k === 1 && value === '')) {
          records++;
          visit(fields, recLine);
        }
        break outer;
      }
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        if (i === n) {
          if (!final) return { consumed: recStart, line: recLine, records };
          fields[k++] = '';
          if (fields.length !== k) fields.length = k;
          records++;
          visit(fields, recLine);
          break outer;
        }
        continue;
      }
      if (c === CR) {
        if (i + 1 === n && !final) return { consumed: recStart, line: recLine, records };
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else {
        i++;
      }
      line++;
      if (!(k === 1 && value === '')) {
        if (fields.length !== k) fields.length = k;
        records++;
        visit(fields, recLine);
      }
      continue outer;
    }
  }
  return { consumed: i, line, records };
}

/** Text of a byte stream in chunks, a leading byte-order mark dropped. */
async function* decodeChunks(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  dropBom: boolean,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let first = dropBom;
  // While every chunk is ASCII the decoder holds no partial character, and Latin-1 decoding
  // (a plain copy) gives the same text faster; from the first other chunk on, UTF-8 decoding.
  let ascii = true;
  for await (const chunk of input) {
    let text: string;
    if (typeof chunk === 'string') text = chunk;
    else {
      const bytes = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (ascii && !isAscii(bytes)) ascii = false;
      text = ascii ? bytes.toString('latin1') : decoder.write(bytes);
    }
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield first && rest.charCodeAt(0) === 0xfeff ? rest.slice(1) : rest;
}

/**
 * One buffered piece of a CSV stream: `each` parses it, visiting every complete record with a
 * reused field array. The stream moves on only after `each` (or, if it was not called, parses
 * the piece itself without visiting).
 */
export interface CsvChunk {
  each(visit: CsvVisitor): void;
}

export interface CsvChunksOptions {
  project?: (header: string[]) => boolean[];
  /**
   * False: the input is a later part of a file (a byte range starting at a record), without a
   * header and without a byte-order mark; `keep` is the projection of the file's header and
   * lines are counted from `line`.
   */
  header?: boolean;
  keep?: boolean[] | null;
  line?: number;
  /**
   * The longest record, in characters (default 64 Mi): an unclosed quote is an error there
   * instead of the rest of the file held in memory.
   */
  maxRecord?: number;
}

export const DEFAULT_MAX_CSV_RECORD = 64 * 1024 * 1024;

export interface CsvChunks {
  header: string[] | undefined;
  headerLine: number;
  chunks: AsyncGenerator<CsvChunk>;
  /**
   * Where parsing stands: the line the next record starts on and how many characters of an
   * incomplete record are held back for the next chunk (0 at a record boundary).
   */
  position(): { line: number; pending: number };
}

/**
 * Streams a CSV in chunks (one per input chunk) after reading its header. Memory holds one
 * chunk plus one incomplete record, and no object per record.
 */
export async function csvChunks(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  options: CsvChunksOptions = {},
): Promise<CsvChunks> {
  const withHeader = options.header !== false;
  const it = decodeChunks(input, withHeader)[Symbol.asyncIterator]();
  const fields: string[] = [];
  let carry = '';
  let line = options.line ?? 1;
  let header: string[] | undefined;
  let headerLine = line;
  let done = false;
  const maxRecord = options.maxRecord ?? DEFAULT_MAX_CSV_RECORD;
  const checkPending = () => {
    if (carry.length > maxRecord) {
      throw new CsvSyntaxError(
        line,
        `a record is longer than ${maxRecord} characters (is a quote not closed?)`,
      );
    }
  };
  // The header: read until its record is complete.
  while (withHeader && header === undefined && !done) {
    const r = await it.next();
    done = r.done === true;
    const text = done ? carry : carry + r.value;
    const parsed = parseCsvText(
      text,
      line,
      done,
      { keep: null },
      fields,
      (f, at) => {
        header = f.slice();
        headerLine = at;
      },
      1,
    );
    carry = text.slice(parsed.consumed);
    line = parsed.line;
    checkPending();
  }
  const projection: CsvProjection = {
    keep: withHeader
      ? header && options.project
        ? options.project(header)
        : null
      : (options.keep ?? null),
  };
  async function* chunks(): AsyncGenerator<CsvChunk> {
    for (;;) {
      let text: string;
      if (done) {
        if (carry.length === 0) return;
        text = carry;
      } else {
        const r = await it.next();
        done = r.done === true;
        text = done ? carry : carry + r.value;
      }
      const final = done;
      let parsed: ChunkResult | undefined;
      const each = (visit: CsvVisitor) => {
        if (parsed) throw new Error('a CSV chunk can be read once');
        parsed = parseCsvText(text, line, final, projection, fields, visit);
      };
      yield { each };
      if (!parsed) each(() => undefined);
      carry = text.slice(parsed!.consumed);
      line = parsed!.line;
      if (final) return;
      checkPending();
    }
  }
  return {
    header,
    headerLine,
    chunks: chunks(),
    position: () => ({ line, pending: carry.length }),
  };
}

/**
 * Streams CSV records in batches (one per input chunk) from bytes or text. Memory holds one
 * chunk plus one incomplete record. A leading byte-order mark is dropped.
 */
export async function* csvBatches(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  options: CsvChunksOptions = {},
): AsyncGenerator<CsvRecord[]> {
  const { header, headerLine, chunks } = await csvChunks(input, options);
  let first: CsvRecord[] | undefined = header ? [{ fields: header, line: headerLine }] : undefined;
  for await (const chunk of chunks) {
    const records: CsvRecord[] = first ?? [];
    first = undefined;
    chunk.each((fields, line) => records.push({ fields: fields.slice(), line }));
    if (records.length > 0) yield records;
  }
  if (first) yield first;
}
