import {
  cleanHeaderCell,
  createFocusNormaliser,
  createFocusRowParts,
  focusRowOfParts,
  type FocusNormaliser,
  FOCUS_COLUMNS_READ,
  type FocusHeaderCheck,
  type FocusRow,
  type FocusRowError,
  type NormaliseOptions,
} from '@headroom/core';
import { csvChunks, CsvSyntaxError } from './csv';
import { readParquetRecords } from './parquet';
import {
  focusSourceFiles,
  FocusSourceError,
  type FocusSourceFile,
  type OpenOptions,
} from './source';

/**
 * A piece of one file, as strings in header order: what a format reader hands the normaliser.
 * `each` visits the records in order, once; `fields` may be one array reused between records.
 */
export interface FocusRecordBatch {
  header: readonly string[];
  each(visit: (fields: readonly string[], line: number) => void): void;
}

/**
 * A format reader: CSV (`readCsvRecords`) and Parquet (`readParquetRecords`) are built in and
 * can be replaced; a reader turns values into decimal/ISO text so the same normaliser checks them.
 */
export type FocusFormatReader = (
  file: FocusSourceFile,
  /** Clean column names the caller reads; others may be given as ''. Default `FOCUS_COLUMNS_READ`. */
  columns?: ReadonlySet<string>,
) => AsyncIterable<FocusRecordBatch>;

export interface ReadFocusOptions extends NormaliseOptions, OpenOptions {
  readers?: { parquet?: FocusFormatReader; csv?: FocusFormatReader };
}

export interface FocusFileError extends FocusRowError {
  file: string;
}

export interface FocusBatch {
  file: string;
  /** Set on the first batch of each file. */
  header?: FocusHeaderCheck;
  rows: FocusRow[];
  errors: FocusFileError[];
}

export const readCsvRecords: FocusFormatReader = async function* (file, columns) {
  // Columns the caller never reads are not copied out of the input text.
  const used = columns ?? new Set(FOCUS_COLUMNS_READ);
  const project = (h: string[]) => h.map(c => used.has(cleanHeaderCell(c)));
  const { header, chunks } = await csvChunks(await file.open(), { project });
  if (!header) return;
  let pieces = 0;
  for await (const chunk of chunks) {
    pieces++;
    yield { header, each: visit => chunk.each(visit) };
  }
  // A header without rows still names its columns (and is checked).
  if (pieces === 0) yield { header, each: () => undefined };
};

/** A piece of one file of a source, with the file's compiled normaliser. */
export interface FocusFileBatch {
  file: string;
  normaliser: FocusNormaliser;
  /** Set on the first piece of each file. */
  header?: FocusHeaderCheck;
  batch: FocusRecordBatch;
}

/** The pieces of every file of a source, each with its file's compiled normaliser. */
export async function* focusRecordBatches(
  source: string,
  options: ReadFocusOptions = {},
  columns?: ReadonlySet<string>,
): AsyncGenerator<FocusFileBatch> {
  for (const file of await focusSourceFiles(source, options)) {
    yield* focusFileBatches(file, options, columns);
  }
}

/** The pieces of one file: its header checked, errors naming the file. */
export async function* focusFileBatches(
  file: FocusSourceFile,
  options: ReadFocusOptions = {},
  columns?: ReadonlySet<string>,
): AsyncGenerator<FocusFileBatch> {
  const reader =
    file.format === 'parquet'
      ? (options.readers?.parquet ?? readParquetRecords)
      : (options.readers?.csv ?? readCsvRecords);
  let normaliser: FocusNormaliser | undefined;
  try {
    for await (const batch of reader(file, columns)) {
      const named: FocusRecordBatch = {
        header: batch.header,
        each: visit => {
          try {
            batch.each(visit);
          } catch (e) {
            if (e instanceof CsvSyntaxError)
              throw new FocusSourceError(`${file.name}: ${e.message}`);
            throw e;
          }
        },
      };
      if (!normaliser) {
        try {
          normaliser = createFocusNormaliser(batch.header, options);
        } catch (e) {
          throw new FocusSourceError(`${file.name}: ${(e as Error).message}`);
        }
        yield { file: file.name, normaliser, header: normaliser.header, batch: named };
      } else yield { file: file.name, normaliser, batch: named };
    }
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new FocusSourceError(`${file.name}: ${e.message}`);
    throw e;
  }
  if (!normaliser) throw new FocusSourceError(`${file.name}: empty file (no header)`);
}

/**
 * Streams normalised FOCUS rows from a file, folder or URL, batch by batch (one input chunk
 * each), so memory stays bounded. Rows that fail come back as errors with file, line, column
 * and reason. A file whose header lacks a required column throws `FocusSourceError`.
 */
export async function* readFocus(
  source: string,
  options: ReadFocusOptions = {},
): AsyncGenerator<FocusBatch> {
  const parts = createFocusRowParts();
  for await (const { file, normaliser, header, batch } of focusRecordBatches(source, options)) {
    const rows: FocusRow[] = [];
    const errors: FocusFileError[] = [];
    batch.each((fields, line) => {
      const error = normaliser.normaliseInto(fields, line, parts);
      if (error) errors.push({ file, ...error });
      else rows.push(focusRowOfParts(parts));
    });
    yield header ? { file, header, rows, errors } : { file, rows, errors };
  }
}
