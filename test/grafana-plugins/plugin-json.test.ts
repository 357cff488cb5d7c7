import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { referenceDir } from '../reference';
import { pluginJsonValidator } from './pluginJsonSchema';

const root = resolve(__dirname, '..', '..');
const plugins = ['grafana-datasource', 'grafana-errorbudget-panel', 'grafana-unitcost-panel'];
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe("plugin.json against Grafana's schema", () => {
  const validate = pluginJsonValidator();

  it("passes the validator's valid fixture", () => {
    expect(
      validate(
        read(join(referenceDir('grafana', 'plugin-validator-testdata'), 'valid', 'plugin.json')),
      ),
    ).toEqual([]);
  });

  it("fails the validator's invalid fixture on exactly its unknown key", () => {
    expect(
      validate(
        read(join(referenceDir('grafana', 'plugin-validator-testdata'), 'invalid', 'plugin.json')),
      ),
    ).toEqual(['(root): Additional property invalid is not allowed']);
  });

  it.each(plugins)('plugins/%s/src/plugin.json is valid', plugin => {
    expect(validate(read(join(root, 'plugins', plugin, 'src', 'plugin.json')))).toEqual([]);
  });

  it.each(plugins)('plugins/%s: its logos are our own SVGs, not the scaffold default', plugin => {
    const pluginJson = read(join(root, 'plugins', plugin, 'src', 'plugin.json'));
    for (const logo of Object.values(pluginJson.info.logos) as string[]) {
      const svg = readFileSync(join(root, 'plugins', plugin, 'src', logo), 'utf8');
      expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg).toContain('<title>Headroom');
      // create-plugin's default logo is a grid of four panels drawn with these gradients.
      expect(svg).not.toContain('linear-gradient');
    }
  });
});
