import type { AsyncBuffer, FileMetaData, SchemaElement } from 'hyparquet' with {
  'resolution-mode': 'import',
};
import { open } from 'node:fs/promises';
import { cleanHeaderCell, FOCUS_COLUMNS_READ } from '@headroom/core';
import { CompactColumn, compactDecodable, loadPageDecoders } from './parquetPages';
import type { FocusFormatReader } from './readFocus';
import { FocusSourceError, type FocusSourceFile } from './source';

/** Unscaled integer and scale → exact decimal text (`-1234`, 2 → `-12.34`). */
export function decimalText(unscaled: bigint, scale: number): string {
  if (scale <= 0) return (unscaled * 10n ** BigInt(-scale)).toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const cut = digits.length - scale;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** A big-endian two's-complement integer (FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY decimals). */
function signedBigEndian(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  if (bytes.length > 0 && bytes[0]! & 0x80) v -= 1n << BigInt(bytes.length * 8);
  return v;
}

/**
 * Decimal text of a big-endian decimal: without BigInt when the value is non-negative and
 * below 2^48 (six bytes: every cost below 281 currency units at scale 12), which is most rows.
 */
export function bytesDecimalText(bytes: Uint8Array, scale: number): string {
  return bytesDecimalTextAt(bytes, 0, bytes.length, scale);
}

/** `bytesDecimalText` of `bytes[start, end)`, so packed values need no view each. */
function bytesDecimalTextAt(bytes: Uint8Array, start: number, end: number, scale: number): string {
  let high = 0;
  for (let i = start; i < end - 6; i++) high |= bytes[i]!;
  if (high !== 0 || end === start || bytes[start]! & 0x80)
    return decimalText(signedBigEndian(bytes.subarray(start, end)), scale);
  let v = 0;
  for (let i = Math.max(start, end - 6); i < end; i++) v = v * 256 + bytes[i]!;
  return numberDecimalText(v, scale);
}

/** `decimalText` for a safe non-negative integer. */
function numberDecimalText(v: number, scale: number): string {
  if (scale <= 0) return decimalText(BigInt(v), scale);
  const digits = String(v).padStart(scale + 1, '0');
  const cut = digits.length - scale;
  return `${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

function isoOfMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** Consecutive rows repeat their dates: one string per distinct value in a row, not per row. */
function lastValueMemo<T>(f: (v: T) => string): (v: T) => string {
  let last: T | undefined;
  let text = '';
  return v => {
    if (v !== last) {
      text = f(v);
      last = v;
    }
    return text;
  };
}

// Dates and times as ISO text, so the normaliser checks them as it checks CSV. Sub-second
// digits are dropped: FOCUS periods are whole seconds and the normaliser reads seconds.
function parsers() {
  return {
    timestampFromMilliseconds: lastValueMemo((v: bigint) => isoOfMillis(Number(v))),
    timestampFromMicroseconds: lastValueMemo((v: bigint) => isoOfMillis(Number(v / 1000n))),
    timestampFromNanoseconds: lastValueMemo((v: bigint) => isoOfMillis(Number(v / 1000000n))),
    dateFromDays: lastValueMemo((days: number) => isoOfMillis(days * 86400000)),
    jsonFromBytes: (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8'),
  };
}

function isDecimal(e: SchemaElement): boolean {
  return e.converted_type === 'DECIMAL' || e.logical_type?.type === 'DECIMAL';
}

function scaleOf(e: SchemaElement): number {
  const lt = e.logical_type;
  return lt?.type === 'DECIMAL' ? lt.scale : (e.scale ?? 0);
}

/**
 * The metadata with DECIMAL columns unannotated, so hyparquet hands over their unscaled
 * integers (it would turn them into floating point) and the reader writes exact text.
 */
function exactDecimals(metadata: FileMetaData): {
  metadata: FileMetaData;
  scales: Map<string, number>;
} {
  const scales = new Map<string, number>();
  const schema = metadata.schema.map((e, i) => {
    if (i === 0 || !isDecimal(e)) return e;
    scales.set(e.name, scaleOf(e));
    const { converted_type: _c, logical_type: _l, ...rest } = e;
    return rest;
  });
  return { metadata: { ...metadata, schema }, scales };
}

/** One Parquet value as the text a FOCUS CSV would carry. */
function textOf(value: unknown, scale: number | undefined, column: string, file: string): string {
  if (value === null || value === undefined) return '';
  if (scale !== undefined) {
    if (typeof value === 'bigint') return decimalText(value, scale);
    if (typeof value === 'number')
      return value >= 0 ? numberDecimalText(value, scale) : decimalText(BigInt(value), scale);
    if (value instanceof Uint8Array) return bytesDecimalText(value, scale);
  }
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      // Shortest round-trip text: 0.1 stays "0.1", as `moneyFromNumber` reads JSON numbers.
      return Number.isFinite(value) ? String(value) : 'NaN';
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      break;
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (typeof value === 'object') {
    // A MAP or struct column (Tags as MAP<STRING, STRING>): the JSON object FOCUS CSV carries.
    return JSON.stringify(value instanceof Map ? Object.fromEntries(value) : value);
  }
  throw new FocusSourceError(`${file}: column ${column} has a value of type ${typeof value}`);
}

type Hyparquet = typeof import('hyparquet', { with: { 'resolution-mode': 'import' } });
let hyparquet: Promise<Hyparquet> | undefined;

/** hyparquet is an ES module: loaded on first use, so CSV-only imports never load it. */
function loadHyparquet(): Promise<Hyparquet> {
  hyparquet ??= import('hyparquet');
  return hyparquet;
}

interface ColumnPiece {
  start: number;
  end: number;
  /** Values as decoded, or null where the values are packed. */
  data: ArrayLike<unknown> | null;
  /** Fixed-width decimals packed end to end (`width` bytes each), 0 in `present` for a null. */
  packed?: { bytes: Uint8Array; width: number; present: Uint8Array };
}

/**
 * Fixed-width decimals copied into one byte array: hyparquet hands over one Uint8Array view per
 * value (about 80 bytes of heap each, and each keeps its decompressed page alive), which for a
 * row group of money columns is most of the memory the reader holds.
 */
function packFixed(data: ArrayLike<unknown>, width: number): ColumnPiece['packed'] {
  const n = data.length;
  const bytes = new Uint8Array(n * width);
  const present = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (v instanceof Uint8Array && v.length === width) {
      bytes.set(v, i * width);
      present[i] = 1;
    } else if (v !== null && v !== undefined) return undefined;
  }
  return { bytes, width, present };
}

/**
 * A local file read by byte ranges into buffers of exactly that size (hyparquet's file buffer
 * streams 64 KiB pieces and concatenates them, holding every range twice while it reads).
 */
async function fileAsyncBuffer(path: string): Promise<AsyncBuffer & { close(): Promise<void> }> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    byteLength: size,
    async slice(start: number, end = size): Promise<ArrayBuffer> {
      const length = Math.max(0, Math.min(end, size) - start);
      const bytes = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(bytes, done, length - done, start + done);
        if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${start + done}`);
        done += bytesRead;
      }
      return bytes.buffer;
    },
    close: () => handle.close(),
  };
}

async function openAsyncBuffer(
  file: FocusSourceFile,
): Promise<AsyncBuffer & { close?(): Promise<void> }> {
  if (file.path !== undefined) return fileAsyncBuffer(file.path);
  if (file.url !== undefined) {
    const { asyncBufferFromUrl } = await loadHyparquet();
    return asyncBufferFromUrl({
      url: file.url,
      requestInit: file.headers ? { headers: { ...file.headers } } : undefined,
    });
  }
  throw new FocusSourceError(`${file.name}: Parquet needs a file path or URL (random access)`);
}

/**
 * FOCUS Parquet, one row group at a time: memory holds one row group of the columns the
 * normaliser reads (the others are not decoded), fixed-width decimals packed, and a row group's
 * values are let go as soon as its rows are visited. DECIMAL money keeps every digit (the
 * unscaled integer is written out as text), timestamps become ISO 8601 text, a MAP `Tags`
 * column becomes its JSON object; the normaliser then checks the values as it checks CSV.
 */
export const readParquetRecords: FocusFormatReader = async function* (file, wanted) {
  const { parquetMetadataAsync, parquetRead, parquetSchema } = await loadHyparquet();
  let buffer: (AsyncBuffer & { close?(): Promise<void> }) | undefined;
  let metadata: FileMetaData;
  try {
    buffer = await openAsyncBuffer(file);
    metadata = await parquetMetadataAsync(buffer);
  } catch (e) {
    await buffer?.close?.();
    if (e instanceof FocusSourceError) throw e;
    throw new FocusSourceError(
      `${file.name}: not a readable Parquet file (${(e as Error).message})`,
    );
  }
  try {
    const header = parquetSchema(metadata).children.map(c => c.element.name);
    const used = wanted ?? new Set(FOCUS_COLUMNS_READ);
    const columns = header.filter(h => used.has(cleanHeaderCell(h)));
    const position = columns.map(c => header.indexOf(c));
    const exact = exactDecimals(metadata);
    const scales = columns.map(c => exact.scales.get(c));
    const widths = columns.map(c => {
      const e = metadata.schema.find((s, i) => i > 0 && s.name === c);
      return e?.type === 'FIXED_LEN_BYTE_ARRAY' && exact.scales.has(c) ? (e.type_length ?? 0) : 0;
    });
    const index = new Map(columns.map((c, k) => [c, k]));
    const fields: string[] = header.map(() => '');
    const dateParsers = parsers();
    let rowStart = 0;
    let line = 1;
    if (metadata.row_groups.length === 0) yield { header, each: () => undefined };
    const elements = columns.map(c => exact.metadata.schema.find((e, i) => i > 0 && e.name === c)!);
    const pageDecoders = await loadPageDecoders();
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      const chunks = columns.map(c =>
        group.columns.find(ch => ch.meta_data?.path_in_schema[0] === c),
      );
      if (
        chunks.every((ch, k) => ch && compactDecodable(elements[k]!, ch, scales[k] !== undefined))
      ) {
        let compact: CompactColumn[] | undefined;
        try {
          compact = [];
          for (let k = 0; k < columns.length; k++) {
            const meta = chunks[k]!.meta_data!;
            const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
            const bytes = new Uint8Array(
              await buffer.slice(start, start + Number(meta.total_compressed_size)),
            );
            const scale = scales[k];
            const column = columns[k]!;
            compact.push(
              new CompactColumn(pageDecoders, bytes, rowEnd - rowStart, {
                element: elements[k]!,
                chunk: chunks[k]!,
                scale,
                parsers: dateParsers,
                text: v => textOf(v, scale, column, file.name),
                bytesText: (b, from, to) => bytesDecimalTextAt(b, from, to, scale ?? 0),
              }),
            );
          }
        } catch (e) {
          if (e instanceof FocusSourceError) throw e;
          throw new FocusSourceError(
            `${file.name}: rows ${rowStart + 1}–${rowEnd}: ${(e as Error).message}`,
          );
        }
        const first = line;
        const count = rowEnd - rowStart;
        yield {
          header,
          each: visit => {
            const cols = compact;
            if (!cols) throw new Error('internal: a Parquet row group visited twice');
            // The values go with the visit: the caller may keep this batch while the next
            // row group is read.
            compact = undefined;
            for (let r = 0; r < count; r++) {
              for (let k = 0; k < cols.length; k++) fields[position[k]!] = cols[k]!.next();
              visit(fields, first + 1 + r);
            }
          },
        };
        line += count;
        rowStart = rowEnd;
        continue;
      }
      let pieces: ColumnPiece[][] = columns.map(() => []);
      try {
        await parquetRead({
          file: buffer,
          metadata: exact.metadata,
          columns,
          rowStart,
          rowEnd,
          parsers: dateParsers,
          onChunk: c => {
            const k = index.get(c.columnName);
            if (k === undefined) return;
            const packed = widths[k]! > 0 ? packFixed(c.columnData, widths[k]!) : undefined;
            pieces[k]!.push({
              start: c.rowStart,
              end: c.rowEnd,
              data: packed ? null : c.columnData,
              packed,
            });
          },
        });
      } catch (e) {
        throw new FocusSourceError(
          `${file.name}: rows ${rowStart + 1}–${rowEnd}: ${(e as Error).message}`,
        );
      }
      for (const p of pieces) p.sort((x, y) => x.start - y.start);
      const first = line;
      const groupStart = rowStart;
      const groupEnd = rowEnd;
      let groupPieces: ColumnPiece[][] | undefined = pieces;
      pieces = [];
      yield {
        header,
        each: visit => {
          const lists = groupPieces;
          if (!lists) throw new Error('internal: a Parquet row group visited twice');
          // The values go with the visit: the caller may keep this batch while the next
          // row group is read.
          groupPieces = undefined;
          const at = lists.map(() => 0);
          for (let r = groupStart; r < groupEnd; r++) {
            for (let k = 0; k < columns.length; k++) {
              const list = lists[k]!;
              let p = list[at[k]!];
              while (p !== undefined && r >= p.end) p = list[++at[k]!];
              if (p === undefined || r < p.start) {
                throw new FocusSourceError(`${file.name}: row ${r + 1} has no ${columns[k]} value`);
              }
              const i = r - p.start;
              const packed = p.packed;
              fields[position[k]!] = packed
                ? packed.present[i]
                  ? bytesDecimalTextAt(
                      packed.bytes,
                      i * packed.width,
                      (i + 1) * packed.width,
                      scales[k]!,
                    )
                  : ''
                : textOf(p.data![i], scales[k], columns[k]!, file.name);
            }
            visit(fields, first + 1 + (r - groupStart));
          }
        },
      };
      line += rowEnd - rowStart;
      rowStart = rowEnd;
    }
  } finally {
    await buffer.close?.();
  }
};
