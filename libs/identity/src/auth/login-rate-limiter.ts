import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';

/**
 * Sliding-window counters for login attempts, per account (failed attempts)
 * and per client address (all attempts). Kept in process memory: with several
 * server processes each enforces its own window, which still bounds guessing.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly windowMs: number;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.windowMs = config.auth.loginWindowSeconds * 1000;
  }

  /** Seconds until another attempt is allowed, or 0 when allowed now. */
  retryAfter(account: string, address: string, now = Date.now()): number {
    const accountWait = this.wait(`account:${account}`, this.config.auth.loginLimitPerAccount, now);
    const addressWait = this.wait(`address:${address}`, this.config.auth.loginLimitPerAddress, now);
    return Math.max(accountWait, addressWait);
  }

  recordAttempt(address: string, now = Date.now()): void {
    this.push(`address:${address}`, now);
  }

  recordFailure(account: string, now = Date.now()): void {
    this.push(`account:${account}`, now);
  }

  recordSuccess(account: string): void {
    this.hits.delete(`account:${account}`);
  }

  private wait(key: string, limit: number, now: number): number {
    const recent = this.prune(key, now);
    if (recent.length < limit) return 0;
    const oldest = recent[recent.length - limit];
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  private push(key: string, now: number): void {
    const recent = this.prune(key, now);
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 100_000) this.sweep(now);
  }

  private prune(key: string, now: number): number[] {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length === 0) this.hits.delete(key);
    else this.hits.set(key, recent);
    return recent;
  }

  private sweep(now: number): void {
    for (const key of [...this.hits.keys()]) this.prune(key, now);
  }
}
