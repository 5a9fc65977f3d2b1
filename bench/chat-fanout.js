'use strict';
/* global fetch, AbortSignal */
/**
 * Chat fan-out: one sender and N receivers in a summit's lobby channel.
 *
 * Plenary (the built server, its own process) and a bare Socket.IO
 * broadcast server (bench/bare-broadcast-server.js, its own process) run on
 * the same machine in the same run:
 *   1. each server gets N receiver sockets that join the channel, in batches;
 *   2. warm-up: a sender sends at RATE messages/s for WARMUP_S;
 *   3. steady: the same for DURATION_S, measured;
 *   4. saturation: SENDERS sender sockets send as fast as acknowledgements
 *      allow, at most WINDOW messages in flight, for SATURATION_S, measured.
 * The measured phases are split into ROUNDS segments that take the servers
 * in turn, so that other work on the machine falls on both alike. Delivery
 * latency is the time from the send (stamped in the message body) to its
 * receipt at each receiver, on this process's monotonic clock. Server CPU
 * and memory are read from /proc/<pid> of the server process.
 *
 * Prints one JSON object to stdout; progress goes to stderr.
 *
 *   node bench/chat-fanout.js [--receivers 1000] [--rate 20] [--duration 20]
 *   RECEIVERS=200 RATE=10 DURATION_S=10 node bench/chat-fanout.js
 */
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { io } = require('socket.io-client');

const ROOT = path.resolve(__dirname, '..');

// ---------------------------------------------------------------- options

const OPTIONS = {
  receivers: { env: 'RECEIVERS', flag: 'receivers', fallback: 1000, min: 1, max: 20000, integer: true },
  rate: { env: 'RATE', flag: 'rate', fallback: 20, min: 0.1, max: 2000 },
  durationS: { env: 'DURATION_S', flag: 'duration', fallback: 20, min: 1, max: 600 },
  warmupS: { env: 'WARMUP_S', flag: 'warmup', fallback: 5, min: 0, max: 120 },
  saturationS: { env: 'SATURATION_S', flag: 'saturation', fallback: 10, min: 0, max: 300 },
  window: { env: 'WINDOW', flag: 'window', fallback: 64, min: 1, max: 10000, integer: true },
  senders: { env: 'SENDERS', flag: 'senders', fallback: 40, min: 1, max: 1000, integer: true },
  users: { env: 'USERS', flag: 'users', fallback: 10, min: 1, max: 200, integer: true },
  batch: { env: 'BATCH', flag: 'batch', fallback: 50, min: 1, max: 1000, integer: true },
  bodyChars: { env: 'BODY_CHARS', flag: 'body-chars', fallback: 140, min: 40, max: 4000, integer: true },
  rounds: { env: 'ROUNDS', flag: 'rounds', fallback: 4, min: 1, max: 20, integer: true },
};

function readOptions(argv, env) {
  const flags = new Map();
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`Unknown argument ${argv[i]}`);
    const value = match[2] !== undefined ? match[2] : argv[i + 1];
    if (value === undefined) throw new Error(`--${match[1]} needs a value`);
    if (match[2] === undefined) i += 1;
    flags.set(match[1], value);
  }
  const known = new Set(Object.values(OPTIONS).map((o) => o.flag).concat(['targets']));
  for (const name of flags.keys()) if (!known.has(name)) throw new Error(`Unknown option --${name}`);
  const options = {};
  for (const [key, spec] of Object.entries(OPTIONS)) {
    const raw = flags.has(spec.flag) ? flags.get(spec.flag) : env[spec.env];
    if (raw === undefined || raw === '') {
      options[key] = spec.fallback;
      continue;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value < spec.min || value > spec.max || (spec.integer && !Number.isInteger(value))) {
      throw new Error(`${spec.env} / --${spec.flag} must be ${spec.integer ? 'an integer' : 'a number'} between ${spec.min} and ${spec.max} (got "${raw}")`);
    }
    options[key] = value;
  }
  const targets = String(flags.get('targets') || env.TARGETS || 'bare,plenary').split(',').map((t) => t.trim()).filter(Boolean);
  for (const t of targets) if (t !== 'bare' && t !== 'plenary') throw new Error(`TARGETS may name bare and plenary (got "${t}")`);
  options.targets = targets;
  return options;
}

// Plenary's default SOCKET_EVENTS_PER_SECOND: each socket may send this many events per second.
const PLENARY_EVENTS_PER_SOCKET_S = 20;
// Sender sockets are paced a little below it, so that timer jitter does not trip the limit.
const PLENARY_SENDER_PACE_S = 19;
const ACK_TIMEOUT_MS = 10_000;
const DRAIN_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 30_000;
const SERVER_START_TIMEOUT_MS = 60_000;
const ADMIN = { email: 'admin@bench.test', password: 'fan-out benchmark password' };
const DELEGATE_PASSWORD = 'fan-out delegate password';
const TARGETS = { p99Ms: 100, saturationRatio: 0.8 };
const DISTURBED_OTHER_CPU_PCT = 25;

const log = (message) => process.stderr.write(`[chat-fanout] ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value, digits = 1) => (value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits)));
const ratio = (a, b) => (a === null || b === null || a === undefined || b === undefined || !b ? null : round(a / b, 3));

// ---------------------------------------------------------------- measuring

/** Latency histogram with 0.1 ms buckets up to 30 s; beyond that, only the count and the maximum are exact. */
class Histogram {
  constructor(maxMs = 30_000, stepMs = 0.1) {
    this.stepMs = stepMs;
    this.buckets = new Uint32Array(Math.ceil(maxMs / stepMs) + 1);
    this.count = 0;
    this.max = 0;
    this.sum = 0;
  }

  record(ms) {
    const value = ms < 0 ? 0 : ms;
    const index = Math.min(this.buckets.length - 1, Math.floor(value / this.stepMs));
    this.buckets[index] += 1;
    this.count += 1;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  percentile(p) {
    if (this.count === 0) return null;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i += 1) {
      seen += this.buckets[i];
      if (seen >= rank) return Math.min(this.max, (i + 1) * this.stepMs);
    }
    return this.max;
  }

  summary() {
    return {
      p50: round(this.percentile(50)),
      p99: round(this.percentile(99)),
      max: round(this.count ? this.max : null),
      mean: round(this.count ? this.sum / this.count : null),
      samples: this.count,
    };
  }
}

function clockTicksPerSecond() {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch (error) {
    log(`getconf CLK_TCK failed (${error.message}); assuming 100 ticks per second`);
    return 100;
  }
}
const CLK_TCK = clockTicksPerSecond();

/** CPU ticks (user + system) and resident memory of a process, from /proc. */
function sampleProcess(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number((/^VmRSS:\s+(\d+)/m.exec(status) || [])[1] || 0);
  return { ticks, rssKb, at: performance.now() };
}

/** Busy CPU ticks of the whole machine (every core), from /proc/stat. */
function sampleMachine() {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return user + nice + system + irq + softirq + (steal || 0);
}

/**
 * What one server's phase cost, summed over its measured segments: the
 * server's CPU (a percentage of one core) and resident memory (at the end,
 * and the peak sampled every 250 ms), this process's CPU and event-loop
 * delay, which show whether the clients themselves were the bottleneck, and
 * what the rest of the machine used meanwhile (`otherCpuPct`: on a shared
 * machine, a large value means the figures are disturbed).
 */
class PhaseCost {
  constructor() {
    this.seconds = 0;
    this.serverTicks = 0;
    this.clientMicros = 0;
    this.machineTicks = 0;
    this.rssKb = 0;
    this.peakKb = 0;
    this.loop = monitorEventLoopDelay({ resolution: 10 });
  }

  async measure(pid, run) {
    const machineBefore = sampleMachine();
    const before = sampleProcess(pid);
    const cpuBefore = process.cpuUsage();
    this.loop.enable();
    this.peakKb = Math.max(this.peakKb, before.rssKb);
    const sampler = setInterval(() => {
      try {
        this.peakKb = Math.max(this.peakKb, sampleProcess(pid).rssKb);
      } catch (error) {
        log(`cannot sample server process ${pid}: ${error.message}`);
        clearInterval(sampler);
      }
    }, 250);
    try {
      const result = await run();
      const after = sampleProcess(pid);
      const cpu = process.cpuUsage(cpuBefore);
      this.machineTicks += sampleMachine() - machineBefore;
      this.seconds += (after.at - before.at) / 1000;
      this.serverTicks += after.ticks - before.ticks;
      this.clientMicros += cpu.user + cpu.system;
      this.rssKb = after.rssKb;
      this.peakKb = Math.max(this.peakKb, after.rssKb);
      return result;
    } finally {
      clearInterval(sampler);
      this.loop.disable();
    }
  }

  summary() {
    const serverPct = (this.serverTicks / CLK_TCK / this.seconds) * 100;
    const clientPct = (this.clientMicros / 1e6 / this.seconds) * 100;
    const machinePct = (this.machineTicks / CLK_TCK / this.seconds) * 100;
    return {
      server: { cpuPct: round(serverPct), rssMb: round(this.rssKb / 1024), rssPeakMb: round(this.peakKb / 1024) },
      client: { cpuPct: round(clientPct), loopDelayP99Ms: round(this.loop.percentile(99) / 1e6) },
      machine: { busyPct: round(machinePct), otherCpuPct: round(Math.max(0, machinePct - serverPct - clientPct)) },
    };
  }
}

// ---------------------------------------------------------------- processes

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const children = new Set();

/**
 * A server child process. Its stdout is kept (the last megabyte, log lines
 * decoded from JSON) so that mailed invitation links can be read from it;
 * warnings and errors it logs are counted.
 */
function startServer(label, args, env, readyPattern) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const state = { text: '', stderr: '', warnings: 0, firstWarnings: [], exited: null };
  let partial = '';
  const take = (message, level) => {
    state.text = (state.text + message + '\n').slice(-1_000_000);
    if (level === 'warn' || level === 'error' || level === 'fatal') {
      state.warnings += 1;
      if (state.firstWarnings.length < 5) state.firstWarnings.push(`${level}: ${String(message).slice(0, 300)}`);
    }
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop();
    for (const line of lines) {
      if (line.startsWith('{')) {
        try {
          const entry = JSON.parse(line);
          take(typeof entry.message === 'string' ? entry.message : JSON.stringify(entry.message), entry.level);
          continue;
        } catch {
          // Not a JSON log line after all: kept as text below.
        }
      }
      take(line, /\b(WARN|ERROR)\b/.test(line) ? 'warn' : 'log');
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    state.stderr = (state.stderr + chunk).slice(-20_000);
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve((state.exited = { code, signal }))));

  const ready = new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (readyPattern.test(state.text)) {
        clearInterval(timer);
        resolve();
      } else if (state.exited) {
        clearInterval(timer);
        reject(new Error(`${label} exited (${JSON.stringify(state.exited)}) before listening:\n${state.stderr.slice(-2000)}`));
      } else if (Date.now() - started > SERVER_START_TIMEOUT_MS) {
        clearInterval(timer);
        reject(new Error(`${label} did not listen within ${SERVER_START_TIMEOUT_MS} ms:\n${state.stderr.slice(-2000)}`));
      }
    }, 50);
  });

  return {
    pid: child.pid,
    state,
    ready,
    /** Waits (bounded) for a pattern in the server's output and returns its match. */
    async waitForOutput(pattern, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const match = pattern.exec(state.text);
        if (match) return match;
        if (state.exited) break;
        await sleep(25);
      }
      throw new Error(`${label}: ${pattern} did not appear in its output within ${timeoutMs} ms`);
    },
    async stop() {
      if (!state.exited) {
        child.kill('SIGTERM');
        const stopped = await Promise.race([exited, sleep(5000).then(() => null)]);
        if (!stopped) {
          log(`${label} did not stop within 5 s; killing it`);
          child.kill('SIGKILL');
          await Promise.race([exited, sleep(2000)]);
        }
      }
      children.delete(child);
    },
  };
}

function killChildren() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch (error) {
      log(`could not kill server ${child.pid}: ${error.message}`);
    }
  }
}

// ---------------------------------------------------------------- Plenary

function newestSource(dirs) {
  let newest = 0;
  const stack = dirs.filter((d) => fs.existsSync(d));
  let visited = 0;
  while (stack.length && visited < 20_000) {
    const dir = stack.pop();
    visited += 1;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** The built server; built with `npm run build:server` when missing or older than the sources. PLENARY_MAIN names another build. */
function plenaryMain() {
  if (process.env.PLENARY_MAIN) return path.resolve(process.env.PLENARY_MAIN);
  const main = path.join(ROOT, 'dist', 'apps', 'server', 'src', 'main.js');
  const libs = fs.existsSync(path.join(ROOT, 'libs')) ? fs.readdirSync(path.join(ROOT, 'libs')).map((l) => path.join(ROOT, 'libs', l, 'src')) : [];
  const stale = fs.existsSync(main) && fs.statSync(main).mtimeMs < newestSource([path.join(ROOT, 'apps', 'server', 'src'), ...libs]);
  if (!fs.existsSync(main) || stale) {
    log(`${stale ? 'the build is older than the sources' : 'no build'}: npm run build:server`);
    const build = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr], timeout: 300_000 });
    if (build.status !== 0) throw new Error(`npm run build:server failed (status ${build.status})`);
  }
  return main;
}

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
 * A summit with a host and a confirmed delegation whose `users` delegates
 * join through mailed invitations (read from the server's output), and its
 * lobby channel.
 */
async function setUpPlenarySummit(server, base, users) {
  const admin = (await api(base, 'POST', '/auth/login', null, ADMIN)).accessToken;
  const host = await api(base, 'POST', '/organisations', admin, { kind: 'state', name: 'Benchmark Host State', shortName: 'Host', countryCode: 'FR' });
  const delegation = await api(base, 'POST', '/organisations', admin, { kind: 'state', name: 'Fan-out Delegation', shortName: 'Fan-out', countryCode: 'NZ' });
  const startsAt = new Date(Date.now() + 86_400_000);
  const summit = await api(base, 'POST', '/summits', admin, {
    title: 'Chat fan-out benchmark',
    hostOrganisationId: host.id,
    timeZone: 'UTC',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 86_400_000).toISOString(),
  });
  for (const organisation of [host, delegation]) {
    await api(base, 'POST', `/summits/${summit.id}/participants`, admin, { organisationId: organisation.id, status: 'confirmed', timeZone: 'UTC' });
  }
  await api(base, 'POST', `/summits/${summit.id}/status`, admin, { status: 'announced' });

  const tokens = [];
  for (let i = 0; i < users; i += 1) {
    const email = `delegate-${i}@bench.test`;
    await api(base, 'POST', '/invitations', admin, { email, organisationId: delegation.id, delegationRole: 'delegate' });
    const [, token] = await server.waitForOutput(new RegExp(`To: ${escapeRegExp(email)}\\n[\\s\\S]*?[?&]token=([A-Za-z0-9_-]+)`));
    const accepted = await api(base, 'POST', '/invitations/accept', null, { token, displayName: `Delegate ${i}`, password: DELEGATE_PASSWORD });
    tokens.push(accepted.accessToken);
  }
  const channels = await api(base, 'GET', `/summits/${summit.id}/channels`, tokens[0]);
  const lobby = channels.find((c) => c.kind === 'lobby');
  if (!lobby) throw new Error(`no lobby among the summit's channels: ${JSON.stringify(channels).slice(0, 500)}`);
  return { channelId: lobby.id, tokens };
}

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

async function startPlenary(options) {
  const main = plenaryMain();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-bench-'));
  const store = await scaledOutStore();
  const env = {
    ...store.env,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // Lets a build outside the repository (PLENARY_MAIN) find the repository's packages.
    NODE_PATH: [path.join(ROOT, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(path.delimiter),
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PLENARY_ADMIN_EMAIL: ADMIN.email,
    PLENARY_ADMIN_PASSWORD: ADMIN.password,
    // The console mail transport prints at the `log` level; nothing on the chat path logs at it.
    LOG_LEVEL: 'log',
    PASSWORD_HASH_COST: '10',
    LOGIN_LIMIT_PER_ADDRESS: '100000',
    // The largest value the configuration accepts.
    LOGIN_LIMIT_PER_ACCOUNT: '10000',
    // Longer than any run, so that no socket is closed by its token expiring.
    ACCESS_TOKEN_TTL_SECONDS: '7200',
  };
  const server = startServer('plenary', [main], env, /Plenary is listening/);
  try {
    await server.ready;
    const base = `http://127.0.0.1:${port}`;
    const setup = await setUpPlenarySummit(server, base, options.users);
    return {
      name: 'plenary',
      server,
      url: base,
      channelId: setup.channelId,
      tokenFor: (i) => setup.tokens[i % setup.tokens.length],
      senderPaceS: PLENARY_SENDER_PACE_S,
      store: { database: store.database, redis: store.redis },
      async stop() {
        await server.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
        await store.drop();
      },
    };
  } catch (error) {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await store.drop();
    throw error;
  }
}

async function startBare() {
  const port = await freePort();
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1' };
  const server = startServer('bare', [path.join(__dirname, 'bare-broadcast-server.js')], env, /listening/);
  await server.ready;
  return {
    name: 'bare',
    server,
    url: `http://127.0.0.1:${port}`,
    channelId: randomUUID(),
    tokenFor: () => undefined,
    senderPaceS: Infinity,
    stop: () => server.stop(),
  };
}

// ---------------------------------------------------------------- clients

function connectSocket(url, token) {
  const socket = io(`${url}/chat`, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error('connection timed out'));
    }, CONNECT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(new Error(`connect_error: ${error.message}${error.data ? ` ${JSON.stringify(error.data)}` : ''}`));
    });
  });
}

function emitWithAck(socket, event, payload) {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (error, ack) => resolve(error ? { ok: false, error: { code: 'ACK_TIMEOUT' } } : ack));
  });
}

/** What the receivers saw of one phase's messages (phases are told apart by the body's first character). */
class PhaseReceipts {
  constructor() {
    this.receipts = 0;
    this.inWindow = 0;
    this.windowOpen = true;
    this.outOfOrder = 0;
    this.latency = new Histogram();
  }
}

/**
 * The receivers: every socket records each `message.new` it gets against
 * the phase in its body, with the latency from the stamped send time.
 */
class Receivers {
  constructor() {
    this.sockets = [];
    this.lastSequence = [];
    this.phases = new Map();
    this.disconnects = 0;
    this.disconnectReasons = {};
  }

  phase(tag) {
    if (!this.phases.has(tag)) this.phases.set(tag, new PhaseReceipts());
    return this.phases.get(tag);
  }

  add(socket) {
    const index = this.sockets.length;
    this.sockets.push(socket);
    this.lastSequence.push(0);
    socket.on('message.new', (message) => {
      const now = performance.now();
      const body = message && message.body;
      if (typeof body !== 'string') return;
      const stats = this.phases.get(body[0]);
      if (!stats) return;
      const sentAt = Number(body.slice(2, body.indexOf('|', 2)));
      stats.receipts += 1;
      if (stats.windowOpen) stats.inWindow += 1;
      stats.latency.record(now - sentAt);
      if (message.sequence <= this.lastSequence[index]) stats.outOfOrder += 1;
      else this.lastSequence[index] = message.sequence;
    });
    socket.on('disconnect', (reason) => {
      this.disconnects += 1;
      this.disconnectReasons[reason] = (this.disconnectReasons[reason] || 0) + 1;
    });
  }

  closeAll() {
    for (const socket of this.sockets) socket.disconnect();
  }
}

/** Opens the receivers in batches (each socket connects, then joins the channel) so the server is not flooded at once. */
async function openReceivers(target, receivers, count, batch) {
  const errors = {};
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    const results = await Promise.allSettled(
      Array.from({ length: size }, async (_, k) => {
        const socket = await connectSocket(target.url, target.tokenFor(start + k));
        const joined = await emitWithAck(socket, 'channel.join', { channelId: target.channelId });
        if (!joined || !joined.ok) {
          socket.disconnect();
          throw new Error(`channel.join: ${JSON.stringify(joined && joined.error)}`);
        }
        receivers.add(socket);
      }),
    );
    for (const result of results) {
      if (result.status === 'rejected') errors[result.reason.message] = (errors[result.reason.message] || 0) + 1;
    }
  }
  return errors;
}

async function openSenders(target, count) {
  const sockets = [];
  for (let i = 0; i < count; i += 1) sockets.push(await connectSocket(target.url, target.tokenFor(i)));
  return sockets;
}

/** Acknowledgements of one phase's sends. */
class PhaseSends {
  constructor(tag) {
    this.tag = tag;
    this.sent = 0;
    this.acked = 0;
    this.ackedInWindow = 0;
    this.windowOpen = true;
    this.failed = {};
    this.ackLatency = new Histogram();
  }

  send(target, socket, socketIndex, filler) {
    const number = this.sent;
    this.sent += 1;
    const sentAt = performance.now();
    const stamp = `${this.tag}|${sentAt.toFixed(3)}|`;
    const body = stamp + filler.slice(0, Math.max(1, filler.length - stamp.length));
    return emitWithAck(socket, 'message.send', { channelId: target.channelId, clientMessageId: `${this.tag}-${socketIndex}-${number}`, body }).then((ack) => {
      if (ack && ack.ok) {
        this.acked += 1;
        if (this.windowOpen) this.ackedInWindow += 1;
        this.ackLatency.record(performance.now() - sentAt);
      } else {
        const code = (ack && ack.error && ack.error.code) || 'NO_ACK';
        this.failed[code] = (this.failed[code] || 0) + 1;
      }
    });
  }
}

/**
 * Sends at a fixed rate (open loop: the schedule does not wait for
 * acknowledgements), spread over the sender sockets. Resolves when the
 * sending window ends, with the acknowledgements still to come.
 */
async function sendAtRate(target, sockets, sends, rate, seconds, filler) {
  const total = Math.max(1, Math.round(rate * seconds));
  const started = performance.now();
  const pending = [];
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 1) await sleep(wait);
    const socketIndex = i % sockets.length;
    pending.push(sends.send(target, sockets[socketIndex], socketIndex, filler));
  }
  const rest = started + seconds * 1000 - performance.now();
  if (rest > 1) await sleep(rest);
  return { seconds: (performance.now() - started) / 1000, outstanding: Promise.all(pending) };
}

/**
 * Sends as fast as acknowledgements allow: at most `window` messages in
 * flight, each sender socket paced to `paceS` messages/s (Plenary's
 * per-socket event limit), for `seconds`. Resolves when the sending window
 * ends, with the acknowledgements still to come.
 */
async function saturate(target, sockets, sends, window, paceS, seconds, filler) {
  const intervalMs = Number.isFinite(paceS) ? 1000 / paceS : 0;
  const nextFree = sockets.map(() => 0);
  const started = performance.now();
  const end = started + seconds * 1000;
  const maxMessages = 5_000_000;
  const pending = new Set();
  let cursor = 0;
  let timer = null;
  const pump = () => {
    let now = performance.now();
    while (pending.size < window && now < end && sends.sent < maxMessages) {
      let chosen = -1;
      let soonest = Infinity;
      for (let k = 0; k < sockets.length; k += 1) {
        const i = (cursor + k) % sockets.length;
        if (nextFree[i] <= now) {
          chosen = i;
          break;
        }
        soonest = Math.min(soonest, nextFree[i]);
      }
      if (chosen < 0) {
        if (!timer) {
          timer = setTimeout(() => {
            timer = null;
            pump();
          }, Math.max(1, soonest - now));
        }
        return;
      }
      cursor = (chosen + 1) % sockets.length;
      nextFree[chosen] = Math.max(nextFree[chosen], now) + intervalMs;
      const sending = sends.send(target, sockets[chosen], chosen, filler).then(() => {
        pending.delete(sending);
        pump();
      });
      pending.add(sending);
      now = performance.now();
    }
  };
  pump();
  await sleep(Math.max(0, end - performance.now()));
  clearTimeout(timer);
  return { seconds: (performance.now() - started) / 1000, outstanding: Promise.all([...pending]) };
}

/** Waits (bounded) until every acknowledged message of a phase has reached every receiver. */
async function drain(receipts, sends, receiverCount) {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  while (receipts.receipts < sends.acked * receiverCount && performance.now() < deadline) await sleep(50);
}

/** One server's measured phase: its sends, its receipts and its cost, over every segment. */
class Phase {
  constructor(tag, receivers) {
    this.sends = new PhaseSends(tag);
    this.receipts = receivers.phase(tag);
    this.cost = new PhaseCost();
  }

  /**
   * One measured segment: rates count what was acknowledged and received
   * while the senders were sending; the acknowledgements still in flight and
   * the deliveries still on their way are then awaited (bounded), outside
   * the measurement, for the delivered fraction and the latencies.
   */
  async segment(pid, receiverCount, send) {
    this.sends.windowOpen = true;
    this.receipts.windowOpen = true;
    const sent = await this.cost.measure(pid, async () => {
      const result = await send();
      this.sends.windowOpen = false;
      this.receipts.windowOpen = false;
      return result;
    });
    await sent.outstanding;
    await drain(this.receipts, this.sends, receiverCount);
  }

  report(receiverCount) {
    const { sends, receipts } = this;
    const seconds = this.cost.seconds;
    const cost = this.cost.summary();
    const expected = sends.acked * receiverCount;
    return {
      seconds: round(seconds, 2),
      sent: sends.sent,
      acked: sends.acked,
      failed: sends.failed,
      sentPerS: round(sends.ackedInWindow / seconds),
      deliveredPerS: round(receipts.inWindow / receiverCount / seconds),
      deliveriesPerS: round(receipts.inWindow / seconds, 0),
      deliveredFraction: expected ? round(receipts.receipts / expected, 4) : null,
      outOfOrder: receipts.outOfOrder,
      latencyMs: receipts.latency.summary(),
      ackMs: { p50: round(sends.ackLatency.percentile(50)), p99: round(sends.ackLatency.percentile(99)) },
      cpuPct: cost.server.cpuPct,
      rssMb: cost.server.rssMb,
      rssPeakMb: cost.server.rssPeakMb,
      client: cost.client,
      machine: cost.machine,
    };
  }
}

/** A server with its receivers connected and its sender sockets open. */
async function prepare(name, options) {
  const setupStarted = performance.now();
  const target = await (name === 'bare' ? startBare() : startPlenary(options));
  const receivers = new Receivers();
  const senders = [];
  const session = { name, target, receivers, senders };
  try {
    log(`${name}: server ${target.server.pid} ready in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s; opening ${options.receivers} receivers`);
    const idle = sampleProcess(target.server.pid);
    const connectStarted = performance.now();
    const errors = await openReceivers(target, receivers, options.receivers, options.batch);
    const seconds = (performance.now() - connectStarted) / 1000;
    const receiverCount = receivers.sockets.length;
    if (receiverCount === 0) throw new Error(`no receiver could connect: ${JSON.stringify(errors)}`);
    const connected = sampleProcess(target.server.pid);
    log(`${name}: ${receiverCount} receivers in ${seconds.toFixed(1)} s (server RSS ${(connected.rssKb / 1024).toFixed(0)} MB)`);
    // Enough sockets for the fixed rate to stay within Plenary's per-socket limit: one at the default rate.
    const rateSockets = Math.ceil(options.rate / PLENARY_EVENTS_PER_SOCKET_S);
    senders.push(...(await openSenders(target, Math.max(rateSockets, options.senders))));
    Object.assign(session, {
      receiverCount,
      rateSenders: senders.slice(0, rateSockets),
      connect: {
        receivers: receiverCount,
        errors,
        seconds: round(seconds, 2),
        rssBeforeMb: round(idle.rssKb / 1024),
        rssMb: round(connected.rssKb / 1024),
        kbPerReceiver: round((connected.rssKb - idle.rssKb) / receiverCount),
      },
      steady: new Phase('s', receivers),
      saturation: new Phase('x', receivers),
    });
    return session;
  } catch (error) {
    await close(session);
    throw error;
  }
}

async function close(session) {
  session.receivers.closeAll();
  for (const socket of session.senders) socket.disconnect();
  await sleep(500);
  await session.target.stop();
}

function sessionReport(session, options) {
  let saturation = null;
  if (options.saturationS > 0) {
    saturation = session.saturation.report(session.receiverCount);
    const senderCap = session.senders.length * session.target.senderPaceS;
    Object.assign(saturation, {
      senders: session.senders.length,
      window: options.window,
      maxMessagesPerS: round(Math.min(saturation.sentPerS, saturation.deliveredPerS)),
      // Reaching the senders' own pacing means more sender sockets were needed to find the server's limit.
      limitedBySenderPacing: Number.isFinite(senderCap) && saturation.sentPerS >= 0.9 * senderCap,
    });
  }
  return {
    server: session.name,
    // Plenary's database and whether Socket.IO went through Redis (BENCH_DATABASE_URL, BENCH_REDIS_URL).
    ...(session.target.store ? { store: session.target.store } : {}),
    pid: session.target.server.pid,
    connect: session.connect,
    steady: session.steady.report(session.receiverCount),
    saturation,
    receiverDisconnects: session.receivers.disconnects,
    receiverDisconnectReasons: { ...session.receivers.disconnectReasons },
    serverWarnings: session.target.server.state.warnings,
    serverFirstWarnings: session.target.server.state.firstWarnings,
  };
}

/**
 * The measured phases, in rounds that take the servers in turn (ABBA…),
 * so that whatever else the machine does meanwhile falls on both alike.
 */
async function runPhases(sessions, options, filler) {
  const turns = (round) => (round % 2 === 0 ? sessions : [...sessions].reverse());
  for (const s of sessions) {
    if (options.warmupS <= 0) break;
    log(`${s.name}: warm-up, ${options.rate} messages/s for ${options.warmupS} s`);
    const warm = new PhaseSends('w');
    const receipts = s.receivers.phase('w');
    const sent = await sendAtRate(s.target, s.rateSenders, warm, options.rate, options.warmupS, filler);
    await sent.outstanding;
    await drain(receipts, warm, s.receiverCount);
  }
  const steadyS = options.durationS / options.rounds;
  for (let r = 0; r < options.rounds; r += 1) {
    for (const s of turns(r)) {
      log(`${s.name}: steady ${r + 1}/${options.rounds}, ${options.rate} messages/s for ${steadyS} s`);
      await s.steady.segment(s.target.server.pid, s.receiverCount, () => sendAtRate(s.target, s.rateSenders, s.steady.sends, options.rate, steadyS, filler));
    }
  }
  if (options.saturationS <= 0) return;
  const saturationS = options.saturationS / options.rounds;
  for (let r = 0; r < options.rounds; r += 1) {
    for (const s of turns(r)) {
      log(`${s.name}: saturation ${r + 1}/${options.rounds}, ${s.senders.length} senders, ${options.window} in flight, for ${saturationS} s`);
      await sleep(500);
      await s.saturation.segment(s.target.server.pid, s.receiverCount, () =>
        saturate(s.target, s.senders, s.saturation.sends, options.window, s.target.senderPaceS, saturationS, filler),
      );
    }
  }
}

async function main() {
  const options = readOptions(process.argv.slice(2), process.env);
  const filler = 'Delegations are asked to confirm their speakers for the afternoon session before the break. '.repeat(60).slice(0, options.bodyChars);
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0];
  // A hard bound on the whole run, whatever happens to a server.
  const segments = options.targets.length * (1 + 2 * options.rounds);
  const budgetMs =
    180_000 +
    options.targets.length * ((options.warmupS + options.durationS + options.saturationS) * 1000 + options.receivers * 100) +
    segments * (ACK_TIMEOUT_MS + DRAIN_TIMEOUT_MS);
  const watchdog = setTimeout(() => {
    log(`run exceeded ${Math.round(budgetMs / 1000)} s; stopping`);
    killChildren();
    process.exit(2);
  }, budgetMs);
  watchdog.unref();

  const results = {};
  const sessions = [];
  try {
    for (const name of options.targets) {
      log(`--- ${name}`);
      try {
        sessions.push(await prepare(name, options));
      } catch (error) {
        log(`${name} failed: ${error.stack || error.message}`);
        results[name] = { server: name, error: error.message };
      }
    }
    if (sessions.length) await runPhases(sessions, options, filler);
    for (const session of sessions) results[session.name] = sessionReport(session, options);
  } finally {
    for (const session of sessions) await close(session);
  }

  const plenary = results.plenary && !results.plenary.error ? results.plenary : null;
  const bare = results.bare && !results.bare.error ? results.bare : null;
  const pick = (r, phase, field, sub) => (r && r[phase] ? (sub ? r[phase][field][sub] : r[phase][field]) : null);
  const ratios = {
    steadyP50: ratio(pick(plenary, 'steady', 'latencyMs', 'p50'), pick(bare, 'steady', 'latencyMs', 'p50')),
    steadyP99: ratio(pick(plenary, 'steady', 'latencyMs', 'p99'), pick(bare, 'steady', 'latencyMs', 'p99')),
    steadyCpu: ratio(pick(plenary, 'steady', 'cpuPct'), pick(bare, 'steady', 'cpuPct')),
    steadyRss: ratio(pick(plenary, 'steady', 'rssMb'), pick(bare, 'steady', 'rssMb')),
    saturationMessagesPerS: ratio(pick(plenary, 'saturation', 'maxMessagesPerS'), pick(bare, 'saturation', 'maxMessagesPerS')),
    saturationP99: ratio(pick(plenary, 'saturation', 'latencyMs', 'p99'), pick(bare, 'saturation', 'latencyMs', 'p99')),
    saturationCpu: ratio(pick(plenary, 'saturation', 'cpuPct'), pick(bare, 'saturation', 'cpuPct')),
  };
  const p99 = pick(plenary, 'steady', 'latencyMs', 'p99');
  const others = [plenary, bare].flatMap((r) => (r ? [r.steady, r.saturation] : [])).filter(Boolean).map((phase) => phase.machine.otherCpuPct);
  const maxOtherCpuPct = others.length ? Math.max(...others) : null;
  const output = {
    benchmark: 'chat-fanout',
    startedAt,
    receivers: options.receivers,
    rate: options.rate,
    durationS: options.durationS,
    warmupS: options.warmupS,
    saturationS: options.saturationS,
    rounds: options.rounds,
    window: options.window,
    senders: options.senders,
    users: options.users,
    bodyChars: options.bodyChars,
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverage1mAtStart: round(loadAtStart, 2),
      maxOtherCpuPct,
      // Other processes took a quarter of a core or more during a measured phase: compare runs before trusting the figures.
      disturbed: maxOtherCpuPct === null ? null : maxOtherCpuPct >= DISTURBED_OTHER_CPU_PCT,
    },
    plenary: results.plenary || null,
    bare: results.bare || null,
    ratio: ratios,
    targets: TARGETS,
    met: {
      p99Ms: p99 === null ? null : p99 <= TARGETS.p99Ms,
      saturationRatio: ratios.saturationMessagesPerS === null ? null : ratios.saturationMessagesPerS >= TARGETS.saturationRatio,
      allDelivered: plenary ? pick(plenary, 'steady', 'deliveredFraction') === 1 : null,
    },
  };
  process.stdout.write(JSON.stringify(output, null, 2) + '\n');
  clearTimeout(watchdog);
  const failed = Object.values(results).some((r) => r.error);
  process.exitCode = failed ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killChildren();
    process.exit(130);
  });
}
process.once('exit', killChildren);

main().catch((error) => {
  log(error.stack || error.message);
  killChildren();
  process.exit(1);
});
