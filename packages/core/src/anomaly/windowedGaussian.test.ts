import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDir } from '../../../../test/reference';
import { NAB_PROFILES, nabScoreFile, nabWindowIndices, parseNabTimestamp } from './nab';
import { WindowedGaussianDetector } from './windowedGaussian';

const nab = referenceDir('nab');

function columns(path: string): Map<string, string[]> {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const out = new Map(header.map(h => [h, [] as string[]]));
  for (const l of lines.slice(1)) l.split(',').forEach((c, k) => out.get(header[k]!)!.push(c));
  return out;
}

describe('windowed-Gaussian port', () => {
  it.each([
    'ec2_cpu_utilization_24ae8d',
    'ec2_cpu_utilization_825cc2',
    'ec2_cpu_utilization_c6585a',
    'elb_request_count_8c0756',
    'rds_cpu_utilization_cc0c53',
  ])('reproduces the published anomaly_score of %s to the 12 digits NAB wrote', file => {
    const values = columns(join(nab, 'data', `${file}.csv`))
      .get('value')!
      .map(Number);
    const published = columns(
      join(nab, 'results', 'windowedGaussian', `windowedGaussian_${file}.csv`),
    )
      .get('anomaly_score')!
      .map(Number);
    const d = new WindowedGaussianDetector();
    const ours = values.map(v => d.update(v));
    // NAB's results were written with Python 2's str(), 12 significant digits: 0.99999999999995
    // reads back as 1.0 and counts as a detection at threshold 1.0.
    let worst = 0;
    for (let i = 0; i < ours.length; i++) {
      const d = Math.abs(Number(ours[i]!.toPrecision(12)) - published[i]!);
      worst = Math.max(worst, d / Math.max(1e-300, Math.abs(published[i]!)));
    }
    expect(worst).toBeLessThan(2e-7);

    // Through the scorer, the port earns the published per-file score under every profile.
    const windowsJson = JSON.parse(
      readFileSync(join(nab, 'labels', 'combined_windows.subset.json'), 'utf8'),
    ) as Record<string, [string, string][]>;
    const timestamps = columns(join(nab, 'data', `${file}.csv`))
      .get('timestamp')!
      .map(parseNabTimestamp);
    const windows = nabWindowIndices(
      timestamps,
      windowsJson[`realAWSCloudwatch/${file}.csv`]!.map(
        ([a, b]) => [parseNabTimestamp(a), parseNabTimestamp(b)] as const,
      ),
    );
    for (const profile of ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'] as const) {
      const table = columns(
        join(nab, 'results', 'windowedGaussian', `windowedGaussian_${profile}_scores.csv`),
      );
      const k = table.get('File')!.indexOf(`realAWSCloudwatch/${file}.csv`);
      const got = nabScoreFile(ours, windows, NAB_PROFILES[profile], 1.0).score;
      expect(Math.abs(got - Number(table.get('Score')![k]))).toBeLessThan(1e-6);
    }
  });

  it('slides by stepSize once the window is full', () => {
    // Window 4, step 2: after 1,2,3,4 the statistics stay put until two more points arrive.
    const d = new WindowedGaussianDetector(4, 2);
    [1, 2, 3, 4].forEach(v => d.update(v));
    // mean 2.5, population std √1.25; |7 − 2.5|/1.118 = 4.025 → 1 − Q ≈ 0.99997.
    expect(d.update(7)).toBeCloseTo(1 - 2.8497e-5, 8);
    d.update(9); // window becomes 3,4,7,9: mean 5.75, std √5.6875 = 2.3848
    expect(d.update(5.75)).toBeCloseTo(0.5, 6);
  });
});
