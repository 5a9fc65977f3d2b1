import { Cluster, ServerProcess, startCluster } from '../support/cluster';
import { signIn, TEST_ADMIN_EMAIL, TEST_PASSWORD } from '../support/server';

/**
 * Two server processes sharing one database and one Redis: a guesser who
 * spreads attempts over both waits as long as on one. The processes trust
 * X-Forwarded-For, so that each test signs in from addresses of its own.
 */
describe('Sign-in limits shared by two server processes on one Redis', () => {
  let cluster: Cluster | undefined;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;

  beforeAll(async () => {
    cluster = await startCluster(2, {
      TRUST_PROXY: 'true',
      LOGIN_LIMIT_PER_ACCOUNT: '3',
      LOGIN_LIMIT_PER_ADDRESS: '4',
      LOGIN_WINDOW_SECONDS: '300',
      LOGIN_MAX_DELAY_SECONDS: '4',
    });
    [nodeA, nodeB] = cluster.nodes;
    // The accounts are made by invitation, by an administrator signing in from this machine's own address.
    const admin = await signIn(nodeA.http, TEST_ADMIN_EMAIL, TEST_PASSWORD);
    const organisationId = (await nodeA.http.post('/api/organisations').set(admin.auth).send({ kind: 'state', name: 'Chile', shortName: 'Chile', countryCode: 'CL' }).expect(201)).body.id;
    for (const email of ['target@example.org', 'traveller@example.org', 'member@example.org']) {
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
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('counts the failed sign-ins of an account on every process, and makes the wait grow', async () => {
    await signInOn(nodeA, 'target@example.org', 'guess 1', '203.0.113.1').expect(401);
    await signInOn(nodeB, 'target@example.org', 'guess 2', '203.0.113.2').expect(401);
    await signInOn(nodeA, 'target@example.org', 'guess 3', '203.0.113.3').expect(401);

    const res = await signInOn(nodeB, 'target@example.org', TEST_PASSWORD, '203.0.113.4').expect(429);
    expect(res.body).toEqual({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS', message: 'Too many sign-in attempts; try again in 1 s', retryAfterSeconds: 1 });
    expect(res.headers['retry-after']).toBe('1');
    await signInOn(nodeA, 'target@example.org', TEST_PASSWORD, '203.0.113.5').expect(429);

    await pause(1_100);
    await signInOn(nodeA, 'target@example.org', 'guess 4', '203.0.113.6').expect(401);
    const longer = await signInOn(nodeB, 'target@example.org', TEST_PASSWORD, '203.0.113.7').expect(429);
    expect(longer.headers['retry-after']).toBe('2');
  });

  it('lets a user in from an address they signed in from while a guesser elsewhere waits', async () => {
    await signInOn(nodeA, 'traveller@example.org', TEST_PASSWORD, '192.0.2.10').expect(200);
    for (let i = 1; i <= 3; i++) await signInOn(i % 2 ? nodeA : nodeB, 'traveller@example.org', `guess ${i}`, `198.18.0.${i}`).expect(401);
    await signInOn(nodeB, 'traveller@example.org', 'guess 4', '198.18.0.4').expect(429);

    await signInOn(nodeB, 'traveller@example.org', TEST_PASSWORD, '192.0.2.10').expect(200);
    await signInOn(nodeA, 'traveller@example.org', TEST_PASSWORD, '198.18.0.5').expect(429);
  });

  it('counts only the failed sign-ins from an address, on every process', async () => {
    for (let i = 0; i < 6; i++) await signInOn(i % 2 ? nodeA : nodeB, 'member@example.org', TEST_PASSWORD, '198.51.100.7').expect(200);
    for (let i = 0; i < 2; i++) {
      await signInOn(nodeA, `nobody-a${i}@example.org`, 'not the password', '198.51.100.7').expect(401);
      await signInOn(nodeB, `nobody-b${i}@example.org`, 'not the password', '198.51.100.7').expect(401);
    }

    const res = await signInOn(nodeB, 'someone-new@example.org', 'not the password', '198.51.100.7').expect(429);
    expect(res.headers['retry-after']).toBe('1');
    await signInOn(nodeA, 'someone-new@example.org', 'not the password', '198.51.100.7').expect(429);
    await signInOn(nodeB, 'someone-new@example.org', 'not the password', '198.51.100.8').expect(401);
    // Whoever signed in from the address before still gets in.
    await signInOn(nodeA, 'member@example.org', TEST_PASSWORD, '198.51.100.7').expect(200);
  });

  it('refuses parallel guesses at one account beyond its free failures, across both processes', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signInOn(i % 2 ? nodeA : nodeB, 'ghost@example.org', `guess ${i}`, `203.0.113.${100 + i}`)),
    );

    expect(answers.map((res) => res.status).sort()).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
  });
});
