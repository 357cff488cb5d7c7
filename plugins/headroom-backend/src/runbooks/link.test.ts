import { incidentForRun } from './link';

const T = 1_796_000_000;
const incidents = [
  { id: 'old-1', service: 'wallet-api', detectedAt: T - 7200, resolvedAt: T - 3600 },
  { id: 'open-1', service: 'wallet-api', detectedAt: T - 30, resolvedAt: null },
  { id: 'other-1', service: 'ledger', detectedAt: T, resolvedAt: null },
  { id: 'later-1', service: 'wallet-api', detectedAt: T + 600, resolvedAt: null },
];

describe('incidentForRun', () => {
  it("takes the service's incident open when the alert fired, closest first", () => {
    expect(incidentForRun(incidents, 'wallet-api', T)).toBe('open-1');
    expect(incidentForRun(incidents, 'ledger', T + 100)).toBe('other-1');
  });

  it('allows two minutes either side and nothing more', () => {
    // Resolved 3600 s before: too early; detected 600 s after: too late.
    expect(incidentForRun(incidents.slice(0, 1), 'wallet-api', T)).toBeNull();
    expect(incidentForRun(incidents.slice(3), 'wallet-api', T)).toBeNull();
    expect(incidentForRun(incidents.slice(3), 'wallet-api', T + 480)).toBe('later-1');
    expect(incidentForRun(incidents.slice(0, 1), 'wallet-api', T - 3600 + 120)).toBe('old-1');
    expect(incidentForRun(incidents.slice(0, 1), 'wallet-api', T - 3600 + 121)).toBeNull();
  });
});
