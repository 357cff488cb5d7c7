import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { workloadOf } from './entities';
import { DEFAULT_USAGE_QUERIES, optimiseSettings } from './settings';
import { renderQuery } from './usage';

const config = (optimise: JsonObject, prometheus = true) =>
  mockServices.rootConfig({
    data: {
      headroom: {
        ...(prometheus ? { prometheus: { baseUrl: 'http://127.0.0.1:9090' } } : {}),
        optimise,
      },
    },
  });

describe('optimiseSettings', () => {
  it('takes defaults, runs only with Prometheus, and overrides single queries', () => {
    const s = optimiseSettings(
      config({ queries: { driver: 'sum(rate(orders_total{app="{{service}}"}[5m]))' } }),
    );
    expect(s).toMatchObject({
      enabled: true,
      intervalMinutes: 360,
      historyDays: 14,
      stepSeconds: 300,
      strategy: 'requests',
      timeZone: 'UTC',
      verifyAfterHours: 24,
      prices: undefined,
      anomalies: { enabled: true, intervalMinutes: 60, historyDays: 90, threshold: 0.5 },
    });
    expect(s.queries.driver).toBe('sum(rate(orders_total{app="{{service}}"}[5m]))');
    expect(s.queries.cpu).toBe(DEFAULT_USAGE_QUERIES.cpu);
    expect(optimiseSettings(config({}, false)).enabled).toBe(false);
  });

  it('refuses bad values naming the key', () => {
    expect(() => optimiseSettings(config({ historyDays: 0 }))).toThrow(
      'headroom.optimise.historyDays must be a positive number, got 0',
    );
    expect(() => optimiseSettings(config({ strategy: 'both' }))).toThrow(
      "headroom.optimise.strategy must be 'requests' or 'replicas', got 'both'",
    );
    expect(() =>
      optimiseSettings(config({ prices: { cpuCoreHour: 0.03, memoryGiBHour: -1 } })),
    ).toThrow('headroom.optimise.prices.memoryGiBHour must be a non-negative number, got -1');
    expect(() =>
      optimiseSettings(
        config({ prices: { cpuCoreHour: 0.03, memoryGiBHour: 0.004, currency: 'usd' } }),
      ),
    ).toThrow("headroom.optimise.prices.currency must be an ISO 4217 code like USD, got 'usd'");
    expect(() => optimiseSettings(config({ anomalies: { threshold: 1 } }))).toThrow(
      'headroom.optimise.anomalies.threshold must be in (0, 1), got 1',
    );
    expect(() => optimiseSettings(config({ timeZone: 'Mars/Olympus' }))).toThrow(
      "headroom.optimise.timeZone must be an IANA time zone like Europe/Berlin, got 'Mars/Olympus'",
    );
  });
});

describe('renderQuery', () => {
  it('puts the service label in, escaped for a PromQL string', () => {
    expect(renderQuery('up{service="{{service}}"} + up{job="{{service}}"}', 'a"b\\c')).toBe(
      'up{service="a\\"b\\\\c"} + up{job="a\\"b\\\\c"}',
    );
  });
});

describe('workloadOf', () => {
  const entity = (annotation?: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'market-data',
      ...(annotation ? { annotations: { 'headroom.dev/kubernetes-workload': annotation } } : {}),
    },
  });

  it('reads the annotation, else a Deployment named like the entity', () => {
    expect(workloadOf(entity('statefulset/spot/md-cache/redis'))).toEqual({
      kind: 'StatefulSet',
      namespace: 'spot',
      name: 'md-cache',
      container: 'redis',
    });
    expect(workloadOf(entity())).toEqual({
      kind: 'Deployment',
      namespace: 'default',
      name: 'market-data',
      container: 'market-data',
    });
  });

  it('names the annotation when it is malformed', () => {
    expect(() => workloadOf(entity('Deployment/spot/market-data'))).toThrow(
      "component:default/market-data: annotation headroom.dev/kubernetes-workload must be <Deployment|StatefulSet|DaemonSet>/<namespace>/<name>/<container>, got 'Deployment/spot/market-data'",
    );
    expect(() => workloadOf(entity('CronJob/spot/a/b'))).toThrow(/got 'CronJob\/spot\/a\/b'/);
  });
});
