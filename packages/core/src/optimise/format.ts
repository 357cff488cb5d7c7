/** Number formatting shared by the optimisation explanations. */

export function fmt(v: number, digits = 3): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : String(v);
}

export function pct(v: number, digits = 3): string {
  return `${fmt(100 * v, digits)} %`;
}

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

/** Kubernetes CPU quantity, rounded up to whole millicores: 0.2501 → "251m", 2 → "2". */
export function cpuQuantity(cores: number): string {
  const m = Math.ceil(Math.round(cores * 1e9) / 1e6);
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** Kubernetes memory quantity, rounded up to whole MiB: 536870912 → "512Mi", 2 GiB → "2Gi". */
export function memoryQuantity(bytes: number): string {
  const mi = Math.ceil(bytes / MIB);
  return mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`;
}

/** Rounds cores up to a whole millicore (what a quantity can say). */
export function ceilMillicores(cores: number): number {
  return Math.ceil(Math.round(cores * 1e9) / 1e6) / 1000;
}

/** Rounds bytes up to a whole MiB. */
export function ceilMiB(bytes: number): number {
  return Math.ceil(bytes / MIB) * MIB;
}

export function iso(t: number): string {
  return new Date(t * 1000).toISOString().replace('.000Z', 'Z');
}
