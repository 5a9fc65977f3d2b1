import type { Socket } from 'socket.io-client';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { TestSockets } from '../support/sockets';

/** Connection limits of the real-time kit, with small limits so that a handful of sockets reach them. */
describe('Socket.IO connection limits', () => {
  const PER_USER = 3;
  const PER_ADDRESS = 6;
  let t: TestApp;
  const sockets = new TestSockets(() => t.url);
  const open = sockets.open.bind(sockets);

  /** Resolves with the refusal's code, or null once connected. */
  function outcome(socket: Socket): Promise<string | null> {
    return new Promise((resolve) => {
      socket.once('connect', () => resolve(null));
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve(error.data?.code ?? error.message));
    });
  }

  beforeAll(async () => {
    t = await startTestApp({ SOCKET_LIMIT_PER_USER: String(PER_USER), SOCKET_LIMIT_PER_ADDRESS: String(PER_ADDRESS) });
    await t.createUser({ email: 'many-tabs@example.org', password: TEST_PASSWORD });
    await t.createUser({ email: 'colleague@example.org', password: TEST_PASSWORD });
  });
  afterEach(() => sockets.closeAll());
  afterAll(() => t.close());

  it('refuses a person’s socket beyond the limit, over every namespace, and admits one again when another closes', async () => {
    const { accessToken } = await t.signIn('many-tabs@example.org', TEST_PASSWORD);
    const first = ['/live', '/chat', '/live'].map((ns) => open(ns, accessToken));
    await expect(Promise.all(first.map(outcome))).resolves.toEqual([null, null, null]);

    await expect(outcome(open('/chat', accessToken))).resolves.toBe('TOO_MANY_CONNECTIONS');

    const colleague = await t.signIn('colleague@example.org', TEST_PASSWORD);
    await expect(outcome(open('/chat', colleague.accessToken))).resolves.toBeNull();

    first[0].disconnect();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(outcome(open('/live', accessToken))).resolves.toBeNull();
  });

  it('counts handshakes that arrive together one at a time', async () => {
    const { accessToken } = await t.signIn('many-tabs@example.org', TEST_PASSWORD);
    const burst = Array.from({ length: PER_USER + 2 }, () => open('/live', accessToken));
    const connected = burst.map((socket) => new Promise<boolean>((resolve) => {
      socket.once('connect', () => setTimeout(() => resolve(socket.connected), 300));
      socket.once('connect_error', () => resolve(false));
    }));
    const stillOpen = (await Promise.all(connected)).filter(Boolean).length;
    expect(stillOpen).toBe(PER_USER);
  });

  it('refuses a connection from an address that holds too many, whoever it is', async () => {
    const tokens = await Promise.all(['many-tabs@example.org', 'colleague@example.org'].map(async (email) => (await t.signIn(email, TEST_PASSWORD)).accessToken));
    const held = Array.from({ length: PER_ADDRESS }, (_, i) => open(i % 2 ? '/chat' : '/live', tokens[i % 2]));
    // Per person, the limit of three sockets each is met exactly; per address six connections are open.
    await expect(Promise.all(held.map(outcome))).resolves.toEqual(Array(PER_ADDRESS).fill(null));

    await expect(outcome(open('/live', tokens[0]))).resolves.not.toBeNull();
    await t.http.get('/health').expect(200);
  });
});
