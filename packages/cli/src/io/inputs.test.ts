import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../program';
import type { Console } from './console';

const examples = resolve(__dirname, '..', '..', '..', '..', 'dev-env', 'examples');
const slo = join(examples, 'slos', 'order-gateway.openslo.yaml');
const series = join(examples, 'series', 'order-gateway-availability.csv');

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

const dir = mkdtempSync(join(tmpdir(), 'headroom-inputs-'));

describe('inputs that used to crash or hang the command', () => {
  it.each(['9999999999999', '-1', '1e400'.replace('e400', '0'.repeat(400))])(
    'evaluate --at %s: exit 2 with one line naming --at',
    async at => {
      const io = capture();
      expect(await run(['evaluate', '--slo', slo, '--series', series, '--at', at], io)).toBe(2);
      expect(io.stderr).toHaveLength(1);
      expect(io.stderr[0]).toMatch(/^error: --at: ".*" is out of range: give a time from 1970/);
      expect(io.stderr[0]).not.toMatch(/\n|\bat .*\.ts:/);
    },
  );

  it('validate /dev/zero: exit 2 naming the file, without reading it', async () => {
    const io = capture();
    const started = Date.now();
    expect(await run(['validate', '/dev/zero'], io)).toBe(2);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(io.stderr).toEqual(['error: /dev/zero: is not a regular file']);
  });

  it('validate a named pipe nobody writes to: exit 2, no wait', async () => {
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const io = capture();
    expect(await run(['validate', fifo], io)).toBe(2);
    expect(io.stderr).toEqual([`error: ${fifo}: is not a regular file`]);
  });

  it('validate a directory or a file over 16 MiB: exit 2 naming it', async () => {
    const big = join(dir, 'big.yaml');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 16 * 1024 * 1024 + 1);
    closeSync(fd);
    let io = capture();
    expect(await run(['validate', big], io)).toBe(2);
    expect(io.stderr).toEqual([`error: ${big}: is over 16 MiB (16777217 bytes)`]);
    io = capture();
    expect(await run(['validate', dir], io)).toBe(2);
    expect(io.stderr).toEqual([`error: ${dir}: is a directory`]);
  });
});
