import type { DelayPolicy } from './sign-in-delay';

/** A key whose failures are counted, and how many of them need no wait (see `sign-in-delay.ts`). */
export interface KeyLimit {
  key: string;
  free: number;
}

/** The keys one sign-in attempt is checked and counted against. */
export interface AttemptKeys {
  /** Checked and counted on every attempt. */
  always: readonly KeyLimit[];
  /** Checked and counted too, unless the `trust` key is set. */
  unlessTrusted: readonly KeyLimit[];
  /** Set after a success, for an address that has proven it knows the account's password. */
  trust: string;
}

/**
 * Where the sign-in limits keep the recent failures under keys such as
 * `account:<e-mail>`, `pair:<ip>/<e-mail>` and `address:<ip>`, and the trust
 * earned by successes. The identity module provides the process-memory store
 * on one machine and the Redis store when several processes share REDIS_URL;
 * the limiter does not know which.
 *
 * An attempt is counted as a failure when it is admitted, before its password
 * is checked, and released if it succeeds: so concurrent attempts (from any
 * process sharing the store) never get past a limit together.
 */
export abstract class LoginAttemptStore {
  /**
   * If no key checked makes the attempt wait (`nextAttemptAt`), adds a
   * failure at `now` named `ticket` to each of them and resolves null.
   * Otherwise adds nothing and resolves the moment (epoch ms) from which an
   * attempt may start. Check and add are one step.
   */
  abstract admit(keys: AttemptKeys, ticket: string, now: number, policy: DelayPolicy): Promise<number | null>;

  /**
   * Records a success: removes the failure named `ticket` from the `release`
   * keys, forgets the `clear` keys altogether, and sets `trust` for `trustMs`.
   */
  abstract succeed(success: { ticket: string; release: readonly string[]; clear: readonly string[]; trust: string }, now: number, trustMs: number): Promise<void>;
}
