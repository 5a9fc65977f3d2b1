// The growing delay between sign-in attempts, as pure rules: the stores apply
// them to the failures they keep (the Redis store in Lua, to the same effect).

/** The first wait once a key's free failures are spent; each further failure doubles it. */
export const FIRST_DELAY_MS = 1000;

export interface DelayPolicy {
  /** Failures older than this stop counting. */
  windowMs: number;
  /** The longest wait between two attempts. */
  maxDelayMs: number;
}

/** The sign-in window and longest wait of the configuration, which password resets share. */
export function delayPolicyOf(auth: { loginWindowSeconds: number; loginMaxDelaySeconds: number }): DelayPolicy {
  return { windowMs: auth.loginWindowSeconds * 1000, maxDelayMs: auth.loginMaxDelaySeconds * 1000 };
}

/** The whole seconds to wait from `now` until `retryAt`, at least one: what a refusal tells its caller. */
export function retryAfterSeconds(retryAt: number, now: number): number {
  return Math.max(1, Math.ceil((retryAt - now) / 1000));
}

/**
 * The wait before the next attempt on a key holding `failures` recent
 * failures of which `free` need no wait: nothing while under `free`, then
 * 1 s, 2 s, 4 s … doubling with each failure, up to the policy's cap.
 */
export function delayAfter(failures: number, free: number, maxDelayMs: number): number {
  if (failures < free) return 0;
  return Math.min(maxDelayMs, FIRST_DELAY_MS * 2 ** Math.min(failures - free, 52));
}

/**
 * The moment from which another attempt may start, given the times of a key's
 * failures in ascending order, or null when one may start at `now`. Failures
 * at or before `now - windowMs` do not count. The wait runs from the newest
 * failure, so that a guesser who keeps trying makes no progress.
 */
export function nextAttemptAt(failures: readonly number[], free: number, now: number, policy: DelayPolicy): number | null {
  const recent = failures.filter((at) => at > now - policy.windowMs);
  if (recent.length === 0) return null;
  const at = recent[recent.length - 1] + delayAfter(recent.length, free, policy.maxDelayMs);
  return at > now ? at : null;
}
