import type { ColumnChunk, DataReader, SchemaElement } from 'hyparquet' with {
  'resolution-mode': 'import',
};

/**
 * A row group's flat columns decoded page by page into compact form: dictionary pages become
 * one text per entry, dictionary-encoded values stay 32-bit indices, plain fixed-width and
 * variable-length values stay in the decompressed page bytes, definition levels one byte per
 * row. hyparquet's row-group reader makes one object per value (a Uint8Array view for every
 * decimal, an array element for every index and level); for a FOCUS export that was most of
 * the reader's memory. Columns this decoder does not take (nested, other encodings or codecs)
 * go through hyparquet's reader instead.
 */

type Column = typeof import('hyparquet/src/column.js', { with: { 'resolution-mode': 'import' } });
type DataPage = typeof import('hyparquet/src/datapage.js', {
  with: { 'resolution-mode': 'import' },
});
type Plain = typeof import('hyparquet/src/plain.js', { with: { 'resolution-mode': 'import' } });
type Encoding = typeof import('hyparquet/src/encoding.js', {
  with: { 'resolution-mode': 'import' },
});
type Convert = typeof import('hyparquet/src/convert.js', { with: { 'resolution-mode': 'import' } });

/** hyparquet's description of a column for its decoders (not exported by name). */
type ColumnDecoder = Parameters<Convert['convert']>[1];

export interface PageDecoders {
  parquetHeader: Column['parquetHeader'];
  decompressPage: DataPage['decompressPage'];
  readPlain: Plain['readPlain'];
  readRleBitPackedHybrid: Encoding['readRleBitPackedHybrid'];
  convert: Convert['convert'];
  DEFAULT_PARSERS: Convert['DEFAULT_PARSERS'];
}

let decoders: Promise<PageDecoders> | undefined;

/** hyparquet's page-level functions (ES modules, its `src/*.js` exports), loaded on first use. */
export function loadPageDecoders(): Promise<PageDecoders> {
  decoders ??= Promise.all([
    import('hyparquet/src/column.js'),
    import('hyparquet/src/datapage.js'),
    import('hyparquet/src/plain.js'),
    import('hyparquet/src/encoding.js'),
    import('hyparquet/src/convert.js'),
  ]).then(([column, datapage, plain, encoding, convert]) => ({
    parquetHeader: column.parquetHeader,
    decompressPage: datapage.decompressPage,
    readPlain: plain.readPlain,
    readRleBitPackedHybrid: encoding.readRleBitPackedHybrid,
    convert: convert.convert,
    DEFAULT_PARSERS: convert.DEFAULT_PARSERS,
  }));
  return decoders;
}

const VALUE_ENCODINGS = new Set(['PLAIN', 'PLAIN_DICTIONARY', 'RLE_DICTIONARY']);
const LEVEL_ENCODINGS = new Set(['RLE', 'BIT_PACKED']);

/**
 * Whether the compact decoder takes this column chunk: a top-level column (not nested or
 * repeated), uncompressed or Snappy, plain or dictionary values; fixed-length byte arrays only
 * as decimals. `decimal` says whether the column is read as a decimal.
 */
export function compactDecodable(
  element: SchemaElement,
  chunk: ColumnChunk,
  decimal: boolean,
): boolean {
  const meta = chunk.meta_data;
  if (!meta || chunk.file_path || meta.path_in_schema.length !== 1) return false;
  if (element.num_children || element.repetition_type === undefined) return false;
  if (element.repetition_type === 'REPEATED') return false;
  if (meta.codec !== 'UNCOMPRESSED' && meta.codec !== 'SNAPPY') return false;
  if (element.type === 'FIXED_LEN_BYTE_ARRAY' && !decimal) return false;
  if (element.type === 'BOOLEAN' || element.type === 'INT96') return false;
  return meta.encodings.every(e => VALUE_ENCODINGS.has(e) || LEVEL_ENCODINGS.has(e));
}

/** One data page: rows [start, end) of the row group. */
interface Page {
  start: number;
  end: number;
  /** 1 where the row has a value; absent when every row has one. */
  present: Uint8Array | undefined;
  /** Dictionary indices of the values, with the dictionary's texts. */
  indices?: Int32Array;
  texts?: readonly string[];
  /** Plain byte values: the page's bytes and where each value starts and ends. */
  bytes?: Uint8Array;
  width?: number;
  offsets?: Int32Array;
  /** Plain numbers (and dates) as converted by hyparquet. */
  values?: ArrayLike<unknown>;
}

export interface CompactColumnOptions {
  element: SchemaElement;
  chunk: ColumnChunk;
  /** Scale of a decimal column (its annotation removed), undefined for other columns. */
  scale: number | undefined;
  parsers: Partial<ColumnDecoder['parsers']>;
  /** One value (hyparquet's representation) as text. */
  text: (value: unknown) => string;
  /** Decimal text of `bytes[start, end)`. */
  bytesText: (bytes: Uint8Array, start: number, end: number) => string;
}

const utf8 = new TextDecoder();

/**
 * A column chunk's values as text, row by row in order: `next()` returns the next row's text
 * ('' for a null). Holds the chunk's decoded pages; the caller drops it with the row group.
 */
export class CompactColumn {
  private readonly pages: Page[] = [];
  private page = 0;
  private row = 0;
  private value = 0;

  constructor(
    private readonly d: PageDecoders,
    bytes: Uint8Array,
    rows: number,
    private readonly o: CompactColumnOptions,
  ) {
    const meta = o.chunk.meta_data!;
    const element = o.element;
    const decoder: ColumnDecoder = {
      pathInSchema: meta.path_in_schema,
      type: element.type!,
      element,
      schemaPath: [],
      codec: meta.codec,
      parsers: { ...d.DEFAULT_PARSERS, ...o.parsers },
    };
    const optional = element.repetition_type === 'OPTIONAL';
    const reader: DataReader = {
      view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      offset: 0,
    };
    let texts: string[] | undefined;
    let row = 0;
    while (row < rows && reader.offset < bytes.byteLength) {
      const header = d.parquetHeader(reader);
      const compressed = bytes.subarray(reader.offset, reader.offset + header.compressed_page_size);
      reader.offset += header.compressed_page_size;
      if (header.type === 'DICTIONARY_PAGE') {
        const page = d.decompressPage(
          compressed,
          header.uncompressed_page_size,
          meta.codec,
          undefined,
        );
        const count = header.dictionary_page_header!.num_values;
        const raw = d.readPlain(pageReader(page), element.type!, count, element.type_length);
        texts = this.dictionaryValues(raw, decoder);
        continue;
      }
      let n: number;
      let present: Uint8Array | undefined;
      let values: DataReader;
      let valuesLength: number;
      let encoding: string;
      if (header.type === 'DATA_PAGE') {
        const h = header.data_page_header!;
        n = h.num_values;
        encoding = h.encoding;
        const page = d.decompressPage(
          compressed,
          header.uncompressed_page_size,
          meta.codec,
          undefined,
        );
        values = pageReader(page);
        if (optional) {
          present = new Uint8Array(n);
          d.readRleBitPackedHybrid(values, 1, present);
        }
        valuesLength = page.byteLength - values.offset;
      } else if (header.type === 'DATA_PAGE_V2') {
        const h = header.data_page_header_v2!;
        n = h.num_values;
        encoding = h.encoding;
        const levels = h.repetition_levels_byte_length + h.definition_levels_byte_length;
        if (optional) {
          present = new Uint8Array(n);
          const r = pageReader(compressed);
          r.offset = h.repetition_levels_byte_length;
          d.readRleBitPackedHybrid(r, 1, present, h.definition_levels_byte_length);
        }
        let body = compressed.subarray(levels);
        if (h.is_compressed !== false) {
          body = d.decompressPage(
            body,
            header.uncompressed_page_size - levels,
            meta.codec,
            undefined,
          );
        }
        values = pageReader(body);
        valuesLength = body.byteLength;
      } else {
        continue; // index pages carry no rows
      }
      let count = n;
      if (present) {
        count = 0;
        for (let i = 0; i < n; i++) count += present[i]!;
        if (count === n) present = undefined;
      }
      const page: Page = { start: row, end: row + n, present };
      if (encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY') {
        if (!texts) throw new Error(`${meta.path_in_schema[0]}: dictionary page missing`);
        const start = values.offset;
        const width = values.view.getUint8(values.offset++);
        const indices = new Int32Array(count);
        if (width > 0 && count > 0) {
          d.readRleBitPackedHybrid(values, width, indices, valuesLength - (values.offset - start));
        }
        for (let i = 0; i < count; i++) {
          if (indices[i]! >= texts.length) {
            throw new Error(`${meta.path_in_schema[0]}: dictionary index out of range`);
          }
        }
        page.indices = indices;
        page.texts = texts;
      } else if (encoding === 'PLAIN') {
        this.plain(page, values, count, decoder);
      } else {
        throw new Error(`${meta.path_in_schema[0]}: unsupported encoding ${encoding}`);
      }
      this.pages.push(page);
      row += n;
    }
    if (row !== rows) {
      throw new Error(`${meta.path_in_schema[0]}: ${row} values for ${rows} rows`);
    }
  }

  private dictionaryValues(raw: ArrayLike<unknown>, decoder: ColumnDecoder): string[] {
    const o = this.o;
    const out: string[] = new Array<string>(raw.length);
    if (o.scale !== undefined) {
      for (let i = 0; i < raw.length; i++) {
        const v = raw[i];
        out[i] = v instanceof Uint8Array ? o.bytesText(v, 0, v.length) : o.text(v);
      }
      return out;
    }
    const converted = this.d.convert(raw as Parameters<Convert['convert']>[0], decoder);
    for (let i = 0; i < raw.length; i++) out[i] = o.text(converted[i]);
    return out;
  }

  private plain(page: Page, values: DataReader, count: number, decoder: ColumnDecoder): void {
    const type = this.o.element.type;
    const view = values.view;
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    if (type === 'FIXED_LEN_BYTE_ARRAY') {
      const width = this.o.element.type_length ?? 0;
      if (values.offset + count * width > view.byteLength) throw new Error('page too short');
      page.bytes = bytes;
      page.width = width;
      page.offsets = Int32Array.of(values.offset);
    } else if (type === 'BYTE_ARRAY') {
      const offsets = new Int32Array(count + 1);
      let at = values.offset;
      for (let i = 0; i < count; i++) {
        offsets[i] = at + 4;
        at += 4 + view.getUint32(at, true);
        if (at > view.byteLength) throw new Error('page too short');
      }
      offsets[count] = at + 4;
      page.bytes = bytes;
      page.offsets = offsets;
    } else {
      const raw = this.d.readPlain(values, type!, count, undefined);
      page.values = this.o.scale !== undefined ? raw : this.d.convert(raw, decoder);
    }
  }

  /** The next row's text. */
  next(): string {
    let p = this.pages[this.page]!;
    // Rows are read in order, so the row is the page's start plus the values and nulls read.
    while (this.row >= p.end) {
      p = this.pages[++this.page]!;
      this.value = 0;
    }
    const r = this.row++ - p.start;
    if (p.present && !p.present[r]) return '';
    const j = this.value++;
    if (p.indices) return p.texts![p.indices[j]!]!;
    if (p.values) return this.o.text(p.values[j]);
    const bytes = p.bytes!;
    if (p.width !== undefined) {
      const start = p.offsets![0]! + j * p.width;
      return this.o.bytesText(bytes, start, start + p.width);
    }
    // offsets[j] is where value j's bytes start; its length precedes the next one's start.
    const start = p.offsets![j]!;
    const end = p.offsets![j + 1]! - 4;
    if (this.o.scale !== undefined) return this.o.bytesText(bytes, start, end);
    return utf8.decode(bytes.subarray(start, end));
  }
}

function pageReader(page: Uint8Array): DataReader {
  return { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
}
