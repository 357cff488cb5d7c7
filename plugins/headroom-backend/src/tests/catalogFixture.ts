import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A small catalog on disk: one line of business (domain payments, system payments-platform),
 * two teams with one member each, and three services: ledger with two valid SLOs, card-issuing
 * with one valid SLO (that tests later break), and fiat-onramp without SLO annotation.
 */
export function writeCatalogFixture(): {
  dir: string;
  location: string;
  breakCardIssuing: () => void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-catalog-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write(
    'all.yaml',
    `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: fixture
spec:
  targets: [./org.yaml, ./ledger/catalog-info.yaml, ./card-issuing/catalog-info.yaml, ./fiat-onramp/catalog-info.yaml]
`,
  );
  write(
    'org.yaml',
    `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-payments }
spec: { type: team, children: [], members: [hana.mori] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-data }
spec: { type: team, children: [], members: [chen.wei] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: hana.mori }
spec: { memberOf: [team-payments] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: chen.wei }
spec: { memberOf: [team-data] }
---
apiVersion: backstage.io/v1alpha1
kind: Domain
metadata:
  name: payments
  annotations: { headroom.dev/line-of-business: payments }
spec: { owner: team-payments }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: payments-platform }
spec: { owner: team-payments, domain: payments }
`,
  );
  const component = (name: string, annotated: boolean) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${annotated ? '  annotations:\n    headroom.dev/slo-file: ./slos.yaml\n' : ''}spec:
  type: service
  lifecycle: production
  owner: team-payments
  system: payments-platform
`;
  const slo = (service: string, name: string, target: number) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: ${service}
  indicator:
    metadata: { name: ${service}-${name} }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: prometheus, spec: { query: 'http_requests_total{service="${service}",code=~"5.."}' } } }
        total: { metricSource: { type: prometheus, spec: { query: 'http_requests_total{service="${service}"}' } } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: ${target} }]
`;
  write('ledger/catalog-info.yaml', component('ledger', true));
  write(
    'ledger/slos.yaml',
    `${slo('ledger', 'availability', 0.9995)}---\n${slo('ledger', 'errors', 0.99)}`,
  );
  write('card-issuing/catalog-info.yaml', component('card-issuing', true));
  write('card-issuing/slos.yaml', slo('card-issuing', 'availability', 0.999));
  write('fiat-onramp/catalog-info.yaml', component('fiat-onramp', false));
  return {
    dir,
    location: path.join(dir, 'all.yaml'),
    breakCardIssuing: () =>
      write('card-issuing/slos.yaml', slo('card-issuing', 'availability', 1.5)),
  };
}

/** Polls `check` until it returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
}
