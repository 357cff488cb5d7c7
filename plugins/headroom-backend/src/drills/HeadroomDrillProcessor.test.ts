import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { HeadroomDrillProcessor } from './HeadroomDrillProcessor';

const DRILL = `apiVersion: headroom.dev/v1alpha1
kind: Drill
metadata: { name: ledger-errors }
spec:
  service: ledger
  slo: availability
  hypothesis: Errors page within a minute.
  steadyState:
    - burnRate: { window: 5m, below: 2 }
  faults:
    - { type: errors, target: ledger, magnitude: 0.5, duration: 1m, weight: 8 }
`;

const dir = mkdtempSync(join(tmpdir(), 'headroom-drill-processor-'));
const location = { type: 'file', target: join(dir, 'catalog-info.yaml') };
const reader = {
  readUrl: async () => {
    throw new Error('no URL reads in this test');
  },
} as unknown as UrlReaderService;

const entity = (file: string | undefined, name = 'ledger'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations: file ? { 'headroom.dev/drills': file } : {} },
  spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
});

async function problems(e: Entity): Promise<string[]> {
  const out: string[] = [];
  await new HeadroomDrillProcessor(reader).postProcessEntity(
    e,
    location,
    (r: CatalogProcessorResult) => {
      if (r.type === 'error') out.push(r.error.message);
    },
  );
  return out;
}

describe('HeadroomDrillProcessor', () => {
  it('accepts a valid drills file, and entities without one', async () => {
    writeFileSync(join(dir, 'ok.yaml'), DRILL);
    expect(await problems(entity('./ok.yaml'))).toEqual([]);
    expect(await problems(entity(undefined))).toEqual([]);
  });

  it('names the file, the document and the field of each problem', async () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      DRILL.replace('magnitude: 0.5', 'magnitude: 3').replace('duration: 1m', 'duration: soon'),
    );
    expect(await problems(entity('./bad.yaml'))).toEqual([
      `headroom.dev/drills: ${join(dir, 'bad.yaml')} (document 1) spec.faults[0].duration: must be a duration such as 30s, 5m or 1h`,
    ]);
    writeFileSync(join(dir, 'big.yaml'), DRILL.replace('magnitude: 0.5', 'magnitude: 3'));
    expect(await problems(entity('./big.yaml'))).toEqual([
      `headroom.dev/drills: ${join(dir, 'big.yaml')} (document 1) spec.faults[0].magnitude: must be a share above 0 and at most 1 for errors`,
    ]);
  });

  it("refuses a drill of another service, a missing file and a path out of the entity's folder", async () => {
    writeFileSync(join(dir, 'other.yaml'), DRILL);
    expect(await problems(entity('./other.yaml', 'wallet-api'))).toEqual([
      `headroom.dev/drills: ${join(dir, 'other.yaml')} (document 1) spec.service: is "ledger", but the file belongs to "wallet-api"`,
    ]);
    expect((await problems(entity('./missing.yaml')))[0]).toMatch(
      /^headroom\.dev\/drills: cannot read '\.\/missing\.yaml': ENOENT/,
    );
    expect(await problems(entity('../outside.yaml'))).toEqual([
      `headroom.dev/drills: cannot read '../outside.yaml': headroom.dev/drills '../outside.yaml' points outside the folder of ${location.target}`,
    ]);
  });
});
