import {
  CanaryConfigError,
  configuredMetricNames,
  judgeCanaryData,
  parseCanaryConfig,
  type CanaryConfig,
  type CanaryPoint,
  type ScoreThresholds,
} from '@headroom/core';
import { parse } from 'csv-parse/sync';
import { EXIT_FINDINGS, EXIT_OK, InputError } from '../errors';
import type { Console } from '../io/console';
import { readText } from '../io/sloFiles';
import { parseRfc3339 } from '../io/rfc3339';

export interface CanaryJudgeOptions {
  baseline: string;
  canary: string;
  config: string;
  pass?: string;
  marginal?: string;
}

/**
 * Reads a `timestamp,metric,value` CSV: RFC 3339 times, `NaN` for a missing value, no rows for a
 * metric without data. Every problem is one error naming the file, the line and the field.
 */
export function parseCanaryCsv(text: string, file: string, known: Set<string>): CanaryPoint[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
  const header = records[0]?.record.map(h => h.toLowerCase()).join(',');
  if (header !== 'timestamp,metric,value') {
    throw new InputError(
      `${file}:1: header: must be "timestamp,metric,value" (found "${records[0]?.record.join(',') ?? ''}")`,
    );
  }
  const points: CanaryPoint[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const at = `${file}:${info.lines}`;
    if (record.length !== 3) {
      throw new InputError(
        `${at}: expected 3 fields (timestamp,metric,value), found ${record.length}`,
      );
    }
    const [timestamp, metric, valueText] = record as [string, string, string];
    const t = parseRfc3339(timestamp);
    if (t === undefined) {
      throw new InputError(
        `${at}: timestamp: "${timestamp}" is not an RFC 3339 time like 2026-12-07T10:00:00Z`,
      );
    }
    if (!known.has(metric)) {
      throw new InputError(`${at}: metric: "${metric}" is not a metric of the canary config`);
    }
    let value = NaN;
    if (valueText.toLowerCase() !== 'nan') {
      value = valueText === '' ? NaN : Number(valueText);
      if (!Number.isFinite(value)) {
        throw new InputError(
          `${at}: value: "${valueText}" is not a number (write NaN for a missing value)`,
        );
      }
    }
    const key = `${metric}\u0000${t}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new InputError(
        `${at}: timestamp: ${metric} already has a value at ${timestamp} (line ${earlier})`,
      );
    }
    seen.set(key, info.lines);
    points.push({ t, metric, value });
  }
  return points;
}

function readConfig(file: string): CanaryConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  try {
    return parseCanaryConfig(raw);
  } catch (e) {
    if (e instanceof CanaryConfigError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
}

function threshold(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < 0 || v > 100) {
    throw new InputError(`${flag}: "${text}" is not a score between 0 and 100`);
  }
  return v;
}

function thresholds(opts: CanaryJudgeOptions, config: CanaryConfig): ScoreThresholds {
  const t = {
    pass: threshold(opts.pass, '--pass') ?? config.thresholds.pass,
    marginal: threshold(opts.marginal, '--marginal') ?? config.thresholds.marginal,
  };
  if (t.marginal > t.pass) {
    throw new InputError(`--marginal (${t.marginal}) must not be above --pass (${t.pass})`);
  }
  return t;
}

/**
 * `headroom canary judge`: the canary verdict (Kayenta's Mann-Whitney judge, plus the SLO burn
 * check when the config has a `burn` section) as JSON. Exit 0 on Pass, 1 on Marginal or Fail.
 */
export function canaryJudgeCommand(opts: CanaryJudgeOptions, io: Console): number {
  const config = readConfig(opts.config);
  const known = configuredMetricNames(config);
  const verdict = judgeCanaryData({
    config,
    baseline: parseCanaryCsv(readText(opts.baseline), opts.baseline, known),
    canary: parseCanaryCsv(readText(opts.canary), opts.canary, known),
    thresholds: thresholds(opts, config),
  });
  io.out(JSON.stringify(verdict, null, 2));
  return verdict.classification === 'Pass' ? EXIT_OK : EXIT_FINDINGS;
}
