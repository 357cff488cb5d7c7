import type { Drill } from './types';

/** A drill as tests write it: one bad deploy of wallet-api, paged within a minute. */
export function drillYaml(overrides: { spec?: string; name?: string } = {}): string {
  return `apiVersion: headroom.dev/v1alpha1
kind: Drill
metadata:
  name: ${overrides.name ?? 'wallet-api-bad-deploy'}
spec:
${
  overrides.spec ??
  `  service: wallet-api
  slo: availability
  hypothesis: A bad wallet-api version pages within a minute and is rolled back within five.
  steadyState:
    - burnRate: { window: 5m, below: 2 }
    - sli: { window: 1h, above: 0.99 }
  faults:
    - type: bad-deploy
      target: wallet-api
      magnitude: 0.5
      duration: 10m
      weight: 8
  abort:
    - burnRate: { window: 5m, above: 900 }
    - incident: { severity: P1 }
  expect:
    alert: { severity: page, within: 60s }
    recovery: { within: 5m, by: runbook }
  schedule:
    cron: "0 10 * * 2"
`
}`;
}

export function testDrill(overrides: Partial<Drill> = {}): Drill {
  return {
    name: 'wallet-api-bad-deploy',
    service: 'wallet-api',
    slo: 'availability',
    hypothesis: 'A bad version pages within a minute.',
    steadyState: [
      { kind: 'burnRate', windowSeconds: 300, below: 2 },
      { kind: 'sli', windowSeconds: 3600, above: 0.99 },
    ],
    faults: [
      {
        type: 'errors',
        target: 'wallet-api',
        magnitude: 0.5,
        durationSeconds: 600,
        weight: 8,
      },
    ],
    blastRadius: { maxServices: 1 },
    abort: [],
    expect: {
      alert: { severity: 'page', withinSeconds: 60 },
      recovery: { withinSeconds: 300, stableSeconds: 300, by: 'fault-end' },
    },
    source: { file: 'test', docIndex: 0 },
    ...overrides,
  };
}
