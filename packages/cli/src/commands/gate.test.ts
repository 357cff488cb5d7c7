import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_RELEASE_GATE_POLICY } from '@headroom/core';
import { run } from '../program';
import type { Console } from '../io/console';

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

const examples = resolve(__dirname, '..', '..', '..', '..', 'dev-env', 'examples');
const series = ['--series-dir', join(examples, 'series')];
const dir = mkdtempSync(join(tmpdir(), 'headroom-gate-'));
// A service declared without objectives yet: nothing for a budget to vouch with.
const noSlos = join(dir, 'fiat-onramp.yaml');
writeFileSync(
  noSlos,
  'apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: fiat-onramp\nspec:\n  description: no objectives yet\n',
);

async function gate(...args: string[]) {
  const io = capture();
  const code = await run(['gate', '--format', 'json', ...args], io);
  return { code, decision: JSON.parse(io.stdout.join('') || 'null'), err: io.stderr };
}

describe('headroom gate: the one default policy', () => {
  it('decides under core’s default policy and says so, with the rhythm and the blockers', async () => {
    const { code, decision } = await gate(
      ...series,
      join(examples, 'slos', 'withdrawal-signer.sloth.yaml'),
    );
    expect(code).toBe(1);
    expect(decision.policy).toEqual(DEFAULT_RELEASE_GATE_POLICY);
    expect(decision.policy.minBudgetRemaining).toBe(0.1);
    expect(decision).toMatchObject({ decision: 'deny', rhythm: 'freeze' });
    // Its budget is spent (5.x % left) and a slow burn is still on.
    expect(decision.blockers).toEqual(['budget', 'ticket']);
  });

  it('denies a release without SLOs unless told to allow it', async () => {
    const denied = await gate(noSlos);
    expect(denied.code).toBe(1);
    expect(denied.decision).toMatchObject({ decision: 'deny', blockers: ['no-slos'] });
    expect(denied.decision.reasons).toEqual([
      `${noSlos} has no SLOs: no error budget can vouch for this release (policy withoutSlos: deny)`,
    ]);
    const allowed = await gate('--without-slos', 'allow', noSlos);
    expect(allowed.code).toBe(0);
    expect(allowed.decision).toMatchObject({
      decision: 'allow',
      rhythm: 'normal',
      reasons: [`${noSlos} has no SLOs; nothing to protect`],
    });
  });

  it('refuses an unknown --without-slos (exit 2)', async () => {
    const r = await gate('--without-slos', 'sometimes', noSlos);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/--without-slos.*sometimes.*(allow|deny)/s);
  });
});
