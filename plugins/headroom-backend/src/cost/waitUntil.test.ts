import { waitUntil } from './service';

describe('waitUntil, which holds a scheduled import until the catalog has components', () => {
  it('answers true as soon as the check does, counting failing checks as not yet', async () => {
    const answers = [Promise.reject(new Error('catalog starting')), false, true];
    let calls = 0;
    const ready = await waitUntil(() => Promise.resolve(answers[calls++]!), {
      intervalMs: 5,
      timeoutMs: 5_000,
    });
    expect(ready).toBe(true);
    expect(calls).toBe(3);
  });

  it('gives up after the timeout', async () => {
    let calls = 0;
    const started = Date.now();
    const ready = await waitUntil(async () => (calls++, false), { intervalMs: 10, timeoutMs: 50 });
    expect(ready).toBe(false);
    expect(calls).toBeGreaterThan(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('stops waiting when the task is aborted', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    const ready = await waitUntil(async () => false, {
      intervalMs: 60_000,
      timeoutMs: 120_000,
      signal: abort.signal,
    });
    expect(ready).toBe(false);
  });
});
