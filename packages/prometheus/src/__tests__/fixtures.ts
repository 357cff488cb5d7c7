import type { AlertWindow, Slo } from '@headroom/core';

const DAY = 86400;

/** Sloth's google-30d windows with the factors Sloth prints (14.4, 6, 3, 1). */
export function workbookWindows(periodSeconds = 30 * DAY): AlertWindow[] {
  const w = (
    severity: 'page' | 'ticket',
    speed: 'quick' | 'slow',
    errorBudgetPercent: number,
    shortWindowSeconds: number,
    longWindowSeconds: number,
  ): AlertWindow => ({
    severity,
    speed,
    errorBudgetPercent,
    shortWindowSeconds,
    longWindowSeconds,
    factor: ((errorBudgetPercent / 100) * periodSeconds) / longWindowSeconds,
  });
  return [
    w('page', 'quick', 2, 300, 3600),
    w('page', 'slow', 5, 1800, 6 * 3600),
    w('ticket', 'quick', 10, 2 * 3600, DAY),
    w('ticket', 'slow', 10, 6 * 3600, 3 * DAY),
  ];
}

const ERRORS =
  'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))';
const TOTAL = 'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))';

/** The two SLOs of Sloth's in-base.yaml, as the model holds them. */
export function slothBaseSlos(periodDays = 30): Slo[] {
  const period = periodDays * DAY;
  const window = { duration: `${periodDays}d`, seconds: period, isRolling: true };
  const source = { file: 'in-base.yaml', docIndex: 0, format: 'sloth/v1' as const };
  return [
    {
      name: 'slo1',
      description: 'This is SLO 01.',
      service: 'svc01',
      labels: { global01k1: 'global01v1', global02k1: 'global02v1' },
      annotations: {},
      indicator: {
        kind: 'ratio',
        bad: { source: 'prometheus', query: ERRORS, windowed: true },
        total: { source: 'prometheus', query: TOTAL, windowed: true },
      },
      objective: { target: 0.999 },
      window,
      budgetingMethod: 'Occurrences',
      alerting: {
        name: 'myServiceAlert',
        labels: { alert01k1: 'alert01v1' },
        annotations: { alert02k1: 'alert02k2' },
        page: { enabled: true, labels: { alert03k1: 'alert03v1' }, annotations: {} },
        ticket: { enabled: true, labels: { alert04k1: 'alert04v1' }, annotations: {} },
        windows: workbookWindows(period),
      },
      source,
    },
    {
      name: 'slo02',
      description: 'This is SLO 02.',
      service: 'svc01',
      labels: { global01k1: 'global01v1', global03k1: 'global03v1' },
      annotations: {},
      indicator: {
        kind: 'rawErrorRatio',
        errorRatio: {
          source: 'prometheus',
          query:
            'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))\n/\nsum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))\n',
          windowed: true,
        },
      },
      objective: { target: 0.95 },
      window,
      budgetingMethod: 'Occurrences',
      alerting: {
        labels: {},
        annotations: {},
        page: { enabled: false, labels: {}, annotations: {} },
        ticket: { enabled: false, labels: {}, annotations: {} },
        windows: workbookWindows(period),
      },
      source,
    },
  ];
}

/** A Pyrra-style SLO: counter selectors that the generator wraps in rate(). */
export function counterSlo(overrides: Partial<Slo> = {}): Slo {
  return {
    name: 'availability',
    service: 'checkout',
    owner: 'team-payments',
    lineOfBusiness: 'retail',
    labels: { tier: '1' },
    annotations: {},
    indicator: {
      kind: 'ratio',
      bad: {
        source: 'prometheus',
        query: 'http_requests_total{job="checkout",code=~"5.."}',
        windowed: false,
      },
      total: {
        source: 'prometheus',
        query: 'http_requests_total{job="checkout"}',
        windowed: false,
      },
    },
    objective: { target: 0.999 },
    window: { duration: '30d', seconds: 30 * DAY, isRolling: true },
    budgetingMethod: 'Occurrences',
    alerting: {
      name: 'CheckoutAvailabilityBurn',
      labels: {},
      annotations: {},
      page: { enabled: true, labels: {}, annotations: {} },
      ticket: { enabled: true, labels: {}, annotations: {} },
      windows: workbookWindows(),
    },
    runbookUrl: 'https://runbooks.example/checkout',
    dashboardUrl: 'https://grafana.example/d/checkout',
    source: { file: 'checkout.yaml', docIndex: 0, format: 'headroom' },
    ...overrides,
  };
}
