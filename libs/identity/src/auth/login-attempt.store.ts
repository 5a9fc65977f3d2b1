/** How many hits one key may hold within the sliding window. */
export interface AttemptLimit {
  key: string;
  limit: number;
}

/**
 * Where the sign-in limits keep their sliding windows: timestamps of recent
 * attempts under keys such as `account:<e-mail>` and `address:<ip>`. The
 * identity module provides the process-memory store on one machine and the
 * Redis store when several processes share REDIS_URL; the limiter does not
 * know which.
 */
export abstract class LoginAttemptStore {
  /**
   * If every key holds fewer hits than its limit within the window ending at
   * `now`, adds a hit at `now` to `record` and resolves null. Otherwise adds
   * nothing and resolves the moment (epoch ms) from which every key is under
   * its limit again. Check and add are one step, so concurrent attempts (from
   * any process sharing the store) never get past a limit together.
   */
  abstract admit(limits: readonly AttemptLimit[], record: string, now: number, windowMs: number): Promise<number | null>;

  /** Adds a hit at `now` to `key`. */
  abstract add(key: string, now: number, windowMs: number): Promise<void>;

  /** Forgets every hit of `key`. */
  abstract clear(key: string): Promise<void>;
}
