/**
 * Values computed from the database for list routes (rollups, counts, the coverage report), so
 * that a route read 200 times a second does not read and fold every SLO each time.
 *
 * A value is kept while `generation()` is unchanged (it counts the writes made through this
 * backend: after one, the next request waits for a fresh value, so a write is seen at once) and
 * is fresh for `maxAgeMs` (writes by other replicas, evaluations). An older value is still
 * answered while one fresh value is computed in the background, so no request waits for it.
 */
export class FreshCache<V> {
  private readonly entries = new Map<
    string,
    { value: V; generation: number; at: number; refreshing: boolean }
  >();
  private readonly pending = new Map<string, { generation: number; value: Promise<V> }>();

  constructor(
    private readonly options: {
      maxAgeMs: number;
      generation: () => number;
      /** Keys kept at most (one per permission decision and filter); the oldest go first. */
      maxKeys?: number;
      clock?: () => number;
      /** Told of a background refresh that failed; the old value stays. */
      onError?: (error: unknown) => void;
    },
  ) {}

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  get(key: string, compute: () => Promise<V>): Promise<V> {
    const generation = this.options.generation();
    const entry = this.entries.get(key);
    if (entry && entry.generation === generation) {
      if (this.now() - entry.at >= this.options.maxAgeMs && !entry.refreshing) {
        entry.refreshing = true;
        this.load(key, generation, compute).then(
          () => undefined,
          error => {
            entry.refreshing = false;
            this.options.onError?.(error);
          },
        );
      }
      return Promise.resolve(entry.value);
    }
    return this.load(key, generation, compute);
  }

  /** One computation per key and generation at a time; the requests arriving meanwhile share it. */
  private load(key: string, generation: number, compute: () => Promise<V>): Promise<V> {
    const running = this.pending.get(key);
    if (running && running.generation === generation) return running.value;
    const at = this.now();
    const value = compute().then(
      v => {
        if (this.pending.get(key)?.value === value) this.pending.delete(key);
        const current = this.entries.get(key);
        // A value computed before a later write must not replace one computed after it.
        if (!current || current.generation <= generation) {
          this.entries.delete(key);
          this.entries.set(key, { value: v, generation, at, refreshing: false });
          const maxKeys = this.options.maxKeys ?? 100;
          while (this.entries.size > maxKeys) {
            this.entries.delete(this.entries.keys().next().value as string);
          }
        }
        return v;
      },
      error => {
        if (this.pending.get(key)?.value === value) this.pending.delete(key);
        throw error;
      },
    );
    this.pending.set(key, { generation, value });
    return value;
  }
}
