import { AttemptKeys, LoginAttemptStore } from './login-attempt.store';
import { DelayPolicy, nextAttemptAt } from './sign-in-delay';

interface Failure {
  at: number;
  ticket: string;
}

/** Keys beyond which expired entries are swept, so that a flood of addresses cannot grow memory without end. */
const SWEEP_ABOVE = 100_000;

/** Failures and trust in this process's memory: the store of one-process installs. */
export class MemoryLoginAttemptStore extends LoginAttemptStore {
  private readonly failures = new Map<string, Failure[]>();
  private readonly trusted = new Map<string, number>();

  admit(keys: AttemptKeys, ticket: string, now: number, policy: DelayPolicy): Promise<number | null> {
    const checked = this.isTrusted(keys.trust, now) ? keys.always : [...keys.always, ...keys.unlessTrusted];
    let retryAt: number | null = null;
    for (const { key, free } of checked) {
      const at = nextAttemptAt(this.recent(key, now, policy.windowMs).map((f) => f.at), free, now, policy);
      if (at !== null) retryAt = Math.max(retryAt ?? 0, at);
    }
    if (retryAt !== null) return Promise.resolve(retryAt);
    for (const { key } of checked) this.failures.set(key, [...this.recent(key, now, policy.windowMs), { at: now, ticket }]);
    if (this.failures.size > SWEEP_ABOVE) this.sweep(now, policy.windowMs);
    return Promise.resolve(null);
  }

  succeed(success: { ticket: string; release: readonly string[]; clear: readonly string[]; trust: string }, now: number, trustMs: number): Promise<void> {
    for (const key of success.release) {
      const kept = (this.failures.get(key) ?? []).filter((f) => f.ticket !== success.ticket);
      if (kept.length > 0) this.failures.set(key, kept);
      else this.failures.delete(key);
    }
    for (const key of success.clear) this.failures.delete(key);
    // Re-inserted, so that the map's order is the order of expiry.
    this.trusted.delete(success.trust);
    this.trusted.set(success.trust, now + trustMs);
    if (this.trusted.size > SWEEP_ABOVE) this.forgetOldestTrust(now);
    return Promise.resolve();
  }

  private isTrusted(key: string, now: number): boolean {
    const until = this.trusted.get(key);
    if (until === undefined) return false;
    if (until > now) return true;
    this.trusted.delete(key);
    return false;
  }

  private recent(key: string, now: number, windowMs: number): Failure[] {
    return (this.failures.get(key) ?? []).filter((f) => f.at > now - windowMs);
  }

  private sweep(now: number, windowMs: number): void {
    for (const key of [...this.failures.keys()]) {
      const recent = this.recent(key, now, windowMs);
      if (recent.length > 0) this.failures.set(key, recent);
      else this.failures.delete(key);
    }
  }

  /** Trust expires in insertion order (every entry lasts as long); past the bound, the oldest goes first. */
  private forgetOldestTrust(now: number): void {
    for (const [key, until] of this.trusted) {
      if (until > now && this.trusted.size <= SWEEP_ABOVE) return;
      this.trusted.delete(key);
    }
  }
}
