import { testConfig } from '../testing/identity.factories';
import { Admission, LoginRateLimiter, SignInAttempt, TRUSTED_FOR_MS } from './login-rate-limiter';
import { MemoryLoginAttemptStore } from './memory-login-attempt.store';

const WINDOW_MS = 3_600_000;
const T0 = Date.UTC(2025, 0, 1, 9, 0, 0);

describe(LoginRateLimiter.name, () => {
  const account = 'delegate@plenary.test';
  const address = '203.0.113.7';
  let sut: LoginRateLimiter;

  beforeEach(() => {
    sut = new LoginRateLimiter(
      testConfig({ LOGIN_LIMIT_PER_ACCOUNT: '3', LOGIN_LIMIT_PER_ADDRESS: '5', LOGIN_WINDOW_SECONDS: String(WINDOW_MS / 1000), LOGIN_MAX_DELAY_SECONDS: '60' }),
      new MemoryLoginAttemptStore(),
    );
  });

  function admitted(admission: Admission): SignInAttempt {
    if (!admission.admitted) throw new Error(`refused for ${admission.retryAfterSeconds} s`);
    return admission.attempt;
  }

  /** Attempts that fail: admitted, then never released. */
  async function fail(times: number, at = T0, who = account, from = address): Promise<void> {
    for (let i = 0; i < times; i += 1) admitted(await sut.admit(who, from, at));
  }

  async function succeed(at = T0, who = account, from = address): Promise<void> {
    await sut.succeeded(admitted(await sut.admit(who, from, at)), at);
  }

  /** The seconds an attempt must wait, or 0 when it is admitted (and then counts as a failure). */
  const waitOf = async (who: string, from: string, at: number) => {
    const admission = await sut.admit(who, from, at);
    return admission.admitted ? 0 : admission.retryAfterSeconds;
  };

  it('admits attempts while an account is under its free failures', async () => {
    await fail(2);

    await expect(waitOf(account, address, T0)).resolves.toBe(0);
  });

  it('then makes each attempt wait a delay that doubles with every failure', async () => {
    await fail(3);
    await expect(waitOf(account, address, T0)).resolves.toBe(1);

    await fail(1, T0 + 1_000);
    await expect(waitOf(account, address, T0 + 1_000)).resolves.toBe(2);
    await expect(waitOf(account, address, T0 + 2_500)).resolves.toBe(1);

    await fail(1, T0 + 3_000);
    await expect(waitOf(account, address, T0 + 3_000)).resolves.toBe(4);
  });

  it('caps the delay', async () => {
    for (let i = 0; i < 12; i += 1) await fail(1, T0 + i * 61_000);

    await expect(waitOf(account, address, T0 + 11 * 61_000)).resolves.toBe(60);
  });

  it('counts an admitted attempt at once, so that parallel guesses do not pass together', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => sut.admit(account, address, T0)));

    expect(answers.filter((answer) => answer.admitted)).toHaveLength(3);
  });

  it('does not count a refused attempt', async () => {
    await fail(3);
    for (let i = 0; i < 5; i += 1) await expect(waitOf(account, address, T0 + 500)).resolves.toBe(1);

    await expect(waitOf(account, address, T0 + 1_000)).resolves.toBe(0);
  });

  it('limits only the account that failed', async () => {
    await fail(3);

    await expect(waitOf('someone-else@plenary.test', address, T0)).resolves.toBe(0);
  });

  it('counts an account’s failures from every address it has not signed in from', async () => {
    await fail(1, T0, account, '198.51.100.1');
    await fail(1, T0, account, '198.51.100.2');
    await fail(1, T0, account, '198.51.100.3');

    await expect(waitOf(account, '198.51.100.4', T0)).resolves.toBe(1);
  });

  it('lets the user in from an address they signed in from, whatever a guesser elsewhere does', async () => {
    await succeed(T0);
    for (let i = 0; i < 6; i += 1) await fail(1, T0 + i * 61_000, account, `198.51.100.${i}`);
    await expect(waitOf(account, '198.51.100.99', T0 + 5 * 61_000)).resolves.toBe(8);

    await expect(waitOf(account, address, T0 + 5 * 61_000)).resolves.toBe(0);
  });

  it('still slows guessing from a trusted address, on its own count', async () => {
    await succeed(T0);
    await fail(3, T0);

    await expect(waitOf(account, address, T0)).resolves.toBe(1);
    await expect(waitOf(account, '198.51.100.1', T0)).resolves.toBe(0);
  });

  it('trusts an address for 30 days', async () => {
    await succeed(T0);
    const later = T0 + TRUSTED_FOR_MS;
    for (let i = 0; i < 3; i += 1) await fail(1, later, account, `198.51.100.${i}`);

    await expect(waitOf(account, address, later - 1)).resolves.toBe(0);
    await expect(waitOf(account, address, later)).resolves.toBe(1);
  });

  it('forgets the failures from the address of a success, but gives guessers elsewhere no fresh tries', async () => {
    await fail(2, T0, account, address);
    await sut.succeeded(admitted(await sut.admit(account, address, T0)), T0);
    await fail(1, T0, account, '198.51.100.1');

    // Two failures from this address and one from elsewhere still count for the addresses it has not signed in from.
    await expect(waitOf(account, '198.51.100.2', T0)).resolves.toBe(1);
    await expect(waitOf(account, address, T0)).resolves.toBe(0);
  });

  it('counts only failures against an address: successes from it do not', async () => {
    for (let i = 0; i < 20; i += 1) await succeed(T0, `member-${i}@ministry.example`);
    for (let i = 0; i < 5; i += 1) await fail(1, T0, `newcomer-${i}@ministry.example`);

    await expect(waitOf('another-newcomer@ministry.example', address, T0)).resolves.toBe(1);
    await expect(waitOf('another-newcomer@ministry.example', '198.51.100.1', T0)).resolves.toBe(0);
  });

  it('lets the people who signed in from an address through while it waits', async () => {
    await succeed(T0, 'member@ministry.example');
    for (let i = 0; i < 5; i += 1) await fail(1, T0, `newcomer-${i}@ministry.example`);

    await expect(waitOf('member@ministry.example', address, T0)).resolves.toBe(0);
  });

  it('forgets failures older than the window', async () => {
    await fail(3, T0);
    await expect(waitOf(account, address, T0 + 1)).resolves.toBe(1);

    await expect(waitOf(account, address, T0 + WINDOW_MS)).resolves.toBe(0);
    // That attempt failed too, but it is the only one left in the window.
    await expect(waitOf(account, address, T0 + WINDOW_MS)).resolves.toBe(0);
  });

  it('uses the longest of the waits that apply', async () => {
    await fail(3, T0);
    await fail(1, T0 + 1_000);
    await fail(1, T0 + 1_000, 'other@plenary.test');

    // The account waits 2 s from its fourth failure, the address 1 s from its fifth.
    await expect(waitOf(account, address, T0 + 1_000)).resolves.toBe(2);
    await expect(waitOf('third@plenary.test', address, T0 + 1_000)).resolves.toBe(1);
  });
});
