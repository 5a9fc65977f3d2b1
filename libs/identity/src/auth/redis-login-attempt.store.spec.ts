import { Logger, LoggerService } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createServer, Server, Socket, connect } from 'node:net';
import { createClient } from 'redis';
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

  it('admits under the limit and then gives the moment the oldest counted hit leaves the window', async () => {
    const limits = [{ key: 'address:a', limit: 2 }];

    await expect(sut.admit(limits, 'address:a', T0, WINDOW_MS)).resolves.toBeNull();
    await expect(sut.admit(limits, 'address:a', T0 + 5_000, WINDOW_MS)).resolves.toBeNull();
    await expect(sut.admit(limits, 'address:a', T0 + 10_000, WINDOW_MS)).resolves.toBe(T0 + WINDOW_MS);
    await expect(sut.admit(limits, 'address:a', T0 + WINDOW_MS, WINDOW_MS)).resolves.toBeNull();
    await expect(sut.admit(limits, 'address:a', T0 + WINDOW_MS, WINDOW_MS)).resolves.toBe(T0 + 5_000 + WINDOW_MS);
  });

  it('refuses when any limited key is full, adding nothing to the recorded key', async () => {
    await sut.add('account:b', T0, WINDOW_MS);
    const limits = [
      { key: 'account:b', limit: 1 },
      { key: 'address:b', limit: 5 },
    ];

    await expect(sut.admit(limits, 'address:b', T0 + 1_000, WINDOW_MS)).resolves.toBe(T0 + WINDOW_MS);

    await expect(redis.zCard(`${prefix}:sign-in:address:b`)).resolves.toBe(0);
  });

  it('keeps hits under the configured prefix, expiring with the window', async () => {
    await sut.add('account:c', T0, WINDOW_MS);

    await expect(redis.zCard(`${prefix}:sign-in:account:c`)).resolves.toBe(1);
    const ttl = await redis.pTTL(`${prefix}:sign-in:account:c`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(WINDOW_MS);
  });

  it('forgets a key when cleared', async () => {
    await sut.add('account:d', T0, WINDOW_MS);
    await sut.add('account:d', T0, WINDOW_MS);

    await sut.clear('account:d');

    await expect(sut.admit([{ key: 'account:d', limit: 1 }], 'address:d', T0, WINDOW_MS)).resolves.toBeNull();
  });

  it('shares the windows between processes', async () => {
    const other = await started();
    const limits = [{ key: 'address:e', limit: 2 }];

    await sut.add('address:e', T0, WINDOW_MS);
    await other.add('address:e', T0, WINDOW_MS);

    await expect(sut.admit(limits, 'address:e', T0, WINDOW_MS)).resolves.toBe(T0 + WINDOW_MS);
    await expect(other.admit(limits, 'address:e', T0, WINDOW_MS)).resolves.toBe(T0 + WINDOW_MS);
  });

  it('never admits more than the limit from concurrent attempts on several connections', async () => {
    const others = [await started(), await started()];
    const limits = [{ key: 'address:f', limit: 5 }];

    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => [sut, ...others][i % 3].admit(limits, 'address:f', T0, WINDOW_MS)),
    );

    expect(answers.filter((answer) => answer === null)).toHaveLength(5);
  });

  it('answers like the memory store through any sequence of attempts, failures and successes', async () => {
    const memory = new MemoryLoginAttemptStore();
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    let now = T0;
    const refusals: number[] = [];
    for (let step = 0; step < 300; step += 1) {
      now += random(8_000);
      const account = `account:g${random(3)}`;
      const address = `address:g${random(2)}`;
      const operation = random(6);
      if (operation < 3) {
        const limits = [
          { key: account, limit: 3 },
          { key: address, limit: 4 },
        ];
        const [fromRedis, fromMemory] = await Promise.all([sut.admit(limits, address, now, WINDOW_MS), memory.admit(limits, address, now, WINDOW_MS)]);
        expect({ step, answer: fromRedis }).toEqual({ step, answer: fromMemory });
        if (fromRedis !== null) refusals.push(step);
      } else if (operation < 5) {
        await Promise.all([sut.add(account, now, WINDOW_MS), memory.add(account, now, WINDOW_MS)]);
      } else {
        await Promise.all([sut.clear(account), memory.clear(account)]);
      }
    }
    // The sequence reaches the limits often enough to compare refusals too.
    expect(refusals.length).toBeGreaterThan(10);
  });

  it('counts in process memory while Redis is unreachable, warning once, and goes back to Redis when it returns', async () => {
    const relay = new Relay();
    await relay.open();
    const store = await started(relay.url());
    const limits = [{ key: 'address:h', limit: 2 }];
    await expect(store.admit(limits, 'address:h', T0, WINDOW_MS)).resolves.toBeNull();

    await relay.cut();
    const before = Date.now();
    await expect(store.admit(limits, 'address:h', T0, WINDOW_MS)).resolves.toBeNull();
    await expect(store.admit(limits, 'address:h', T0, WINDOW_MS)).resolves.toBeNull();
    await expect(store.admit(limits, 'address:h', T0, WINDOW_MS)).resolves.toBe(T0 + WINDOW_MS);
    await store.add('account:h', T0, WINDOW_MS);
    await store.clear('account:h');
    expect(Date.now() - before).toBeLessThan(3_000);
    const warnings = logger.lines.filter((line) => line.level === 'warn');
    expect(warnings).toEqual([{ level: 'warn', message: expect.stringContaining('Redis is unreachable') }]);

    await relay.open();
    await eventually(async () => {
      await store.add('address:h-probe', T0, WINDOW_MS);
      return (await redis.exists(`${prefix}:sign-in:address:h-probe`)) === 1;
    });
    // Back on Redis, which holds the one hit it saw before the outage.
    await expect(store.admit(limits, 'address:h', T0, WINDOW_MS)).resolves.toBeNull();
    await expect(store.admit(limits, 'address:h', T0, WINDOW_MS)).resolves.toBe(T0 + WINDOW_MS);
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
