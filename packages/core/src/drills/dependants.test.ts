import { prepareSeries } from '../engine/series';
import { constantTraffic, makeSlo } from '../engine/test-factory';
import { dependantImpact } from './dependants';

describe('dependantImpact', () => {
  // 99.9 % objective: a budget of 0.001. 600 requests a minute from 0 to 1200 s; the fault is
  // (600, 1200], the span before it (0, 600].
  const slo = makeSlo({ service: 'order-gateway' });
  const traffic = (errorFraction: (t: number) => number, eventsPerStep = 600) =>
    prepareSeries(constantTraffic({ stepSeconds: 60, count: 21, eventsPerStep, errorFraction }));

  it('counts a spread when the burn reaches the bound and doubles: 0.01 / 0.001 = 10 after 0', () => {
    const impact = dependantImpact(
      slo,
      traffic(t => (t > 600 ? 0.01 : 0)),
      600,
      1200,
      2,
    );
    expect(impact).toEqual({
      service: 'order-gateway',
      slo: slo.name,
      steady: false,
      detail: 'burn rate over the fault 10, before it 0 (spread at 2 and 2× before)',
    });
  });

  it('stays steady below the bound, or when it burnt as much before the fault', () => {
    expect(
      dependantImpact(
        slo,
        traffic(t => (t > 600 ? 0.001 : 0)),
        600,
        1200,
        2,
      ).steady,
    ).toBe(true);
    // Already burning at 6 before; 10 during is less than twice that.
    const already = traffic(t => (t > 600 ? 0.01 : 0.006));
    expect(dependantImpact(slo, already, 600, 1200, 2)).toMatchObject({
      steady: true,
      detail: 'burn rate over the fault 10, before it 6 (spread at 2 and 2× before)',
    });
  });

  it('counts no traffic as steady', () => {
    expect(
      dependantImpact(
        slo,
        traffic(() => 0, 0),
        0,
        600,
        2,
      ),
    ).toMatchObject({
      steady: true,
      detail:
        'burn rate over the fault no traffic, before it no traffic (spread at 2 and 2× before)',
    });
  });
});
