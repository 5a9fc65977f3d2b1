import { Cluster, ServerProcess, startCluster } from '../support/cluster';
import { signIn, TEST_ADMIN_EMAIL, TEST_PASSWORD } from '../support/server';

/**
 * Two server processes sharing one database and one Redis: a guesser who
 * spreads attempts over both gets no more than the limits of one. The
 * processes trust X-Forwarded-For, so that each test signs in from addresses
 * of its own.
 */
describe('Sign-in limits shared by two server processes on one Redis', () => {
  let cluster: Cluster | undefined;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;

  beforeAll(async () => {
    cluster = await startCluster(2, { TRUST_PROXY: 'true', LOGIN_LIMIT_PER_ACCOUNT: '3', LOGIN_LIMIT_PER_ADDRESS: '4', LOGIN_WINDOW_SECONDS: '300' });
    [nodeA, nodeB] = cluster.nodes;
    // One sign-in from this machine's own address, whose attempts count too: the accounts are made by invitation.
    const admin = await signIn(nodeA.http, TEST_ADMIN_EMAIL, TEST_PASSWORD);
    const organisationId = (await nodeA.http.post('/api/organisations').set(admin.auth).send({ kind: 'state', name: 'Chile', shortName: 'Chile', countryCode: 'CL' }).expect(201)).body.id;
    for (const email of ['target@example.org', 'forgetful@example.org']) {
      await nodeA.http.post('/api/invitations').set(admin.auth).send({ email, organisationId, delegationRole: 'delegate' }).expect(201);
      const token = await nodeA.invitationToken(email);
      await nodeA.http.post('/api/invitations/accept').send({ token, displayName: email.split('@')[0], password: TEST_PASSWORD }).expect(200);
    }
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 30_000);

  const signInOn = (node: ServerProcess, email: string, password: string, from: string) =>
    node.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password });

  it('counts the failed sign-ins of an account on every process', async () => {
    await signInOn(nodeA, 'target@example.org', 'guess 1', '203.0.113.1').expect(401);
    await signInOn(nodeB, 'target@example.org', 'guess 2', '203.0.113.2').expect(401);
    await signInOn(nodeA, 'target@example.org', 'guess 3', '203.0.113.3').expect(401);

    const res = await signInOn(nodeB, 'target@example.org', TEST_PASSWORD, '203.0.113.4').expect(429);
    expect(res.body).toEqual({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/try again in \d+ s/) });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(300);
    const onA = await signInOn(nodeA, 'target@example.org', TEST_PASSWORD, '203.0.113.5').expect(429);
    expect(onA.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('counts every attempt from an address on every process', async () => {
    for (let i = 0; i < 2; i++) {
      await signInOn(nodeA, `nobody-a${i}@example.org`, 'not the password', '198.51.100.7').expect(401);
      await signInOn(nodeB, `nobody-b${i}@example.org`, 'not the password', '198.51.100.7').expect(401);
    }

    const res = await signInOn(nodeB, 'someone-new@example.org', 'not the password', '198.51.100.7').expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await signInOn(nodeA, 'someone-new@example.org', 'not the password', '198.51.100.7').expect(429);
    await signInOn(nodeB, 'someone-new@example.org', 'not the password', '198.51.100.8').expect(401);
  });

  it('forgets an account’s failures on every process after a successful sign-in on one', async () => {
    await signInOn(nodeA, 'forgetful@example.org', 'guess 1', '192.0.2.1').expect(401);
    await signInOn(nodeA, 'forgetful@example.org', 'guess 2', '192.0.2.2').expect(401);

    await signInOn(nodeB, 'forgetful@example.org', TEST_PASSWORD, '192.0.2.3').expect(200);

    await signInOn(nodeA, 'forgetful@example.org', 'guess 3', '192.0.2.4').expect(401);
    await signInOn(nodeA, 'forgetful@example.org', 'guess 4', '192.0.2.5').expect(401);
    await signInOn(nodeA, 'forgetful@example.org', TEST_PASSWORD, '192.0.2.6').expect(200);
  });
});
