import { formatIssue } from './issues';
import { parseSloDocuments, sloFromObject, sloId } from './parse';

const SLOTH = `version: prometheus/v1
service: checkout
slos:
  - name: availability
    objective: 99.9
    sli:
      raw:
        error_ratio_query: sum(rate(errors[{{.window}}])) / sum(rate(requests[{{.window}}]))
`;

describe('parseSloDocuments', () => {
  it('reports an unknown apiVersion at its field', () => {
    const result = parseSloDocuments('apiVersion: example.com/v1\nkind: SLO\n', 'x.yaml');
    expect(result.slos).toEqual([]);
    expect(result.issues).toEqual([
      {
        file: 'x.yaml',
        docIndex: 0,
        path: 'apiVersion',
        message:
          'unknown apiVersion "example.com/v1"; expected openslo/v1, openslo/v1alpha, sloth.slok.dev/v1 or pyrra.dev/v1alpha1',
        line: 1,
        column: 13,
      },
    ]);
  });

  it('reports an unknown kind and a document that is not an SLO', () => {
    const text = 'apiVersion: openslo/v1\nkind: Budget\n---\nfoo: bar\n---\n- a list\n';
    expect(parseSloDocuments(text, 'x.yaml').issues.map(formatIssue)).toEqual([
      'x.yaml (document 1) kind: must be one of SLO, SLI, Service, AlertPolicy, AlertCondition, AlertNotificationTarget, DataSource for openslo/v1',
      "x.yaml (document 2): is not an SLO document: it needs apiVersion (openslo/v1, openslo/v1alpha, sloth.slok.dev/v1 or pyrra.dev/v1alpha1) or Sloth's version: prometheus/v1",
      'x.yaml (document 3): must be a mapping (an SLO document)',
    ]);
  });

  it('reports a YAML syntax error with its line and still reads the other documents', () => {
    const text = `${SLOTH}---\nversion: prometheus/v1\nservice: [unclosed\n---\n${SLOTH.replace('checkout', 'cart')}`;
    const result = parseSloDocuments(text, 'multi.yaml');
    expect(result.slos.map(s => [sloId(s), s.source.docIndex])).toEqual([
      ['checkout-availability', 0],
      ['cart-availability', 2],
    ]);
    expect(result.issues).toHaveLength(1);
    // The parser notices the unclosed list where the next document starts (line 12).
    expect(result.issues[0]).toMatchObject({ file: 'multi.yaml', docIndex: 1, path: '', line: 12 });
    expect(result.issues[0]!.message).toMatch(/^invalid YAML: /);
  });

  it('names the document index of an error in a multi-document file', () => {
    const text = `${SLOTH}---\n${SLOTH.replace('checkout', 'cart').replace('99.9', '-1')}`;
    const result = parseSloDocuments(text, 'multi.yaml');
    expect(result.slos.map(sloId)).toEqual(['checkout-availability']);
    expect(result.issues.map(formatIssue)).toEqual([
      'multi.yaml (document 2) slos[0].objective: must be > 0',
    ]);
    expect(result.issues[0]!.line).toBe(14);
  });

  it('skips empty documents but counts them', () => {
    const result = parseSloDocuments(`---\n# only a comment\n---\n${SLOTH}`, 'x.yaml');
    expect(result.issues).toEqual([]);
    expect(result.slos[0]!.source.docIndex).toBe(1);
  });

  it('reports empty text', () => {
    for (const text of ['', '# nothing here\n', '---\n---\n']) {
      expect(parseSloDocuments(text, 'empty.yaml').issues.map(formatIssue)).toEqual([
        'empty.yaml (document 1): is empty: no SLO documents',
      ]);
    }
  });

  it('never throws, whatever it is given', () => {
    for (const text of ['{', '*a', ': :', '[1, 2', '\t- x', 'a: &a [*a]', 'null', '42']) {
      expect(() => parseSloDocuments(text, 'junk.yaml')).not.toThrow();
      expect(parseSloDocuments(text, 'junk.yaml').slos).toEqual([]);
    }
    expect(() => parseSloDocuments(undefined as unknown as string, 'undefined.yaml')).not.toThrow();
  });

  it('takes the service from the defaults when the document has none', () => {
    const openslo = `apiVersion: openslo/v1alpha
kind: SLO
metadata:
  name: latency
spec:
  budgetingMethod: Occurrences
  timeWindows:
    - count: 7
      unit: Day
  objectives:
    - target: 0.95
      ratioMetrics:
        good: { source: prometheus, query: "sum(rate(fast[{{.window}}]))" }
        total: { source: prometheus, query: "sum(rate(all[{{.window}}]))" }
`;
    expect(parseSloDocuments(openslo, 'a.yaml').issues.map(formatIssue)).toEqual([
      'a.yaml (document 1) spec.service: is required',
    ]);
    const [slo] = parseSloDocuments(openslo, 'a.yaml', {
      defaults: { service: 'search', owner: 'team-search' },
    }).slos;
    expect(slo).toMatchObject({
      service: 'search',
      owner: 'team-search',
      window: { duration: '7d', seconds: 604_800 },
    });
  });
});

describe('sloFromObject', () => {
  it('reads a parsed object, and a list of them', () => {
    const doc = {
      version: 'prometheus/v1',
      service: 'api',
      slos: [
        { name: 'errors', objective: 99.5, sli: { raw: { error_ratio_query: 'x[{{.window}}]' } } },
      ],
    };
    const one = sloFromObject(doc, 'request 42');
    expect(one.issues).toEqual([]);
    expect(one.slos[0]).toMatchObject({
      name: 'errors',
      service: 'api',
      objective: { target: 0.995 },
    });
    expect(one.slos[0]!.source).toEqual({ file: 'request 42', docIndex: 0, format: 'sloth/v1' });

    const two = sloFromObject([doc, { ...doc, service: 'web' }], 'request 43');
    expect(two.slos.map(sloId)).toEqual(['api-errors', 'web-errors']);
  });

  it('reports problems without line numbers', () => {
    const result = sloFromObject(
      { version: 'prometheus/v1', service: 'api', slos: [{ name: 'e', objective: '99' }] },
      'body',
    );
    expect(result.issues).toEqual([
      { file: 'body', docIndex: 0, path: 'slos[0].objective', message: 'must be a number' },
      { file: 'body', docIndex: 0, path: 'slos[0].sli', message: 'is required' },
    ]);
  });
});
