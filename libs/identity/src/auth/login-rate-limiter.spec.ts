import { testConfig } from '../testing/identity.factories';
import { LoginRateLimiter } from './login-rate-limiter';
import { MemoryLoginAttemptStore } from './memory-login-attempt.store';

const WINDOW_MS = 60_000;
const T0 = Date.UTC(2025, 0, 1, 9, 0, 0);

describe(LoginRateLimiter.name, () => {
  const account = 'delegate@plenary.test';
  const address = '203.0.113.7';
  let sut: LoginRateLimiter;

  beforeEach(() => {
    sut = new LoginRateLimiter(
      testConfig({ LOGIN_LIMIT_PER_ACCOUNT: '3', LOGIN_LIMIT_PER_ADDRESS: '5', LOGIN_WINDOW_SECONDS: String(WINDOW_MS / 1000) }),
      new MemoryLoginAttemptStore(),
    );
  });

  async function fail(times: number, at = T0, who = account): Promise<void> {
    for (let i = 0; i < times; i += 1) await sut.recordFailure(who, at);
  }

  async function attempts(times: number, from = address, at = T0): Promise<void> {
    for (let i = 0; i < times; i += 1) await expect(sut.admit(`caller-${i}@plenary.test`, from, at)).resolves.toBe(0);
  }

  it('admits attempts while an account is under its failure limit', async () => {
    await fail(2);

    await expect(sut.admit(account, address, T0)).resolves.toBe(0);
  });

  it('reports the seconds until the oldest failure leaves the window once the limit is reached', async () => {
    await fail(3);

    await expect(sut.admit(account, address, T0)).resolves.toBe(60);
    await expect(sut.admit(account, address, T0 + 10_000)).resolves.toBe(50);
  });

  it('never reports less than one second while blocked', async () => {
    await fail(3);

    await expect(sut.admit(account, address, T0 + WINDOW_MS - 1)).resolves.toBe(1);
  });

  it('limits only the account that failed', async () => {
    await fail(3);

    await expect(sut.admit('someone-else@plenary.test', address, T0)).resolves.toBe(0);
  });

  it('resets the account counter after a successful sign-in', async () => {
    await fail(3);

    await sut.recordSuccess(account);

    await expect(sut.admit(account, address, T0)).resolves.toBe(0);
  });

  it('counts every admitted attempt from an address, whichever accounts they name', async () => {
    await attempts(5);

    await expect(sut.admit('never-tried@plenary.test', address, T0)).resolves.toBeGreaterThan(0);
    await expect(sut.admit('never-tried@plenary.test', '198.51.100.1', T0)).resolves.toBe(0);
  });

  it('does not count a refused attempt against the address', async () => {
    await fail(3);
    await attempts(4, '198.51.100.1');

    // Refused for the account; were it counted, the address would be at its limit.
    await expect(sut.admit(account, '198.51.100.1', T0)).resolves.toBe(60);

    await expect(sut.admit('someone-else@plenary.test', '198.51.100.1', T0)).resolves.toBe(0);
  });

  it('keeps the address limit after a success, which resets only the account', async () => {
    await attempts(5);

    await sut.recordSuccess(account);

    await expect(sut.admit(account, address, T0)).resolves.toBe(60);
  });

  it('slides the window: failures older than the window stop counting', async () => {
    await fail(1, T0);
    await fail(1, T0 + 20_000);
    await fail(1, T0 + 40_000);

    await expect(sut.admit(account, address, T0 + WINDOW_MS - 1)).resolves.toBe(1);
    await expect(sut.admit(account, address, T0 + WINDOW_MS)).resolves.toBe(0);

    await fail(1, T0 + 61_000);

    // The oldest of the three counted failures is now the one at T0 + 20 s.
    await expect(sut.admit(account, address, T0 + 61_000)).resolves.toBe(19);
  });

  it('uses the later of the account and address waits', async () => {
    await fail(3, T0);
    await attempts(5, address, T0 + 30_000);

    await expect(sut.admit(account, address, T0 + 30_000)).resolves.toBe(60);
  });
});
