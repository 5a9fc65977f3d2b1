'use strict';
/* global fetch, AbortSignal */
/**
 * Plenary as a benchmark runs it: the built server (built first when missing
 * or older than the sources; PLENARY_MAIN names another build) in its own
 * process on a free port of 127.0.0.1, with a fresh SQLite database in a
 * temporary directory (or a fresh PostgreSQL database on BENCH_DATABASE_URL,
 * and Socket.IO through the Redis of BENCH_REDIS_URL), set up through its
 * REST API as a host administrator would.
 */
const { spawnSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, freePort, startServer } = require('./server-process');

const ADMIN = { email: 'admin@bench.test', password: 'benchmark administrator password' };

/** The newest modification time of the files under `dirs` that `include` accepts (spec files aside). */
function newestSource(dirs, include) {
  let newest = 0;
  const stack = dirs.filter((d) => fs.existsSync(d));
  let visited = 0;
  while (stack.length && visited < 20_000) {
    const dir = stack.pop();
    visited += 1;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (include(entry.name) && !/\.spec\.tsx?$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

/**
 * Runs `npm run <script>` when `output` is missing or older than the newest
 * source under `sources` that `include` accepts.
 */
function ensureBuild({ output, sources, include, script, log }) {
  const exists = fs.existsSync(output);
  const stale = exists && fs.statSync(output).mtimeMs < newestSource(sources, include);
  if (exists && !stale) return;
  log(`${stale ? `${path.relative(ROOT, output)} is older than its sources` : `no ${path.relative(ROOT, output)}`}: npm run ${script}`);
  const build = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr], timeout: 300_000 });
  if (build.status !== 0) throw new Error(`npm run ${script} failed (status ${build.status})`);
}

/** The built server's main.js; built with `npm run build:server` when missing or older than the sources. PLENARY_MAIN names another build. */
function plenaryMain(log) {
  if (process.env.PLENARY_MAIN) return path.resolve(process.env.PLENARY_MAIN);
  const main = path.join(ROOT, 'dist', 'apps', 'server', 'src', 'main.js');
  const libs = fs.existsSync(path.join(ROOT, 'libs')) ? fs.readdirSync(path.join(ROOT, 'libs')).map((l) => path.join(ROOT, 'libs', l, 'src')) : [];
  ensureBuild({ output: main, sources: [path.join(ROOT, 'apps', 'server', 'src'), ...libs], include: (name) => name.endsWith('.ts'), script: 'build:server', log });
  return main;
}

/** The web client's build (dist/web), built with `npm run build:web` when missing or older than its sources. */
function ensureWebBuild(log) {
  ensureBuild({ output: path.join(ROOT, 'dist', 'web', 'index.html'), sources: [path.join(ROOT, 'apps', 'web', 'src')], include: () => true, script: 'build:web', log });
}

/** One REST call; a non-2xx answer throws with its body. */
async function api(base, method, route, token, body) {
  const response = await fetch(`${base}/api${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /api${route}: ${response.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The scaled-out setup, when asked for: a fresh database on the PostgreSQL
 * server of BENCH_DATABASE_URL (dropped afterwards) and the Redis of
 * BENCH_REDIS_URL under a prefix of its own. Without them, SQLite in a
 * temporary directory and the in-process Socket.IO adapter.
 */
async function scaledOutStore() {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  const redisUrl = process.env.BENCH_REDIS_URL;
  const env = {};
  let drop = async () => {};
  if (serverUrl) {
    const { Client } = require('pg');
    const name = `plenary_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    drop = async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  }
  if (redisUrl) {
    env.REDIS_URL = redisUrl;
    env.REDIS_PREFIX = `plenary-bench-${randomUUID().slice(0, 8)}`;
  }
  return { env, drop, database: serverUrl ? 'postgres' : 'sqlite', redis: Boolean(redisUrl) };
}

/**
 * Starts Plenary and signs the host administrator in. `script` runs instead
 * of the server's main.js (given the build's directory in PLENARY_DIST);
 * `env` adds to or overrides the configuration below; the server counts as
 * ready once `readyPattern` appears in its output.
 */
async function startPlenary({ log, script, env: extraEnv = {}, readyPattern = /Plenary is listening/ }) {
  const main = plenaryMain(log);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-bench-'));
  const store = await scaledOutStore();
  const env = {
    ...store.env,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // Lets a build outside the repository (PLENARY_MAIN) find the repository's packages.
    NODE_PATH: [path.join(ROOT, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(path.delimiter),
    PLENARY_DIST: path.resolve(path.dirname(main), '..', '..', '..'),
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PLENARY_ADMIN_EMAIL: ADMIN.email,
    PLENARY_ADMIN_PASSWORD: ADMIN.password,
    // The console mail transport prints at the `log` level, and the benchmarks read invitation links from it.
    LOG_LEVEL: 'log',
    PASSWORD_HASH_COST: '10',
    LOGIN_LIMIT_PER_ADDRESS: '100000',
    // The largest value the configuration accepts.
    LOGIN_LIMIT_PER_ACCOUNT: '10000',
    // Longer than any run, so that no token expires during one.
    ACCESS_TOKEN_TTL_SECONDS: '7200',
    ...extraEnv,
  };
  const server = startServer('plenary', [script || main], env, readyPattern, log);
  const cleanUp = async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await store.drop();
  };
  try {
    await server.ready;
    const base = `http://127.0.0.1:${port}`;
    const admin = (await api(base, 'POST', '/auth/login', null, ADMIN)).accessToken;
    return {
      server,
      url: base,
      admin,
      store: { database: store.database, redis: store.redis },
      call: (method, route, token, body) => api(base, method, route, token, body),
      /**
       * Brings people into an organisation as users join: the administrator
       * invites each, the mailed link (printed by the console mail
       * transport) is accepted. Resolves to their user ids and access tokens.
       */
      async invite(emails, organisationId, delegationRole, password) {
        const people = [];
        for (const email of emails) {
          await api(base, 'POST', '/invitations', admin, { email, organisationId, delegationRole });
          const [, token] = await server.waitForOutput(new RegExp(`To: ${escapeRegExp(email)}\\n[\\s\\S]*?[?&]token=([A-Za-z0-9_-]+)`));
          const accepted = await api(base, 'POST', '/invitations/accept', null, { token, displayName: email.split('@')[0], password });
          people.push({ email, userId: accepted.user.id, accessToken: accepted.accessToken });
        }
        return people;
      },
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

module.exports = { api, ensureWebBuild, plenaryMain, startPlenary };
