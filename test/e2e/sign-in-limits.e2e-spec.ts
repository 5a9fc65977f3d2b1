import { DomainError, ErrorCode } from '@plenary/common';
import { AuthService, User } from '@plenary/identity';
import { randomBytes } from 'node:crypto';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

/** Redis of the development and CI machines (see ENVIRONMENT); each run uses keys of its own. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Two server processes' worth of the application — two Nest applications with
 * their own limiters — sharing one database and one Redis: a guesser who
 * spreads attempts over both gets no more than the limits of one. Each test
 * signs in from addresses of its own.
 *
 * Passport keeps its strategies in one registry per Node process, so with two
 * applications in this process the HTTP sign-in of either runs the strategy
 * of the one started last (B). Server A's sign-in is therefore reached through
 * its own AuthService, the call its LocalStrategy makes with the request.
 */
describe('Sign-in limits shared by two servers on one Redis', () => {
  let nodeA: TestApp;
  let nodeB: TestApp;

  beforeAll(async () => {
    const shared = {
      REDIS_URL,
      REDIS_PREFIX: `plenary-test-${randomBytes(4).toString('hex')}`,
      TRUST_PROXY: 'true',
      LOGIN_LIMIT_PER_ACCOUNT: '3',
      LOGIN_LIMIT_PER_ADDRESS: '4',
      LOGIN_WINDOW_SECONDS: '300',
    };
    nodeA = await startTestApp(shared);
    nodeB = await startTestApp({ ...shared, DATABASE_URL: nodeA.config.database.url, JWT_SECRET: nodeA.config.auth.jwtSecret });
  });
  afterAll(async () => {
    await nodeB?.close();
    await nodeA?.close();
  });

  function signInOnA(email: string, password: string, from: string): Promise<User> {
    return nodeA.app.get(AuthService).validateCredentials(email, password, { ip: from, userAgent: null });
  }

  function signInOnB(email: string, password: string, from: string) {
    return nodeB.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password });
  }

  const refused = (code: ErrorCode) => expect.objectContaining({ name: DomainError.name, code });

  it('counts the failed sign-ins of an account on every server', async () => {
    await nodeA.createUser({ email: 'target@example.org', password: TEST_PASSWORD });

    await expect(signInOnA('target@example.org', 'guess 1', '203.0.113.1')).rejects.toEqual(refused(ErrorCode.InvalidCredentials));
    await signInOnB('target@example.org', 'guess 2', '203.0.113.2').expect(401);
    await expect(signInOnA('target@example.org', 'guess 3', '203.0.113.3')).rejects.toEqual(refused(ErrorCode.InvalidCredentials));

    const res = await signInOnB('target@example.org', TEST_PASSWORD, '203.0.113.4').expect(429);
    expect(res.body).toEqual({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/try again in \d+ s/) });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(300);
    await expect(signInOnA('target@example.org', TEST_PASSWORD, '203.0.113.5')).rejects.toEqual(
      expect.objectContaining({ code: ErrorCode.TooManyAttempts, headers: { 'Retry-After': expect.stringMatching(/^\d+$/) } }),
    );
  });

  it('counts every attempt from an address on every server', async () => {
    for (let i = 0; i < 2; i++) {
      await expect(signInOnA(`nobody-a${i}@example.org`, 'not the password', '198.51.100.7')).rejects.toEqual(refused(ErrorCode.InvalidCredentials));
      await signInOnB(`nobody-b${i}@example.org`, 'not the password', '198.51.100.7').expect(401);
    }

    const res = await signInOnB('someone-new@example.org', 'not the password', '198.51.100.7').expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await expect(signInOnA('someone-new@example.org', 'not the password', '198.51.100.7')).rejects.toEqual(refused(ErrorCode.TooManyAttempts));
    await signInOnB('someone-new@example.org', 'not the password', '198.51.100.8').expect(401);
  });

  it('forgets an account’s failures on every server after a successful sign-in on one', async () => {
    await nodeA.createUser({ email: 'forgetful@example.org', password: TEST_PASSWORD });
    await expect(signInOnA('forgetful@example.org', 'guess 1', '192.0.2.1')).rejects.toEqual(refused(ErrorCode.InvalidCredentials));
    await expect(signInOnA('forgetful@example.org', 'guess 2', '192.0.2.2')).rejects.toEqual(refused(ErrorCode.InvalidCredentials));

    await signInOnB('forgetful@example.org', TEST_PASSWORD, '192.0.2.3').expect(200);

    await expect(signInOnA('forgetful@example.org', 'guess 3', '192.0.2.4')).rejects.toEqual(refused(ErrorCode.InvalidCredentials));
    await expect(signInOnA('forgetful@example.org', 'guess 4', '192.0.2.5')).rejects.toEqual(refused(ErrorCode.InvalidCredentials));
    await expect(signInOnA('forgetful@example.org', TEST_PASSWORD, '192.0.2.6')).resolves.toMatchObject({ email: 'forgetful@example.org' });
  });
});
