import { open } from 'node:fs/promises';
import { parseCsvText } from './csv';

/** A local CSV file cut into byte ranges that start at line ends, after its header. */
export interface FocusRangePlan {
  header: string[];
  /** The line the first record after the header starts on. */
  bodyLine: number;
  /** Byte offsets: range k is `[bounds[k], bounds[k + 1])`; the last ends at the file's end. */
  bounds: number[];
}

/** How far past a nominal cut a line end is looked for before the range is dropped. */
const LINE_SEARCH = 1 << 20;
/** How much of the file's start may hold the header. */
const HEADER_BYTES = 1 << 22;

/**
 * Plans up to `parts` ranges of about equal size for reading `path` in parallel. A cut is put
 * just after the first line feed at or after its nominal offset: a record starts there unless
 * that line feed is inside a quoted field, which only the reader of the range before can tell
 * (it then reads on past its end, see `focusRangeWorker`). Undefined when the file is gzip'd,
 * smaller than `minBytes`, or its header cannot be placed exactly in bytes: read it in one pass.
 */
export async function planFocusRanges(
  path: string,
  parts: number,
  minBytes: number,
): Promise<FocusRangePlan | undefined> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    if (parts < 2 || size < minBytes || size === 0) return undefined;
    const head = Buffer.alloc(Math.min(size, HEADER_BYTES));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const start = head.subarray(0, bytesRead);
    if (start[0] === 0x1f && start[1] === 0x8b) return undefined;
    const bom = start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf ? 3 : 0;
    const text = start.toString('utf8', bom);
    let header: string[] | undefined;
    let parsed: ReturnType<typeof parseCsvText>;
    try {
      parsed = parseCsvText(
        text,
        1,
        bytesRead === size,
        { keep: null },
        [],
        f => {
          header = f.slice();
        },
        1,
      );
    } catch {
      return undefined; // reading it in one pass reports the error as usual
    }
    if (header === undefined) return undefined;
    const headerText = text.slice(0, parsed.consumed);
    const headerBytes = Buffer.from(headerText, 'utf8');
    // Invalid UTF-8 in the header would make the byte count differ from the text read.
    if (!headerBytes.equals(start.subarray(bom, bom + headerBytes.length))) return undefined;
    const body = bom + headerBytes.length;
    const bounds = [body];
    const window = Buffer.alloc(64 * 1024);
    for (let k = 1; k < parts; k++) {
      const nominal = body + Math.floor(((size - body) * k) / parts);
      const prev = bounds[bounds.length - 1]!;
      let at = Math.max(nominal, prev);
      let cut: number | undefined;
      while (cut === undefined && at < size && at < nominal + LINE_SEARCH) {
        const { bytesRead: n } = await handle.read(window, 0, window.length, at);
        if (n === 0) break;
        const lf = window.subarray(0, n).indexOf(0x0a);
        if (lf !== -1) cut = at + lf + 1;
        else at += n;
      }
      if (cut !== undefined && cut > prev && cut < size) bounds.push(cut);
    }
    return bounds.length > 1 ? { header, bodyLine: parsed.line, bounds } : undefined;
  } finally {
    await handle.close();
  }
}
