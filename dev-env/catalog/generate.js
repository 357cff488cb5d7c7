#!/usr/bin/env node
// Writes the demo catalog from the traffic simulator's world (dev-env/simulator/src/world.ts),
// so that teams, services, owners, dependencies and SLO objectives are the same in Backstage and
// in the metrics, and each component's cost annotations (unit-cost driver, cost tags) come from
// the demo bill's model (dev-env/cost). Run after building both:
//   node_modules/.bin/tsc -b dev-env/cost && node dev-env/catalog/generate.js
const fs = require('node:fs');
const path = require('node:path');
const { TEAMS, SERVICES } = require('../simulator/dist/world.js');
const { costAnnotationsOf } = require('../cost/dist/catalog.js');

const here = __dirname;
const LOBS = {
  spot: {
    title: 'Spot',
    description: 'Spot trading: order entry, matching and market data',
    system: 'spot-trading',
  },
  derivatives: {
    title: 'Derivatives',
    description: 'Perpetuals: risk, funding and liquidations',
    system: 'derivatives-trading',
  },
  custody: {
    title: 'Custody',
    description: 'Customer wallets, cold storage and withdrawals',
    system: 'custody-platform',
  },
  payments: {
    title: 'Payments',
    description: 'Ledger, cards and fiat rails',
    system: 'payments-platform',
  },
};
// People, so that ownership means something when editing SLOs (owners may, others may not).
const MEMBERS = {
  'team-core-trading': ['ana.silva', 'ben.okafor'],
  'team-data': ['chen.wei'],
  'team-derivatives': ['dara.khan', 'eli.novak'],
  'team-custody': ['farah.haddad'],
  'team-security': ['gus.lindqvist'],
  'team-payments': ['hana.mori', 'ivan.petrov'],
  'team-platform': ['jo.mensah'],
  'team-finops': ['kai.sato'],
};

const q = s => JSON.stringify(s);
const doc = lines => lines.join('\n') + '\n';
function write(file, text) {
  fs.mkdirSync(path.dirname(path.join(here, file)), { recursive: true });
  fs.writeFileSync(path.join(here, file), text);
}

const org = [];
for (const team of TEAMS) {
  const members = MEMBERS[team.name] ?? [];
  org.push(
    doc([
      'apiVersion: backstage.io/v1alpha1',
      'kind: Group',
      'metadata:',
      `  name: ${team.name}`,
      `  description: ${q(team.description)}`,
      '  annotations:',
      `    headroom.dev/line-of-business: ${team.lob}`,
      'spec:',
      '  type: team',
      '  children: []',
      `  members: [${members.join(', ')}]`,
    ]),
  );
  for (const m of members) {
    const [first, last] = m.split('.');
    const cap = s => s[0].toUpperCase() + s.slice(1);
    org.push(
      doc([
        'apiVersion: backstage.io/v1alpha1',
        'kind: User',
        'metadata:',
        `  name: ${m}`,
        'spec:',
        '  profile:',
        `    displayName: ${cap(first)} ${cap(last)}`,
        `    email: ${m}@exchange.example`,
        `  memberOf: [${team.name}]`,
      ]),
    );
  }
}
write('org.yaml', '# Teams of the demo exchange and a few of their members.\n' + org.join('---\n'));

const domains = [];
for (const [lob, d] of Object.entries(LOBS)) {
  const owners = [...new Set(SERVICES.filter(s => s.lob === lob).map(s => s.team))];
  domains.push(
    doc([
      'apiVersion: backstage.io/v1alpha1',
      'kind: Domain',
      'metadata:',
      `  name: ${lob}`,
      `  title: ${d.title}`,
      `  description: ${q(d.description)}`,
      '  annotations:',
      `    headroom.dev/line-of-business: ${lob}`,
      'spec:',
      `  owner: group:default/${owners[0]}`,
    ]),
  );
  domains.push(
    doc([
      'apiVersion: backstage.io/v1alpha1',
      'kind: System',
      'metadata:',
      `  name: ${d.system}`,
      `  description: ${q(d.description)}`,
      'spec:',
      `  owner: group:default/${owners[0]}`,
      `  domain: ${lob}`,
    ]),
  );
}
write('domains.yaml', '# Lines of business (domains) and their systems.\n' + domains.join('---\n'));

function sloDoc(service, slo) {
  const percent = `${(slo.objective * 100).toFixed(2).replace(/0$/, '')} %`;
  if (slo.kind === 'latency') {
    const ms = Math.round(slo.thresholdSeconds * 1000);
    return doc([
      'apiVersion: openslo/v1',
      'kind: SLO',
      'metadata:',
      '  name: latency',
      `  displayName: ${service} answers within ${ms} ms`,
      'spec:',
      `  description: ${q(`${percent} of ${service} requests are answered within ${ms} ms.`)}`,
      `  service: ${service}`,
      '  indicator:',
      '    metadata:',
      `      name: ${service}-latency`,
      '    spec:',
      '      ratioMetric:',
      '        counter: true',
      '        good:',
      '          metricSource:',
      '            type: prometheus',
      '            spec:',
      `              query: http_request_duration_seconds_bucket{service="${service}",le="${slo.thresholdSeconds}"}`,
      '        total:',
      '          metricSource:',
      '            type: prometheus',
      '            spec:',
      `              query: http_request_duration_seconds_count{service="${service}"}`,
      '  timeWindow:',
      `    - duration: ${slo.window}`,
      '      isRolling: true',
      '  budgetingMethod: Occurrences',
      '  objectives:',
      `    - target: ${slo.objective}`,
    ]);
  }
  return doc([
    'apiVersion: openslo/v1',
    'kind: SLO',
    'metadata:',
    '  name: availability',
    `  displayName: ${service} availability`,
    'spec:',
    `  description: ${q(`${percent} of ${service} requests are answered without a server error (5xx).`)}`,
    `  service: ${service}`,
    '  indicator:',
    '    metadata:',
    `      name: ${service}-availability`,
    '    spec:',
    '      ratioMetric:',
    '        counter: true',
    '        bad:',
    '          metricSource:',
    '            type: prometheus',
    '            spec:',
    `              query: http_requests_total{service="${service}",code=~"5.."}`,
    '        total:',
    '          metricSource:',
    '            type: prometheus',
    '            spec:',
    `              query: http_requests_total{service="${service}"}`,
    '  timeWindow:',
    `    - duration: ${slo.window}`,
    '      isRolling: true',
    '  budgetingMethod: Occurrences',
    '  objectives:',
    `    - target: ${slo.objective}`,
  ]);
}

fs.rmSync(path.join(here, 'services'), { recursive: true, force: true });
for (const s of SERVICES) {
  const lines = [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${s.name}`,
    `  description: ${q(s.description)}`,
  ];
  lines.push('  annotations:');
  if (s.slos) lines.push('    headroom.dev/slo-file: ./slos.yaml');
  for (const [key, value] of Object.entries(costAnnotationsOf(s)))
    lines.push(`    ${key}: ${q(value)}`);
  lines.push(
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: group:default/${s.team}`,
    `  system: ${LOBS[s.lob].system}`,
    s.dependsOn.length ? '  dependsOn:' : '  dependsOn: []',
    ...s.dependsOn.map(d => `    - component:default/${d}`),
  );
  write(`services/${s.name}/catalog-info.yaml`, doc(lines));
  if (s.slos) {
    write(
      `services/${s.name}/slos.yaml`,
      `# SLOs of ${s.name}, referenced by the headroom.dev/slo-file annotation of its catalog-info.yaml.\n` +
        s.slos.map(slo => sloDoc(s.name, slo)).join('---\n'),
    );
  }
}

const targets = [
  './org.yaml',
  './domains.yaml',
  ...SERVICES.map(s => `./services/${s.name}/catalog-info.yaml`),
];
write(
  'all.yaml',
  doc([
    '# The demo exchange: four lines of business, eight teams, twelve services.',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Location',
    'metadata:',
    '  name: headroom-demo',
    '  description: The demo exchange of the Headroom dev environment',
    'spec:',
    '  targets:',
    ...targets.map(t => `    - ${t}`),
  ]),
);
