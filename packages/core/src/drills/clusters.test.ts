import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { referenceDir } from '../../../../test/reference';
import { chaosMeshResources, ClusterFaultError, litmusChaosEngines } from './clusters';
import { testDrill } from './test-factory';
import type { DrillFault } from './types';

const fault = (type: DrillFault['type'], magnitude: number): DrillFault => ({
  type,
  target: 'wallet-api',
  magnitude,
  durationSeconds: 300,
  weight: 5,
});
const every: DrillFault[] = [
  fault('errors', 0.5),
  fault('latency', 4),
  fault('outage', 1),
  fault('capacity-loss', 0.5),
  fault('dependency-outage', 1),
];
const target = {
  namespace: 'custody',
  appLabel: (service: string) => `app.kubernetes.io/name=${service}`,
  chaosServiceAccount: 'litmus-admin',
  prometheusEndpoint: 'http://prometheus.monitoring:9090',
  burnRateQuery: (w: number) =>
    `slo:sli_error:ratio_rate${w / 60}m{sloth_service="wallet-api"} / 0.001`,
  baselineLatencyMs: 80,
};

describe('LitmusChaos ChaosEngine', () => {
  const crd = parse(
    readFileSync(join(referenceDir('litmus'), 'crds', 'chaosengine_crd.yaml'), 'utf8'),
  ) as { spec: { versions: { name: string; schema: { openAPIV3Schema: object } }[] } };
  const schema = crd.spec.versions.find(v => v.name === 'v1alpha1')!.schema.openAPIV3Schema;
  // Kubernetes' structural-schema keywords (x-kubernetes-*) are not JSON Schema: not strict.
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

  it("validates against Litmus's own CRD, with the SLO's burn rate as an Edge promProbe", () => {
    const engines = litmusChaosEngines(testDrill({ faults: every }), target);
    expect(engines).toHaveLength(1);
    const engine = engines[0]!;
    expect(validate(engine)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    const spec = engine['spec'] as {
      appinfo: unknown;
      experiments: { name: string; spec: { components: { env: unknown[] }; probe: unknown[] } }[];
    };
    expect(spec.appinfo).toEqual({
      appns: 'custody',
      applabel: 'app.kubernetes.io/name=wallet-api',
      appkind: 'deployment',
    });
    expect(spec.experiments.map(e => e.name)).toEqual([
      'pod-http-status-code',
      'pod-http-latency',
      'pod-network-loss',
      'pod-delete',
      'pod-network-loss',
    ]);
    // 4× the median of 80 ms is 240 ms more.
    expect(spec.experiments[1]!.spec.components.env).toContainEqual({
      name: 'LATENCY',
      value: '240',
    });
    expect(spec.experiments[0]!.spec.probe).toEqual([
      {
        name: 'wallet-api-bad-deploy-burn-5m',
        type: 'promProbe',
        mode: 'Edge',
        'promProbe/inputs': {
          endpoint: 'http://prometheus.monitoring:9090',
          query: 'slo:sli_error:ratio_rate5m{sloth_service="wallet-api"} / 0.001',
          comparator: { criteria: '<', value: '2' },
        },
        runProperties: { probeTimeout: '5s', interval: '5s', retry: 1 },
      },
    ]);
  });

  it("is refused by the CRD when a field breaks Litmus's patterns (the check can fail)", () => {
    const engine = litmusChaosEngines(testDrill({ faults: every }), target)[0]!;
    const broken = JSON.parse(JSON.stringify(engine)) as {
      spec: { engineState: string; experiments: { spec: { probe: { mode: string }[] } }[] };
    };
    broken.spec.engineState = 'running';
    broken.spec.experiments[0]!.spec.probe[0]!.mode = 'SoT';
    expect(validate(broken)).toBe(false);
    expect(validate.errors!.map(e => e.instancePath).sort()).toEqual([
      '/spec/engineState',
      '/spec/experiments/0/spec/probe/0/mode',
    ]);
  });

  it('refuses a bad deploy, which is not a chaos fault', () => {
    expect(() =>
      litmusChaosEngines(testDrill({ faults: [fault('bad-deploy', 0.5)] }), target),
    ).toThrow(ClusterFaultError);
  });
});

describe('Chaos Mesh resources', () => {
  const examples = readdirSync(join(referenceDir('chaos-mesh'), 'examples')).flatMap(f =>
    parseAllDocuments(readFileSync(join(referenceDir('chaos-mesh'), 'examples', f), 'utf8')).map(
      d => d.toJS() as { apiVersion: string; kind: string; spec: Record<string, unknown> },
    ),
  );
  const resources = chaosMeshResources(testDrill({ faults: every }), target) as {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace: string };
    spec: Record<string, unknown>;
  }[];

  it('uses the group and version of every example, and kinds the examples use', () => {
    const kinds = new Set(examples.map(e => e.kind));
    for (const r of resources) {
      expect(r.apiVersion).toBe('chaos-mesh.org/v1alpha1');
      expect(kinds).toContain(r.kind);
    }
    expect(resources.map(r => `${r.kind}/${String(r.spec['action'] ?? 'abort')}`)).toEqual([
      'HTTPChaos/abort',
      'NetworkChaos/delay',
      'NetworkChaos/loss',
      'PodChaos/pod-failure',
      'NetworkChaos/loss',
    ]);
  });

  it('writes each kind in the shape of its examples: selector, mode, action blocks', () => {
    for (const r of resources) {
      const sameKind = examples.filter(e => e.kind === r.kind);
      // Selector written as the examples write it.
      expect(Object.keys(r.spec['selector'] as object).sort()).toEqual([
        'labelSelectors',
        'namespaces',
      ]);
      expect(['one', 'all', 'fixed', 'fixed-percent', 'random-max-percent']).toContain(
        r.spec['mode'],
      );
      if (['fixed', 'fixed-percent', 'random-max-percent'].includes(r.spec['mode'] as string)) {
        expect(typeof r.spec['value']).toBe('string');
      }
      const action = r.spec['action'] as string | undefined;
      if (action && sameKind.some(e => e.spec['action'] === action && e.spec[action])) {
        // The action's own block (delay, loss) has the example's fields.
        const example = sameKind.find(e => e.spec['action'] === action)!;
        expect(Object.keys(r.spec[action] as object).sort()).toEqual(
          Object.keys(example.spec[action] as object).sort(),
        );
      }
      expect(r.spec['duration']).toBe('5m');
    }
  });
});
