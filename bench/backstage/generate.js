#!/usr/bin/env node
// Writes a synthetic catalog for the Backstage benchmark: <entities> Component entities, each
// with an SLO file of <slos> OpenSLO documents, spread over 100 teams, 40 systems and the 4 lines
// of business (domains). catalog.yaml holds the domains, systems and teams and a Location with
// <files> catalog files that share the components between them, as teams keep their
// catalog-info files; with <files> = 1 every component is in catalog.yaml itself.
//   node bench/backstage/generate.js <dir> [entities=10000] [slos=5] [files=100]
const fs = require('node:fs');
const path = require('node:path');

const [dir, entitiesArg = '10000', slosArg = '5', filesArg = '100'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: generate.js <dir> [entities] [slos per entity] [catalog files]');
  process.exit(2);
}
const entities = Number(entitiesArg);
const slosPerEntity = Number(slosArg);
const files = Math.max(1, Math.min(Number(filesArg), entities));
const LOBS = ['spot', 'derivatives', 'custody', 'payments'];
const TEAMS = 100;
const SYSTEMS = 40;
const pad = (n, w) => String(n).padStart(w, '0');
const name = i => `svc-${pad(i, 5)}`;

fs.mkdirSync(path.join(dir, 'slos'), { recursive: true });
const docs = [];
for (const lob of LOBS) {
  docs.push(
    `apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata:\n  name: ${lob}\n  annotations:\n    headroom.dev/line-of-business: ${lob}\nspec:\n  owner: team-000\n`,
  );
}
for (let s = 0; s < SYSTEMS; s++) {
  docs.push(
    `apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: system-${pad(s, 2)}\nspec:\n  owner: team-${pad(s, 3)}\n  domain: ${LOBS[s % LOBS.length]}\n`,
  );
}
for (let t = 0; t < TEAMS; t++) {
  docs.push(
    `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-${pad(t, 3)}\nspec:\n  type: team\n  children: []\n`,
  );
}
const objectives = [0.999, 0.9995, 0.99, 0.995, 0.9];
// Component documents per catalog file; with one file they go into catalog.yaml.
const fileDocs = Array.from({ length: files }, () => []);
for (let i = 0; i < entities; i++) {
  const svc = name(i);
  (files === 1 ? docs : fileDocs[i % files]).push(
    `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${svc}\n  annotations:\n    headroom.dev/slo-file: ./slos/${svc}.yaml\nspec:\n  type: service\n  lifecycle: production\n  owner: team-${pad(i % TEAMS, 3)}\n  system: system-${pad(i % SYSTEMS, 2)}\n`,
  );
  const slos = [];
  for (let k = 0; k < slosPerEntity; k++) {
    slos.push(`apiVersion: openslo/v1
kind: SLO
metadata:
  name: slo-${k}
spec:
  service: ${svc}
  indicator:
    metadata:
      name: ${svc}-slo-${k}
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: prometheus
            spec:
              query: http_requests_total{service="${svc}",route="r${k}",code=~"5.."}
        total:
          metricSource:
            type: prometheus
            spec:
              query: http_requests_total{service="${svc}",route="r${k}"}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: ${objectives[k % objectives.length]}
`);
  }
  fs.writeFileSync(path.join(dir, 'slos', `${svc}.yaml`), slos.join('---\n'));
}
if (files > 1) {
  const targets = fileDocs.map((_, f) => `components-${pad(f, 3)}.yaml`);
  docs.push(
    `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: components\nspec:\n  targets:\n${targets.map(t => `    - ./${t}\n`).join('')}`,
  );
  fileDocs.forEach((d, f) => fs.writeFileSync(path.join(dir, targets[f]), d.join('---\n')));
}
fs.writeFileSync(path.join(dir, 'catalog.yaml'), docs.join('---\n'));
console.log(
  `${entities} entities, ${entities * slosPerEntity} SLOs in ${dir}, components in ${files} catalog file(s)`,
);
