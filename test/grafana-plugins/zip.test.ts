import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pluginJsonValidator } from './pluginJsonSchema';

// scripts/grafana-zip.sh builds each plugin and zips it as the Grafana CLI installs it; the
// zips are read back with unzip, as an operator would unpack them into the plugins folder.
const root = resolve(__dirname, '..', '..');
const plugins = [
  { dir: 'grafana-datasource', id: 'headroom-slo-datasource' },
  { dir: 'grafana-errorbudget-panel', id: 'headroom-errorbudget-panel' },
  { dir: 'grafana-unitcost-panel', id: 'headroom-unitcost-panel' },
];
const version = (dir: string) =>
  JSON.parse(readFileSync(join(root, 'plugins', dir, 'package.json'), 'utf8')).version;

let out: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'headroom-grafana-zip-'));
  const zip = spawnSync(join(root, 'scripts', 'grafana-zip.sh'), [out], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (zip.status !== 0)
    throw new Error(`scripts/grafana-zip.sh failed (${zip.status}):\n${zip.stdout}\n${zip.stderr}`);
}, 600_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('scripts/grafana-zip.sh', () => {
  const validate = pluginJsonValidator();

  it('writes one zip per plugin, named <plugin-id>-<version>.zip', () => {
    expect(readdirSync(out).sort()).toEqual(
      plugins.map(p => `${p.id}-${version(p.dir)}.zip`).sort(),
    );
  });

  it.each(plugins)(
    '$id: everything sits under one folder named after the plugin id',
    ({ dir, id }) => {
      const entries = execFileSync('unzip', ['-Z1', join(out, `${id}-${version(dir)}.zip`)], {
        encoding: 'utf8',
      })
        .split('\n')
        .filter(Boolean);
      expect(entries.filter(entry => !entry.startsWith(`${id}/`))).toEqual([]);
      for (const file of ['plugin.json', 'module.js', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
        expect(entries).toContain(`${id}/${file}`);
      }
    },
  );

  it.each(plugins)(
    '$id: its plugin.json is valid, versioned and points at files in the zip',
    ({ dir, id }) => {
      const zip = join(out, `${id}-${version(dir)}.zip`);
      const pluginJson = JSON.parse(
        execFileSync('unzip', ['-p', zip, `${id}/plugin.json`], { encoding: 'utf8' }),
      );
      expect(validate(pluginJson)).toEqual([]);
      expect(pluginJson.id).toBe(id);
      expect(pluginJson.info.version).toBe(version(dir));
      expect(pluginJson.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const entries = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n');
      for (const logo of Object.values(pluginJson.info.logos) as string[]) {
        expect(entries).toContain(`${id}/${logo}`);
        const svg = execFileSync('unzip', ['-p', zip, `${id}/${logo}`], { encoding: 'utf8' });
        expect(svg).toBe(readFileSync(join(root, 'plugins', dir, 'src', logo), 'utf8'));
      }
    },
  );
});
