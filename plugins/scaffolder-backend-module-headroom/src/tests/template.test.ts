import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { AuthorizeResult, isPermission } from '@backstage/plugin-permission-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import { parseSloDocuments } from '@headroom/core';
import headroomPlugin, {
  createHeadroomSloConditionalDecision,
  headroomSloConditions,
} from '@headroom/plugin-headroom-backend';
import { headroomSloEditPermission } from '@headroom/plugin-headroom-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { scaffolderModuleHeadroom } from '../module';

jest.setTimeout(120_000);

const templateDir = path.resolve(__dirname, '../../../../dev-env/templates/new-service');
const hana = 'user:default/hana.mori';
const chen = 'user:default/chen.wei';
const ownership: Record<string, string[]> = {
  [hana]: [hana, 'group:default/team-payments'],
  [chen]: [chen, 'group:default/team-data'],
};

/** Everyone reads and runs templates; Headroom edits only by the owning group. */
const permissions = mockServices.permissions.mock({
  authorizeConditional: async (queries, options) =>
    queries.map(({ permission }) => {
      if (isPermission(permission, headroomSloEditPermission)) {
        const principal = options.credentials.principal as { userEntityRef?: string };
        return createHeadroomSloConditionalDecision(
          headroomSloEditPermission,
          headroomSloConditions.isOwner({ claims: ownership[principal.userEntityRef ?? ''] ?? [] }),
        );
      }
      return { result: AuthorizeResult.ALLOW };
    }) as never,
  authorize: async queries => queries.map(() => ({ result: AuthorizeResult.ALLOW })),
});

/** The template's folder as the dry-run endpoint takes it: every file, base64. */
function directoryContents(dir: string, prefix = ''): { path: string; base64Content: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory()
      ? directoryContents(path.join(dir, e.name), rel)
      : [{ path: rel, base64Content: fs.readFileSync(path.join(dir, e.name)).toString('base64') }];
  });
}

interface DryRunLog {
  stepId?: string;
  status?: string;
  message: string;
}

/** The inputs a dry run logged for a step, as the scaffolder rendered them. */
function inputsOf(log: DryRunLog[], stepId: string): unknown {
  const marker = 'inputs (secrets redacted): ';
  const entry = log.find(e => e.stepId === stepId && e.message.includes(marker));
  if (!entry) throw new Error(`the dry run logged no inputs for step ${stepId}`);
  return JSON.parse(entry.message.slice(entry.message.indexOf(marker) + marker.length));
}

const values = {
  name: 'payouts',
  description: 'Pays out balances',
  owner: 'group:default/team-payments',
  system: 'payments-platform',
  costCenter: 'cc-4711',
  availability: 0.999,
  latencyMs: 250,
  latencyObjective: 0.99,
  expectedPeak: 200,
  growthPerMonth: 0.1,
  cpuBaseline: 0.5,
  cpuPerRequest: 0.01,
  serviceTimeMs: 20,
  coresPerReplica: 1,
};

describe('the new-service template through the real scaffolder', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;
  const as = (user: string) => mockCredentials.user.header(user);

  beforeAll(async () => {
    const catalogDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-template-catalog-'));
    fs.writeFileSync(
      path.join(catalogDir, 'org.yaml'),
      `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-payments }
spec: { type: team, children: [], members: [hana.mori] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: hana.mori }
spec: { memberOf: [team-payments] }
`,
    );
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleTemplateKind,
        scaffolderPlugin,
        scaffolderModuleHeadroom,
        scaffolderModuleGithub,
        headroomPlugin,
        schedulerServiceFactory,
        permissions.factory,
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [
                {
                  allow: ['Component', 'System', 'Domain', 'Group', 'User', 'Template', 'Location'],
                },
              ],
              locations: [
                { type: 'file', target: path.join(templateDir, 'template.yaml') },
                { type: 'file', target: path.join(catalogDir, 'org.yaml') },
              ],
              processingInterval: { seconds: 1 },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop();
  });

  it('dry run: writes a valid SLO file and annotated catalog-info.yaml, stores no assessment', async () => {
    const template = yaml.parse(fs.readFileSync(path.join(templateDir, 'template.yaml'), 'utf8'));
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('authorization', as(hana))
      .send({ template, values, directoryContents: directoryContents(templateDir) });
    expect(res.status).toBe(200);
    const files = new Map<string, string>(
      res.body.directoryContents.map((f: { path: string; base64Content: string }) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );
    const slos = parseSloDocuments(files.get('slos.yaml')!, 'slos.yaml');
    expect(slos.issues).toEqual([]);
    expect(slos.slos.map(s => [s.name, s.objective.target])).toEqual([
      ['availability', 0.999],
      ['latency', 0.99],
    ]);
    const entity = yaml.parse(files.get('catalog-info.yaml')!);
    expect(entity.metadata.name).toBe('payouts');
    expect(entity.spec).toMatchObject({
      owner: 'group:default/team-payments',
      system: 'payments-platform',
    });
    expect(entity.metadata.annotations).toMatchObject({
      'headroom.dev/slo-file': './slos.yaml',
      'headroom.dev/cost-tags': 'service=payouts, team=team-payments, cost-center=cc-4711',
    });
    expect(Date.parse(entity.metadata.annotations['headroom.dev/created-at'])).not.toBeNaN();
    // 200 × 1.1⁶ = 354.3 rps; p99 ≤ 0.25 s with 0.02 s of work caps utilisation at
    // 1 - 0.02 × ln(100) / 0.25 = 0.6316 < 0.7; (0.5 + 3.543 + 0.01 × 88.58) / 0.6316 = 7.80 cores
    const capacity = res.body.steps.find((s: { id: string }) => s.id === 'capacity');
    expect(capacity).toBeDefined();
    expect(res.body.output.text[0].content).toMatch(/Assessment version 1: 7\.8 cores, 8 replicas/);
    const stored = await request(server)
      .get('/api/headroom/capacity/entities/component/default/payouts/assessment')
      .set('authorization', as(hana));
    expect(stored.status).toBe(404);
  });

  it('dry run with a repository: publishes it with publish:github, then registers the component from it', async () => {
    const template = yaml.parse(fs.readFileSync(path.join(templateDir, 'template.yaml'), 'utf8'));
    const repoUrl = 'github.com?owner=acme&repo=payouts';
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('authorization', as(hana))
      .send({
        template,
        values: { ...values, repoUrl },
        directoryContents: directoryContents(templateDir),
      });
    expect(res.status).toBe(200);
    expect(
      res.body.steps.map((step: { id: string; action: string }) => [step.id, step.action]),
    ).toEqual([
      ['fetch', 'fetch:template'],
      ['slos', 'headroom:slo:create'],
      ['annotate', 'headroom:catalog:annotate'],
      ['publish', 'publish:github'],
      ['register', 'catalog:register'],
      ['capacity', 'headroom:capacity:assess'],
    ]);
    const log: DryRunLog[] = res.body.log.map((entry: { body: DryRunLog }) => entry.body);
    const publish = inputsOf(log, 'publish');
    expect(publish).toEqual({
      repoUrl,
      description: 'Pays out balances',
      defaultBranch: 'main',
      repoVisibility: 'private',
    });
    // The scaffolder skips publishing and registering in a dry run and hands the next steps
    // the example outputs of the actions' schemas: register reads what publish returned.
    const register = inputsOf(log, 'register');
    const repository = res.body.output.links.find(
      (link: { title: string }) => link.title === 'Repository',
    );
    expect(repository.url).toEqual(expect.any(String));
    expect(register).toEqual({
      repoContentsUrl: repository.url,
      catalogInfoPath: '/catalog-info.yaml',
    });
    // What is published holds the catalog-info.yaml that register points at.
    const published = res.body.directoryContents.map((f: { path: string }) => f.path);
    expect(published).toEqual(expect.arrayContaining(['catalog-info.yaml', 'slos.yaml']));

    const withoutRepository = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('authorization', as(hana))
      .send({ template, values, directoryContents: directoryContents(templateDir) });
    expect(withoutRepository.status).toBe(200);
    // Without a repository the two steps are skipped before they run: no inputs logged.
    const stepsRun = new Set(
      withoutRepository.body.log
        .map((entry: { body: DryRunLog }) => entry.body)
        .filter((entry: DryRunLog) => entry.message.includes('inputs (secrets redacted)'))
        .map((entry: DryRunLog) => entry.stepId),
    );
    expect([...stepsRun]).toEqual(['fetch', 'slos', 'annotate', 'capacity']);
    expect(withoutRepository.body.output.links).toEqual([]);
  });

  it('a real task records the assessment for the owning group', async () => {
    // The catalog reads the template's location in the background: wait for it.
    for (let i = 0; i < 240; i++) {
      const found = await request(server)
        .get('/api/catalog/entities/by-name/template/default/headroom-new-service')
        .set('authorization', as(hana));
      if (found.status === 200) break;
      await new Promise(r => setTimeout(r, 250));
    }
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('authorization', as(hana))
      .send({ templateRef: 'template:default/headroom-new-service', values });
    expect(created.status).toBe(201);
    const taskId = created.body.id as string;
    let task: { status: string } = { status: 'open' };
    for (let i = 0; i < 240 && !['completed', 'failed', 'cancelled'].includes(task.status); i++) {
      await new Promise(r => setTimeout(r, 250));
      task = (
        await request(server)
          .get(`/api/scaffolder/v2/tasks/${taskId}`)
          .set('authorization', as(hana))
      ).body;
    }
    if (task.status !== 'completed') {
      const events = await request(server)
        .get(`/api/scaffolder/v2/tasks/${taskId}/events`)
        .set('authorization', as(hana));
      throw new Error(
        `task ${task.status}: ${JSON.stringify(events.body.map((e: { body: unknown }) => e.body))}`,
      );
    }
    const stored = await request(server)
      .get('/api/headroom/capacity/entities/component/default/payouts/assessment')
      .set('authorization', as(hana));
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      version: 1,
      ownerRef: 'group:default/team-payments',
      assessedBy: hana,
      approvedBy: null,
      note: 'Initial assessment from the expected load, recorded by the new-service template',
    });
    expect(stored.body.inputs).toMatchObject({ expectedPeak: 200, growthPerMonth: 0.1 });
    expect(stored.body.recommendation.needed).toBeCloseTo(7.8, 1);
    expect(stored.body.recommendation.replicas).toBe(8);
  });
});
