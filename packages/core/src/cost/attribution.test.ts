import {
  compileAttributionRules,
  entityName,
  parseCostTagsAnnotation,
  type AttributionRule,
} from './attribution';
import { focusRow } from './test-factory';
import type { CostEntity } from './types';

const entities: CostEntity[] = [
  {
    ref: 'component:default/order-gateway',
    owner: 'group:default/core',
    lineOfBusiness: 'retail',
    annotations: { 'headroom.dev/cost-tags': 'service=order-gateway, team=core' },
  },
  {
    ref: 'component:default/order-worker',
    owner: 'group:default/core',
    lineOfBusiness: 'retail',
    annotations: { 'headroom.dev/cost-tags': 'service=order-gateway' },
  },
  {
    ref: 'component:default/payments',
    owner: 'group:default/pay',
    lineOfBusiness: 'finance',
    annotations: { 'backstage.io/kubernetes-namespace': 'pay-prod' },
  },
  { ref: 'component:default/search', owner: null, lineOfBusiness: null },
];

describe('compileAttributionRules', () => {
  const rules: AttributionRule[] = [
    {
      id: 'dns',
      type: 'explicit',
      match: { serviceName: 'Amazon Route 53' },
      entity: 'component:default/search',
    },
    {
      id: 'support',
      type: 'shared',
      match: { serviceName: 'AWS Support*' },
      split: { by: 'even' },
      among: ['component:default/payments', 'component:default/search'],
    },
    { id: 'annotations', type: 'annotation' },
    { id: 'k8s', type: 'namespace' },
    {
      id: 'by-app',
      type: 'tag',
      key: 'Application',
      values: { BrightLens: 'component:default/payments' },
    },
    { id: 'by-service-tag', type: 'tag', key: 'service' },
  ];
  const a = compileAttributionRules(rules, entities);

  it('takes the first rule that places the row', () => {
    expect(
      a.attribute(focusRow({ serviceName: 'Amazon Route 53', tags: { service: 'payments' } })),
    ).toEqual({
      entityRef: 'component:default/search',
      ruleId: 'dns',
    });
  });

  it('matches the most specific cost-tags annotation, keys and values case- and space-insensitively', () => {
    expect(
      a.attribute(focusRow({ tags: { service: 'Order-Gateway', team: 'core ' } })).entityRef,
    ).toBe('component:default/order-gateway');
    expect(
      a.attribute(focusRow({ tags: { service: 'order-gateway', team: 'other' } })).entityRef,
    ).toBe('component:default/order-worker');
  });

  it('maps a Kubernetes namespace through backstage.io/kubernetes-namespace or the entity name', () => {
    expect(a.attribute(focusRow({ tags: { 'aws:eks:namespace': 'pay-prod' } }))).toEqual({
      entityRef: 'component:default/payments',
      ruleId: 'k8s',
    });
    expect(a.attribute(focusRow({ tags: { namespace: 'search' } })).entityRef).toBe(
      'component:default/search',
    );
  });

  it('maps a tag by value table or by entity name', () => {
    expect(a.attribute(focusRow({ tags: { application: 'brightlens' } })).ruleId).toBe('by-app');
    expect(a.attribute(focusRow({ tags: { service: 'SEARCH' } }))).toEqual({
      entityRef: 'component:default/search',
      ruleId: 'by-service-tag',
    });
  });

  it('sends shared rows to a pool and leaves the rest unallocated', () => {
    const shared = a.attribute(focusRow({ serviceName: 'AWS Support (Business)' }));
    expect(shared).toMatchObject({
      entityRef: null,
      ruleId: 'support',
      shared: { by: 'even', among: ['component:default/payments', 'component:default/search'] },
    });
    expect(a.attribute(focusRow({ tags: { service: 'unknown' } }))).toEqual({
      entityRef: null,
      ruleId: null,
    });
  });

  it('names the rule and field of a bad rule', () => {
    expect(() =>
      compileAttributionRules(
        [
          {
            id: 'x',
            type: 'explicit',
            match: { serviceName: 'a' },
            entity: 'component:default/nope',
          },
        ],
        entities,
      ),
    ).toThrow('rule "x": entity "component:default/nope" is not a known entity');
    expect(() =>
      compileAttributionRules(
        [{ id: 'x', type: 'explicit', match: {}, entity: 'component:default/search' }],
        entities,
      ),
    ).toThrow(/match is empty/);
    expect(() =>
      compileAttributionRules(
        [
          { id: 'x', type: 'annotation' },
          { id: 'x', type: 'annotation' },
        ],
        entities,
      ),
    ).toThrow('rule "x" appears twice');
    expect(() =>
      compileAttributionRules(
        [
          {
            id: 'x',
            type: 'explicit',
            match: { color: 'red' } as never,
            entity: 'component:default/search',
          },
        ],
        entities,
      ),
    ).toThrow('rule "x": match.color is not a field rules can match');
    expect(() =>
      compileAttributionRules(
        [{ id: 'a', type: 'annotation' }],
        [{ ref: 'component:default/z', annotations: { 'headroom.dev/cost-tags': 'team' } }],
      ),
    ).toThrow(
      'entity "component:default/z": annotation headroom.dev/cost-tags: "team" is not key=value',
    );
  });
});

describe('helpers', () => {
  it('reads entity names and cost-tags annotations', () => {
    expect(entityName('component:default/order-gateway')).toBe('order-gateway');
    expect(entityName('order-gateway')).toBe('order-gateway');
    expect(parseCostTagsAnnotation(' Service = Order-Gateway ;team=core\n')).toEqual([
      { key: 'service', value: 'order-gateway' },
      { key: 'team', value: 'core' },
    ]);
  });
});
