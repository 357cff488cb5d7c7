import { FreshCache } from './freshCache';

describe('FreshCache', () => {
  let now = 0;
  let generation = 0;
  let computed = 0;
  const errors: unknown[] = [];
  const cache = (maxKeys?: number) =>
    new FreshCache<string>({
      maxAgeMs: 1000,
      generation: () => generation,
      clock: () => now,
      ...(maxKeys ? { maxKeys } : {}),
      onError: e => errors.push(e),
    });
  const compute = (value: string) => async () => {
    computed += 1;
    return value;
  };

  beforeEach(() => {
    now = 0;
    generation = 0;
    computed = 0;
    errors.length = 0;
  });

  it('computes once for requests arriving together, then answers from the value', async () => {
    const c = cache();
    const answers = await Promise.all([c.get('k', compute('a')), c.get('k', compute('b'))]);
    expect(answers).toEqual(['a', 'a']);
    now = 999;
    expect(await c.get('k', compute('c'))).toBe('a');
    expect(computed).toBe(1);
  });

  it('waits for a fresh value after a write (a new generation)', async () => {
    const c = cache();
    await c.get('k', compute('before'));
    generation = 1;
    expect(await c.get('k', compute('after'))).toBe('after');
    expect(computed).toBe(2);
  });

  it('answers an old value while one fresh value is computed in the background', async () => {
    const c = cache();
    await c.get('k', compute('old'));
    now = 1000;
    let release!: (v: string) => void;
    const slow = () => {
      computed += 1;
      return new Promise<string>(r => (release = r));
    };
    expect(await c.get('k', slow)).toBe('old');
    expect(await c.get('k', slow)).toBe('old');
    expect(computed).toBe(2);
    release('new');
    await new Promise(r => setImmediate(r));
    expect(await c.get('k', compute('unused'))).toBe('new');
    expect(computed).toBe(2);
  });

  it('keeps the old value when a background refresh fails, and tries again', async () => {
    const c = cache();
    await c.get('k', compute('old'));
    now = 1000;
    const failing = async () => {
      computed += 1;
      throw new Error('database gone');
    };
    expect(await c.get('k', failing)).toBe('old');
    await new Promise(r => setImmediate(r));
    expect(errors.map(e => (e as Error).message)).toEqual(['database gone']);
    expect(await c.get('k', compute('new'))).toBe('old');
    await new Promise(r => setImmediate(r));
    expect(await c.get('k', compute('unused'))).toBe('new');
  });

  it('passes a failed first computation on to its callers, and keeps at most maxKeys keys', async () => {
    const c = cache(2);
    await expect(
      c.get('k', async () => {
        throw new Error('no catalog');
      }),
    ).rejects.toThrow('no catalog');
    await c.get('a', compute('a'));
    await c.get('b', compute('b'));
    await c.get('c', compute('c'));
    expect(computed).toBe(3);
    // 'a' was the oldest: computed again.
    expect(await c.get('a', compute('a2'))).toBe('a2');
    expect(await c.get('c', compute('unused'))).toBe('c');
  });
});
