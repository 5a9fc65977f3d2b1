import { useCallback, useState } from 'react';

/**
 * Choices this browser keeps from one visit to the next (the agenda's view
 * and time zone, say), in localStorage. A value that is missing, no longer
 * valid or unreadable (storage refused, as in some private windows) gives
 * the fallback.
 */
export function remembered<T extends string>(key: string, fallback: T, valid: (value: string) => value is T): T {
  try {
    const value = window.localStorage.getItem(key);
    return value !== null && valid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

export function remember(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not kept: the choice still holds on this page.
  }
}

/** A state that starts from what this browser remembers under `key`, and remembers each change. */
export function useRemembered<T extends string>(key: string, fallback: T, valid: (value: string) => value is T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => remembered(key, fallback, valid));
  const change = useCallback(
    (next: T) => {
      setValue(next);
      remember(key, next);
    },
    [key],
  );
  return [value, change];
}
