'use strict';
/**
 * Benchmarked servers as child processes, so that their CPU and memory are
 * theirs alone: started on a free port, their output kept (for mailed links
 * and warnings), their heap read through the heap probe, and killed with
 * the benchmark whatever happens.
 */
const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');
const { sleep } = require('./progress');

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER_START_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 60_000;
const HEAP_PROBE = path.join(__dirname, 'heap-probe.js');

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
 * The last megabyte or so of a server's output, as lines. Appending a line
 * costs the same whatever is kept (a server logs a line per request, and
 * copying the whole tail at each one made the load generator the limit of
 * the runs); reading joins the lines.
 */
class OutputTail {
  constructor(limit = 1_000_000) {
    this.limit = limit;
    this.lines = [];
    this.first = 0;
    this.chars = 0;
  }

  push(line) {
    this.lines.push(line);
    this.chars += line.length + 1;
    while (this.chars > this.limit && this.lines.length - this.first > 1) this.chars -= this.lines[this.first++].length + 1;
    if (this.first > 4096 && this.first * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.first);
      this.first = 0;
    }
  }

  toString() {
    return this.lines.length > this.first ? this.lines.slice(this.first).join('\n') + '\n' : '';
  }
}

/**
 * With BENCH_CPU_PROFILE_DIR set, each server writes a V8 CPU profile
 * (`<dir>/<label>/*.cpuprofile`, for Chrome DevTools) when it stops: where
 * its time went during the run.
 */
function profileFlags(label) {
  const dir = process.env.BENCH_CPU_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir, label)}`] : [];
}

/**
 * A server child process running `args` (a script and its arguments) under
 * the heap probe, with an IPC channel. Its stdout is kept (the last
 * megabyte, log lines decoded from JSON); warnings and errors it logs are
 * counted. `ready` resolves once `readyPattern` appears in its output.
 */
function startServer(label, args, env, readyPattern, log) {
  const flags = ['--expose-gc', '-r', HEAP_PROBE, ...profileFlags(label)];
  const child = spawn(process.execPath, [...flags, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  children.add(child);
  const output = new OutputTail();
  const state = {
    get text() {
      return output.toString();
    },
    stderr: '',
    warnings: 0,
    firstWarnings: [],
    exited: null,
  };
  let partial = '';
  const take = (message, level) => {
    output.push(String(message));
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

  const waiting = new Map();
  let nextId = 1;
  child.on('message', (message) => {
    const pending = message && waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    clearTimeout(pending.timer);
    if (message.error) pending.reject(new Error(`${label}: ${message.error}`));
    else pending.resolve(message);
  });
  exited.then(() => {
    for (const pending of waiting.values()) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`${label} exited (${JSON.stringify(state.exited)}):\n${state.stderr.slice(-2000)}`));
    }
    waiting.clear();
  });

  /** Sends a request over IPC and waits (bounded) for the answer carrying its id. */
  function request(message, timeoutMs = REQUEST_TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
      if (state.exited) return reject(new Error(`${label} has exited`));
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`${label} did not answer ${message.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, { resolve, reject, timer });
      child.send({ ...message, id });
    });
  }

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
    request,
    /** The server's memory after a full collection: `{ heapUsed, rss, external, arrayBuffers… }` in bytes. */
    async heap() {
      const answer = await request({ type: 'heap' });
      if (!answer.collected) throw new Error(`${label} cannot collect garbage (no --expose-gc)`);
      return answer.memory;
    },
    /** Writes a heap snapshot of the server to `file`. */
    snapshot: (file) => request({ type: 'snapshot', path: file }, 300_000),
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

/** Kills every server still running; on exit, on a signal, or past a benchmark's time budget. */
function killChildren(log) {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch (error) {
      log(`could not kill server ${child.pid}: ${error.message}`);
    }
  }
}

/** Servers die with the benchmark, whichever way it ends. */
function killChildrenOnExit(log) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      killChildren(log);
      process.exit(130);
    });
  }
  process.once('exit', () => killChildren(log));
}

/**
 * A hard bound on a whole run: past `budgetMs`, the servers are killed and
 * the benchmark exits with status 2.
 */
function watchdog(budgetMs, log) {
  const timer = setTimeout(() => {
    log(`run exceeded ${Math.round(budgetMs / 1000)} s; stopping`);
    killChildren(log);
    process.exit(2);
  }, budgetMs);
  timer.unref();
  return () => clearTimeout(timer);
}

module.exports = { ROOT, freePort, killChildren, killChildrenOnExit, startServer, watchdog };
