// Deterministic randomness: every draw is a pure function of (seed, stream, index), so any
// moment of the simulated history can be recomputed without replaying the ones before it.

// Math's members bound once: a lookup on the global object per call is slow inside test
// sandboxes (vm contexts), and the history calls these tens of millions of times.
const { cos, floor, imul, PI } = Math;

/** mulberry32's output function applied once to a 32-bit state: a uniform number in [0, 1). */
export function mulberry32(state: number): number {
  let t = (state + 0x6d2b79f5) | 0;
  t = imul(t ^ (t >>> 15), t | 1);
  t ^= t + imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Mixes integers into one 32-bit state (murmur3's finaliser after each word). */
export function mix(...words: number[]): number {
  let h = 0x811c9dc5;
  for (const word of words) {
    h = imul(h ^ (word | 0), 0x01000193);
    h ^= h >>> 16;
    h = imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h | 0;
}

/** FNV-1a of a string, for turning series names into stream ids. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h | 0;
}

/** A uniform draw in [0, 1) for one (seed, stream, index). */
export function uniform(seed: number, stream: number, index: number): number {
  // The index can exceed 2^32 only for absurd times; split it so both halves count.
  const low = index % 4294967296;
  const high = floor(index / 4294967296);
  return mulberry32(mix(seed, stream, low, high));
}

/**
 * Smooth noise in [-1, 1]: random values at knots every `periodSeconds`, joined by cosine
 * interpolation, so it wanders without jumps.
 */
export function smoothNoise(
  seed: number,
  stream: number,
  t: number,
  periodSeconds: number,
): number {
  const x = t / periodSeconds;
  const knot = floor(x);
  const a = uniform(seed, stream, knot) * 2 - 1;
  const b = uniform(seed, stream, knot + 1) * 2 - 1;
  const w = (1 - cos((x - knot) * PI)) / 2;
  return a + (b - a) * w;
}

/** Rounds up with probability equal to the fraction, so sums of rounded values stay unbiased. */
export function stochasticRound(value: number, u: number): number {
  const whole = floor(value);
  return whole + (u < value - whole ? 1 : 0);
}
