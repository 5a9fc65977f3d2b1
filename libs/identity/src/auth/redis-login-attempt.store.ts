import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createClient } from 'redis';
import { AttemptKeys, LoginAttemptStore } from './login-attempt.store';
import { MemoryLoginAttemptStore } from './memory-login-attempt.store';
import { DelayPolicy, FIRST_DELAY_MS } from './sign-in-delay';

// Each key's failures are a sorted set of tickets scored by their time, and
// trust is a key holding the moment it ends. Times are the callers' (as the
// memory store's are); expiries only clean up. Scripts make every check-and-add one
// atomic step across processes; they are sent with EVAL each time, as sign-ins
// are rare and Redis caches the compiled script. ADMIT applies the rules of
// sign-in-delay.ts, which the memory store applies in TypeScript; the spec
// holds both to the same answers.

/**
 * KEYS: the trust key, then the keys checked always, then those checked unless trusted.
 * ARGV: now (ms), window (ms), longest delay (ms), first delay (ms), the ticket,
 * the number of keys checked always, then the free failures of each key.
 * Returns nil when admitted (the ticket added to every key checked), else the
 * moment (ms) from which an attempt may start.
 */
const ADMIT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local maxDelay = tonumber(ARGV[3])
local firstDelay = tonumber(ARGV[4])
local ticket = ARGV[5]
local last = #KEYS
local trustedUntil = tonumber(redis.call('GET', KEYS[1]))
if trustedUntil and trustedUntil > now then last = 1 + tonumber(ARGV[6]) end
local retryAt = false
for i = 2, last do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local count = redis.call('ZCARD', KEYS[i])
  local free = tonumber(ARGV[5 + i])
  if count >= free then
    local newest = redis.call('ZRANGE', KEYS[i], -1, -1, 'WITHSCORES')
    local at = tonumber(newest[2]) + math.min(maxDelay, firstDelay * 2 ^ math.min(count - free, 52))
    if at > now and (not retryAt or at > retryAt) then retryAt = at end
  end
end
if retryAt then return retryAt end
for i = 2, last do
  redis.call('ZADD', KEYS[i], now, ticket)
  redis.call('PEXPIRE', KEYS[i], window)
end
return false
`;

/**
 * KEYS: the trust key, then the keys to release the ticket from, then the keys to clear.
 * ARGV: the ticket, now (ms), how long trust lasts (ms), the number of keys to release.
 */
const SUCCEED = `
local releases = tonumber(ARGV[4])
for i = 2, 1 + releases do redis.call('ZREM', KEYS[i], ARGV[1]) end
for i = 2 + releases, #KEYS do redis.call('DEL', KEYS[i]) end
redis.call('SET', KEYS[1], tostring(tonumber(ARGV[2]) + tonumber(ARGV[3])), 'PX', ARGV[3])
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
 * Failures and trust in Redis, shared by every process on the same REDIS_URL,
 * under `<REDIS_PREFIX>:sign-in:`. It has a connection of its own: the
 * Socket.IO adapter's connection sits in blocking stream reads.
 *
 * When Redis cannot answer during a sign-in, the attempt is counted in this
 * process's memory instead, with one warning per outage. Refusing every
 * sign-in would lock out a whole summit for an outage of a component that
 * does not hold accounts, while counting per process keeps the protection
 * Plenary had before the limits were shared: a guesser spread over N
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

  async admit(keys: AttemptKeys, ticket: string, now: number, policy: DelayPolicy): Promise<number | null> {
    const limits = [...keys.always, ...keys.unlessTrusted];
    try {
      const reply = await this.redis.eval(ADMIT, {
        keys: [this.key(keys.trust), ...limits.map(({ key }) => this.key(key))],
        arguments: [now, policy.windowMs, policy.maxDelayMs, FIRST_DELAY_MS, ticket, keys.always.length, ...limits.map(({ free }) => free)].map(String),
      });
      this.restore();
      return reply === null ? null : Number(reply);
    } catch (error) {
      this.degrade(error);
      return this.fallback.admit(keys, ticket, now, policy);
    }
  }

  async succeed(success: { ticket: string; release: readonly string[]; clear: readonly string[]; trust: string }, now: number, trustMs: number): Promise<void> {
    // Recorded in both, so that a success during an outage is not undone by failures counted before it.
    await this.fallback.succeed(success, now, trustMs);
    try {
      await this.redis.eval(SUCCEED, {
        keys: [success.trust, ...success.release, ...success.clear].map((key) => this.key(key)),
        arguments: [success.ticket, String(now), String(trustMs), String(success.release.length)],
      });
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
