import type { Incident } from '../incidents/types';
import type { Slo } from '../model/types';
import { lineOfBusinessCoverage, recoverySplit, runbookCoverage, sloAlerts } from './coverage';
import { demoRunbook } from './test-factory';

describe('runbookCoverage', () => {
  it('covers an alert when a runbook of its service would be triggered by its labels', () => {
    const runbook = demoRunbook(); // wallet-api: alertname WalletApiAvailability and the SLO page
    const page = { sloth_service: 'wallet-api', sloth_slo: 'availability', sloth_severity: 'page' };
    const c = runbookCoverage(
      [
        { service: 'wallet-api', alertname: 'WalletApiAvailability', labels: page },
        {
          service: 'wallet-api',
          alertname: 'WalletApiAvailability',
          labels: { ...page, sloth_severity: 'ticket' },
        },
        { service: 'wallet-api', alertname: 'WalletApiLatency', labels: page },
        { service: 'ledger', alertname: 'WalletApiAvailability', labels: page },
      ],
      [runbook],
    );
    expect(c.alerts.map(a => a.runbooks)).toEqual([['wallet-api-errors'], [], [], []]);
    expect(c.covered).toBe(1);
    expect(c.share).toBe(0.25);
    expect(runbookCoverage([], [runbook]).share).toBeNull();
  });
});

describe('lineOfBusinessCoverage', () => {
  it("adds up the alerts of every service of the line of business, and each service's own", () => {
    const page = { sloth_slo: 'availability', sloth_severity: 'page' };
    const alert = (service: string, severity = 'page') => ({
      service,
      alertname: 'WalletApiAvailability',
      labels: { ...page, sloth_service: service, sloth_severity: severity },
    });
    // wallet-api's runbook covers its page, not its ticket; ledger's alerts have none, and
    // wallet-api's runbook does not cover ledger's page though the labels are alike.
    const c = lineOfBusinessCoverage(
      [
        alert('wallet-api'),
        alert('wallet-api', 'ticket'),
        alert('ledger'),
        alert('ledger', 'ticket'),
      ],
      [demoRunbook()],
    );
    expect(c.covered).toBe(1);
    expect(c.share).toBe(0.25);
    expect(c.services).toEqual([
      { service: 'ledger', alerts: 2, covered: 0, share: 0 },
      { service: 'wallet-api', alerts: 2, covered: 1, share: 0.5 },
    ]);
    expect(c.alerts.map(a => [a.service, a.runbooks])).toEqual([
      ['wallet-api', ['wallet-api-errors']],
      ['wallet-api', []],
      ['ledger', []],
      ['ledger', []],
    ]);
    expect(lineOfBusinessCoverage([], [demoRunbook()])).toEqual({
      alerts: [],
      covered: 0,
      share: null,
      services: [],
    });
  });
});

describe('recoverySplit', () => {
  const incident = (id: string, ttrSeconds: number | null) => ({ id, ttrSeconds }) as Incident;

  it('splits MTTR by incidents a runbook recovered and the rest', () => {
    const incidents = [
      incident('a', 75),
      incident('b', 90),
      incident('c', 1200),
      incident('d', 600),
      incident('e', null),
    ];
    const runs = [
      { incidentId: 'a', result: 'recovered' },
      { incidentId: 'b', result: 'recovered' },
      // Escalated and dry runs leave the incident to people.
      { incidentId: 'c', result: 'escalated' },
      { incidentId: 'd', result: 'dry-run' },
      { incidentId: null, result: 'recovered' },
    ];
    const s = recoverySplit(incidents, runs);
    expect(s.incidents).toBe(5);
    // Auto: 75 and 90 → mean 82.5, p50 82.5, p90 75 + 15 × 0.9 = 88.5.
    expect(s.autoRecovered).toEqual({ count: 2, ttr: { mean: 82.5, p50: 82.5, p90: 88.5 } });
    // Manual: 600 and 1200 (e unmitigated) → mean 900, p50 900, p90 600 + 600 × 0.9 = 1140.
    expect(s.manual).toEqual({ count: 3, ttr: { mean: 900, p50: 900, p90: 1140 } });
    expect(s.autoRecoveredShare).toBe(0.4);
    // Time saved against the manual MTTR 900: (900 − 75) + (900 − 90) = 825 + 810 = 1635 s.
    expect(s.timeSavedSeconds).toBe(1635);
    expect(recoverySplit([], runs).autoRecoveredShare).toBeNull();
    // Without a manual TTR there is nothing to compare with.
    expect(recoverySplit([incident('a', 75)], runs).timeSavedSeconds).toBeNull();
  });
});

describe('sloAlerts', () => {
  it("lists an SLO's enabled burn alerts with the labels its rules carry", () => {
    const slo = {
      name: 'availability',
      service: 'wallet-api',
      alerting: {
        name: 'WalletApiAvailability',
        labels: { team: 'custody' },
        page: { enabled: true, labels: { tier: '1' } },
        ticket: { enabled: false, labels: {} },
      },
    } as unknown as Slo;
    const alerts = sloAlerts(slo);
    expect(alerts).toEqual([
      {
        service: 'wallet-api',
        alertname: 'WalletApiAvailability',
        labels: {
          team: 'custody',
          tier: '1',
          sloth_service: 'wallet-api',
          sloth_slo: 'availability',
          sloth_severity: 'page',
        },
      },
    ]);
    expect(runbookCoverage(alerts, [demoRunbook()]).share).toBe(1);
  });
});
