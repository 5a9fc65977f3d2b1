import { Logger, LoggerService } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createServer, Server, Socket, connect } from 'node:net';
import { createClient } from 'redis';
import type { AttemptKeys } from './login-attempt.store';
import { MemoryLoginAttemptStore } from './memory-login-attempt.store';
import { RedisLoginAttemptStore } from './redis-login-attempt.store';

/** Redis of the development and CI machines (see ENVIRONMENT); each run uses keys of its own. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const WINDOW_MS = 60_000;
const T0 = Date.UTC(2025, 0, 1, 9, 0, 0);

/** Keeps what the stores log, so that an outage's warnings can be counted. */
class RecordingLogger implements LoggerService {
  readonly lines: { level: string; message: string }[] = [];
  log(message: string): void {
    this.lines.push({ level: 'log', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
}

/** A TCP relay in front of Redis that can be cut and restored, to take Redis away from a store for real. */
class Relay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async open(): Promise<void> {
    const upstream = new URL(REDIS_URL);
    this.server = createServer((client) => {
      const redis = connect(Number(upstream.port || 6379), upstream.hostname);
      for (const [socket, other] of [[client, redis], [redis, client]] as const) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => other.destroy());
        socket.pipe(other);
      }
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (typeof address === 'object' && address) this.port = address.port;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(): string {
    const upstream = new URL(REDIS_URL);
    upstream.host = `127.0.0.1:${this.port}`;
    return upstream.toString();
  }
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe(RedisLoginAttemptStore.name, () => {
  const prefix = `plenary-test-${randomBytes(4).toString('hex')}`;
  const redis = createClient({ url: REDIS_URL });
  const stores: RedisLoginAttemptStore[] = [];
  let logger: RecordingLogger;
  let sut: RedisLoginAttemptStore;

  async function started(url = REDIS_URL): Promise<RedisLoginAttemptStore> {
    const store = new RedisLoginAttemptStore(url, prefix);
    stores.push(store);
    await store.onModuleInit();
    return store;
  }

  beforeAll(async () => {
    await redis.connect();
  });

  beforeEach(async () => {
    logger = new RecordingLogger();
    Logger.overrideLogger(logger);
    sut = await started();
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.onApplicationShutdown()));
  });

  afterAll(async () => {
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 100 })) keys.push(...batch);
    if (keys.length > 0) await redis.del(keys);
    await redis.close();
    Logger.overrideLogger(new Logger());
  });

  const POLICY = { windowMs: WINDOW_MS, maxDelayMs: 8_000 };
  let tickets = 0;
  const ticket = () => `ticket-${(tickets += 1)}`;
  /** Keys checked always: `always`; unless the trust key is set: `unlessTrusted`. */
  const keysOf = (name: string, free = 2): AttemptKeys => ({
    always: [{ key: `pair:${name}`, free }],
    unlessTrusted: [{ key: `account:${name}`, free }],
    trust: `trusted:${name}`,
  });
  const success = (name: string, id: string) => ({ ticket: id, release: [`account:${name}`], clear: [`pair:${name}`], trust: `trusted:${name}` });

  it('admits the free failures, then gives the moment the doubling wait after the newest ends', async () => {
    const keys = keysOf('a');

    await expect(sut.admit(keys, ticket(), T0, POLICY)).resolves.toBeNull();
    await expect(sut.admit(keys, ticket(), T0 + 5_000, POLICY)).resolves.toBeNull();
    await expect(sut.admit(keys, ticket(), T0 + 5_500, POLICY)).resolves.toBe(T0 + 6_000);
    await expect(sut.admit(keys, ticket(), T0 + 6_000, POLICY)).resolves.toBeNull();
    await expect(sut.admit(keys, ticket(), T0 + 6_000, POLICY)).resolves.toBe(T0 + 8_000);
  });

  it('caps the wait at the policy’s longest delay', async () => {
    const keys = keysOf('cap', 0);
    let now = T0;
    for (let i = 0; i < 6; i += 1) {
      now = (await sut.admit(keys, ticket(), now, POLICY)) ?? now;
      await sut.admit(keys, ticket(), now, POLICY);
    }

    await expect(sut.admit(keys, ticket(), now, POLICY)).resolves.toBe(now + 8_000);
  });

  it('refuses when any key checked must wait, adding nothing to the others', async () => {
    const keys: AttemptKeys = { always: [{ key: 'pair:b', free: 5 }], unlessTrusted: [{ key: 'account:b', free: 1 }], trust: 'trusted:b' };
    await sut.admit(keys, ticket(), T0, POLICY);

    await expect(sut.admit(keys, ticket(), T0 + 100, POLICY)).resolves.toBe(T0 + 1_000);

    await expect(redis.zCard(`${prefix}:sign-in:pair:b`)).resolves.toBe(1);
  });

  it('keeps failures under the configured prefix, expiring with the window', async () => {
    await sut.admit(keysOf('c'), ticket(), T0, POLICY);

    await expect(redis.zCard(`${prefix}:sign-in:account:c`)).resolves.toBe(1);
    const ttl = await redis.pTTL(`${prefix}:sign-in:account:c`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(WINDOW_MS);
  });

  it('on a success, releases its ticket, clears the keys named and trusts for the time given', async () => {
    const keys = keysOf('d');
    await sut.admit(keys, 'failed', T0, POLICY);
    await sut.admit(keys, 'succeeded', T0, POLICY);

    await sut.succeed(success('d', 'succeeded'), T0, 60_000);

    await expect(redis.zRange(`${prefix}:sign-in:account:d`, 0, -1)).resolves.toEqual(['failed']);
    await expect(redis.exists(`${prefix}:sign-in:pair:d`)).resolves.toBe(0);
    const ttl = await redis.pTTL(`${prefix}:sign-in:trusted:d`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('checks and counts only the keys checked always once trusted', async () => {
    const keys: AttemptKeys = { always: [{ key: 'pair:t', free: 2 }], unlessTrusted: [{ key: 'account:t', free: 1 }], trust: 'trusted:t' };
    await sut.admit(keys, ticket(), T0, POLICY);
    await expect(sut.admit(keys, ticket(), T0, POLICY)).resolves.toBe(T0 + 1_000);

    await sut.succeed({ ticket: 'none', release: [], clear: [], trust: 'trusted:t' }, T0, 60_000);

    await expect(sut.admit(keys, ticket(), T0, POLICY)).resolves.toBeNull();
    await expect(redis.zCard(`${prefix}:sign-in:account:t`)).resolves.toBe(1);
    await expect(redis.zCard(`${prefix}:sign-in:pair:t`)).resolves.toBe(2);
  });

  it('shares failures between processes', async () => {
    const second = await started();
    const keys = keysOf('e');

    await sut.admit(keys, ticket(), T0, POLICY);
    await second.admit(keys, ticket(), T0, POLICY);

    await expect(sut.admit(keys, ticket(), T0, POLICY)).resolves.toBe(T0 + 1_000);
    await expect(second.admit(keys, ticket(), T0, POLICY)).resolves.toBe(T0 + 1_000);
  });

  it('never admits more than the free failures from concurrent attempts on several connections', async () => {
    const stores = [sut, await started(), await started()];
    const keys = keysOf('f', 5);

    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => stores[i % 3].admit(keys, ticket(), T0, POLICY)));

    expect(answers.filter((answer) => answer === null)).toHaveLength(5);
  });

  it('answers like the memory store through any sequence of attempts and successes', async () => {
    const memory = new MemoryLoginAttemptStore();
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      // The high bits: the low bits of this generator repeat with short periods.
      return Math.floor((seed / 2 ** 31) * n);
    };
    let now = T0;
    const refusals: number[] = [];
    const admittedTickets: { name: string; id: string }[] = [];
    for (let step = 0; step < 400; step += 1) {
      now += random(4_000);
      const name = `g${random(3)}`;
      const keys: AttemptKeys = {
        always: [{ key: `pair:${name}`, free: 2 }],
        unlessTrusted: [
          { key: `account:${name}`, free: 3 },
          { key: `address:g`, free: 4 },
        ],
        trust: `trusted:${name}`,
      };
      if (random(8) > 0) {
        const id = ticket();
        const [fromRedis, fromMemory] = await Promise.all([sut.admit(keys, id, now, POLICY), memory.admit(keys, id, now, POLICY)]);
        expect({ step, answer: fromRedis }).toEqual({ step, answer: fromMemory });
        if (fromRedis === null) admittedTickets.push({ name, id });
        else refusals.push(step);
      } else if (admittedTickets.length > 0) {
        const { name: who, id } = admittedTickets[random(admittedTickets.length)];
        const done = { ticket: id, release: [`account:${who}`, 'address:g'], clear: [`pair:${who}`], trust: `trusted:${who}` };
        // Trust that ends within the run, so that its expiry is compared too.
        await Promise.all([sut.succeed(done, now, 20_000), memory.succeed(done, now, 20_000)]);
      }
    }
    // The sequence reaches the waits often enough to compare refusals too.
    expect(refusals.length).toBeGreaterThan(20);
  });

  it('counts in process memory while Redis is unreachable, warning once, and goes back to Redis when it returns', async () => {
    const relay = new Relay();
    await relay.open();
    const store = await started(relay.url());
    const keys = keysOf('h');
    await expect(store.admit(keys, ticket(), T0, POLICY)).resolves.toBeNull();

    await relay.cut();
    const before = Date.now();
    await expect(store.admit(keys, ticket(), T0, POLICY)).resolves.toBeNull();
    await expect(store.admit(keys, ticket(), T0, POLICY)).resolves.toBeNull();
    await expect(store.admit(keys, ticket(), T0, POLICY)).resolves.toBe(T0 + 1_000);
    await store.succeed(success('h', 'lost'), T0, 60_000);
    expect(Date.now() - before).toBeLessThan(3_000);
    const warnings = logger.lines.filter((line) => line.level === 'warn');
    expect(warnings).toEqual([{ level: 'warn', message: expect.stringContaining('Redis is unreachable') }]);

    await relay.open();
    await eventually(async () => {
      await store.admit(keysOf('h-probe'), ticket(), T0, POLICY);
      return (await redis.exists(`${prefix}:sign-in:pair:h-probe`)) === 1;
    });
    // Back on Redis, which holds the one failure it saw before the outage.
    await expect(store.admit(keys, ticket(), T0, POLICY)).resolves.toBeNull();
    await expect(store.admit(keys, ticket(), T0, POLICY)).resolves.toBe(T0 + 1_000);
    expect(logger.lines).toContainEqual({ level: 'log', message: expect.stringContaining('Redis is back') });

    await store.onApplicationShutdown();
    await relay.cut();
  });

  it('refuses to start without Redis, without revealing the password of REDIS_URL', async () => {
    const relay = new Relay();
    await relay.open();
    await relay.cut();
    const url = new URL(relay.url());
    url.username = 'plenary';
    url.password = 'not-to-be-logged';
    const store = new RedisLoginAttemptStore(url.toString(), prefix);

    const failure = store.onModuleInit();

    await expect(failure).rejects.toThrow(/Redis for the sign-in limits is unreachable/);
    await expect(failure).rejects.not.toThrow(/not-to-be-logged/);
    expect(JSON.stringify(logger.lines)).not.toContain('not-to-be-logged');
  });
});
