import { cronProblem, parseDrills } from './parse';
import { drillYaml } from './test-factory';

describe('parseDrills', () => {
  it('reads a drill with durations in seconds and defaults filled in', () => {
    const { drills, issues } = parseDrills(drillYaml(), 'drills.yaml');
    expect(issues).toEqual([]);
    expect(drills).toEqual([
      {
        name: 'wallet-api-bad-deploy',
        service: 'wallet-api',
        slo: 'availability',
        hypothesis:
          'A bad wallet-api version pages within a minute and is rolled back within five.',
        steadyState: [
          { kind: 'burnRate', windowSeconds: 300, below: 2 },
          { kind: 'sli', windowSeconds: 3600, above: 0.99 },
        ],
        faults: [
          {
            type: 'bad-deploy',
            target: 'wallet-api',
            magnitude: 0.5,
            durationSeconds: 600,
            weight: 8,
          },
        ],
        blastRadius: { maxServices: 1 },
        abort: [
          { kind: 'burnRate', windowSeconds: 300, above: 900 },
          { kind: 'incident', severity: 'P1' },
        ],
        expect: {
          alert: { severity: 'page', withinSeconds: 60 },
          recovery: { withinSeconds: 300, stableSeconds: 300, by: 'runbook' },
        },
        schedule: { cron: '0 10 * * 2', minBudgetRemaining: 0.25 },
        source: { file: 'drills.yaml', docIndex: 0 },
      },
    ]);
  });

  const spec = (faults: string, extra = '') => `  service: wallet-api
  slo: availability
  hypothesis: h
  steadyState:
    - burnRate: { window: 5m, below: 2 }
  faults:
${faults}
${extra}`;

  it.each([
    [
      'an unknown fault type',
      spec('    - { type: meteor, target: wallet-api, magnitude: 0.5, duration: 5m }'),
      'spec.faults[0].type: must be one of errors, latency, outage, capacity-loss, dependency-outage, bad-deploy',
    ],
    [
      'a latency factor below 1',
      spec('    - { type: latency, target: wallet-api, magnitude: 0.5, duration: 5m }'),
      'spec.faults[0].magnitude: must be a factor above 1 and at most 1000 for latency',
    ],
    [
      'an error share above 1',
      spec('    - { type: errors, target: wallet-api, magnitude: 2, duration: 5m }'),
      'spec.faults[0].magnitude: must be a share above 0 and at most 1 for errors',
    ],
    [
      'a duration that is not one',
      spec('    - { type: errors, target: wallet-api, magnitude: 0.5, duration: soon }'),
      'spec.faults[0].duration: must be a duration such as 30s, 5m or 1h',
    ],
    [
      'an unknown field',
      spec('    - { type: errors, target: wallet-api, magnitude: 0.5, duration: 5m, colour: red }'),
      'spec.faults[0].colour: unknown field',
    ],
    [
      'faults on more services than the blast radius allows',
      spec(
        '    - { type: errors, target: wallet-api, magnitude: 0.5, duration: 5m }\n    - { type: outage, target: ledger, magnitude: 1, duration: 5m }',
      ),
      'spec.faults: touch 2 services (wallet-api, ledger), more than blastRadius.maxServices 1',
    ],
    [
      'a bad cron',
      spec(
        '    - { type: errors, target: wallet-api, magnitude: 0.5, duration: 5m }',
        '  schedule: { cron: "61 * * * *" }',
      ),
      'spec.schedule.cron: minute field "61" is not a number from 0 to 59, a range, a list or a step',
    ],
    [
      'a missing hypothesis',
      spec('    - { type: errors, target: wallet-api, magnitude: 0.5, duration: 5m }').replace(
        '  hypothesis: h\n',
        '',
      ),
      'spec.hypothesis: is required',
    ],
  ])('refuses %s, naming the file and the field', (_case, body, message) => {
    const { drills, issues } = parseDrills(drillYaml({ spec: body }), 'drills.yaml');
    expect(drills).toEqual([]);
    expect(issues.map(i => `${i.file} ${i.path}: ${i.message}`)).toContain(
      `drills.yaml ${message}`,
    );
  });

  it('refuses a name that is not RFC 1123 and a name defined twice', () => {
    expect(parseDrills(drillYaml({ name: 'Bad_Name' }), 'd.yaml').issues[0]).toMatchObject({
      path: 'metadata.name',
      message: 'must be an RFC 1123 name (lower case, digits, -)',
    });
    const twice = parseDrills(`${drillYaml()}\n---\n${drillYaml()}`, 'd.yaml');
    expect(twice.drills).toEqual([]);
    expect(twice.issues).toEqual([
      {
        file: 'd.yaml',
        docIndex: 1,
        path: 'metadata.name',
        message: '"wallet-api-bad-deploy" is defined twice in the file',
      },
    ]);
  });

  it('refuses YAML that does not parse, naming the document', () => {
    const { issues } = parseDrills('a: [1, 2', 'broken.yaml');
    expect(issues[0]).toMatchObject({ file: 'broken.yaml', docIndex: 0 });
    expect(issues[0]!.message).toMatch(/^is not valid YAML/);
  });
});

describe('cronProblem', () => {
  it.each(['0 10 * * 2', '*/15 * * * *', '0 8-18 * * 1-5', '0 0 1,15 * *'])('accepts %s', c =>
    expect(cronProblem(c)).toBeUndefined(),
  );
  it.each([
    ['0 10 * *', 'must have 5 fields'],
    ['0 24 * * *', 'hour field "24"'],
    ['0 0 0 * *', 'day of month field "0"'],
    ['*/0 * * * *', 'minute field "*/0"'],
  ])('refuses %s', (c, message) => expect(cronProblem(c)).toContain(message));
});
