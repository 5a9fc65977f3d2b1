import { testConfig } from '../testing/identity.factories';
import { LoginRateLimiter } from './login-rate-limiter';

const WINDOW_MS = 60_000;
const T0 = Date.UTC(2025, 0, 1, 9, 0, 0);

describe(LoginRateLimiter.name, () => {
  const account = 'delegate@plenary.test';
  const address = '203.0.113.7';
  let sut: LoginRateLimiter;

  beforeEach(() => {
    sut = new LoginRateLimiter(
      testConfig({ LOGIN_LIMIT_PER_ACCOUNT: '3', LOGIN_LIMIT_PER_ADDRESS: '5', LOGIN_WINDOW_SECONDS: String(WINDOW_MS / 1000) }),
    );
  });

  function fail(times: number, at = T0, who = account): void {
    for (let i = 0; i < times; i += 1) sut.recordFailure(who, at);
  }

  it('allows attempts while an account is under its failure limit', () => {
    fail(2);

    expect(sut.retryAfter(account, address, T0)).toBe(0);
  });

  it('reports the seconds until the oldest failure leaves the window once the limit is reached', () => {
    fail(3);

    expect(sut.retryAfter(account, address, T0)).toBe(60);
    expect(sut.retryAfter(account, address, T0 + 10_000)).toBe(50);
  });

  it('never reports less than one second while blocked', () => {
    fail(3);

    expect(sut.retryAfter(account, address, T0 + WINDOW_MS - 1)).toBe(1);
  });

  it('limits only the account that failed', () => {
    fail(3);

    expect(sut.retryAfter('someone-else@plenary.test', address, T0)).toBe(0);
  });

  it('resets the account counter after a successful sign-in', () => {
    fail(3);

    sut.recordSuccess(account);

    expect(sut.retryAfter(account, address, T0)).toBe(0);
  });

  it('counts every attempt from an address, whichever accounts they name', () => {
    for (let i = 0; i < 5; i += 1) sut.recordAttempt(address, T0);

    expect(sut.retryAfter('never-tried@plenary.test', address, T0)).toBeGreaterThan(0);
    expect(sut.retryAfter('never-tried@plenary.test', '198.51.100.1', T0)).toBe(0);
  });

  it('keeps the address limit after a success, which resets only the account', () => {
    for (let i = 0; i < 5; i += 1) sut.recordAttempt(address, T0);

    sut.recordSuccess(account);

    expect(sut.retryAfter(account, address, T0)).toBe(60);
  });

  it('slides the window: failures older than the window stop counting', () => {
    fail(1, T0);
    fail(1, T0 + 20_000);
    fail(1, T0 + 40_000);

    expect(sut.retryAfter(account, address, T0 + WINDOW_MS - 1)).toBe(1);
    expect(sut.retryAfter(account, address, T0 + WINDOW_MS)).toBe(0);

    fail(1, T0 + 61_000);

    // The oldest of the three counted failures is now the one at T0 + 20 s.
    expect(sut.retryAfter(account, address, T0 + 61_000)).toBe(19);
  });

  it('uses the later of the account and address waits', () => {
    fail(3, T0);
    for (let i = 0; i < 5; i += 1) sut.recordAttempt(address, T0 + 30_000);

    expect(sut.retryAfter(account, address, T0 + 30_000)).toBe(60);
  });
});
