import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface Resource<T> {
  /** The last answer, kept while a newer one is on its way so that the screen does not flicker. */
  data: T | null;
  error: unknown;
  /** Asks again; resolves once the answer is shown. */
  reload(): Promise<void>;
  /** Shows an answer obtained otherwise, such as the result of a change. */
  replace(data: T): void;
}

/**
 * Data read from the server for a screen, read again when `deps` change. Only
 * the answer to the latest request is shown: switching quickly between two
 * views never leaves the first one's answer on screen.
 */
export function useResource<T>(load: () => Promise<T>, deps: DependencyList): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(0);
  // The caller names what the request depends on, as with useCallback.
  const fetchLatest = useCallback(load, deps);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    try {
      const answer = await fetchLatest();
      if (request !== latest.current) return;
      setData(answer);
      setError(null);
    } catch (failure) {
      if (request === latest.current) setError(failure);
    }
  }, [fetchLatest]);

  useEffect(() => {
    void reload();
    return () => {
      // Answers arriving after the screen is gone, or after the request changed, are dropped.
      latest.current++;
    };
  }, [reload]);

  const replace = useCallback((next: T) => {
    latest.current++;
    setData(next);
    setError(null);
  }, []);

  return { data, error, reload, replace };
}
