/**
 * Normal tail probabilities on a log scale, so that far tails (z of 40 and more) neither underflow
 * nor round to zero. Numerical Recipes' erfc approximation (Chebyshev fit, fractional error below
 * 1.2e-7 for every x), kept in log form.
 */

const LN10 = Math.LN10;

/** ln erfc(x) for x >= 0. */
export function logErfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 +
                            t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

/** erfc(x) for any real x. */
export function erfc(x: number): number {
  return x >= 0 ? Math.exp(logErfc(x)) : 2 - Math.exp(logErfc(-x));
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** −log10 P(|Z| >= |z|): the surprise of a two-sided standard-normal deviation, in decimal digits. */
export function twoSidedSurprise(z: number): number {
  return -logErfc(Math.abs(z) / Math.SQRT2) / LN10;
}

/** −log10 P(Z >= z), one-sided; 0 for z at or below the far left. */
export function upperSurprise(z: number): number {
  if (z <= 0) return -Math.log10(1 - 0.5 * erfc(-z / Math.SQRT2));
  return -(logErfc(z / Math.SQRT2) - Math.LN2) / LN10;
}
