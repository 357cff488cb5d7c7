import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDir } from '../../../../test/reference';
import {
  NAB_PROFILES,
  nabNormalisedScore,
  nabNullScore,
  nabOptimiseThreshold,
  nabProbationaryLength,
  nabScaledSigmoid,
  nabScoreFile,
  nabWindowIndices,
  parseNabTimestamp,
  type NabProfileName,
} from './nab';

const nab = referenceDir('nab');
const FILES = [
  'ec2_cpu_utilization_24ae8d',
  'ec2_cpu_utilization_825cc2',
  'ec2_cpu_utilization_c6585a',
  'elb_request_count_8c0756',
  'rds_cpu_utilization_cc0c53',
];
const PROFILES: NabProfileName[] = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'];

function csvRows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map(l => l.split(','));
}

function column(rows: string[][], name: string): string[] {
  const k = rows[0]!.indexOf(name);
  if (k < 0) throw new Error(`no column ${name}`);
  return rows.slice(1).map(r => r[k]!);
}

const windowsJson = JSON.parse(
  readFileSync(join(nab, 'labels', 'combined_windows.subset.json'), 'utf8'),
) as Record<string, [string, string][]>;
const thresholds = JSON.parse(
  readFileSync(join(nab, 'config', 'thresholds.json'), 'utf8'),
) as Record<string, Record<string, { threshold: number }>>;

function published(detector: string, file: string) {
  const rows = csvRows(join(nab, 'results', detector, `${detector}_${file}.csv`));
  const timestamps = column(rows, 'timestamp').map(parseNabTimestamp);
  const scores = column(rows, 'anomaly_score').map(Number);
  const windows = nabWindowIndices(
    timestamps,
    windowsJson[`realAWSCloudwatch/${file}.csv`]!.map(
      ([a, b]) => [parseNabTimestamp(a), parseNabTimestamp(b)] as const,
    ),
    file,
  );
  return { scores, windows };
}

function publishedFileScores(detector: string, profile: string) {
  const rows = csvRows(join(nab, 'results', detector, `${detector}_${profile}_scores.csv`));
  const byFile = new Map<
    string,
    { score: number; tp: number; tn: number; fp: number; fn: number }
  >();
  for (const r of rows.slice(1)) {
    const name = /realAWSCloudwatch\/(.*)\.csv$/.exec(r[2]!)?.[1];
    if (name === undefined) continue;
    byFile.set(name, { score: +r[4]!, tp: +r[5]!, tn: +r[6]!, fp: +r[7]!, fn: +r[8]! });
  }
  return byFile;
}

describe('NAB scoring rules (hand-computed)', () => {
  it('scaled sigmoid: 0.98661 at a window’s left edge, 0 at its right edge, −1 from y = 3', () => {
    expect(nabScaledSigmoid(-1)).toBeCloseTo(0.9866142981514305, 15);
    expect(nabScaledSigmoid(0)).toBe(0);
    expect(nabScaledSigmoid(1)).toBeCloseTo(-0.9866142981514305, 15);
    expect(nabScaledSigmoid(3)).toBe(-1);
    expect(nabScaledSigmoid(2.999)).toBeGreaterThan(-1);
  });

  it('probationary period is 15 % of the rows, at most 750', () => {
    expect(nabProbationaryLength(4032)).toBe(604);
    expect(nabProbationaryLength(20)).toBe(3);
    expect(nabProbationaryLength(22695)).toBe(750);
  });

  // 20 rows, probation rows 0..2, one window [10, 13] (width 4).
  const windows = [{ start: 10, end: 13 }];
  const at = (...rows: number[]) =>
    Array.from({ length: 20 }, (_, i) => (rows.includes(i) ? 1 : 0));

  it('the earliest detection in a window scores, later ones add nothing', () => {
    // Row 10: y = −(13 − 10 + 1)/4 = −1, the full tpWeight. Row 13: y = −1/4, 0.56212.
    expect(nabScoreFile(at(10, 11, 12, 13), windows, NAB_PROFILES.standard, 0.5).score).toBeCloseTo(
      1,
      12,
    );
    expect(nabScoreFile(at(13), windows, NAB_PROFILES.standard, 0.5).score).toBeCloseTo(
      0.5621241486044827,
      12,
    );
  });

  it('false positives cost fpWeight before a window, less just after one; probation is ignored', () => {
    // 17 scored rows (3..19), 4 in the window. Row 1 is probationary; row 5: −0.11; row 12: y = −2/4 → 0.85979; row 16: y = 3/3 = 1 → −0.10853.
    const s = nabScoreFile(at(1, 5, 12, 16), windows, NAB_PROFILES.standard, 0.5);
    expect(s.score).toBeCloseTo(0.6412649941131263, 12);
    expect([s.tp, s.fp, s.fn, s.tn, s.total]).toEqual([1, 2, 3, 11, 20]);
  });

  it('a missed window costs fnWeight; the null detector scores −fnWeight per window', () => {
    expect(nabScoreFile(at(), windows, NAB_PROFILES.reward_low_FN_rate, 0.5).score).toBe(-2);
    expect(nabNullScore(116, NAB_PROFILES.standard)).toBe(-116);
    expect(nabNormalisedScore(-116, -116, 116)).toBe(0);
    expect(nabNormalisedScore(116, -116, 116)).toBe(100);
  });

  it('a detection is a score at or above the threshold', () => {
    const scores = at(10).map(v => v * 0.7);
    expect(nabScoreFile(scores, windows, NAB_PROFILES.standard, 0.7).tp).toBe(1);
    expect(nabScoreFile(scores, windows, NAB_PROFILES.standard, 0.7000001).tp).toBe(0);
  });

  it('rejects overlapping or out-of-range windows and window edges that are not rows', () => {
    expect(() =>
      nabScoreFile(
        at(),
        [
          { start: 5, end: 9 },
          { start: 9, end: 12 },
        ],
        NAB_PROFILES.standard,
        1,
      ),
    ).toThrow(/windows\[1\]/);
    expect(() => nabScoreFile(at(), [{ start: 15, end: 20 }], NAB_PROFILES.standard, 1)).toThrow(
      /windows\[0\]/,
    );
    expect(() => nabWindowIndices([0, 300, 600], [[0, 450]], 'x.csv')).toThrow(/x\.csv.*450/);
  });

  it('the optimiser finds the threshold with the best summed score', () => {
    // 0.9 only at row 16 (FP just after), 0.8 at row 11 (early TP), 0.6 at row 5 (FP before).
    const scores = Array.from({ length: 20 }, (_, i) => ({ 16: 0.9, 11: 0.8, 5: 0.6 })[i] ?? 0);
    const best = nabOptimiseThreshold([{ scores, windows }], NAB_PROFILES.standard);
    // At 0.8: TP at row 11 (y = −3/4) + FP at row 16; at 0.6 one more FP of −0.11.
    const tp11 = nabScoreFile(scores, windows, NAB_PROFILES.standard, 0.8).score;
    expect(best.threshold).toBe(0.8);
    expect(best.score).toBeCloseTo(tp11, 12);
    expect(tp11).toBeCloseTo(
      (2 / (1 + Math.exp(-3.75)) - 1) / 0.9866142981514305 - 0.10852757279665734,
      12,
    );
  });
});

describe('NAB scorer reproduces the published per-file scores', () => {
  for (const detector of ['numenta', 'windowedGaussian']) {
    for (const profile of PROFILES) {
      const expected = publishedFileScores(detector, profile);
      const threshold = thresholds[detector]![profile]!.threshold;
      it.each(FILES)(`${detector} / ${profile} / %s`, file => {
        const { scores, windows } = published(detector, file);
        const got = nabScoreFile(scores, windows, NAB_PROFILES[profile], threshold);
        const want = expected.get(file)!;
        expect(Math.abs(got.score - want.score)).toBeLessThan(1e-6);
        expect([got.tp, got.tn, got.fp, got.fn]).toEqual([want.tp, want.tn, want.fp, want.fn]);
      });
    }
  }

  it('the null detector’s published scores are −fnWeight per window', () => {
    for (const profile of PROFILES) {
      const expected = publishedFileScores('null', profile);
      for (const file of FILES) {
        const { windows } = published('numenta', file);
        const zeros = new Float64Array(4032);
        expect(nabScoreFile(zeros, windows, NAB_PROFILES[profile], 0.6).score).toBe(
          expected.get(file)!.score,
        );
      }
    }
  });
});
