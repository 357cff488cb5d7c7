import { FAMILY_LIST } from './exposition';
import { createContext, epochOf } from './model';
import { openMetricsHeader, writeHistory } from './openmetrics';
import { renderExposition } from './server';
import { CounterClock } from './counters';
import { collectingStream, parseSamples } from './testing';
import { WORLD, findService } from './world';

const ANCHOR = 1795598160;
const small = { ...WORLD, services: [findService('order-gateway'), findService('card-issuing')] };
const ctx = createContext(small, 3, ANCHOR);

describe('OpenMetrics history', () => {
  it('declares every family once, stamps every sample and ends with # EOF', async () => {
    const { stream, text } = collectingStream();
    const stats = await writeHistory(ctx, { from: ANCHOR - 600, to: ANCHOR, step: 60 }, stream);
    const out = text();
    expect(out.startsWith(openMetricsHeader())).toBe(true);
    expect(out.endsWith('\n# EOF\n')).toBe(true);
    for (const family of FAMILY_LIST) {
      expect(out.split(`# TYPE ${family.name} ${family.type}\n`)).toHaveLength(2);
    }
    // Counter families go without _total in # TYPE, and their samples carry it.
    expect(out).toContain('# TYPE http_requests counter\n');
    expect(out).toContain('\nhttp_requests_total{service="order-gateway"');
    const { timestamps } = parseSamples(out);
    expect([...timestamps]).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(i => ANCHOR - 600 + 60 * i),
    );
    expect(stats.timestamps).toBe(11);
    expect(stats.bytes).toBe(Buffer.byteLength(out));
    const sampleLines = out.split('\n').filter(line => line !== '' && !line.startsWith('#'));
    expect(sampleLines).toHaveLength(stats.samples);
    // order-gateway: 4 codes + 7 buckets + count + sum + cpu + memory + 2 requests + 2 limits
    // + replicas + orders + active users = 22; card-issuing: the same with transactions = 22.
    expect(stats.samples).toBe(11 * 44);
  });

  it('labels every series with service, lob and team', async () => {
    const { stream, text } = collectingStream();
    await writeHistory(ctx, { from: ANCHOR, to: ANCHOR, step: 60 }, stream);
    for (const series of parseSamples(text()).values.keys()) {
      expect(series).toMatch(
        /\{service="[a-z-]+",lob="(spot|derivatives|custody|payments)",team="team-[a-z-]+"/,
      );
    }
  });

  it('rejects spans it cannot write, naming the field', async () => {
    const { stream } = collectingStream();
    await expect(writeHistory(ctx, { from: ANCHOR, to: ANCHOR, step: 0 }, stream)).rejects.toThrow(
      /step/,
    );
    await expect(
      writeHistory(ctx, { from: ANCHOR, to: ANCHOR - 60, step: 60 }, stream),
    ).rejects.toThrow(/to \(\d+\) is before from/);
    await expect(
      writeHistory(ctx, { from: epochOf(ctx) - 60, to: ANCHOR, step: 60 }, stream),
    ).rejects.toThrow(/before the simulation epoch/);
  });

  it('prints the live exposition with classic counter names', () => {
    const text = renderExposition(ctx, new CounterClock(ctx), ANCHOR);
    expect(text).toContain('# TYPE http_requests_total counter\n');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram\n');
    expect(text).not.toContain('# EOF');
  });
});
