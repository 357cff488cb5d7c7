import { StringDecoder } from 'node:string_decoder';

/** One CSV record and the 1-based line it starts on (quoted newlines count as lines). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

interface ChunkResult {
  records: CsvRecord[];
  /** Index of the first character not yet consumed (start of an incomplete record). */
  consumed: number;
  line: number;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = text.indexOf('\n', from); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) n++;
  return n;
}

/**
 * RFC 4180 over one buffered string: comma-separated, `"` quoting with `""` escapes, CRLF or
 * LF line ends, blank lines skipped. Only complete records are returned unless `final`; the
 * caller carries the rest over to the next chunk.
 */
interface Projection {
  /** Per column: false = the caller never reads it, so its text is not copied out ('' instead). */
  keep: boolean[] | null;
  fromHeader?: (header: string[]) => boolean[];
}

function parseText(
  text: string,
  startLine: number,
  final: boolean,
  projection: Projection,
): ChunkResult {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = startLine;
  outer: while (i < n) {
    const recStart = i;
    const recLine = line;
    const fields: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        value = '';
        for (;;) {
          const k = text.indexOf('"', j);
          if (k === -1 || (k + 1 === n && !final)) {
            if (final && k === -1)
              throw new CsvSyntaxError(recLine, 'a quoted field is not closed');
            return { records, consumed: recStart, line: recLine };
          }
          value += text.slice(j, k);
          if (text.charCodeAt(k + 1) === QUOTE) {
            value += '"';
            j = k + 2;
            continue;
          }
          line += countNewlines(text, i, k);
          i = k + 1;
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
        if (i === n && !final) return { records, consumed: recStart, line: recLine };
        const keep = projection.keep;
        value = keep === null || keep[fields.length] !== false ? text.slice(start, i) : '';
      }
      fields.push(value);
      if (i >= n) {
        if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, line: recLine });
        break outer;
      }
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        if (i === n) {
          if (!final) return { records, consumed: recStart, line: recLine };
          fields.push('');
          records.push({ fields, line: recLine });
          break outer;
        }
        continue;
      }
      if (c === CR) {
        if (i + 1 === n && !final) return { records, consumed: recStart, line: recLine };
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else {
        i++;
      }
      line++;
      if (!(fields.length === 1 && fields[0] === '')) {
        records.push({ fields, line: recLine });
        if (projection.keep === null && projection.fromHeader)
          projection.keep = projection.fromHeader(fields);
      }
      continue outer;
    }
  }
  return { records, consumed: n, line };
}

/**
 * Streams CSV records in batches (one per input chunk) from bytes or text. Memory holds one
 * chunk plus one incomplete record. A leading byte-order mark is dropped.
 */
export async function* csvBatches(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  options: { project?: (header: string[]) => boolean[] } = {},
): AsyncGenerator<CsvRecord[]> {
  const projection: Projection = { keep: null, fromHeader: options.project };
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let line = 1;
  let first = true;
  for await (const chunk of input) {
    let text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const r = parseText(text, line, false, projection);
    carry = text.slice(r.consumed);
    line = r.line;
    if (r.records.length > 0) yield r.records;
  }
  const rest = carry + decoder.end();
  if (rest.length > 0) {
    const r = parseText(
      first && rest.charCodeAt(0) === 0xfeff ? rest.slice(1) : rest,
      line,
      true,
      projection,
    );
    if (r.records.length > 0) yield r.records;
  }
}
