import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import {
  DEFAULT_COST_RULES,
  durationSeconds,
  readCostSettings,
  withAnnotationRule,
} from './config';
import { openCostWindow } from './CostImporter';

const settings = (cost: JsonValue | undefined) =>
  readCostSettings(new ConfigReader({ headroom: { cost } }));

describe('headroom.cost settings', () => {
  it('reads the three kinds of source with their defaults and schedules', () => {
    const s = settings({
      sources: [
        { id: 'aws-payer', type: 'focus', location: ' /data/focus/ ', schedule: { hours: 6 } },
        {
          id: 'k8s',
          type: 'opencost',
          baseUrl: 'http://opencost:9003',
          schedule: 'PT30M',
          headers: { Authorization: 'Bearer t' },
        },
        { id: 'manual', type: 'upload' },
      ],
    });
    expect(s.sources).toEqual([
      {
        id: 'aws-payer',
        type: 'focus',
        location: '/data/focus/',
        headers: {},
        schedule: { hours: 6 },
      },
      {
        id: 'k8s',
        type: 'opencost',
        baseUrl: 'http://opencost:9003',
        window: 'auto',
        aggregate: 'namespace',
        step: '1d',
        currency: 'USD',
        headers: { Authorization: 'Bearer t' },
        schedule: { minutes: 30 },
      },
      { id: 'manual', type: 'upload', schedule: null },
    ]);
    expect(durationSeconds(s.sources[0]!.schedule!)).toBe(21_600);
    expect(s.rules).toEqual(DEFAULT_COST_RULES);
    expect(s.sampleLimit).toBe(100);
    expect(s.timeout).toEqual({ minutes: 30 });
    expect(settings(undefined).sources).toEqual([]);
  });

  it('names the key of every bad setting', () => {
    const focus = { type: 'focus', location: '/x' };
    expect(() =>
      settings({
        sources: [
          { ...focus, id: 'a' },
          { ...focus, id: 'a' },
        ],
      }),
    ).toThrow('headroom.cost.sources[1].id "a" is used by another source');
    expect(() => settings({ sources: [{ ...focus, id: 'a b' }] })).toThrow(
      /^headroom\.cost\.sources\[0\]\.id "a b" must be letters/,
    );
    expect(() => settings({ sources: [{ id: 'a', type: 'csv' }] })).toThrow(
      'headroom.cost.sources[0].type "csv" must be focus, opencost or upload',
    );
    expect(() =>
      settings({ sources: [{ id: 'a', type: 'opencost', baseUrl: 'opencost:9003' }] }),
    ).toThrow('headroom.cost.sources[0].baseUrl "opencost:9003" is not an http(s) URL');
    expect(() =>
      settings({ sources: [{ id: 'a', type: 'opencost', baseUrl: 'http://o', currency: 'usd' }] }),
    ).toThrow('headroom.cost.sources[0].currency "usd" is not an ISO 4217 code such as USD');
    expect(() => settings({ sources: [{ ...focus, id: 'a', schedule: { hours: 0 } }] })).toThrow(
      'headroom.cost.sources[0].schedule must be a positive duration such as { hours: 6 }',
    );
    expect(() => settings({ sources: [{ id: 'a', type: 'focus' }] })).toThrow(/location/);
    expect(() =>
      settings({
        attribution: [
          { id: 'a', type: 'annotation' },
          { id: 'b', type: 'tags', key: 'x' },
        ],
      }),
    ).toThrow(/^headroom\.cost\.attribution\[1\]\.type: /);
    expect(() =>
      settings({
        attribution: [{ id: 's', type: 'shared', match: { service: 'x' }, split: { by: 'even' } }],
      }),
    ).toThrow(/^headroom\.cost\.attribution\[0\]\.match: .*service/);
    expect(() => settings({ badRowSamples: -1 })).toThrow(
      'headroom.cost.badRowSamples must be an integer from 0 to 10000, got -1',
    );
  });

  it('adds the cost-tags annotation rule after explicit and shared rules, before broad ones', () => {
    const explicit = {
      id: 'e',
      type: 'explicit',
      match: { skuId: 'x' },
      entity: 'component:default/a',
    } as const;
    const tag = { id: 'cost-tags', type: 'tag', key: 'service' } as const;
    expect(withAnnotationRule([explicit, tag])).toEqual([
      explicit,
      { id: 'cost-tags-2', type: 'annotation' },
      tag,
    ]);
    expect(withAnnotationRule([explicit])).toEqual([
      explicit,
      { id: 'cost-tags', type: 'annotation' },
    ]);
    const own = [tag, { id: 'mine', type: 'annotation' } as const];
    expect(withAnnotationRule(own)).toEqual(own);
    expect(settings({ attribution: [tag] }).rules.map(r => r.id)).toEqual([
      'cost-tags-2',
      'cost-tags',
    ]);
  });
});

describe('the OpenCost window', () => {
  const source = {
    id: 'k8s',
    type: 'opencost' as const,
    baseUrl: 'http://o',
    window: 'auto',
    aggregate: 'namespace',
    step: '1d',
    currency: 'USD',
    headers: {},
    schedule: null,
  };

  it('covers whole months: this month, and the last one during the first two days', () => {
    expect(openCostWindow(source, new Date('2026-11-25T12:00:00.500Z'))).toBe(
      '2026-11-01T00:00:00Z,2026-11-25T12:00:00Z',
    );
    expect(openCostWindow(source, new Date('2026-12-02T01:00:00Z'))).toBe(
      '2026-11-01T00:00:00Z,2026-12-02T01:00:00Z',
    );
    expect(openCostWindow(source, new Date('2027-01-03T00:00:00Z'))).toBe(
      '2027-01-01T00:00:00Z,2027-01-03T00:00:00Z',
    );
    expect(openCostWindow({ ...source, window: '2d' }, new Date())).toBe('2d');
  });
});
