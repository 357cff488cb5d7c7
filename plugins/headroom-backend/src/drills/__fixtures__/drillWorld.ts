import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { judgeDrill, parseDrills, type Drill, type DrillRunRecord } from '@headroom/core';

/**
 * Three services on disk, each with a catalog-info.yaml location and a drills file beside it:
 * matching-engine (spot, depends on ledger), fiat-onramp (payments, depends on ledger) and
 * ledger (payments). `fiat-onramp`'s file can be broken on purpose.
 */
export function writeDrillWorld(): {
  dir: string;
  entities: Entity[];
  drill: (service: string) => Drill;
  breakFile: (service: string, text: string) => void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-drills-'));
  const spec = (service: string, lob: string, dependsOn: string[], schedule: string): Entity => {
    fs.mkdirSync(path.join(dir, service));
    fs.writeFileSync(path.join(dir, service, 'drills.yaml'), drillYaml(service, schedule));
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: service,
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${path.join(dir, service, 'catalog-info.yaml')}`,
          'headroom.dev/drills': './drills.yaml',
          'headroom.dev/line-of-business': lob,
        },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
      relations: [
        { type: 'ownedBy', targetRef: 'group:default/team-payments' },
        ...dependsOn.map(d => ({ type: 'dependsOn', targetRef: `component:default/${d}` })),
      ],
    };
  };
  const entities = [
    spec('matching-engine', 'spot', ['ledger'], '0 10 * * 2'),
    spec('fiat-onramp', 'payments', ['ledger'], '*/5 * * * *'),
    spec('ledger', 'payments', [], '0 3 1 * *'),
  ];
  return {
    dir,
    entities,
    drill: service => {
      const file = path.join(dir, service, 'drills.yaml');
      return parseDrills(fs.readFileSync(file, 'utf8'), file).drills[0]!;
    },
    breakFile: (service, text) => fs.writeFileSync(path.join(dir, service, 'drills.yaml'), text),
  };
}

function drillYaml(service: string, cron: string): string {
  return `apiVersion: headroom.dev/v1alpha1
kind: Drill
metadata:
  name: ${service}-errors
spec:
  service: ${service}
  slo: availability
  hypothesis: Half of ${service}'s requests failing pages within a minute.
  steadyState:
    - burnRate: { window: 5m, below: 2 }
  faults:
    - type: errors
      target: ${service}
      magnitude: 0.5
      duration: 2m
      weight: 8
  expect:
    alert: { severity: page, within: 60s }
    recovery: { within: 5m, stableFor: 1m }
  schedule:
    cron: "${cron}"
    minBudgetRemaining: 0.5
`;
}

/** A run of `drill` judged by core: the page fires after `ttd` seconds, or never (null). */
export function judged(drill: Drill, at: number, ttd: number | null): DrillRunRecord {
  const steady = [{ term: drill.steadyState[0]!, value: 0.4 }];
  return judgeDrill(drill, {
    startedAt: at,
    faultStartedAt: at + 5,
    faultEndedAt: at + 125,
    endedAt: at + 500,
    before: steady,
    after: steady,
    ...(ttd === null ? {} : { alertFiredAt: at + 5 + ttd }),
    recoveredAt: at + 185,
    budgetSpent: 0.0021,
  });
}
