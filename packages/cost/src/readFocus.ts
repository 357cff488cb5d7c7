import {
  cleanHeaderCell,
  createFocusNormaliser,
  FOCUS_COLUMNS_READ,
  type FocusHeaderCheck,
  type FocusRow,
  type FocusRowError,
  type NormaliseOptions,
} from '@headroom/core';
import { csvBatches, CsvSyntaxError, type CsvRecord } from './csv';
import {
  focusSourceFiles,
  FocusSourceError,
  type FocusSourceFile,
  type OpenOptions,
} from './source';

/** Records of one file as strings in header order: what a format reader hands the normaliser. */
export interface FocusRecordBatch {
  header: readonly string[];
  records: CsvRecord[];
}

/**
 * A format reader: CSV is built in; Parquet plugs in here (`readers.parquet`) and must turn
 * values into their decimal/ISO text so the same normaliser checks them.
 */
export type FocusFormatReader = (file: FocusSourceFile) => AsyncIterable<FocusRecordBatch>;

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

export const readCsvRecords: FocusFormatReader = async function* (file) {
  let header: string[] | undefined;
  // Columns the normaliser never reads are not copied out of the input text.
  const used = new Set(FOCUS_COLUMNS_READ);
  const project = (h: string[]) => h.map(c => used.has(cleanHeaderCell(c)));
  for await (const batch of csvBatches(await file.open(), { project })) {
    let records = batch;
    if (!header) {
      header = batch[0]!.fields;
      records = batch.slice(1);
    }
    yield { header, records };
  }
};

/**
 * Streams normalised FOCUS rows from a file, folder or URL, batch by batch (one input chunk
 * each), so memory stays bounded. Rows that fail come back as errors with file, line, column
 * and reason. A file whose header lacks a required column throws `FocusSourceError`.
 */
export async function* readFocus(
  source: string,
  options: ReadFocusOptions = {},
): AsyncGenerator<FocusBatch> {
  for (const file of await focusSourceFiles(source, options)) {
    const reader =
      file.format === 'parquet'
        ? options.readers?.parquet
        : (options.readers?.csv ?? readCsvRecords);
    if (!reader) {
      throw new FocusSourceError(
        `${file.name}: Parquet is not supported without a Parquet reader (readers.parquet)`,
      );
    }
    let normalise: ReturnType<typeof createFocusNormaliser>['normalise'] | undefined;
    try {
      for await (const batch of reader(file)) {
        let header: FocusHeaderCheck | undefined;
        if (!normalise) {
          try {
            const n = createFocusNormaliser(batch.header, options);
            normalise = n.normalise;
            header = n.header;
          } catch (e) {
            throw new FocusSourceError(`${file.name}: ${(e as Error).message}`);
          }
        }
        const rows: FocusRow[] = [];
        const errors: FocusFileError[] = [];
        for (const rec of batch.records) {
          const r = normalise(rec.fields, rec.line);
          if (r.row) rows.push(r.row);
          else errors.push({ file: file.name, ...r.error });
        }
        yield header
          ? { file: file.name, header, rows, errors }
          : { file: file.name, rows, errors };
      }
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw new FocusSourceError(`${file.name}: ${e.message}`);
      throw e;
    }
    if (!normalise) throw new FocusSourceError(`${file.name}: empty file (no header)`);
  }
}
