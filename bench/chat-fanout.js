'use strict';
/**
 * Chat fan-out: one sender and N receivers in a summit's lobby channel.
 *
 * Plenary (the built server, its own process) and a bare Socket.IO
 * broadcast server (bench/bare-broadcast-server.js, its own process) run on
 * the same machine in the same run:
 *   1. each server gets N receiver sockets that join the channel, in batches;
 *      its live heap (after a full collection) is read before and after;
 *   2. warm-up: a sender sends at RATE messages/s for WARMUP_S;
 *   3. steady: the same for DURATION_S, measured;
 *   4. saturation: SENDERS sender sockets send as fast as acknowledgements
 *      allow, at most WINDOW messages in flight, for SATURATION_S, measured.
 * The measured phases are split into ROUNDS segments that take the servers
 * in turn, so that other work on the machine falls on both alike. Delivery
 * latency is the time from the send (stamped in the message body) to its
 * receipt at each receiver, on this process's monotonic clock. Server CPU
 * and memory are read from /proc/<pid> of the server process, its heap
 * through the kit's heap probe.
 *
 * Prints one JSON object to stdout; progress goes to stderr.
 *
 *   node bench/chat-fanout.js [--receivers 1000] [--rate 20] [--duration 20]
 *   RECEIVERS=200 RATE=10 DURATION_S=10 node bench/chat-fanout.js
 */
const { randomUUID } = require('node:crypto');
const os = require('node:os');
const path = require('node:path');
const { io } = require('socket.io-client');
const { Histogram, ratio, round } = require('./kit/histogram');
const { readOptions } = require('./kit/options');
const { startPlenary } = require('./kit/plenary-server');
const { machineFigures, PhaseCost, sampleProcess } = require('./kit/process-cost');
const { progressLog, sleep } = require('./kit/progress');
const { freePort, killChildrenOnExit, startServer, watchdog } = require('./kit/server-process');

// ---------------------------------------------------------------- options

const OPTIONS = {
  receivers: { env: 'RECEIVERS', flag: 'receivers', fallback: 1000, min: 1, max: 20000, integer: true },
  rate: { env: 'RATE', flag: 'rate', fallback: 20, min: 0.1, max: 2000 },
  durationS: { env: 'DURATION_S', flag: 'duration', fallback: 20, min: 1, max: 600 },
  warmupS: { env: 'WARMUP_S', flag: 'warmup', fallback: 5, min: 0, max: 120 },
  saturationS: { env: 'SATURATION_S', flag: 'saturation', fallback: 20, min: 0, max: 300 },
  window: { env: 'WINDOW', flag: 'window', fallback: 64, min: 1, max: 10000, integer: true },
  senders: { env: 'SENDERS', flag: 'senders', fallback: 40, min: 1, max: 1000, integer: true },
  users: { env: 'USERS', flag: 'users', fallback: 10, min: 1, max: 200, integer: true },
  batch: { env: 'BATCH', flag: 'batch', fallback: 50, min: 1, max: 1000, integer: true },
  bodyChars: { env: 'BODY_CHARS', flag: 'body-chars', fallback: 140, min: 40, max: 4000, integer: true },
  rounds: { env: 'ROUNDS', flag: 'rounds', fallback: 4, min: 1, max: 20, integer: true },
};
const LISTS = { targets: { env: 'TARGETS', flag: 'targets', fallback: 'bare,plenary', allowed: ['bare', 'plenary'] } };

// Plenary's default SOCKET_EVENTS_PER_SECOND: each socket may send this many events per second.
const PLENARY_EVENTS_PER_SOCKET_S = 20;
// Sender sockets are paced a little below it, so that timer jitter does not trip the limit.
const PLENARY_SENDER_PACE_S = 19;
const ACK_TIMEOUT_MS = 10_000;
const DRAIN_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 30_000;
const DELEGATE_PASSWORD = 'fan-out delegate password';
/** Steady p99 at most 100 ms; saturation at least 0.9 of the bare server's messages/s; live heap per connected receiver at most 1.5 times the bare server's. */
const TARGETS = { p99Ms: 100, saturationRatio: 0.9, heapPerReceiverRatio: 1.5 };

const log = progressLog('chat-fanout');

// ---------------------------------------------------------------- servers

/**
 * Plenary with a summit set up as a host administrator would: two
 * organisations, a summit with both confirmed, announced; `users` delegates
 * invited who accept and sign in; and its lobby channel.
 */
async function startPlenaryChat(options) {
  const plenary = await startPlenary({
    log,
    env: {
      // Every socket comes from 127.0.0.1 and is spread over USERS people: the largest limits the configuration accepts.
      SOCKET_LIMIT_PER_USER: '10000',
      SOCKET_LIMIT_PER_ADDRESS: '1000000',
    },
  });
  try {
    const { admin, call } = plenary;
    const host = await call('POST', '/organisations', admin, { kind: 'state', name: 'Benchmark Host State', shortName: 'Host', countryCode: 'FR' });
    const delegation = await call('POST', '/organisations', admin, { kind: 'state', name: 'Fan-out Delegation', shortName: 'Fan-out', countryCode: 'NZ' });
    const startsAt = new Date(Date.now() + 86_400_000);
    const summit = await call('POST', '/summits', admin, {
      title: 'Chat fan-out benchmark',
      hostOrganisationId: host.id,
      timeZone: 'UTC',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 86_400_000).toISOString(),
    });
    for (const organisation of [host, delegation]) {
      await call('POST', `/summits/${summit.id}/participants`, admin, { organisationId: organisation.id, status: 'confirmed', timeZone: 'UTC' });
    }
    await call('POST', `/summits/${summit.id}/status`, admin, { status: 'announced' });
    const emails = Array.from({ length: options.users }, (_, i) => `delegate-${i}@bench.test`);
    const tokens = (await plenary.invite(emails, delegation.id, 'delegate', DELEGATE_PASSWORD)).map((person) => person.accessToken);
    const channels = await call('GET', `/summits/${summit.id}/channels`, tokens[0]);
    const lobby = channels.find((c) => c.kind === 'lobby');
    if (!lobby) throw new Error(`no lobby among the summit's channels: ${JSON.stringify(channels).slice(0, 500)}`);
    return {
      name: 'plenary',
      server: plenary.server,
      url: plenary.url,
      channelId: lobby.id,
      tokenFor: (i) => tokens[i % tokens.length],
      senderPaceS: PLENARY_SENDER_PACE_S,
      store: plenary.store,
      stop: plenary.stop,
    };
  } catch (error) {
    await plenary.stop();
    throw error;
  }
}

async function startBare() {
  const port = await freePort();
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1' };
  const server = startServer('bare', [path.join(__dirname, 'bare-broadcast-server.js')], env, /listening/, log);
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

/**
 * Senders join the channel before they send, as the web client's composer
 * does (it sends in the channel it shows): their messages take the path of
 * a joined socket, whose access was checked at the join. They receive the
 * channel's messages too, on both servers alike; only the receivers' are
 * counted.
 */
async function openSenders(target, count) {
  const sockets = [];
  for (let i = 0; i < count; i += 1) {
    const socket = await connectSocket(target.url, target.tokenFor(i));
    const joined = await emitWithAck(socket, 'channel.join', { channelId: target.channelId });
    if (!joined || !joined.ok) throw new Error(`sender channel.join: ${JSON.stringify(joined && joined.error)}`);
    sockets.push(socket);
  }
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
    this.cost = new PhaseCost((error) => log(`cannot sample the server: ${error.message}`));
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
  const target = await (name === 'bare' ? startBare() : startPlenaryChat(options));
  const receivers = new Receivers();
  const senders = [];
  const session = { name, target, receivers, senders };
  try {
    log(`${name}: server ${target.server.pid} ready in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s; opening ${options.receivers} receivers`);
    const idle = sampleProcess(target.server.pid);
    const idleHeap = await target.server.heap();
    const connectStarted = performance.now();
    const errors = await openReceivers(target, receivers, options.receivers, options.batch);
    const seconds = (performance.now() - connectStarted) / 1000;
    const receiverCount = receivers.sockets.length;
    if (receiverCount === 0) throw new Error(`no receiver could connect: ${JSON.stringify(errors)}`);
    const connected = sampleProcess(target.server.pid);
    const connectedHeap = await target.server.heap();
    const heapKbPerReceiver = (connectedHeap.heapUsed - idleHeap.heapUsed) / 1024 / receiverCount;
    log(`${name}: ${receiverCount} receivers in ${seconds.toFixed(1)} s (server RSS ${(connected.rssKb / 1024).toFixed(0)} MB, live heap ${heapKbPerReceiver.toFixed(1)} KB per receiver)`);
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
        // Live heap after a full collection: what each connection holds, without the allocator's slack in RSS.
        heapBeforeMb: round(idleHeap.heapUsed / 1048576),
        heapMb: round(connectedHeap.heapUsed / 1048576),
        heapKbPerReceiver: round(heapKbPerReceiver),
        externalKbPerReceiver: round((connectedHeap.external - idleHeap.external) / 1024 / receiverCount),
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
    heapAfterRunMb: session.heapAfterRunMb,
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
  const options = readOptions(OPTIONS, process.argv.slice(2), process.env, LISTS);
  const filler = 'Delegations are asked to confirm their speakers for the afternoon session before the break. '.repeat(60).slice(0, options.bodyChars);
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0];
  // A hard bound on the whole run, whatever happens to a server.
  const segments = options.targets.length * (1 + 2 * options.rounds);
  const budgetMs =
    180_000 +
    options.targets.length * ((options.warmupS + options.durationS + options.saturationS) * 1000 + options.receivers * 100) +
    segments * (ACK_TIMEOUT_MS + DRAIN_TIMEOUT_MS);
  const stopWatchdog = watchdog(budgetMs, log);

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
    // What the server holds once messages have flowed: connection-state recovery keeps what each room was sent for two minutes.
    for (const session of sessions) session.heapAfterRunMb = round((await session.target.server.heap()).heapUsed / 1048576);
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
    heapPerReceiver: ratio(pick(plenary, 'connect', 'heapKbPerReceiver'), pick(bare, 'connect', 'heapKbPerReceiver')),
    rssPerReceiver: ratio(pick(plenary, 'connect', 'kbPerReceiver'), pick(bare, 'connect', 'kbPerReceiver')),
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
    machine: machineFigures(loadAtStart, maxOtherCpuPct),
    plenary: results.plenary || null,
    bare: results.bare || null,
    ratio: ratios,
    targets: TARGETS,
    met: {
      p99Ms: p99 === null ? null : p99 <= TARGETS.p99Ms,
      saturationRatio: ratios.saturationMessagesPerS === null ? null : ratios.saturationMessagesPerS >= TARGETS.saturationRatio,
      heapPerReceiverRatio: ratios.heapPerReceiver === null ? null : ratios.heapPerReceiver <= TARGETS.heapPerReceiverRatio,
      allDelivered: plenary ? pick(plenary, 'steady', 'deliveredFraction') === 1 : null,
    },
  };
  process.stdout.write(JSON.stringify(output, null, 2) + '\n');
  stopWatchdog();
  const failed = Object.values(results).some((r) => r.error);
  process.exitCode = failed ? 1 : 0;
}

killChildrenOnExit(log);

main().catch((error) => {
  log(error.stack || error.message);
  process.exit(1);
});
