import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { manifestTargets, readTarball, workspaceRanges, type Tarball } from './tarball';

// scripts/pack.sh builds every publishable package and packs it, as a release does; the
// tarballs are then read as a registry client would see them.
const root = resolve(__dirname, '..', '..');
const expected = [
  'headroom-core-0.1.0.tgz',
  'headroom-prometheus-0.1.0.tgz',
  'headroom-cost-0.1.0.tgz',
  'headroom-cli-0.1.0.tgz',
  'headroom-plugin-headroom-common-0.1.0.tgz',
  'headroom-plugin-headroom-backend-0.1.0.tgz',
  'headroom-plugin-scaffolder-backend-module-headroom-0.1.0.tgz',
  'headroom-plugin-permission-backend-module-headroom-0.1.0.tgz',
  'headroom-plugin-headroom-0.1.0.tgz',
];

let out: string;
const tarballs = new Map<string, Tarball>();

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'headroom-pack-'));
  const pack = spawnSync(join(root, 'scripts', 'pack.sh'), [out, '--no-grafana'], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (pack.status !== 0)
    throw new Error(`scripts/pack.sh failed (${pack.status}):\n${pack.stdout}\n${pack.stderr}`);
  for (const file of readdirSync(out)) tarballs.set(file, readTarball(join(out, file)));
}, 600_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('scripts/pack.sh', () => {
  it('writes one tarball per publishable package and nothing else', () => {
    expect([...tarballs.keys()].sort()).toEqual([...expected].sort());
  });

  it.each(expected)('%s: every file its manifest points at is inside it', file => {
    const { files, manifest } = tarballs.get(file)!;
    const targets = manifestTargets(manifest);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter(target => !files.has(target))).toEqual([]);
    // Nothing points back at TypeScript sources, which are not shipped.
    expect(targets.filter(target => /^src\//.test(target))).toEqual([]);
  });

  it.each(expected)('%s: dependencies carry registry ranges, not workspace ones', file => {
    const { manifest } = tarballs.get(file)!;
    expect(workspaceRanges(manifest)).toEqual([]);
    expect(manifest.dependencies).toMatchObject(
      Object.fromEntries(
        Object.keys((manifest.dependencies ?? {}) as object)
          .filter(name => name.startsWith('@headroom/'))
          .map(name => [name, '^0.1.0']),
      ),
    );
  });

  it('the frontend plugin exports its root and ./alpha from dist, with types', () => {
    const { manifest } = tarballs.get('headroom-plugin-headroom-0.1.0.tgz')!;
    expect(manifest.exports).toMatchObject({
      '.': { import: './dist/index.esm.js', types: './dist/index.d.ts' },
      './alpha': { import: './dist/alpha.esm.js', types: './dist/alpha.d.ts' },
    });
    expect(manifest.peerDependencies).toMatchObject({
      react: expect.any(String),
      'react-dom': expect.any(String),
    });
  });

  it('the backend plugin ships its migrations and its config schema', () => {
    const { files, manifest } = tarballs.get('headroom-plugin-headroom-backend-0.1.0.tgz')!;
    const migrations = readdirSync(join(root, 'plugins', 'headroom-backend', 'migrations'));
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.filter(m => !files.has(`migrations/${m}`))).toEqual([]);
    expect(manifest.configSchema).toBe('config.schema.json');
    expect(manifest.backstage).toMatchObject({ role: 'backend-plugin', pluginId: 'headroom' });
  });

  it('leaves each Backstage package.json as it was (postpack restores it)', () => {
    for (const dir of [
      'headroom',
      'headroom-common',
      'headroom-backend',
      'scaffolder-backend-module-headroom',
      'permission-backend-module-headroom',
    ]) {
      expect(existsSync(join(root, 'plugins', dir, 'package.json-prepack'))).toBe(false);
      const manifest = require(join(root, 'plugins', dir, 'package.json'));
      expect(manifest.main).toBe('src/index.ts');
    }
  });

  it('installs the headroom command from the core, prometheus, cost and cli tarballs', () => {
    const app = mkdtempSync(join(tmpdir(), 'headroom-cli-install-'));
    try {
      writeFileSync(
        join(app, 'package.json'),
        JSON.stringify({ name: 'cli-install', private: true }),
      );
      const files = expected.slice(0, 4).map(file => join(out, file));
      execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...files], {
        cwd: app,
        stdio: 'pipe',
        timeout: 300_000,
      });
      const help = execFileSync('npx', ['--no-install', 'headroom', '--help'], {
        cwd: app,
        encoding: 'utf8',
      });
      for (const command of ['validate', 'evaluate', 'rules', 'gate', 'capacity'])
        expect(help).toContain(command);
      const slo = join(root, 'dev-env', 'examples', 'slos', 'order-gateway.openslo.yaml');
      const validated = execFileSync('npx', ['--no-install', 'headroom', 'validate', slo], {
        cwd: app,
        encoding: 'utf8',
      });
      expect(validated).toMatch(/1 SLO in 1 file\(s\): valid/);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  }, 300_000);
});
