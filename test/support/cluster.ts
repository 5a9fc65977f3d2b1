// Real server processes started from the server build, several sharing one
// PostgreSQL database, one Redis and one JWT secret, as a scaled-out
// deployment runs them (docs/deployment.md).
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from 'redis';
import request from 'supertest';
import { createPostgresDatabase, postgresServerUrl } from './database';
import { freePort, Http, TEST_ADMIN_EMAIL, TEST_PASSWORD, tokenOfLink } from './server';

const ROOT = resolve(__dirname, '../..');
const SERVER_MAIN = join(ROOT, 'dist/apps/server/src/main.js');
/** Redis and PostgreSQL of the development and CI machines (see ENVIRONMENT); each cluster uses keys and a database of its own. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = postgresServerUrl() ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;
const READY_LINE = 'Plenary is listening';

/** The cluster suites run the built server, as a deployment does. */
export function assertServerBuilt(): void {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: build the server first (npm run build:server)`);
}

/** Resolves once `condition` holds, polling; fails after `timeoutMs` naming what was awaited. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
}

export interface ServerProcess {
  url: string;
  http: Http;
  child: ChildProcess;
  /** What the process printed, line by line: JSON log lines and, on standard output, console mail. */
  stdout: string[];
  stderr: string[];
  /** The texts of the mails the process printed to `to` (console mail transport), oldest first. */
  mailTo(to: string): string[];
  /** The token of the newest invitation link the process mailed to `to`, once printed. */
  invitationToken(to: string): Promise<string>;
  /** Sends the signal and resolves once the process has exited (at once if it already had). */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
  stop(): Promise<void>;
}

function lineCollector(lines: string[]): (chunk: Buffer) => void {
  let partial = '';
  return (chunk) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  };
}

/**
 * Starts `node dist/apps/server/src/main.js` on a free port with `env` (the
 * database, Redis and secret it shares with others) and resolves once it
 * listens, has its host administrator and answers /health. The process runs
 * as deployed — NODE_ENV=production, whose console mail transport prints
 * mail to standard output (NODE_ENV=test keeps it quiet) — with nothing
 * inherited from this process's environment but PATH.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  assertServerBuilt();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'plenary-process-'));
  const child = spawn(process.execPath, ['--enable-source-maps', SERVER_MAIN], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'log',
      PASSWORD_HASH_COST: '12',
      PLENARY_ADMIN_EMAIL: TEST_ADMIN_EMAIL,
      PLENARY_ADMIN_PASSWORD: TEST_PASSWORD,
      ...env,
    },
  });
  // Should this process end without stopping it (a crash, an interrupted run), the server goes with it.
  const killWithUs = () => child.kill('SIGKILL');
  process.once('exit', killWithUs);
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout!.on('data', lineCollector(stdout));
  child.stderr!.on('data', lineCollector(stderr));
  let exited = false;
  const closed = new Promise<void>((resolveClosed) =>
    child.once('close', () => {
      exited = true;
      process.off('exit', killWithUs);
      rmSync(dataDir, { recursive: true, force: true });
      resolveClosed();
    }),
  );

  function mailTo(to: string): string[] {
    const mails = [...stdout.join('\n').matchAll(/--- mail ---\nTo: (.*)\nSubject: .*\n\n([\s\S]*?)\n------------/g)];
    return mails.filter((m) => m[1] === to).map((m) => m[2]);
  }

  async function kill(signal: NodeJS.Signals): Promise<void> {
    if (!exited) child.kill(signal);
    await closed;
  }

  const server: ServerProcess = {
    url,
    http: request(url),
    child,
    stdout,
    stderr,
    mailTo,
    async invitationToken(to) {
      // The mail is printed before the invitation is answered, but the two reach us through different pipes.
      await waitFor(() => mailTo(to).length > 0, `an invitation mailed to ${to}`, 5_000);
      const mails = mailTo(to);
      const token = tokenOfLink(mails[mails.length - 1]);
      if (!token) throw new Error(`no invitation link in the mail to ${to}`);
      return token;
    },
    kill,
    async stop() {
      const escalate = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await kill('SIGTERM');
      clearTimeout(escalate);
    },
  };

  try {
    await waitFor(() => exited || stdout.some((line) => line.includes(READY_LINE)), `the server on port ${port} to start`, READY_TIMEOUT_MS);
    if (exited) throw new Error(`the server exited with ${child.exitCode ?? child.signalCode} before listening`);
    const health = await server.http.get('/health');
    if (health.status !== 200) throw new Error(`/health answered ${health.status} ${JSON.stringify(health.body)}`);
  } catch (error) {
    await server.stop();
    const output = [...stderr.slice(-10), ...stdout.slice(-10)].join('\n');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
  }
  return server;
}

export interface Cluster {
  nodes: ServerProcess[];
  /** Stops every process, drops the database and deletes the Redis keys; safe after a process was killed. */
  stop(): Promise<void>;
}

/**
 * `size` server processes, with `env` added to their environment, on a fresh
 * PostgreSQL database (SQLite is one process's file), one Redis under a prefix
 * of their own and one JWT secret.
 * They start one after the other: the first applies the migrations and
 * creates the host administrator before the next starts, since TypeORM takes
 * no lock around migrations and two processes migrating a fresh database at
 * once would both create the same tables.
 */
export async function startCluster(size: number, env: Record<string, string> = {}): Promise<Cluster> {
  assertServerBuilt();
  const redisPrefix = `plenary-test-${randomBytes(4).toString('hex')}`;
  const redis = createClient({ url: REDIS_URL, socket: { reconnectStrategy: false } });
  let redisError: Error | undefined;
  redis.on('error', (error: Error) => (redisError = error));
  try {
    await redis.connect();
  } catch (error) {
    const reason = redisError ?? error;
    if (redis.isOpen) redis.destroy();
    throw new Error(`Redis at ${REDIS_URL} is not reachable (${reason instanceof Error ? reason.message : String(reason)}); start it or set TEST_REDIS_URL`);
  }
  let database: Awaited<ReturnType<typeof createPostgresDatabase>> | undefined;
  const nodes: ServerProcess[] = [];

  let stopped: Promise<void> | undefined;
  async function tearDown(): Promise<void> {
    try {
      await Promise.all(nodes.map((node) => node.stop()));
      await database?.drop();
    } finally {
      for await (const keys of redis.scanIterator({ MATCH: `${redisPrefix}:*`, COUNT: 100 })) if (keys.length > 0) await redis.del(keys);
      await redis.close();
    }
  }
  const stop = () => (stopped ??= tearDown());

  try {
    try {
      database = await createPostgresDatabase(POSTGRES_URL);
    } catch (error) {
      throw new Error(`PostgreSQL at ${POSTGRES_URL} is not usable (${error instanceof Error ? error.message : String(error)}); start it or set TEST_POSTGRES_URL`);
    }
    const shared = { ...env, DATABASE_URL: database.url, JWT_SECRET: randomBytes(32).toString('base64url'), REDIS_URL, REDIS_PREFIX: redisPrefix };
    for (let i = 0; i < size; i++) nodes.push(await startServerProcess(shared));
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes, stop };
}
