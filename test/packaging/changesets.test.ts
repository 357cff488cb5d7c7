import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The release flow's first step, `changeset version`, run on a copy of the workspace's
// manifests and .changeset/config.json: the versions and CHANGELOGs it writes are checked.
const root = resolve(__dirname, '..', '..');
const fixedGroup = ['plugins/headroom', 'plugins/headroom-backend', 'plugins/headroom-common'];
const independent = [
  'packages/core',
  'packages/prometheus',
  'packages/cost',
  'packages/cli',
  'plugins/scaffolder-backend-module-headroom',
  'plugins/permission-backend-module-headroom',
  'plugins/grafana-datasource',
  'plugins/grafana-errorbudget-panel',
  'plugins/grafana-unitcost-panel',
];
const demoOnly = ['packages/app', 'packages/backend', 'dev-env/simulator', 'test/grafana-harness'];

const manifest = (dir: string, ws: string) =>
  JSON.parse(readFileSync(join(dir, ws, 'package.json'), 'utf8'));

let copy: string;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'headroom-changesets-'));
  cpSync(join(root, 'package.json'), join(copy, 'package.json'));
  cpSync(join(root, '.changeset', 'config.json'), join(copy, '.changeset', 'config.json'), {
    recursive: true,
  });
  for (const ws of [...fixedGroup, ...independent, ...demoOnly]) {
    mkdirSync(join(copy, ws), { recursive: true });
    cpSync(join(root, ws, 'package.json'), join(copy, ws, 'package.json'));
    if (existsSync(join(root, ws, 'CHANGELOG.md'))) {
      cpSync(join(root, ws, 'CHANGELOG.md'), join(copy, ws, 'CHANGELOG.md'));
    }
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  const names = (wss: string[]) => wss.map(ws => manifest(root, ws).name as string);
  const releases = [
    `"${names(['plugins/headroom-common'])[0]}": minor`,
    ...names(independent).map(name => `"${name}": patch`),
  ];
  writeFileSync(
    join(copy, '.changeset', 'first-change.md'),
    `---\n${releases.join('\n')}\n---\n\nAnswer 403 to guests who start a cost import.\n`,
  );
  execFileSync(join(root, 'node_modules', '.bin', 'changeset'), ['version'], {
    cwd: copy,
    stdio: 'pipe',
  });
}, 60_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('changesets configuration', () => {
  it('releases the three headroom plugin packages together', () => {
    for (const ws of fixedGroup) expect([ws, manifest(copy, ws).version]).toEqual([ws, '0.2.0']);
  });

  it('versions every other publishable package and the Grafana plugins on their own', () => {
    for (const ws of independent) expect([ws, manifest(copy, ws).version]).toEqual([ws, '0.1.1']);
  });

  it('leaves the demo workspaces alone', () => {
    for (const ws of demoOnly) expect(manifest(copy, ws).version).toBe(manifest(root, ws).version);
  });

  it('writes the change into the CHANGELOG of each package it names, under the new version', () => {
    for (const ws of ['plugins/headroom-common', ...independent]) {
      const changelog = readFileSync(join(copy, ws, 'CHANGELOG.md'), 'utf8');
      const version = manifest(copy, ws).version;
      const start = changelog.indexOf(`## ${version}`);
      expect([ws, start]).not.toEqual([ws, -1]);
      const section = changelog.slice(start, changelog.indexOf('\n## ', start + 1));
      expect(section).toContain('Answer 403 to guests who start a cost import.');
    }
  });

  it('gives the rest of the fixed group a section for the shared version', () => {
    for (const ws of ['plugins/headroom', 'plugins/headroom-backend']) {
      const changelog = readFileSync(join(copy, ws, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toMatch(
        /## 0\.2\.0\n\n### Patch Changes\n\n- Updated dependencies\n {2}- @headroom\/plugin-headroom-common@0\.2\.0/,
      );
    }
  });

  it('keeps workspace ranges between packages for yarn pack to replace', () => {
    expect(manifest(copy, 'packages/cli').dependencies['@headroom/core']).toBe('workspace:^');
  });
});
