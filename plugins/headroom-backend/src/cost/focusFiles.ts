import {
  createFocusNormaliser,
  createFocusRowParts,
  type AttributionRule,
  type FocusNormaliser,
} from '@headroom/core';
import {
  columnsForTotals,
  maybeGunzip,
  readCsvRecords,
  readParquetRecords,
  type FocusSourceFile,
} from '@headroom/cost';
import type { CostIngest } from './ingest';

/** A source that could not be read at all (bad header, broken gzip, dropped connection). */
export class CostSourceError extends Error {}

/** One CSV (or gzip'd CSV) file streamed from a request body: read once, never buffered whole. */
export function streamedFocusFile(name: string, body: AsyncIterable<Buffer>): FocusSourceFile {
  let opened = false;
  return {
    name,
    format: 'csv',
    async open() {
      if (opened) throw new CostSourceError(`${name} can be read only once`);
      opened = true;
      return maybeGunzip(body);
    },
  };
}

/**
 * Streams FOCUS files into `ingest`: each file's header is checked, rows are normalised in place
 * and bad rows are reported with file, line and column. Only the columns checks, attribution and
 * the drivers breakdown read are copied out of the input.
 */
export async function ingestFocusFiles(
  files: readonly FocusSourceFile[],
  ingest: CostIngest,
  rules: readonly AttributionRule[],
): Promise<number> {
  const columns = columnsForTotals(rules);
  columns.add('ServiceName');
  const parts = createFocusRowParts();
  for (const file of files) {
    const reader = file.format === 'parquet' ? readParquetRecords : readCsvRecords;
    let normaliser: FocusNormaliser | undefined;
    try {
      for await (const batch of reader(file, columns)) {
        if (!normaliser) normaliser = createFocusNormaliser(batch.header, {});
        const n = normaliser;
        batch.each((fields, line) => {
          const error = n.normaliseInto(fields, line, parts);
          if (error) ingest.badRow(file.name, error);
          else ingest.addParts(parts);
        });
      }
    } catch (e) {
      const message = (e as Error).message;
      throw new CostSourceError(
        message.startsWith(file.name) ? message : `${file.name}: ${message}`,
      );
    }
    if (!normaliser) throw new CostSourceError(`${file.name}: empty file (no header)`);
  }
  return files.length;
}
