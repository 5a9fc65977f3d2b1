import { LoginRateLimiter } from '../auth/login-rate-limiter';
import { MemoryLoginAttemptStore } from '../auth/memory-login-attempt.store';
import { testConfig } from '../testing/identity.factories';
import { PasswordResetLimiter } from './password-reset-limiter';

const T0 = Date.UTC(2025, 0, 1, 9, 0, 0);

describe(PasswordResetLimiter.name, () => {
  const account = 'delegate@plenary.test';
  const home = '203.0.113.7';
  let store: MemoryLoginAttemptStore;
  let signIn: LoginRateLimiter;
  let sut: PasswordResetLimiter;

  beforeEach(() => {
    const config = testConfig({ PASSWORD_RESET_LIMIT_PER_ACCOUNT: '2', PASSWORD_RESET_LIMIT_PER_ADDRESS: '4', LOGIN_MAX_DELAY_SECONDS: '60' });
    store = new MemoryLoginAttemptStore();
    signIn = new LoginRateLimiter(config, store);
    sut = new PasswordResetLimiter(config, store);
  });

  const waitOf = async (who: string, from: string, at = T0) => {
    const admission = await sut.admit(who, from, at);
    return admission.admitted ? 0 : admission.retryAfterSeconds;
  };

  it('counts every request for an account, and makes further ones wait a delay that doubles', async () => {
    await expect(waitOf(account, home)).resolves.toBe(0);
    await expect(waitOf(account, home)).resolves.toBe(0);

    await expect(waitOf(account, home)).resolves.toBe(1);
    await expect(waitOf(account, home, T0 + 1_000)).resolves.toBe(0);
    await expect(waitOf(account, home, T0 + 1_000)).resolves.toBe(2);
  });

  it('counts an account’s requests from every address that has not signed in to it', async () => {
    await waitOf(account, '198.51.100.1');
    await waitOf(account, '198.51.100.2');

    await expect(waitOf(account, '198.51.100.3')).resolves.toBe(1);
  });

  it('lets the address the owner signs in from ask for a reset while a stranger floods the account', async () => {
    const signedIn = await signIn.admit(account, home, T0);
    if (!signedIn.admitted) throw new Error('the sign-in was refused');
    await signIn.succeeded(signedIn.attempt, T0);
    for (let i = 1; i <= 3; i++) await waitOf(account, `198.51.100.${i}`);
    await expect(waitOf(account, '198.51.100.9')).resolves.toBeGreaterThan(0);

    await expect(waitOf(account, home)).resolves.toBe(0);
  });

  it('makes one address asking for many accounts wait', async () => {
    for (let i = 0; i < 4; i++) await expect(waitOf(`person${i}@plenary.test`, home)).resolves.toBe(0);

    await expect(waitOf('person9@plenary.test', home)).resolves.toBe(1);
  });

  it('keeps its counts apart from the sign-in failures', async () => {
    for (let i = 0; i < 2; i++) await waitOf(account, home);

    await expect(signIn.admit(account, home, T0)).resolves.toMatchObject({ admitted: true });
  });
});
