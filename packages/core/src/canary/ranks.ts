/**
 * Ranks with ties given their average rank (1-based), as rank tests need them, and the tie
 * correction Σ(t³ − t) over groups of equal values.
 */
export interface Ranking {
  ranks: Float64Array;
  /** Σ (t³ − t) over the groups of t equal values. */
  tieSum: number;
}

export function averageRanks(values: ArrayLike<number>): Ranking {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  let tieSum = 0;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && values[order[j]!] === values[order[i]!]) j++;
    // Positions i..j-1 (0-based) hold equal values: each gets the mean of ranks i+1..j.
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) ranks[order[k]!] = rank;
    const t = j - i;
    tieSum += t * t * t - t;
    i = j;
  }
  return { ranks, tieSum };
}
