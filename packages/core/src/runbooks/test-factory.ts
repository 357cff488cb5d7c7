import { parseRunbooks } from './parse';
import type { Runbook } from './types';

/** The demo's runbook: a bad wallet-api version found in the recent changes and rolled back. */
export const RUNBOOK_YAML = `apiVersion: headroom.dev/v1alpha1
kind: Runbook
metadata:
  name: wallet-api-errors
spec:
  service: wallet-api
  slo: availability
  trigger:
    labels: { alertname: WalletApiAvailability }
    slo: { severity: page }
  diagnosis:
    - name: error-ratio
      query: sum(rate(http_requests_total{service="wallet-api",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="wallet-api"}[1m]))
      expect: { above: 0.01 }
    - name: recent-deploy
      recentChanges: { within: 30m, includeDependencies: true, actions: [deploy] }
    - name: dependencies
      dependencyHealth:
        errorRatioQuery: sum(rate(http_requests_total{service="{{.service}}",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="{{.service}}"}[1m]))
        maxErrorRatio: 0.05
    - name: saturation
      saturation:
        query: sum(rate(http_requests_total{service="wallet-api"}[1m]))
        capacity: 1200
        above: 0.9
  actions:
    - { name: roll-back, type: rollback, when: [error-ratio, recent-deploy] }
    - { name: scale-out, type: scale, params: { replicas: 12 }, when: [saturation] }
    - { name: restart, type: restart, when: [error-ratio] }
    - name: page-ledger
      type: webhook
      params: { url: "http://127.0.0.1:9/hooks/ledger" }
      when: [dependencies]
      risky: true
  verify: { within: 5m, stableFor: 1m }
  guardrails: { maxExecutions: 2, window: 1h, cooldown: 10m, maxLobShare: 0.5 }
`;

export function demoRunbook(yaml = RUNBOOK_YAML): Runbook {
  const { runbooks, issues } = parseRunbooks(yaml, 'runbooks.yaml');
  if (issues.length > 0) throw new Error(JSON.stringify(issues));
  return runbooks[0]!;
}
