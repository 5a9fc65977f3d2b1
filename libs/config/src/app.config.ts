import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export type DatabaseKind = 'sqlite' | 'postgres';

/** The whole configuration of a process, read once from the environment at start. */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  database: { kind: DatabaseKind; url: string; sqlitePath: string; logging: boolean };
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    /**
     * How long a refresh token just exchanged may be presented again by the
     * same browser and get the same successor (tabs refreshing at once, a
     * retried request); 0 makes every second presentation reuse.
     */
    refreshGraceSeconds: number;
    invitationTtlSeconds: number;
    cookieSecure: boolean;
    /** Failed sign-ins to one account (from one address, or from all addresses it has not signed in from) before further attempts wait. */
    loginLimitPerAccount: number;
    /** Failed sign-ins from one address, to accounts it has not signed in to, before further attempts wait. */
    loginLimitPerAddress: number;
    /** Failures older than this stop counting. */
    loginWindowSeconds: number;
    /** The longest wait the growing delay imposes between two attempts. */
    loginMaxDelaySeconds: number;
    /** log2 of the scrypt cost parameter N used for new password hashes. */
    passwordHashCost: number;
    /** How long a mailed password-reset link works. */
    passwordResetTtlSeconds: number;
    /** Reset requests for one account (from one address, or from all addresses it has not signed in from) before further requests wait. */
    passwordResetLimitPerAccount: number;
    /** Reset requests from one address, for accounts it has not signed in to, before further requests wait. */
    passwordResetLimitPerAddress: number;
  };
  admin: { email?: string; password?: string };
  corsOrigins: string[];
  trustProxy: boolean;
  realtime: {
    /** Redis shared by several server processes (Socket.IO adapter, sign-in limits); unset on one machine. */
    redisUrl?: string;
    /** Prefix of the Redis stream and keys (Socket.IO, sign-in limits), so that installations sharing a Redis do not mix. */
    redisPrefix: string;
    /** Largest accepted Socket.IO message, in bytes. */
    maxMessageBytes: number;
    /** Events each socket may send per second (burst twice that). */
    eventsPerSecond: number;
    /** Sockets one person may hold open at once on one process, over every namespace. */
    socketsPerUser: number;
    /** Socket.IO connections one client address may hold open at once on one process. */
    connectionsPerAddress: number;
  };
  mail: { smtpUrl?: string; from: string };
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** One JSON object per line (log collectors) rather than readable text (a terminal). */
  logJson: boolean;
  metricsToken?: string;
  apiDocs: boolean;
  webDir: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super('Invalid configuration:\n  - ' + problems.join('\n  - '));
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const value = this.env[name];
    return value === undefined || value === '' ? fallback : value;
  }

  optional(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!allowed.includes(raw as T)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }

  url(name: string, fallback: string, protocols: string[]): string {
    const raw = this.string(name, fallback);
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) this.problems.push(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
    } catch {
      this.problems.push(`${name} is not a valid URL`);
    }
    return raw;
  }
}

/**
 * In the one-machine mode the JWT secret is generated once and kept beside the
 * database, so that restarts keep sessions and no placeholder secret exists.
 */
function persistedSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // Written beside and renamed into place, so a crash never leaves a truncated secret.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, secret + '\n', { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, file);
  return secret;
}

/**
 * Where this machine reaches a server listening on `host:port`: `localhost`
 * when it listens on every interface, else the one address HOST names. The
 * default PUBLIC_URL.
 */
export function localUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/**
 * Reads and validates the environment. `terminal` tells whether standard
 * output is a terminal, which chooses readable logs over JSON by default.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd(), terminal = Boolean(process.stdout.isTTY)): AppConfig {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const port = r.int('PORT', 3000, 0, 65535);
  const host = r.string('HOST', '0.0.0.0');
  const publicUrl = r.url('PUBLIC_URL', localUrl(host, port || 3000), ['http:', 'https:']).replace(/\/$/, '');
  const dataDirRaw = r.string('DATA_DIR', 'data');
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);

  const databaseUrl = r.optional('DATABASE_URL');
  let kind: DatabaseKind = 'sqlite';
  let sqlitePath = join(dataDir, 'plenary.sqlite');
  if (databaseUrl) {
    if (/^postgres(ql)?:\/\//.test(databaseUrl)) kind = 'postgres';
    else if (databaseUrl.startsWith('sqlite:')) {
      const path = databaseUrl.slice('sqlite:'.length);
      sqlitePath = path === ':memory:' || isAbsolute(path) ? path : resolve(cwd, path);
    } else r.problems.push('DATABASE_URL must start with postgres://, postgresql:// or sqlite:');
  }

  const jwtSecret = r.optional('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) r.problems.push('JWT_SECRET must be at least 32 characters');
  if (jwtSecret === undefined && nodeEnv === 'production') r.problems.push('JWT_SECRET is required when NODE_ENV=production');

  const smtpUrl = r.optional('SMTP_URL');
  if (smtpUrl !== undefined) r.url('SMTP_URL', smtpUrl, ['smtp:', 'smtps:']);

  const corsOrigins = r
    .string('CORS_ORIGINS', publicUrl)
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

  const adminEmail = r.optional('PLENARY_ADMIN_EMAIL');
  const adminPassword = r.optional('PLENARY_ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    r.problems.push('PLENARY_ADMIN_EMAIL and PLENARY_ADMIN_PASSWORD must be set together');
  }
  if (adminPassword !== undefined && adminPassword.length < 12) r.problems.push('PLENARY_ADMIN_PASSWORD must be at least 12 characters');

  const config: AppConfig = {
    env: nodeEnv,
    host,
    port,
    publicUrl,
    dataDir,
    database: { kind, url: databaseUrl ?? `sqlite:${sqlitePath}`, sqlitePath, logging: r.bool('DATABASE_LOGGING', false) },
    auth: {
      jwtSecret: '',
      accessTokenTtlSeconds: r.int('ACCESS_TOKEN_TTL_SECONDS', 900, 5, 86_400),
      refreshTokenTtlSeconds: r.int('REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 300, 365 * 86_400),
      refreshGraceSeconds: r.int('REFRESH_GRACE_SECONDS', 10, 0, 60),
      invitationTtlSeconds: r.int('INVITATION_TTL_SECONDS', 7 * 86_400, 60, 90 * 86_400),
      cookieSecure: r.bool('COOKIE_SECURE', publicUrl.startsWith('https:')),
      loginLimitPerAccount: r.int('LOGIN_LIMIT_PER_ACCOUNT', 5, 1, 100_000),
      loginLimitPerAddress: r.int('LOGIN_LIMIT_PER_ADDRESS', 30, 1, 100_000),
      loginWindowSeconds: r.int('LOGIN_WINDOW_SECONDS', 3600, 1, 86_400),
      loginMaxDelaySeconds: r.int('LOGIN_MAX_DELAY_SECONDS', 900, 1, 86_400),
      passwordHashCost: r.int('PASSWORD_HASH_COST', 16, 10, 20),
      passwordResetTtlSeconds: r.int('PASSWORD_RESET_TTL_SECONDS', 3600, 300, 86_400),
      passwordResetLimitPerAccount: r.int('PASSWORD_RESET_LIMIT_PER_ACCOUNT', 3, 1, 100_000),
      passwordResetLimitPerAddress: r.int('PASSWORD_RESET_LIMIT_PER_ADDRESS', 10, 1, 100_000),
    },
    admin: { email: adminEmail?.toLowerCase(), password: adminPassword },
    corsOrigins,
    trustProxy: r.bool('TRUST_PROXY', false),
    realtime: {
      redisUrl: r.optional('REDIS_URL') === undefined ? undefined : r.url('REDIS_URL', '', ['redis:', 'rediss:']),
      redisPrefix: r.string('REDIS_PREFIX', 'plenary'),
      maxMessageBytes: r.int('SOCKET_MAX_MESSAGE_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024),
      eventsPerSecond: r.int('SOCKET_EVENTS_PER_SECOND', 20, 1, 10_000),
      // A person with ten tabs open holds four namespaces in each; a ministry or a hotel may put hundreds behind one address.
      socketsPerUser: r.int('SOCKET_LIMIT_PER_USER', 50, 1, 10_000),
      connectionsPerAddress: r.int('SOCKET_LIMIT_PER_ADDRESS', 1000, 1, 1_000_000),
    },
    mail: { smtpUrl, from: r.string('MAIL_FROM', 'Plenary <no-reply@plenary.localhost>') },
    logLevel: r.oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug', 'verbose'] as const, 'log'),
    // Readable lines for a person at a terminal; JSON for collectors, and always in production unless LOG_JSON says otherwise.
    logJson: r.bool('LOG_JSON', nodeEnv === 'production' || !terminal),
    metricsToken: r.optional('METRICS_TOKEN'),
    apiDocs: r.bool('API_DOCS', true),
    webDir: resolve(cwd, r.string('WEB_DIR', 'dist/web')),
  };

  if (r.problems.length > 0) throw new ConfigError(r.problems);
  config.auth.jwtSecret = jwtSecret ?? persistedSecret(dataDir);
  return config;
}
