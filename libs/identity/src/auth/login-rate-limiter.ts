import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { LoginAttemptStore } from './login-attempt.store';

/**
 * Sliding-window limits on login attempts, per account (failed attempts) and
 * per client address (all attempts). The windows live in a `LoginAttemptStore`:
 * this process's memory on one machine, Redis shared by every process when
 * REDIS_URL is set.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly windowMs: number;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: LoginAttemptStore,
  ) {
    this.windowMs = config.auth.loginWindowSeconds * 1000;
  }

  /**
   * Admits an attempt: 0 when it may go ahead, and it then counts against the
   * address; otherwise the seconds until another attempt is allowed, and
   * nothing is counted.
   */
  async admit(account: string, address: string, now = Date.now()): Promise<number> {
    const retryAt = await this.store.admit(
      [
        { key: accountKey(account), limit: this.config.auth.loginLimitPerAccount },
        { key: addressKey(address), limit: this.config.auth.loginLimitPerAddress },
      ],
      addressKey(address),
      now,
      this.windowMs,
    );
    return retryAt === null ? 0 : Math.max(1, Math.ceil((retryAt - now) / 1000));
  }

  recordFailure(account: string, now = Date.now()): Promise<void> {
    return this.store.add(accountKey(account), now, this.windowMs);
  }

  recordSuccess(account: string): Promise<void> {
    return this.store.clear(accountKey(account));
  }
}

function accountKey(account: string): string {
  return `account:${account}`;
}

function addressKey(address: string): string {
  return `address:${address}`;
}
