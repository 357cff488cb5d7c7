import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run, type Console } from '@headroom/cli';
import { promtool } from '../prometheus/prometheus';

const slosDir = resolve(__dirname, '..', '..', 'dev-env', 'examples', 'slos');

describe('headroom rules, checked by promtool', () => {
  it('writes rules for every example SLO that `promtool check rules` accepts', async () => {
    const out: string[] = [];
    const io: Console = { isTTY: false, out: t => out.push(t), err: () => undefined };
    const files = readdirSync(slosDir).map(f => join(slosDir, f));
    expect(await run(['rules', ...files], io)).toBe(0);
    const file = join(mkdtempSync(join(tmpdir(), 'headroom-rules-')), 'rules.yml');
    writeFileSync(file, out.join(''));
    const check = promtool(['check', 'rules', file]);
    expect(check.stderr + check.stdout).toMatch(/SUCCESS/);
    expect(check.status).toBe(0);
  });
});
