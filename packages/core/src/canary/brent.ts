/**
 * Brent's root finder (Brent, "Algorithms for Minimization Without Derivatives", 1973, ch. 4:
 * bisection safeguarding secant and inverse quadratic interpolation), in the form R's `uniroot`
 * and Kayenta's Mann-Whitney use: absolute tolerance 1e-4, at most 1000 steps, and the caller's
 * function values at the ends passed in. The rank statistic it is used on is a step function,
 * so where the root lands inside a step depends on the exact sequence of steps; keeping that
 * sequence is what makes the interval agree with R and Kayenta to 1e-6.
 */

const EPSILON = 2.220446049250313e-16;

export interface BrentOptions {
  /** Absolute tolerance on the root (default 1e-4). */
  tolerance?: number;
  /** Most function evaluations (default 1000). */
  maxIterations?: number;
}

/** 0 or within one unit in the last place of 0, as the reference's float comparison does. */
function isZero(v: number): boolean {
  return Math.abs(v) <= Number.MIN_VALUE;
}

/**
 * A root of `f` in [a, b] given fa = f(a) and fb = f(b) (of opposite signs, or one of them 0).
 * Returns the last estimate if it runs out of steps.
 */
export function brentRoot(
  f: (x: number) => number,
  a0: number,
  b0: number,
  fa0: number,
  fb0: number,
  options: BrentOptions = {},
): number {
  const tol = options.tolerance ?? 1e-4;
  let iterations = (options.maxIterations ?? 1000) + 1;
  let a = a0;
  let b = b0;
  let fa = fa0;
  let fb = fb0;
  let c = a;
  let fc = fa;
  if (isZero(fa)) return a;
  if (isZero(fb)) return b;
  while (iterations-- > 0) {
    const prevStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      // Keep b the best estimate so far, c the other end of the bracket.
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolAct = 2 * EPSILON * Math.abs(b) + tol / 2;
    let step = (c - b) / 2;
    if (Math.abs(step) <= tolAct || isZero(fb)) return b;
    if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      // Interpolate: secant with two distinct points, inverse quadratic with three.
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      // Accept the interpolation only inside the bracket and shorter than half the last step.
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((prevStep * q) / 2)) {
        step = p / q;
      }
    }
    if (Math.abs(step) < tolAct) step = step > 0 ? tolAct : -tolAct;
    a = b;
    fa = fb;
    b += step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}
