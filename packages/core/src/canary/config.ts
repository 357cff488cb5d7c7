import { DEFAULT_BURN_POLICY, type BurnPolicy } from './burn';
import { DEFAULT_SCORE_THRESHOLDS, type ScoreThresholds } from './score';
import type { EffectSizeMeasure, MetricDirection, MetricJudgeConfig } from './types';

/**
 * Reads a canary config in Kayenta's shape (`metrics[].analysisConfigurations.canary`,
 * `classifier.groupWeights`, `classifier.scoreThresholds`), applying the NetflixACAJudge
 * defaults. Unlike Kayenta, an unknown direction or strategy is refused rather than read as the
 * default: a typo in a release check should stop the check, not weaken it.
 */

export interface CanaryMetricConfig {
  name: string;
  groups: string[];
  judge: MetricJudgeConfig;
}

/**
 * An SLO whose burn the canary is held to, from two cumulative counters in the metric data:
 * `badMetric` (or `goodMetric`) and `totalMetric`.
 */
export interface CanaryBurnSlo {
  name: string;
  objective: number;
  events: { kind: 'good' | 'bad'; metric: string };
  totalMetric: string;
}

export interface CanaryConfig {
  name: string | null;
  metrics: CanaryMetricConfig[];
  groupWeights: Record<string, number>;
  thresholds: ScoreThresholds;
  /** Whether the thresholds came from the config (false: the defaults). */
  thresholdsConfigured: boolean;
  /** Headroom's addition (top-level `burn`): SLOs compared by burn rate, and the policy. */
  burn: { slos: CanaryBurnSlo[]; policy: BurnPolicy };
}

/** A config problem, with the JSON path of the field at fault. */
export class CanaryConfigError extends Error {
  override readonly name = 'CanaryConfigError';
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: unknown, path: string): Json {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw new CanaryConfigError(path, 'must be an object');
  return v;
}

function number(
  v: unknown,
  path: string,
  fallback: number,
  check?: (n: number) => string | null,
): number {
  if (v === undefined || v === null) return fallback;
  // Kayenta's configs write numbers as strings at times ("75.0"); both are read.
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new CanaryConfigError(path, `must be a number, got ${JSON.stringify(v)}`);
  }
  const problem = check?.(n);
  if (problem) throw new CanaryConfigError(path, problem);
  return n;
}

function boolean(v: unknown, path: string): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean')
    throw new CanaryConfigError(path, `must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

function choice<T extends string>(
  v: unknown,
  path: string,
  allowed: readonly string[],
  aliases: Record<string, T>,
  fallback: T,
): T {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'string' && v in aliases) return aliases[v]!;
  if (typeof v === 'string' && allowed.includes(v)) return v as T;
  throw new CanaryConfigError(
    path,
    `must be one of ${[...allowed, ...Object.keys(aliases)].map(a => `"${a}"`).join(', ')}, got ${JSON.stringify(v)}`,
  );
}

const positive = (n: number) => (n > 0 ? null : `must be > 0, got ${n}`);

function metricJudge(canaryRaw: unknown, path: string): MetricJudgeConfig {
  const c = object(canaryRaw, path);
  const direction = choice<MetricDirection>(
    c.direction,
    `${path}.direction`,
    ['increase', 'decrease', 'either'],
    {},
    'either',
  );
  const nanStrategy = choice(
    c.nanStrategy,
    `${path}.nanStrategy`,
    ['remove', 'replace'],
    { none: 'remove' as const },
    'remove',
  );
  const outliers = object(c.outliers, `${path}.outliers`);
  const outlierStrategy = choice(
    outliers.strategy,
    `${path}.outliers.strategy`,
    ['keep', 'remove'],
    { none: 'keep' as const },
    'keep',
  );
  const effect = object(c.effectSize, `${path}.effectSize`);
  const measure = choice<EffectSizeMeasure>(
    effect.measure,
    `${path}.effectSize.measure`,
    ['meanRatio', 'cles'],
    {},
    'meanRatio',
  );
  // The neutral effect: a ratio of 1, or a 50 % chance that the canary is the higher one.
  const neutral = measure === 'cles' ? 0.5 : 1;
  const e = (key: string) => number(effect[key], `${path}.effectSize.${key}`, neutral);
  return {
    direction,
    nanStrategy,
    outliers: {
      strategy: outlierStrategy,
      factor: number(outliers.outlierFactor, `${path}.outliers.outlierFactor`, 3, positive),
    },
    critical: boolean(c.critical, `${path}.critical`),
    mustHaveData: boolean(c.mustHaveData, `${path}.mustHaveData`),
    muted: boolean(c.muted, `${path}.muted`),
    effectSize: {
      measure,
      allowed: { decrease: e('allowedDecrease'), increase: e('allowedIncrease') },
      critical: { decrease: e('criticalDecrease'), increase: e('criticalIncrease') },
    },
  };
}

function metric(raw: unknown, path: string): CanaryMetricConfig {
  if (!isObject(raw)) throw new CanaryConfigError(path, 'must be an object');
  if (typeof raw.name !== 'string' || raw.name.trim() === '') {
    throw new CanaryConfigError(`${path}.name`, 'must be a non-empty string');
  }
  const groups = raw.groups ?? [];
  if (!Array.isArray(groups) || groups.some(g => typeof g !== 'string' || g === '')) {
    throw new CanaryConfigError(`${path}.groups`, 'must be a list of group names');
  }
  const analysis = object(raw.analysisConfigurations, `${path}.analysisConfigurations`);
  return {
    name: raw.name,
    groups: groups as string[],
    judge: metricJudge(analysis.canary, `${path}.analysisConfigurations.canary`),
  };
}

function thresholds(raw: unknown, path: string): ScoreThresholds | null {
  if (raw === undefined || raw === null) return null;
  const t = object(raw, path);
  const pct = (n: number) => (n >= 0 && n <= 100 ? null : `must be within 0..100, got ${n}`);
  const pass = number(t.pass, `${path}.pass`, NaN, pct);
  const marginal = number(t.marginal, `${path}.marginal`, NaN, pct);
  if (Number.isNaN(pass)) throw new CanaryConfigError(`${path}.pass`, 'is required');
  if (Number.isNaN(marginal)) throw new CanaryConfigError(`${path}.marginal`, 'is required');
  if (marginal > pass) {
    throw new CanaryConfigError(path, `marginal (${marginal}) must not be above pass (${pass})`);
  }
  return { pass, marginal };
}

function metricName(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.trim() === '') {
    throw new CanaryConfigError(path, 'must be the name of a metric in the data');
  }
  return v;
}

function burnSlo(raw: unknown, path: string): CanaryBurnSlo {
  if (!isObject(raw)) throw new CanaryConfigError(path, 'must be an object');
  if (typeof raw.name !== 'string' || raw.name.trim() === '') {
    throw new CanaryConfigError(`${path}.name`, 'must be a non-empty string');
  }
  const objective = number(raw.objective, `${path}.objective`, NaN, n =>
    n > 0 && n < 1 ? null : `must be a fraction in (0, 1), got ${n}`,
  );
  if (Number.isNaN(objective)) throw new CanaryConfigError(`${path}.objective`, 'is required');
  if ((raw.badMetric === undefined) === (raw.goodMetric === undefined)) {
    throw new CanaryConfigError(path, 'needs exactly one of badMetric and goodMetric');
  }
  const kind = raw.badMetric !== undefined ? 'bad' : 'good';
  return {
    name: raw.name,
    objective,
    events: { kind, metric: metricName(raw[`${kind}Metric`], `${path}.${kind}Metric`) },
    totalMetric: metricName(raw.totalMetric, `${path}.totalMetric`),
  };
}

function burnSection(raw: unknown): CanaryConfig['burn'] {
  const b = object(raw, 'burn');
  const slosRaw = b.slos ?? [];
  if (!Array.isArray(slosRaw)) throw new CanaryConfigError('burn.slos', 'must be a list');
  const d = DEFAULT_BURN_POLICY;
  const policy: BurnPolicy = {
    maxBurnRate: number(b.maxBurnRate, 'burn.maxBurnRate', d.maxBurnRate, n =>
      n > 1 ? null : `must be > 1, got ${n}`,
    ),
    maxRatio: number(b.maxRatio, 'burn.maxRatio', d.maxRatio, n =>
      n >= 1 ? null : `must be >= 1, got ${n}`,
    ),
    confidenceLevel: number(b.confidenceLevel, 'burn.confidenceLevel', d.confidenceLevel, n =>
      n > 0.5 && n < 1 ? null : `must be in (0.5, 1), got ${n}`,
    ),
  };
  return { slos: slosRaw.map((s, i) => burnSlo(s, `burn.slos[${i}]`)), policy };
}

export function parseCanaryConfig(raw: unknown): CanaryConfig {
  if (!isObject(raw)) throw new CanaryConfigError('$', 'a canary config must be a JSON object');
  if (!Array.isArray(raw.metrics) || raw.metrics.length === 0) {
    throw new CanaryConfigError('metrics', 'must be a non-empty list');
  }
  const metrics = raw.metrics.map((m, i) => metric(m, `metrics[${i}]`));
  const seen = new Set<string>();
  metrics.forEach((m, i) => {
    if (seen.has(m.name))
      throw new CanaryConfigError(`metrics[${i}].name`, `"${m.name}" is declared twice`);
    seen.add(m.name);
  });
  const classifier = object(raw.classifier, 'classifier');
  const weightsRaw = object(classifier.groupWeights, 'classifier.groupWeights');
  const groupWeights: Record<string, number> = {};
  for (const [g, w] of Object.entries(weightsRaw)) {
    groupWeights[g] = number(w, `classifier.groupWeights.${g}`, 0, n =>
      n >= 0 ? null : `must be >= 0, got ${n}`,
    );
  }
  const total = Object.values(groupWeights).reduce((a, w) => a + w, 0);
  if (total > 100 + 1e-9) {
    throw new CanaryConfigError(
      'classifier.groupWeights',
      `weights add up to ${total}, more than 100`,
    );
  }
  const configured = thresholds(classifier.scoreThresholds, 'classifier.scoreThresholds');
  return {
    name: typeof raw.name === 'string' ? raw.name : null,
    metrics,
    groupWeights,
    thresholds: configured ?? { ...DEFAULT_SCORE_THRESHOLDS },
    thresholdsConfigured: configured !== null,
    burn: burnSection(raw.burn),
  };
}
