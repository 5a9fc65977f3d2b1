import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { randomUUID } from 'node:crypto';
import { LoginAttemptStore } from '../auth/login-attempt.store';
import { trustKey } from '../auth/login-rate-limiter';
import { DelayPolicy, delayPolicyOf, retryAfterSeconds } from '../auth/sign-in-delay';

export type ResetAdmission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/**
 * Growing delays between password-reset requests, shaped like the sign-in
 * limits and kept in the same store (memory, or Redis shared by every
 * process): every request counts, on the account from one address, on the
 * account from every address, and on the address whichever accounts it
 * names. An address that has signed in to the account answers only to its
 * own count, so that a stranger flooding someone's mailbox cannot keep them
 * from resetting their password where they usually sign in. The counts are
 * kept for the address as typed, whether or not it has an account, so that a
 * refusal tells nothing about accounts.
 */
@Injectable()
export class PasswordResetLimiter {
  private readonly policy: DelayPolicy;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: LoginAttemptStore,
  ) {
    this.policy = delayPolicyOf(config.auth);
  }

  async admit(account: string, address: string, now = Date.now()): Promise<ResetAdmission> {
    const { passwordResetLimitPerAccount: perAccount, passwordResetLimitPerAddress: perAddress } = this.config.auth;
    const retryAt = await this.store.admit(
      {
        always: [{ key: `reset-pair:${address}/${account}`, free: perAccount }],
        unlessTrusted: [
          { key: `reset-account:${account}`, free: perAccount },
          { key: `reset-address:${address}`, free: perAddress },
        ],
        trust: trustKey(account, address),
      },
      randomUUID(),
      now,
      this.policy,
    );
    return retryAt === null ? { admitted: true } : { admitted: false, retryAfterSeconds: retryAfterSeconds(retryAt, now) };
  }
}
