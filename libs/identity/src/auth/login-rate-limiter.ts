import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { randomUUID } from 'node:crypto';
import { AttemptKeys, LoginAttemptStore } from './login-attempt.store';
import { DelayPolicy, delayPolicyOf, retryAfterSeconds } from './sign-in-delay';

/** How long an address stays trusted for an account after a successful sign-in from it. */
export const TRUSTED_FOR_MS = 30 * 86_400_000;

/** An attempt admitted: counted as a failure until `succeeded` releases it. */
export interface SignInAttempt {
  account: string;
  address: string;
  ticket: string;
}

export type Admission = { admitted: true; attempt: SignInAttempt } | { admitted: false; retryAfterSeconds: number };

/**
 * Growing delays between failed sign-ins (see `sign-in-delay.ts`), counted on
 * three keys:
 * - the account from one address, which keeps one source's guessing slow;
 * - the account from every address, which keeps guessing spread over many
 *   addresses slow;
 * - the address, whichever accounts it names, which keeps one source trying
 *   many accounts slow. Only failures count: a ministry behind one address
 *   signing its whole delegation in is not held up.
 * An address that has signed in to an account is trusted for it (30 days):
 * its attempts on that account answer only to their own key, so a guesser
 * elsewhere cannot make the real user wait.
 *
 * The keys live in a `LoginAttemptStore`: this process's memory on one
 * machine, Redis shared by every process when REDIS_URL is set.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly policy: DelayPolicy;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: LoginAttemptStore,
  ) {
    this.policy = delayPolicyOf(config.auth);
  }

  /**
   * Admits an attempt, counting it as a failure at once so that parallel
   * guesses cannot pass together; otherwise gives the seconds to wait, and
   * nothing is counted.
   */
  async admit(account: string, address: string, now = Date.now()): Promise<Admission> {
    const ticket = randomUUID();
    const retryAt = await this.store.admit(this.keys(account, address), ticket, now, this.policy);
    if (retryAt !== null) return { admitted: false, retryAfterSeconds: retryAfterSeconds(retryAt, now) };
    return { admitted: true, attempt: { account, address, ticket } };
  }

  /**
   * The attempt proved the password: its failure is taken back from the
   * account and the address, the account's failures from this address are
   * forgotten, and the address is trusted for the account. Failures from
   * elsewhere keep counting: a success does not give a guesser fresh tries.
   */
  succeeded({ account, address, ticket }: SignInAttempt, now = Date.now()): Promise<void> {
    return this.store.succeed(
      { ticket, release: [accountKey(account), addressKey(address)], clear: [pairKey(account, address)], trust: trustKey(account, address) },
      now,
      TRUSTED_FOR_MS,
    );
  }

  private keys(account: string, address: string): AttemptKeys {
    const { loginLimitPerAccount, loginLimitPerAddress } = this.config.auth;
    return {
      always: [{ key: pairKey(account, address), free: loginLimitPerAccount }],
      unlessTrusted: [
        { key: accountKey(account), free: loginLimitPerAccount },
        { key: addressKey(address), free: loginLimitPerAddress },
      ],
      trust: trustKey(account, address),
    };
  }
}

// An address never contains a slash, so `<address>/<account>` cannot name two pairs.
function pairKey(account: string, address: string): string {
  return `pair:${address}/${account}`;
}

/** Set once the address has signed in to the account: other limits (password resets) trust it too. */
export function trustKey(account: string, address: string): string {
  return `trusted:${address}/${account}`;
}

function accountKey(account: string): string {
  return `account:${account}`;
}

function addressKey(address: string): string {
  return `address:${address}`;
}
