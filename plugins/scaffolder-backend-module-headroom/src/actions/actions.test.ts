import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseCostTagsAnnotation, parseSloDocuments } from '@headroom/core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { ResponseError } from '@backstage/errors';
import { annotateCatalogInfoAction } from './annotateCatalogInfo';
import { annotateCatalogInfoExamples } from './annotateCatalogInfo.examples';
import type { AssessmentRequest, CapacityAssessmentClient } from './capacityClient';
import { createSloFileAction } from './createSloFile';
import { createSloFileExamples } from './createSloFile.examples';
import { recordCapacityAssessmentAction } from './recordCapacityAssessment';
import { recordCapacityAssessmentExamples } from './recordCapacityAssessment.examples';

function workspace(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-scaffolder-'));
}

function context(input: unknown, extra: { workspacePath?: string; isDryRun?: boolean } = {}) {
  const outputs: Record<string, unknown> = {};
  const ctx = {
    ...createMockActionContext({
      input: input as never,
      workspacePath: extra.workspacePath ?? workspace(),
    }),
    // The mock takes neither: the scaffolder sets them per run.
    isDryRun: extra.isDryRun ?? false,
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
  };
  return { ctx, outputs };
}

const catalogInfo = `# The service's entity
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payouts
  description: Pays out balances # kept
spec:
  type: service
  lifecycle: experimental
  owner: group:default/team-payments
`;

describe('headroom:slo:create', () => {
  const action = createSloFileAction();

  it('writes an availability and a latency SLO that Headroom parses, dry run or not', async () => {
    for (const isDryRun of [false, true]) {
      const dir = workspace();
      const { ctx, outputs } = context(
        {
          serviceName: 'payouts',
          availabilityObjective: 0.999,
          latencyThresholdMs: 250,
          latencyObjective: 0.99,
        },
        { workspacePath: dir, isDryRun },
      );
      await action.handler(ctx as never);
      const text = fs.readFileSync(path.join(dir, 'slos.yaml'), 'utf8');
      const parsed = parseSloDocuments(text, 'slos.yaml');
      expect(parsed.issues).toEqual([]);
      expect(parsed.slos.map(s => [s.name, s.objective.target, s.service])).toEqual([
        ['availability', 0.999, 'payouts'],
        ['latency', 0.99, 'payouts'],
      ]);
      expect(text).toContain(
        'http_request_duration_seconds_bucket{service=\\"payouts\\",le=\\"0.25\\"}',
      );
      expect(outputs).toEqual({ filePath: 'slos.yaml', sloNames: ['availability', 'latency'] });
    }
  });

  it('names the bad field', async () => {
    const { ctx } = context({
      serviceName: 'payouts',
      availabilityObjective: 99.9,
      latencyThresholdMs: 250,
      latencyObjective: 0.99,
    });
    await expect(action.handler(ctx as never)).rejects.toThrow(
      /headroom:slo:create: input\.availabilityObjective: Number must be less than 1/,
    );
    const missing = context({
      serviceName: 'Pay Outs',
      availabilityObjective: 0.999,
      latencyObjective: 0.99,
    });
    await expect(action.handler(missing.ctx as never)).rejects.toThrow(
      /input\.serviceName: must be a lower-case name.*input\.latencyThresholdMs: Required/,
    );
  });

  it('refuses a path outside the workspace', async () => {
    const { ctx } = context({
      serviceName: 'payouts',
      availabilityObjective: 0.999,
      latencyThresholdMs: 250,
      latencyObjective: 0.99,
      targetPath: '../slos.yaml',
    });
    await expect(action.handler(ctx as never)).rejects.toThrow(
      /input\.targetPath '\.\.\/slos\.yaml' must be a path inside the workspace/,
    );
  });
});

describe('headroom:catalog:annotate', () => {
  const action = annotateCatalogInfoAction();

  it('adds the annotations and keeps the rest of the file', async () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, 'catalog-info.yaml'), catalogInfo);
    const { ctx, outputs } = context(
      {
        costTags: { service: 'payouts', 'Cost-Center': 'CC-4711' },
        lineOfBusiness: 'payments',
        createdAt: '2026-12-01T09:00:00+01:00',
      },
      { workspacePath: dir },
    );
    await action.handler(ctx as never);
    const text = fs.readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8');
    expect(text).toContain('# The service');
    expect(text).toContain('# kept');
    const entity = yaml.parse(text);
    expect(entity.metadata.annotations).toEqual({
      'headroom.dev/slo-file': './slos.yaml',
      'headroom.dev/cost-tags': 'service=payouts, Cost-Center=CC-4711',
      'headroom.dev/line-of-business': 'payments',
      'headroom.dev/created-at': '2026-12-01T08:00:00.000Z',
    });
    expect(parseCostTagsAnnotation(entity.metadata.annotations['headroom.dev/cost-tags'])).toEqual([
      { key: 'service', value: 'payouts' },
      // core lower-cases tag values, as the billing exports it matches against do
      { key: 'cost-center', value: 'cc-4711' },
    ]);
    expect(outputs.entityRef).toBe('component:default/payouts');
  });

  it('names the bad field or file', async () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, 'catalog-info.yaml'), catalogInfo);
    const empty = context({ costTags: {} }, { workspacePath: dir });
    await expect(action.handler(empty.ctx as never)).rejects.toThrow(
      /headroom:catalog:annotate: input\.costTags: must name at least one tag/,
    );
    const badTag = context({ costTags: { 'team=x': 'y' } }, { workspacePath: dir });
    await expect(action.handler(badTag.ctx as never)).rejects.toThrow(/input\.costTags\.team=x: /);
    const noFile = context({ costTags: { a: 'b' }, filePath: 'nope.yaml' }, { workspacePath: dir });
    await expect(action.handler(noFile.ctx as never)).rejects.toThrow(
      /input\.filePath 'nope\.yaml' cannot be read/,
    );
    fs.writeFileSync(path.join(dir, 'two.yaml'), `${catalogInfo}---\n${catalogInfo}`);
    const two = context({ costTags: { a: 'b' }, filePath: 'two.yaml' }, { workspacePath: dir });
    await expect(action.handler(two.ctx as never)).rejects.toThrow(
      /two\.yaml must hold exactly one Component, found 2/,
    );
  });
});

/** A stand-in for Headroom's API that computes nothing: the backend's own tests cover that. */
function fakeClient(status?: number) {
  const calls: { entityRef: string; body: AssessmentRequest; dryRun: boolean }[] = [];
  const client: CapacityAssessmentClient = {
    async record(entityRef, body, { dryRun }) {
      calls.push({ entityRef, body, dryRun });
      if (status) {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'NotAllowedError', message: 'only members of its owner may' },
              response: { statusCode: status },
            }),
            { status, headers: { 'content-type': 'application/json' } },
          ) as never,
        );
      }
      return {
        entityRef,
        version: 3,
        recommendation: { unit: 'cores', needed: 4.5, replicas: 5, monthlyCost: null },
        result: { capacity: { explanation: ['needed = …'] } },
      };
    },
  };
  return { client, calls };
}

describe('headroom:capacity:assess', () => {
  const input = {
    entityRef: 'payouts',
    owner: 'team-payments',
    expectedPeak: 200,
    baseline: 0.5,
    perUnit: 0.01,
    serviceTimeSeconds: 0.02,
    latencyObjectiveSeconds: 0.3,
    latencyPercentile: 0.99,
  };

  it('sends the nested body with full refs, and only checks in a dry run', async () => {
    for (const isDryRun of [false, true]) {
      const { client, calls } = fakeClient();
      const { ctx, outputs } = context(input, { isDryRun });
      await recordCapacityAssessmentAction({ client }).handler(ctx as never);
      expect(calls).toEqual([
        {
          entityRef: 'component:default/payouts',
          dryRun: isDryRun,
          body: {
            ownerRef: 'group:default/team-payments',
            inputs: {
              driver: 'requests per second',
              expectedPeak: 200,
              growthPerMonth: 0,
              horizonMonths: 6,
              peakUncertainty: 0.25,
              usage: { unit: 'cores', baseline: 0.5, perUnit: 0.01, noise: 0 },
              targetUtilisation: 0.7,
              latency: { serviceTimeSeconds: 0.02, objectiveSeconds: 0.3, percentile: 0.99 },
            },
          },
        },
      ]);
      expect(outputs).toEqual({
        version: 3,
        needed: 4.5,
        unit: 'cores',
        replicas: 5,
        recorded: !isDryRun,
      });
    }
  });

  it('names the bad field before calling Headroom', async () => {
    const { client, calls } = fakeClient();
    const bad = context({ ...input, expectedPeak: 'lots', owner: 'group:' });
    await expect(
      recordCapacityAssessmentAction({ client }).handler(bad.ctx as never),
    ).rejects.toThrow(
      /headroom:capacity:assess: input\.owner: must be an entity ref.*input\.expectedPeak: Expected number, received string/,
    );
    const half = context({ ...input, serviceTimeSeconds: undefined });
    await expect(
      recordCapacityAssessmentAction({ client }).handler(half.ctx as never),
    ).rejects.toThrow(/input\.serviceTimeSeconds is required with input\.latencyObjectiveSeconds/);
    expect(calls).toEqual([]);
  });

  it("passes Headroom's refusal on with the status", async () => {
    const { client } = fakeClient(403);
    const { ctx } = context(input);
    await expect(recordCapacityAssessmentAction({ client }).handler(ctx as never)).rejects.toThrow(
      /Headroom refused the assessment of component:default\/payouts \(403\): only members of its owner may/,
    );
  });
});

describe('examples', () => {
  it.each([
    ...createSloFileExamples.map(e => ['headroom:slo:create', e.description, e] as const),
    ...annotateCatalogInfoExamples.map(
      e => ['headroom:catalog:annotate', e.description, e] as const,
    ),
    ...recordCapacityAssessmentExamples.map(
      e => ['headroom:capacity:assess', e.description, e] as const,
    ),
  ])('%s: %s', async (id, _description, example) => {
    const step = yaml.parse(example.example).steps[0];
    expect(step.action).toBe(id);
    const dir = workspace();
    fs.writeFileSync(path.join(dir, 'catalog-info.yaml'), catalogInfo);
    const { client, calls } = fakeClient();
    const action =
      id === 'headroom:slo:create'
        ? createSloFileAction()
        : id === 'headroom:catalog:annotate'
          ? annotateCatalogInfoAction()
          : recordCapacityAssessmentAction({ client });
    const { ctx, outputs } = context(step.input, { workspacePath: dir });
    await action.handler(ctx as never);
    if (id === 'headroom:slo:create') {
      const file = path.join(dir, outputs.filePath as string);
      expect(parseSloDocuments(fs.readFileSync(file, 'utf8'), file).issues).toEqual([]);
    } else if (id === 'headroom:catalog:annotate') {
      expect(
        yaml.parse(fs.readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8')).metadata
          .annotations['headroom.dev/cost-tags'],
      ).toBeTruthy();
    } else {
      expect(calls).toHaveLength(1);
    }
  });
});
