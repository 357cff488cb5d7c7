import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { toOpenSloV1 } from './export';
import { formatIssue } from './issues';
import { parseSloDocuments, sloFromObject } from './parse';
import type { Slo } from './types';

// The locator lives outside this package's rootDir: a plain require keeps it out of the tsc build.
const { referenceDir } = require('../../../../test/reference') as {
  referenceDir: (...parts: string[]) => string;
};

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

function parsed(text: string, file: string, options = {}): Slo[] {
  const result = parseSloDocuments(text, file, options);
  expect(result.issues.map(formatIssue)).toEqual([]);
  expect(result.slos.length).toBeGreaterThan(0);
  return result.slos;
}

function withoutSource({ source: _source, ...rest }: Slo) {
  return rest;
}

/** parse(toOpenSloV1(x)) equals x apart from `source`, through YAML text and through an object. */
function expectRoundTrip(slos: Slo[], strict = true) {
  for (const slo of slos) {
    const doc = toOpenSloV1(slo);
    // Strict, so that the export has no field OpenSLO v1 does not define.
    const viaYaml = parseSloDocuments(stringify(doc), 'export.yaml', { strict });
    expect(viaYaml.issues.map(formatIssue)).toEqual([]);
    expect(viaYaml.slos.map(withoutSource)).toEqual([withoutSource(slo)]);
    expect(viaYaml.slos[0]!.source).toEqual({
      file: 'export.yaml',
      docIndex: 0,
      format: 'openslo/v1',
    });
    const viaObject = sloFromObject(doc, 'body');
    expect(viaObject.slos.map(withoutSource)).toEqual([withoutSource(slo)]);
  }
}

describe('toOpenSloV1 round trip', () => {
  const openslo = referenceDir('openslo');
  const sloth = referenceDir('sloth');
  const testdata = join(__dirname, 'testdata');

  it.each([
    'occurences-slo.yaml',
    'ratio-timeslices.yaml',
    'timeslices-slo.yaml',
    'sloth-in-openslo.yaml',
  ])(
    // Lenient: the upstream examples keep their `Any` placeholders.
    'OpenSLO %s',
    file => expectRoundTrip(parsed(read(openslo, file), file), file === 'sloth-in-openslo.yaml'),
  );

  it.each(['in-base.yaml', 'in-multifile.yaml', 'example-getting-started.yml'])('Sloth %s', file =>
    expectRoundTrip(parsed(read(sloth, file), file, { defaults: { lineOfBusiness: 'retail' } })),
  );

  it('Sloth with 7-day override windows keeps them in the headroom.dev/alert-windows annotation', () => {
    const text = `${read(sloth, 'windows-7d.yaml')}\n---\n${read(sloth, 'in-base.yaml')}`;
    const slos = parsed(text, 'in.yaml', { defaultPeriod: '7d' });
    const annotations = (toOpenSloV1(slos[0]!).metadata as { annotations: Record<string, string> })
      .annotations;
    expect(JSON.parse(annotations['headroom.dev/alert-windows'] as string)).toEqual({
      page: {
        quick: { errorBudgetPercent: 8, shortWindow: '5m', longWindow: '1h' },
        slow: { errorBudgetPercent: 12.5, shortWindow: '30m', longWindow: '6h' },
      },
      ticket: {
        quick: { errorBudgetPercent: 20, shortWindow: '2h', longWindow: '1d' },
        slow: { errorBudgetPercent: 42, shortWindow: '6h', longWindow: '3d' },
      },
    });
    expectRoundTrip(slos);
  });

  it.each(['pyrra-ratio.yaml', 'pyrra-latency.yaml', 'pyrra-bool-gauge.yaml'])('Pyrra %s', file =>
    expectRoundTrip(parsed(read(testdata, file), file)),
  );

  it('writes a plain OpenSLO v1 SLO that other tools can read', () => {
    const [slo] = parsed(read(sloth, 'in-base.yaml'), 'in-base.yaml');
    expect(toOpenSloV1(slo!)).toEqual({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: {
        name: 'slo1',
        labels: { global01k1: 'global01v1', global02k1: 'global02v1' },
        annotations: {
          'headroom.dev/alert-name': 'myServiceAlert',
          'headroom.dev/alert-labels': '{"alert01k1":"alert01v1"}',
          'headroom.dev/alert-annotations': '{"alert02k1":"alert02k2"}',
        },
      },
      spec: {
        description: 'This is SLO 01.',
        service: 'svc01',
        indicator: {
          metadata: { name: 'slo1-sli' },
          spec: {
            ratioMetric: {
              counter: false,
              bad: {
                metricSource: {
                  type: 'prometheus',
                  spec: {
                    query:
                      'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))',
                  },
                },
              },
              total: {
                metricSource: {
                  type: 'prometheus',
                  spec: {
                    query:
                      'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))',
                  },
                },
              },
            },
          },
        },
        timeWindow: [{ duration: '30d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: 0.999 }],
        alertPolicies: [
          {
            kind: 'AlertPolicy',
            metadata: { name: 'slo1-page', labels: { alert03k1: 'alert03v1' } },
            spec: {
              alertWhenBreaching: true,
              conditions: [
                {
                  kind: 'AlertCondition',
                  metadata: { name: 'slo1-page-burn-rate' },
                  spec: {
                    severity: 'page',
                    condition: {
                      kind: 'burnrate',
                      op: 'gte',
                      threshold: 14.4,
                      lookbackWindow: '1h',
                      alertAfter: '5m',
                    },
                  },
                },
              ],
            },
          },
          {
            kind: 'AlertPolicy',
            metadata: { name: 'slo1-ticket', labels: { alert04k1: 'alert04v1' } },
            spec: {
              alertWhenBreaching: true,
              conditions: [
                {
                  kind: 'AlertCondition',
                  metadata: { name: 'slo1-ticket-burn-rate' },
                  spec: {
                    severity: 'ticket',
                    condition: {
                      kind: 'burnrate',
                      op: 'gte',
                      threshold: 3,
                      lookbackWindow: '1d',
                      alertAfter: '2h',
                    },
                  },
                },
              ],
            },
          },
        ],
      },
    });
  });
});
