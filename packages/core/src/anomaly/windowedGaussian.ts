import { normalUpperTail } from './tail';

/**
 * NAB's windowed-Gaussian baseline, ported for comparison: a point's score is 1 − Q(|x − μ|/σ)
 * (two-sided folded normal tail) against the mean and population standard deviation of the window
 * before it. The window fills up to `windowSize` points (statistics refreshed every point), then
 * slides `stepSize` points at a time. Not used by Headroom itself: it is the benchmark's yardstick.
 */
export class WindowedGaussianDetector {
  private readonly window: Float64Array;
  private readonly stepBuffer: Float64Array;
  private readonly squares: Float64Array;
  private filled = 0;
  private buffered = 0;
  private mean = 0;
  private std = 1;

  constructor(
    readonly windowSize = 6400,
    readonly stepSize = 100,
  ) {
    this.window = new Float64Array(windowSize);
    this.stepBuffer = new Float64Array(stepSize);
    this.squares = new Float64Array(windowSize);
  }

  update(value: number): number {
    const score = this.filled > 0 ? 1 - normalUpperTail(Math.abs(value - this.mean) / this.std) : 0;
    if (this.filled < this.windowSize) {
      this.window[this.filled++] = value;
      this.refresh();
    } else {
      this.stepBuffer[this.buffered++] = value;
      if (this.buffered === this.stepSize) {
        this.window.copyWithin(0, this.stepSize);
        this.window.set(this.stepBuffer, this.windowSize - this.stepSize);
        this.buffered = 0;
        this.refresh();
      }
    }
    return score;
  }

  private refresh(): void {
    const n = this.filled;
    const values = this.window.subarray(0, n);
    const mean = pairwiseSum(values, 0, n) / n;
    const squares = this.squares;
    for (let i = 0; i < n; i++) {
      const d = values[i]! - mean;
      squares[i] = d * d;
    }
    const std = Math.sqrt(pairwiseSum(squares, 0, n) / n);
    this.mean = mean;
    this.std = std === 0 ? 0.000001 : std;
  }
}

/**
 * numpy's pairwise summation (blocks of 128 summed with eight accumulators), so the baseline's
 * statistics round as the original's do: its scores sit right at 1.0, where rounding decides.
 */
function pairwiseSum(a: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let s = -0.0;
    for (let i = 0; i < n; i++) s += a[start + i]!;
    return s;
  }
  if (n <= 128) {
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let k = 0; k < 8; k++) r[k] = a[start + k]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let k = 0; k < 8; k++) r[k] = r[k]! + a[start + i + k]!;
    }
    let s = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) s += a[start + i]!;
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}
