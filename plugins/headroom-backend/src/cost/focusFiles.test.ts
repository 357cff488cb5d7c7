import { compileAttributionRules, formatMoney, type Attributor } from '@headroom/core';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { referenceDir } from '../../../../test/reference';
import { ingestFocusFiles, streamedFocusFile } from './focusFiles';
import { CostIngest } from './ingest';

const sample = fs.readFileSync(path.join(referenceDir('focus'), 'focus_sample.csv'));
/** The sample's rows four times over (≈ 3 MB): more than the CSV reader's ~1 MB chunk. */
const large = (() => {
  const text = sample.toString('utf8');
  const header = text.slice(0, text.indexOf('\n') + 1);
  const rows = text.slice(header.length);
  return Buffer.from(header + rows.repeat(4));
})();

/** An attributor that counts the rows it has seen, to tell when rows are processed. */
function counting(): Attributor & { seen: number } {
  const inner = compileAttributionRules([], []);
  const a = {
    seen: 0,
    entities: inner.entities,
    rules: inner.rules,
    attribute: (row: Parameters<Attributor['attribute']>[0]) => {
      a.seen++;
      return inner.attribute(row);
    },
  };
  return a;
}

async function* chunks(bytes: Buffer, size: number, onChunk?: (i: number) => void) {
  for (let i = 0; i * size < bytes.length; i++) {
    onChunk?.(i);
    yield bytes.subarray(i * size, (i + 1) * size);
    // Let the reader run between chunks, as a socket would.
    await new Promise(resolve => setImmediate(resolve));
  }
}

describe('a FOCUS file streamed from a request body', () => {
  it('is read as it arrives, plain or gzip, with exact totals', async () => {
    for (const body of [large, gzipSync(large)]) {
      const attributor = counting();
      const ingest = new CostIngest(attributor, 'aws', 10);
      const seenAtChunk: number[] = [];
      await ingestFocusFiles(
        [
          streamedFocusFile(
            'upload',
            chunks(body, 64 * 1024, () => seenAtChunk.push(attributor.seen)),
          ),
        ],
        ingest,
        [],
      );
      const result = ingest.finish();
      expect(result.rows).toBe(4000);
      // 4 × 20.52022672899
      expect(formatMoney(result.periods.reduce((s, p) => s + p.billed, 0n))).toBe('82.08090691596');
      expect(seenAtChunk[0]).toBe(0);
      // Rows were attributed before the last chunk had arrived: nothing waits for the whole body.
      expect(seenAtChunk[seenAtChunk.length - 1]).toBeGreaterThan(0);
    }
  });

  it('fails naming the upload for a truncated gzip, an empty body and a missing column', async () => {
    const gz = gzipSync(sample);
    const run = (bytes: Buffer) =>
      ingestFocusFiles(
        [streamedFocusFile('upload', chunks(bytes, 4096))],
        new CostIngest(counting(), 'aws', 10),
        [],
      );
    await expect(run(gz.subarray(0, gz.length - 100))).rejects.toThrow(
      /^upload: .*unexpected end of file/,
    );
    await expect(run(Buffer.alloc(0))).rejects.toThrow('upload: empty file (no header)');
    await expect(run(Buffer.from('BilledCost,EffectiveCost\n1,1\n'))).rejects.toThrow(
      /^upload: missing required FOCUS column\(s\): BillingCurrency/,
    );
    const file = streamedFocusFile('upload', chunks(sample, 4096));
    await file.open();
    await expect(file.open()).rejects.toThrow('upload can be read only once');
  });
});
