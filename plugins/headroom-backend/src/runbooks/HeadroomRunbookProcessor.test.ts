import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { HeadroomRunbookProcessor } from './HeadroomRunbookProcessor';

const RUNBOOK = `apiVersion: headroom.dev/v1alpha1
kind: Runbook
metadata: { name: wallet-api-errors }
spec:
  service: wallet-api
  slo: availability
  trigger: { slo: { severity: page } }
  diagnosis:
    - name: recent-deploy
      recentChanges: { within: 30m }
  actions:
    - { name: roll-back, type: rollback, when: [recent-deploy] }
  verify: { within: 5m, stableFor: 1m }
`;

const dir = mkdtempSync(join(tmpdir(), 'headroom-runbook-processor-'));
const catalogFile = join(dir, 'catalog-info.yaml');
// Local files are read from disk; nothing here may reach for a URL.
const reader = {
  readUrl: async () => {
    throw new Error('no URL reads in this test');
  },
} as unknown as UrlReaderService;

const entity = (file: string | undefined, name = 'wallet-api'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations: file ? { 'headroom.dev/runbooks': file } : {} },
  spec: { type: 'service', owner: 'team-custody', lifecycle: 'production' },
});

async function problems(e: Entity): Promise<string[]> {
  const out: string[] = [];
  await new HeadroomRunbookProcessor(reader).postProcessEntity(
    e,
    { type: 'file', target: catalogFile },
    result => {
      if (result.type === 'error') out.push(result.error.message);
    },
  );
  return out;
}

describe('HeadroomRunbookProcessor', () => {
  it('accepts a valid runbook file beside the catalog file, and an entity without one', async () => {
    writeFileSync(join(dir, 'runbooks.yaml'), RUNBOOK);
    expect(await problems(entity('./runbooks.yaml'))).toEqual([]);
    expect(await problems(entity(undefined))).toEqual([]);
  });

  it('names the file, document and field of each problem', async () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      RUNBOOK.replace('when: [recent-deploy]', 'when: [recent-changes]').replace(
        'recentChanges: { within: 30m }',
        'query: sum(rate(x[1m])\n      expect: { above: 1 }',
      ),
    );
    const found = await problems(entity('./bad.yaml'));
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(
      /^headroom\.dev\/runbooks: .*bad\.yaml \(document 1\) spec\.diagnosis\[0\]\.query: does not parse as PromQL/,
    );
    expect(found[1]).toMatch(
      /bad\.yaml \(document 1\) spec\.actions\[0\]\.when\[0\]: "recent-changes" is not a diagnosis step of this runbook$/,
    );
    // A shape problem is reported before the checks that need the shape.
    writeFileSync(join(dir, 'unknown.yaml'), RUNBOOK.replace('type: rollback', 'type: reboot'));
    expect(await problems(entity('./unknown.yaml'))).toEqual([
      `headroom.dev/runbooks: ${join(dir, 'unknown.yaml')} (document 1) spec.actions[0].type: must be one of rollback, scale, restart, shift-traffic, shed-traffic, flag, webhook`,
    ]);
  });

  it("refuses another service's runbook, a file outside the folder and a missing file", async () => {
    expect(await problems(entity('./runbooks.yaml', 'ledger'))).toEqual([
      `headroom.dev/runbooks: ${join(dir, 'runbooks.yaml')} (document 1) spec.service: is "wallet-api", but the file belongs to "ledger"`,
    ]);
    expect(await problems(entity('../elsewhere.yaml'))).toEqual([
      `headroom.dev/runbooks: cannot read '../elsewhere.yaml': headroom.dev/runbooks '../elsewhere.yaml' points outside the folder of ${catalogFile}`,
    ]);
    const missing = await problems(entity('./none.yaml'));
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatch(/^headroom\.dev\/runbooks: cannot read '\.\/none\.yaml': /);
  });
});
