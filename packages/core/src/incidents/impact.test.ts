import fc from 'fast-check';
import { prepareSeries } from '../engine/series';
import { samples } from '../engine/test-factory';
import { impactStart, mitigationTime } from './impact';
import { scrapedSeries, T0 } from './test-factory';

describe('impact start and mitigation from the 1-minute error ratio', () => {
  it('walks back to the first scrape of the run above 1 − objective', () => {
    // 10 % errors in the steps ending T0+30 … T0+120.
    const series = scrapedSeries(T0 - 300, 60, t => (t > T0 + 15 && t <= T0 + 120 ? 0.1 : 0));
    expect(impactStart(series, 0.99, T0 + 100)).toBe(T0 + 30);
    // At T0+165 the window (T0+105, T0+165] still holds the bad step ending T0+120.
    expect(mitigationTime(series, 0.99, T0 + 30)).toBe(T0 + 180);
  });

  it('ignores errors within the allowed ratio', () => {
    const series = scrapedSeries(T0 - 300, 60, t => (t > T0 ? 0.001 : 0));
    expect(impactStart(series, 0.999, T0 + 200)).toBeUndefined();
    expect(impactStart(series, 0.9999, T0 + 200)).toBe(T0 + 15);
  });

  it('finds a burst that ended before a late detection, within the look-back', () => {
    const series = scrapedSeries(T0 - 300, 400, t => (t > T0 && t <= T0 + 60 ? 1 : 0));
    expect(impactStart(series, 0.999, T0 + 1800)).toBe(T0 + 15);
    expect(impactStart(series, 0.999, T0 + 1800, 600)).toBeUndefined();
  });

  it('has no mitigation until five clean minutes are in the counters', () => {
    const series = scrapedSeries(T0 - 300, 50, t => (t > T0 && t <= T0 + 120 ? 1 : 0));
    // The series ends at T0+435; the clean run from T0+180 lasts only 255 s so far.
    expect(mitigationTime(series, 0.999, T0 + 15)).toBeUndefined();
  });

  it('does not take silence for recovery: a scrape without traffic breaks the run', () => {
    const ts = [0, 60, 120, 180, 240, 300, 360, 420, 480];
    const total = [0, 100, 200, 200, 300, 400, 500, 600, 700];
    const bad = [0, 100, 100, 100, 100, 100, 100, 100, 100];
    const series = prepareSeries(samples(ts, bad, total, 'bad'));
    expect(impactStart(series, 0.999, 60)).toBe(60);
    // 120 is clean, 180 has no traffic, so a clean run starts at 240; the series ends at 480,
    // four minutes later: not mitigated yet. One more clean scrape makes it five.
    expect(mitigationTime(series, 0.999, 60)).toBeUndefined();
    const longer = prepareSeries(samples([...ts, 540], [...bad, 100], [...total, 800], 'bad'));
    expect(mitigationTime(longer, 0.999, 60)).toBe(240);
  });

  it('puts impact start within one scrape after a planted full outage, mitigation within one after its end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 60, max: 1200 }),
        fc.integer({ min: 0, max: 300 }),
        (outageAt, length, detectionDelay) => {
          const start = T0 + outageAt;
          const end = start + length;
          const series = scrapedSeries(T0 - 300, 300, t => (t > start && t <= end ? 1 : 0));
          const detected = start + 30 + detectionDelay;
          const impact = impactStart(series, 0.999, Math.min(detected, end))!;
          expect(impact).toBeGreaterThan(start);
          expect(impact - start).toBeLessThanOrEqual(15);
          const mitigated = mitigationTime(series, 0.999, impact)!;
          // The last bad step ends within 15 s after `end`; its minute has passed 60 s later.
          expect(mitigated).toBeGreaterThan(end);
          expect(mitigated - end).toBeLessThanOrEqual(15 + 60);
        },
      ),
    );
  });
});
