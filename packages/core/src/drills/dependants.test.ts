import { prepareSeries } from '../engine/series';
import { constantTraffic, makeSlo } from '../engine/test-factory';
import { dependantImpact } from './dependants';

describe('dependantImpact', () => {
  // 99.9 % objective: a budget of 0.001. 10 requests a second from 0 to 1200 s.
  const slo = makeSlo({ service: 'order-gateway' });
  const traffic = (errorFraction: (t: number) => number, eventsPerStep = 600) =>
    prepareSeries(constantTraffic({ stepSeconds: 60, count: 21, eventsPerStep, errorFraction }));

  it('is unsteady when the burn rate over the fault reaches the bound: 0.01 / 0.001 = 10', () => {
    const series = traffic(t => (t > 600 ? 0.01 : 0));
    const impact = dependantImpact(slo, series, 600, 1200, 2);
    expect(impact).toEqual({
      service: 'order-gateway',
      slo: slo.name,
      steady: false,
      detail: 'burn rate over the fault 10 (steady below 2)',
    });
    expect(dependantImpact(slo, series, 0, 600, 2).steady).toBe(true);
  });

  it('counts no traffic as steady', () => {
    const series = traffic(() => 0, 0);
    expect(dependantImpact(slo, series, 0, 600, 2)).toMatchObject({
      steady: true,
      detail: 'burn rate over the fault no traffic (steady below 2)',
    });
  });
});
