import { endianness } from 'node:os';

/**
 * Steps as bytes: a one-byte width (4 or 8) and the values little-endian. Float32 when every
 * value survives it exactly (request counters' increases are whole numbers well below 2^24, and
 * NaN marks a step without data), halving what is stored; Float64 otherwise, so nothing is ever
 * rounded.
 */
export function encodeSteps(values: Float64Array): Buffer {
  let narrow = true;
  for (let i = 0; i < values.length && narrow; i++) {
    const v = values[i]!;
    narrow = v !== v || Math.fround(v) === v;
  }
  const width = narrow ? 4 : 8;
  const out = Buffer.alloc(1 + width * values.length);
  out[0] = width;
  for (let i = 0; i < values.length; i++) {
    if (narrow) out.writeFloatLE(values[i]!, 1 + 4 * i);
    else out.writeDoubleLE(values[i]!, 1 + 8 * i);
  }
  return out;
}

/** Typed arrays share the host's byte order: little-endian blobs can be copied as they are. */
const LITTLE_ENDIAN = endianness() === 'LE';

/** The values `encodeSteps` wrote; a blob of another shape is refused with what was found. */
export function decodeSteps(blob: Uint8Array, where: string): Float64Array {
  const width = blob[0];
  if ((width !== 4 && width !== 8) || (blob.length - 1) % width !== 0) {
    throw new Error(
      `${where}: stored steps have width ${String(width)} and ${blob.length} bytes, not a Float32 or Float64 array`,
    );
  }
  const n = (blob.length - 1) / width;
  if (LITTLE_ENDIAN) {
    // One copy into an aligned buffer: a month of steps is read at every evaluation.
    const body = blob.subarray(1);
    if (width === 8) {
      const out = new Float64Array(n);
      new Uint8Array(out.buffer).set(body);
      return out;
    }
    const narrow = new Float32Array(n);
    new Uint8Array(narrow.buffer).set(body);
    const out = new Float64Array(n);
    out.set(narrow);
    return out;
  }
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const out = new Float64Array(n);
  if (width === 4) for (let i = 0; i < n; i++) out[i] = view.getFloat32(1 + 4 * i, true);
  else for (let i = 0; i < n; i++) out[i] = view.getFloat64(1 + 8 * i, true);
  return out;
}
