import { join } from 'node:path';
import { run, type Console } from '@headroom/cli';
import { createContext, DEFAULT_SEED, WORLD, writeHistoryFile } from '@headroom/demo-simulator';
import {
  promtool,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../prometheus/prometheus';

/**
 * `headroom capacity` against a real Prometheus holding two weeks of the demo world's history:
 * market-data is over-provisioned about 3× on purpose (DEMO.md), and the model must say so.
 */
const NOW = Math.floor(Date.UTC(2026, 10, 23, 12, 0, 0) / 1000);
const STEP = 300;

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

describe('headroom capacity --prometheus', () => {
  let prom: RunningPrometheus;

  beforeAll(async () => {
    const dir = tempDir();
    const file = join(dir, 'history.om');
    await writeHistoryFile(
      createContext(WORLD, DEFAULT_SEED, NOW),
      { from: NOW - 15 * 86400, to: NOW, step: STEP },
      file,
    );
    const r = promtool([
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--max-block-duration=400h',
      file,
      join(dir, 'data'),
    ]);
    if (r.status !== 0) throw new Error(`promtool failed: ${r.stderr}`);
    prom = await startPrometheus({ dir });
  }, 180_000);

  afterAll(async () => {
    await prom?.stop();
  });

  it('finds market-data over-provisioned against its forecast peak', async () => {
    const io = capture();
    const code = await run(
      [
        'capacity',
        '--prometheus',
        prom.url,
        '--entity',
        'component:default/market-data',
        '--at',
        String(NOW),
        '--format',
        'json',
      ],
      io,
    );
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const out = JSON.parse(io.stdout.join('')) as {
      cpu: {
        needed: number;
        current: { provisioned: number; verdict: string } | null;
        explanation: string[];
      };
      memory: { unit: string };
      driverPeak: { expected: number };
    };
    expect(out.driverPeak.expected).toBeGreaterThan(0);
    expect(out.cpu.current).not.toBeNull();
    expect(out.cpu.current!.verdict).toBe('over-provisioned');
    // Requests are about 3× the p95 of use; what the forecast peak needs at 70 % utilisation is
    // well under what is requested.
    expect(out.cpu.current!.provisioned / out.cpu.needed).toBeGreaterThan(1.5);
    expect(out.cpu.explanation.length).toBeGreaterThan(0);
    expect(out.memory.unit).toBe('GiB');
  }, 60_000);

  it('says which query returned nothing, exit 2', async () => {
    const io = capture();
    const code = await run(
      [
        'capacity',
        '--prometheus',
        prom.url,
        '--entity',
        'component:default/no-such-service',
        '--at',
        String(NOW),
      ],
      io,
    );
    expect(code).toBe(2);
    expect(io.stderr[0]).toMatch(
      /no-such-service: the driver query returned no data over the last 14d: sum\(rate\(http_requests_total\{service="no-such-service"\}\[5m\]\)\)/,
    );
  }, 60_000);
});
