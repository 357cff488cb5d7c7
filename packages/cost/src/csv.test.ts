import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { referenceDir } from '../../../test/reference';
import { csvBatches, CsvSyntaxError, type CsvRecord } from './csv';

async function all(chunks: (string | Buffer)[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  async function* gen() {
    yield* chunks;
  }
  for await (const batch of csvBatches(gen())) out.push(...batch);
  return out;
}

function splitEvery(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

describe('csvBatches', () => {
  it('reads quotes, doubled quotes, embedded newlines, CRLF and blank lines, with start lines', async () => {
    const text = '\uFEFFa,b,c\r\n1,"x, ""y""",\n\n2,"multi\nline",z\n3,,';
    const records = await all([text]);
    expect(records).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', 'x, "y"', ''], line: 2 },
      { fields: ['2', 'multi\nline', 'z'], line: 4 },
      { fields: ['3', '', ''], line: 6 },
    ]);
  });

  it('gives the same records whatever the chunking, split inside multi-byte characters too', async () => {
    const text = 'k,v\n"é\n""q""",ü€\n"",x\n';
    const whole = await all([text]);
    const bytes = Buffer.from(text);
    for (let size = 1; size < 8; size++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(await all(chunks)).toEqual(whole);
    }
  });

  it('leaves unread unquoted columns empty when projected, keeping the field count', async () => {
    const out: CsvRecord[] = [];
    async function* gen() {
      yield 'a,b,c\n1,2,"3"\n4,,6\n';
    }
    for await (const b of csvBatches(gen(), { project: h => h.map(c => c !== 'b' && c !== 'c') }))
      out.push(...b);
    expect(out.map(r => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'], // quoted fields are read in any case
      ['4', '', ''],
    ]);
  });

  it('reads CRLF files with empty and quoted last fields, in any chunking', async () => {
    const text = 'a,b\r\n1,\r\n"x",""\r\n\r\n2,"y"\r\n3,z';
    const expected = [
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', ''], line: 2 },
      { fields: ['x', ''], line: 3 },
      { fields: ['2', 'y'], line: 5 },
      { fields: ['3', 'z'], line: 6 },
    ];
    expect(await all([text])).toEqual(expected);
    for (let size = 1; size < 6; size++)
      expect(await all(splitEvery(text, size))).toEqual(expected);
  });

  it('reports broken quoting with the line', async () => {
    await expect(all(['a,b\n1,"open\n'])).rejects.toThrow(
      new CsvSyntaxError(2, 'a quoted field is not closed'),
    );
    await expect(all(['a,b\n1,"x"y\n'])).rejects.toThrow(
      'line 2: unexpected "y" after a closing quote',
    );
    await expect(all(['a,b\nx"y,1\n'])).rejects.toThrow('line 2: a quote inside an unquoted field');
  });

  it('stops at a record longer than the limit instead of holding the rest of the input', async () => {
    async function* gen() {
      yield 'a,b\n1,2\n3,"never closed';
      for (let i = 0; i < 100; i++) yield ' and more';
    }
    const read = async () => {
      for await (const batch of csvBatches(gen(), { maxRecord: 64 })) void batch;
    };
    await expect(read()).rejects.toThrow(
      new CsvSyntaxError(3, 'a record is longer than 64 characters (is a quote not closed?)'),
    );
    // Under the limit the same input is read to its end and reported as unclosed.
    await expect(
      (async () => {
        for await (const batch of csvBatches(gen(), { maxRecord: 10_000 })) void batch;
      })(),
    ).rejects.toThrow('line 3: a quoted field is not closed');
  });

  it('agrees with csv-parse on the FinOps Foundation FOCUS sample, in small chunks', async () => {
    const text = readFileSync(join(referenceDir('focus'), 'focus_sample.csv'), 'utf8');
    const expected = parse(text, { relax_column_count: true }) as string[][];
    const records = await all(splitEvery(text, 997));
    expect(records.map(r => r.fields)).toEqual(expected);
    expect(records).toHaveLength(1001);
    expect(records[1000]!.line).toBe(1001);
  });

  it('agrees with csv-parse on random tables', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é', '1') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 9 }),
        async (rows, size) => {
          const text =
            rows.map(r => r.map(c => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
          const expected = parse(text) as string[][];
          const got = await all(splitEvery(text, size));
          expect(got.map(r => r.fields)).toEqual(expected);
        },
      ),
    );
  });

  it('agrees with csv-parse on random tables quoted only where needed, LF or CRLF, with blank lines', async () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', '\r\n', ' ', 'é', '1', ''),
    });
    const quote = (c: string) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 1, max: 9 }),
        async (rows, eol, blank, size) => {
          const lines = rows.map(r => r.map(quote).join(','));
          if (blank) lines.splice(1, 0, '');
          const text = lines.join(eol) + eol;
          const expected = parse(text, { skip_empty_lines: true }) as string[][];
          const got = await all(splitEvery(text, size));
          expect(got.map(r => r.fields)).toEqual(expected);
          const whole = await all([text]);
          expect(whole).toEqual(got);
        },
      ),
    );
  });
});
