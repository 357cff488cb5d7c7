import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatIssue, parseSloDocuments, type ParseResult } from '@headroom/core';
import { counterSelectorOf, generateRules } from '@headroom/prometheus';
import { referenceDir } from '../reference';

/**
 * The OpenSLO tools' own files through Headroom: the spec's examples, every go-sdk example, and
 * oslo's `validate` test inputs with oslo's expected verdicts, object by object.
 *
 * The two official tools disagree on one object: `op: gt` beside a ratioMetric is "forbidden"
 * for oslo (test/outputs/validate/v1) and valid for the go-sdk (the same SLO is its
 * v1/examples/slos.yaml, which its encoding test validates). Headroom's oslo option gives oslo's
 * verdicts (`oslo: true`), the default mode the go-sdk's.
 */

const root = referenceDir('openslo-examples');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap(name => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return files(path);
    return /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

type Verdict = 'valid' | 'invalid' | 'unsupported';

/** "not supported" marks what is valid OpenSLO but beyond Headroom (and says so). */
const UNSUPPORTED = /not supported|does not support/;

/** Each object's verdict, in file order, and the paths of its issues. */
function verdicts(r: ParseResult): Array<[Verdict, string[]]> {
  return (r.objects ?? []).map(o => {
    const mine = r.issues.filter(i => i.docIndex === o.docIndex);
    if (mine.length === 0) return ['valid', []];
    const verdict = mine.every(i => UNSUPPORTED.test(i.message)) ? 'unsupported' : 'invalid';
    return [verdict, mine.map(i => i.path)];
  });
}

const NAME = 'metadata.name';

describe("oslo validate's own inputs (the oslo option: oslo's verdicts)", () => {
  // [object verdict, a field path its issues must include] in file order (lists and documents
  // together), from oslo's test/outputs/validate/*; the time-zone error in those outputs comes
  // from oslo's test image having no tz database (America/New_York is a valid zone).
  const EXPECTED: Record<string, Array<[Verdict, string?]>> = {
    'invalid-apiversion.yaml': [['invalid', 'apiVersion']],
    'unknown-field.yaml': [['invalid', 'spec.markdown']],
    'v1.yaml': [['invalid', 'spec.objectives[0].op'], ['valid'], ['invalid', NAME]],
    'v1alpha.yaml': [
      ['invalid', NAME],
      ['valid'],
      ['invalid', 'spec.objectives[0].timeSliceTarget'],
      ['valid'],
    ],
    'v2alpha.yaml': [['invalid', 'spec.objectives[0].op'], ['valid'], ['invalid', NAME]],
    'mix/1.yaml': [['invalid', NAME]],
    'mix/2.yaml': [['invalid', NAME]],
    'mix/3.yaml': [['invalid', NAME]],
    'recursive/1.yaml': [['invalid', NAME]],
    'recursive/nested/2.yaml': [['invalid', NAME]],
    'recursive/nested/nested2/nested3/3.yaml': [['invalid', NAME]],
  };
  const inputs = files('oslo/inputs/validate').map(f => relative('oslo/inputs/validate', f));

  it('covers every input: 2 files that do not decode, 16 objects of which 4 are valid', () => {
    expect(inputs.sort()).toEqual(Object.keys(EXPECTED).sort());
    const all = Object.values(EXPECTED).flat();
    expect(all).toHaveLength(18);
    expect(all.filter(([v]) => v === 'valid')).toHaveLength(4);
  });

  it.each(Object.entries(EXPECTED))('%s', (file, expected) => {
    const r = parseSloDocuments(read(`oslo/inputs/validate/${file}`), file, { oslo: true });
    const got = verdicts(r);
    expect(got.map(([v]) => v)).toEqual(expected.map(([v]) => v));
    expected.forEach(([, path], i) => {
      if (path) expect(got[i]![1]).toContain(path);
    });
    // The second SLO of v1alpha.yaml also misses its value, as oslo says.
    if (file === 'v1alpha.yaml') expect(got[2]![1]).toContain('spec.objectives[0].value');
  });

  it('names the rule broken, in words close to oslo', () => {
    const v1 = parseSloDocuments(read('oslo/inputs/validate/v1.yaml'), 'v1.yaml', { oslo: true });
    const said = v1.issues.map(formatIssue);
    expect(said).toContain(
      'v1.yaml (document 1) spec.objectives[0].op: is forbidden here: op (with value) compares a thresholdMetric, not a ratioMetric',
    );
    expect(said).toContain(
      "v1.yaml (document 3) metadata.name: must be an RFC 1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. my-name, 123-abc)",
    );
    // Beyond oslo, Headroom also says it cannot use sum(...) without {{.window}} as a count.
    expect(said.filter(t => /does not support/.test(t))).toHaveLength(2);
    expect(said).toHaveLength(4);
  });
});

describe("the go-sdk's examples (default mode: the go-sdk's verdicts)", () => {
  const examples = files('go-sdk');

  it('reads all 36 objects of the 16 files: valid, or refused as beyond Headroom, never invalid', () => {
    expect(examples).toHaveLength(16);
    const all = examples.flatMap(file =>
      verdicts(parseSloDocuments(read(file), file)).map(([v, paths]) => [file, v, paths] as const),
    );
    expect(all).toHaveLength(36);
    expect(all.filter(([, v]) => v !== 'valid')).toEqual([
      // sum(http_requests{...}) without {{.window}}: neither a counter selector nor windowed.
      [
        'go-sdk/v1/examples/slos.yaml',
        'unsupported',
        [
          'spec.indicator.spec.ratioMetric.good.metricSource.spec.query',
          'spec.indicator.spec.ratioMetric.total.metricSource.spec.query',
        ],
      ],
      ['go-sdk/v2alpha/examples/slos.yaml', 'unsupported', ['apiVersion']],
    ]);
  });

  it('writes no rule that is not PromQL: a Datadog SLO is refused by name, a threshold SLO as having no rule form', () => {
    const file = 'go-sdk/v1alpha/examples/slos.yaml';
    const slos = parseSloDocuments(read(file), file).slos;
    expect(slos.map(s => s.name)).toEqual(['web-latency-threshold', 'web-availability-ratio']);
    expect(() => generateRules([slos[0]!])).toThrow(
      /threshold \(gauge\) indicators have no Prometheus rule form/,
    );
    expect(() => generateRules([slos[1]!])).toThrow(
      /indicator\.total: metric source type "datadog" is not Prometheus; Headroom writes Prometheus rules only/,
    );
  });
});

describe('files written as lists, several documents, or JSON', () => {
  it('reads a list followed by a second document as 3 objects', () => {
    const r = parseSloDocuments(read('oslo/format-testdata/two-documents.yaml'), 'two.yaml');
    expect(r.issues).toEqual([]);
    expect(r.objects!.map(o => [o.docIndex, o.kind, o.name])).toEqual([
      [0, 'Service', 'my-service-1'],
      [1, 'Service', 'my-service-2'],
      [2, 'Service', 'my-service-3'],
    ]);
  });

  it('reads JSON, and reports a bad name at its line in a list', () => {
    const json = parseSloDocuments(read('oslo/format-testdata/valid-service.json'), 's.json');
    expect([json.issues, json.objects!.map(o => o.name)]).toEqual([[], ['my-rad-service']]);
    const list = parseSloDocuments(read('oslo/format-testdata/list-of-services.yaml'), 'l.yaml');
    expect([list.issues, list.objects!.length]).toEqual([[], 2]);
    const v1 = parseSloDocuments(read('oslo/inputs/validate/v1.yaml'), 'v1.yaml');
    const bad = v1.issues.find(i => i.path === NAME)!;
    expect([bad.docIndex, bad.line]).toEqual([2, 59]);
    const invalid = parseSloDocuments(read('oslo/format-testdata/invalid-service.yaml'), 'i.yaml');
    expect(verdicts(invalid)).toEqual([['invalid', [NAME]]]);
  });
});

describe("the spec's examples", () => {
  const examples = files('spec');

  it('are valid (lenient: their Any placeholders are kept), and rules refuse the Any source by name', () => {
    expect(examples).toHaveLength(4);
    for (const file of examples) {
      const r = parseSloDocuments(read(file), file);
      expect(r.issues.map(formatIssue)).toEqual([]);
      expect(r.slos.length).toBeGreaterThan(0);
      for (const slo of r.slos) {
        expect(() => generateRules([slo])).toThrow(
          /metric source type "any" is not Prometheus; Headroom writes Prometheus rules only/,
        );
        // Evaluation reads counters through the same gate.
        const ind = slo.indicator;
        const q =
          ind.kind === 'ratio' ? ind.total : ind.kind === 'threshold' ? ind.metric : ind.errorRatio;
        expect(() => counterSelectorOf(q, file)).toThrow(
          `${file}: metric source type "any" is not Prometheus; Headroom reads Prometheus only`,
        );
      }
    }
  });
});
