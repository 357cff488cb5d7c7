import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { referenceDir } from '../reference';

/**
 * The Argo Rollouts and Flagger snippets of docs/progressive-delivery.md against the CRD schemas
 * the controllers install. Kubernetes prunes unknown fields silently (and `kubectl` with strict
 * field validation refuses them), so every object that declares its properties is closed here:
 * a misspelt field fails the test instead of vanishing in the cluster.
 */

type Schema = Record<string, unknown>;

function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const s = Object.fromEntries(
    Object.entries(schema as Schema).map(([k, v]) => [
      k,
      k === 'enum' || k === 'required' ? v : closed(v),
    ]),
  ) as Schema;
  if (
    s.properties &&
    s.additionalProperties === undefined &&
    !s['x-kubernetes-preserve-unknown-fields']
  ) {
    s.additionalProperties = false;
  }
  return s;
}

const ajv = new Ajv({ strict: false, allErrors: true });

/** The validator of `kind` from a CRD file (its first served version's schema). */
function crdValidator(file: string, kind: string): ValidateFunction {
  const crd = parseAllDocuments(readFileSync(file, 'utf8'))
    .map(
      d =>
        d.toJS() as {
          spec?: {
            names?: { kind?: string };
            versions?: { schema?: { openAPIV3Schema?: unknown } }[];
          };
        },
    )
    .find(d => d?.spec?.names?.kind === kind);
  if (!crd) throw new Error(`${file} has no CRD for ${kind}`);
  return ajv.compile(closed(crd.spec!.versions![0]!.schema!.openAPIV3Schema) as Schema);
}

const argo = (f: string) => join(referenceDir('argo-rollouts'), 'crds', f);
const validators: Record<string, ValidateFunction> = {
  AnalysisTemplate: crdValidator(argo('analysis-template-crd.yaml'), 'AnalysisTemplate'),
  Rollout: crdValidator(argo('rollout-crd.yaml'), 'Rollout'),
  Canary: crdValidator(join(referenceDir('flagger'), 'crds', 'crd.yaml'), 'Canary'),
};

const doc = readFileSync(resolve(__dirname, '..', '..', 'docs', 'progressive-delivery.md'), 'utf8');
const snippets = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => parse(m[1]!) as Schema);

function problems(resource: Schema): string[] {
  const validate = validators[resource.kind as string];
  if (!validate) return [`no schema for kind ${String(resource.kind)}`];
  return validate(resource)
    ? []
    : validate.errors!.map(e => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

describe('docs/progressive-delivery.md snippets', () => {
  it('has the AnalysisTemplate, the Rollout and the Canary', () => {
    expect(snippets.map(s => s.kind)).toEqual(['AnalysisTemplate', 'Rollout', 'Canary']);
  });

  it.each(snippets.map(s => [s.kind as string, s] as const))(
    '%s is valid against its CRD',
    (_kind, s) => {
      expect(problems(s)).toEqual([]);
    },
  );

  it('point at the routes the backend serves', () => {
    const [template, rollout, canary] = snippets as [Schema, Schema, Schema];
    const metric = (
      template.spec as { metrics: { provider: { web: { url: string; jsonPath: string } } }[] }
    ).metrics[0]!;
    expect(metric.provider.web.url).toContain('/api/headroom/delivery/argo/analysis?entityRef=');
    expect(metric.provider.web.jsonPath).toBe('{$.data}');
    const analysis = (
      rollout.spec as {
        strategy: { canary: { analysis: { templates: { templateName: string }[] } } };
      }
    ).strategy.canary.analysis;
    expect(analysis.templates[0]!.templateName).toBe((template.metadata as { name: string }).name);
    const hooks = (canary.spec as { analysis: { webhooks: { type: string; url: string }[] } })
      .analysis.webhooks;
    expect(hooks.map(h => [h.type, h.url.replace(/^.*\/api\/headroom/, '')])).toEqual([
      ['pre-rollout', '/delivery/flagger/gate'],
      ['confirm-promotion', '/delivery/flagger/gate'],
      ['rollback', '/delivery/flagger/rollback'],
    ]);
  });

  it('the closed schemas catch what a cluster would drop or refuse', () => {
    const [template, , canary] = snippets as [Schema, Schema, Schema];
    const typo = structuredClone(template);
    const m = (typo.spec as { metrics: Schema[] }).metrics[0]!;
    m.successCondtion = m.successCondition;
    delete m.successCondition;
    expect(problems(typo).join('\n')).toMatch(
      /must NOT have additional properties.*successCondtion/,
    );
    const badHook = structuredClone(canary);
    (badHook.spec as { analysis: { webhooks: Schema[] } }).analysis.webhooks[0]!.type =
      'pre-promotion';
    expect(problems(badHook).join('\n')).toMatch(
      /webhooks\/0\/type must be equal to one of the allowed values/,
    );
    const noUrl = structuredClone(template);
    delete (noUrl.spec as { metrics: { provider: { web: Schema } }[] }).metrics[0]!.provider.web
      .url;
    expect(problems(noUrl).join('\n')).toMatch(/must have required property 'url'/);
  });
});
