import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  value: T | undefined;
  /** The error of the latest attempt; undefined when it succeeded. */
  error: Error | undefined;
  loading: boolean;
  /** When `value` was fetched. */
  loadedAt: Date | undefined;
  /** When the attempts started failing, kept across failed retries. */
  failingSince: Date | undefined;
  retry: () => void;
}

/**
 * Fetches now and every `intervalMs`, keeping the last good value when a refresh fails so that a
 * page can say what is stale and since when instead of going blank.
 */
export function usePolled<T>(
  fetcher: () => Promise<T>,
  deps: unknown[],
  intervalMs = 60_000,
): Polled<T> {
  const [state, setState] = useState<Omit<Polled<T>, 'retry'>>({
    value: undefined,
    error: undefined,
    loading: true,
    loadedAt: undefined,
    failingSince: undefined,
  });
  const [tick, setTick] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    let cancelled = false;
    setState(s => ({ ...s, loading: true }));
    fetcherRef.current().then(
      value => {
        if (cancelled) return;
        setState({
          value,
          error: undefined,
          loading: false,
          loadedAt: new Date(),
          failingSince: undefined,
        });
      },
      (error: unknown) => {
        if (cancelled) return;
        setState(s => ({
          ...s,
          error: error instanceof Error ? error : new Error(String(error)),
          loading: false,
          failingSince: s.failingSince ?? new Date(),
        }));
      },
    );
    const timer = intervalMs > 0 ? setTimeout(() => setTick(t => t + 1), intervalMs) : undefined;
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick, intervalMs]);

  const retry = useCallback(() => setTick(t => t + 1), []);
  return { ...state, retry };
}
