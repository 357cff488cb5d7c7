import { DEFAULT_SEED } from '@headroom/demo-simulator';
import { parseArgs } from './cli';

describe('demo-cost arguments', () => {
  it('covers --days whole days before --now up to its hour, with the simulator seed', () => {
    const now = Date.UTC(2026, 10, 25, 12, 7, 42) / 1000;
    expect(parseArgs(['--out', 'f.csv.gz', '--now', String(now), '--days=2'])).toEqual({
      out: 'f.csv.gz',
      anchor: Date.UTC(2026, 10, 25, 12, 7) / 1000,
      from: Date.UTC(2026, 10, 23) / 1000,
      to: Date.UTC(2026, 10, 25, 12) / 1000,
      seed: DEFAULT_SEED,
    });
  });

  it('names the option that is wrong', () => {
    expect(() => parseArgs(['--now', '1'])).toThrow('option --out is required');
    expect(() => parseArgs(['--out', 'f'])).toThrow('option --now is required');
    expect(() => parseArgs(['--out', 'f', '--now', 'soon'])).toThrow(
      'option --now must be an integer >= 0, got "soon"',
    );
    expect(() => parseArgs(['--out', 'f', '--now', '1', '--days', '0'])).toThrow(/--days/);
    expect(() => parseArgs(['--out', 'f', '--step', '1'])).toThrow('unknown option "--step"');
    expect(() => parseArgs(['--out'])).toThrow('option --out needs a value');
  });
});
