import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { AttemptLimit, LoginAttemptStore } from './login-attempt.store';
import { MemoryLoginAttemptStore } from './memory-login-attempt.store';

// Each window is a sorted set of hits scored by their time. Scripts make every
// check-and-add one atomic step across processes; they are sent with EVAL each
// time, as sign-ins are rare and Redis caches the compiled script.

/**
 * KEYS: the limited keys, then the key an admitted attempt is added to.
 * ARGV: now (ms), window (ms), a unique member for the new hit, then the limit of each limited key.
 * Returns nil when admitted, else the moment (ms) every key is under its limit again.
 */
const ADMIT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local retryAt = false
for i = 1, #KEYS - 1 do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local limit = tonumber(ARGV[3 + i])
  local count = redis.call('ZCARD', KEYS[i])
  if count >= limit then
    local blocking = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
    local at = tonumber(blocking[2]) + window
    if not retryAt or at > retryAt then retryAt = at end
  end
end
if retryAt then return retryAt end
local record = KEYS[#KEYS]
redis.call('ZADD', record, now, ARGV[3])
redis.call('PEXPIRE', record, window)
return false
`;

/** KEYS: the key. ARGV: now (ms), window (ms), a unique member for the new hit. */
const ADD = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return 1
`;

/** Connection attempts at start: a wrong REDIS_URL fails the start rather than hanging it. */
const CONNECT_ATTEMPTS = 3;
/** The longest a sign-in waits for Redis before this process counts on its own. */
const COMMAND_TIMEOUT_MS = 1000;

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sliding windows in Redis, shared by every process on the same REDIS_URL,
 * under `<REDIS_PREFIX>:sign-in:`. It has a connection of its own: the
 * Socket.IO adapter's connection sits in blocking stream reads.
 *
 * When Redis cannot answer during a sign-in, the attempt is counted in this
 * process's memory instead, with one warning per outage. Refusing every
 * sign-in would lock out a whole summit for an outage of a component that
 * does not hold accounts, while counting per process keeps the protection
 * Plenary had before the windows were shared: a guesser spread over N
 * processes gets at most N times the limits, for the length of the outage.
 */
export class RedisLoginAttemptStore extends LoginAttemptStore implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SignInLimits');
  private readonly redis: ReturnType<typeof createClient>;
  private readonly fallback = new MemoryLoginAttemptStore();
  private started = false;
  private unreachable = false;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    super();
    this.redis = createClient({
      url,
      // Without a connection a command fails at once instead of waiting in a queue while a sign-in hangs.
      disableOfflineQueue: true,
      commandOptions: { timeout: COMMAND_TIMEOUT_MS },
      socket: {
        // Once started, reconnect for as long as it takes. A new Error, as the
        // client recognises one with instanceof, which fails for socket errors
        // made in another realm (as under Jest).
        reconnectStrategy: (retries, cause) =>
          this.started || retries < CONNECT_ATTEMPTS ? Math.min(100 * 2 ** retries, 2000) : new Error(reason(cause)),
      },
    });
    // Every failed reconnection emits an error; without a listener it would end the process.
    this.redis.on('error', (error: unknown) => this.degrade(error));
    this.redis.on('ready', () => this.restore());
  }

  async onModuleInit(): Promise<void> {
    try {
      await this.redis.connect();
    } catch (error) {
      throw new Error(`Redis for the sign-in limits is unreachable (REDIS_URL): ${reason(error)}`);
    }
    this.started = true;
  }

  /** Closes the connection after its pending replies, once the HTTP server has stopped taking requests. */
  async onApplicationShutdown(): Promise<void> {
    this.started = false;
    if (!this.redis.isOpen) return;
    if (!this.redis.isReady) {
      this.redis.destroy();
      return;
    }
    try {
      await this.redis.close();
    } catch (error) {
      this.logger.warn(`Redis connection closed with an error: ${reason(error)}`);
    }
  }

  async admit(limits: readonly AttemptLimit[], record: string, now: number, windowMs: number): Promise<number | null> {
    try {
      const reply = await this.redis.eval(ADMIT, {
        keys: [...limits.map(({ key }) => this.key(key)), this.key(record)],
        arguments: [String(now), String(windowMs), randomUUID(), ...limits.map(({ limit }) => String(limit))],
      });
      this.restore();
      return reply === null ? null : Number(reply);
    } catch (error) {
      this.degrade(error);
      return this.fallback.admit(limits, record, now, windowMs);
    }
  }

  async add(key: string, now: number, windowMs: number): Promise<void> {
    try {
      await this.redis.eval(ADD, { keys: [this.key(key)], arguments: [String(now), String(windowMs), randomUUID()] });
      this.restore();
    } catch (error) {
      this.degrade(error);
      await this.fallback.add(key, now, windowMs);
    }
  }

  async clear(key: string): Promise<void> {
    // Cleared in both, so that a success during an outage is not undone by hits counted before it.
    await this.fallback.clear(key);
    try {
      await this.redis.del(this.key(key));
      this.restore();
    } catch (error) {
      this.degrade(error);
    }
  }

  private key(key: string): string {
    return `${this.prefix}:sign-in:${key}`;
  }

  /** Errors before the start are reported by `onModuleInit`; afterwards the first of an outage is logged. */
  private degrade(error: unknown): void {
    if (!this.started || this.unreachable) return;
    this.unreachable = true;
    this.logger.warn(`Redis is unreachable (${reason(error)}): until it is back, this process counts sign-in attempts on its own`);
  }

  private restore(): void {
    if (!this.unreachable) return;
    this.unreachable = false;
    this.logger.log('Redis is back: sign-in attempts are counted across processes again');
  }
}
