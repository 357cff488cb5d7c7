import {
  chooseActions,
  dependencyHealthFinding,
  failedFinding,
  queryFinding,
  recentChangesFinding,
  saturationFinding,
  triggerMatches,
} from './diagnose';
import { demoRunbook } from './test-factory';
import type { DiagnosisStep, RecentChange } from './types';

const runbook = demoRunbook();
type Step<K extends DiagnosisStep['kind']> = Extract<DiagnosisStep, { kind: K }>;
const [errorRatio, recent, deps, saturation] = runbook.diagnosis as [
  Step<'query'>,
  Step<'recentChanges'>,
  Step<'dependencyHealth'>,
  Step<'saturation'>,
];
const NOW = 1_800_000_000;

describe('runbook trigger', () => {
  it('matches the SLO page alert in either label style with the required labels', () => {
    const base = { alertname: 'WalletApiAvailability' };
    expect(
      triggerMatches(runbook, {
        ...base,
        sloth_severity: 'page',
        sloth_service: 'wallet-api',
        sloth_slo: 'availability',
      }),
    ).toBe(true);
    expect(
      triggerMatches(runbook, {
        ...base,
        headroom_severity: 'page',
        headroom_service: 'wallet-api',
        headroom_slo: 'availability',
      }),
    ).toBe(true);
    expect(
      triggerMatches(runbook, {
        ...base,
        sloth_severity: 'ticket',
        sloth_service: 'wallet-api',
        sloth_slo: 'availability',
      }),
    ).toBe(false);
    expect(
      triggerMatches(runbook, {
        alertname: 'Other',
        sloth_severity: 'page',
        sloth_service: 'wallet-api',
        sloth_slo: 'availability',
      }),
    ).toBe(false);
  });
});

describe('diagnosis findings', () => {
  it('compares a query value with its bound; no data never holds', () => {
    expect(queryFinding(errorRatio, 0.5)).toMatchObject({
      holds: true,
      detail: '0.5 is above 0.01',
    });
    expect(queryFinding(errorRatio, 0.01).holds).toBe(false);
    expect(queryFinding(errorRatio, null)).toMatchObject({
      holds: false,
      detail: 'the query returned no data',
    });
  });

  it('finds the recent deploys of the service and its dependencies, newest first', () => {
    const changes: RecentChange[] = [
      { service: 'wallet-api', at: NOW - 1900, action: 'deploy', detail: { version: 'v2' } },
      { service: 'wallet-api', at: NOW - 120, action: 'deploy', detail: { version: 'v3' } },
      { service: 'ledger', at: NOW - 60, action: 'deploy', detail: { version: 'l9' } },
      { service: 'wallet-api', at: NOW - 30, action: 'scale', detail: { replicas: 8 } },
      { service: 'market-data', at: NOW - 10, action: 'deploy', detail: {} },
    ];
    const f = recentChangesFinding(recent, 'wallet-api', ['ledger'], changes, NOW);
    expect(f.holds).toBe(true);
    expect(f.value).toBe(2);
    expect(f.changes!.map(c => c.detail['version'])).toEqual(['l9', 'v3']);
    expect(f.detail).toBe('2 change(s); the last: deploy of ledger 60 s ago (version=l9)');
    const alone = recentChangesFinding(
      { ...recent, includeDependencies: false },
      'wallet-api',
      ['ledger'],
      changes,
      NOW,
    );
    expect(alone.changes!.map(c => c.detail['version'])).toEqual(['v3']);
    expect(recentChangesFinding(recent, 'wallet-api', [], [], NOW)).toMatchObject({
      holds: false,
      detail: 'no change of wallet-api in the last 1800 s',
    });
  });

  it('names unhealthy dependencies', () => {
    const f = dependencyHealthFinding(
      deps,
      new Map([
        ['ledger', 0.2],
        ['cold-storage', 0.001],
        ['x', null],
      ]),
    );
    expect(f).toMatchObject({ holds: true, value: 0.2, unhealthy: ['ledger'] });
    expect(dependencyHealthFinding(deps, new Map()).detail).toBe(
      'the service has no dependencies in the catalog graph',
    );
  });

  it('reads saturation as use over capacity', () => {
    // 1,140 req/s of 1,200 = 95 % > 90 %.
    expect(saturationFinding(saturation, 1140, 1200)).toMatchObject({
      holds: true,
      value: 0.95,
      detail: '1140 of 1200 is 95 % (limit 90 %)',
    });
    expect(saturationFinding(saturation, 1000, 1200).holds).toBe(false);
    expect(saturationFinding(saturation, 1000, null).detail).toBe('no capacity assessed');
  });

  it('chooses the actions whose steps all hold, in the runbook order', () => {
    const findings = [
      queryFinding(errorRatio, 0.5),
      { ...failedFinding(recent, 'simulator down') },
      dependencyHealthFinding(deps, new Map([['ledger', 0]])),
      saturationFinding(saturation, 100, 1200),
    ];
    // No recent change could be read: the rollback is not chosen, the restart is.
    expect(chooseActions(runbook, findings).map(a => a.name)).toEqual(['restart']);
    findings[1] = recentChangesFinding(
      recent,
      'wallet-api',
      [],
      [{ service: 'wallet-api', at: NOW - 5, action: 'deploy', detail: {} }],
      NOW,
    );
    expect(chooseActions(runbook, findings).map(a => a.name)).toEqual(['roll-back', 'restart']);
  });
});
