'use strict';
/**
 * Agenda read: a delegate reading the agenda of a two-day summit of
 * DELEGATIONS delegations (60 by default), against a bare Nest route that
 * returns the same JSON.
 *
 * One server process (bench/agenda-servers.js) runs Plenary from its build
 * with one more route in the same application, on the same HTTP adapter: a
 * public route that returns the agenda as Plenary answered it (captured at
 * the start), through the same middleware, guards, pipes and serialisation,
 * without a token, a query or a conversion. Both then take load in turn, in ROUNDS segments run ABBA… (bare, Plenary,
 * Plenary, bare…), from CONNECTIONS keep-alive connections each sending its
 * next request when the previous answer has been read (autocannon's way),
 * so that other work on the machine falls on both alike:
 *   1. the summit is set up through the REST API as a host administrator
 *      would: the organisations, the summit with every delegation
 *      confirmed, announced, its sessions; a delegate of the first
 *      delegation joins by invitation;
 *   2. warm-up: WARMUP_S of load on each;
 *   3. measured: DURATION_S of load on each, in segments.
 * Requests per second, latency (p50, p99: the agenda under load) and the
 * server's CPU are reported for each, with Plenary's throughput as a
 * fraction of the bare route's, the target (at least 0.8) and whether it is
 * met.
 *
 * Prints one JSON object to stdout; progress goes to stderr.
 *
 *   node bench/agenda-read.js [--connections 10] [--duration 20] [--delegations 60]
 *   CONNECTIONS=32 ROUNDS=6 node bench/agenda-read.js
 */
const os = require('node:os');
const path = require('node:path');
const { setUpAgendaSummit } = require('./kit/agenda-summit');
const { ratio, round } = require('./kit/histogram');
const { get, load, LoadResult } = require('./kit/http-load');
const { readOptions } = require('./kit/options');
const { startPlenary } = require('./kit/plenary-server');
const { machineFigures, PhaseCost } = require('./kit/process-cost');
const { progressLog, sleep } = require('./kit/progress');
const { killChildrenOnExit, watchdog } = require('./kit/server-process');

const OPTIONS = {
  delegations: { env: 'DELEGATIONS', flag: 'delegations', fallback: 60, min: 2, max: 200, integer: true },
  connections: { env: 'CONNECTIONS', flag: 'connections', fallback: 10, min: 1, max: 1000, integer: true },
  durationS: { env: 'DURATION_S', flag: 'duration', fallback: 20, min: 1, max: 600 },
  warmupS: { env: 'WARMUP_S', flag: 'warmup', fallback: 5, min: 0, max: 120 },
  rounds: { env: 'ROUNDS', flag: 'rounds', fallback: 4, min: 1, max: 20, integer: true },
};

/** Plenary's requests per second at least 0.8 of the bare route's. */
const TARGETS = { throughputRatio: 0.8 };

const log = progressLog('agenda-read');

/** One target's load over a phase: what it answered, and what the server process spent meanwhile. */
class Phase {
  constructor() {
    this.result = new LoadResult();
    this.cost = new PhaseCost((error) => log(`cannot sample the server: ${error.message}`));
  }

  report() {
    const cost = this.cost.summary();
    const answered = this.result.summary();
    // The server's CPU per answer: what bounds a route once the server, not the load generator, is the limit.
    const cpuMsPerRequest = answered.requestsPerS && cost.server.cpuPct !== null ? round((cost.server.cpuPct * 10) / answered.requestsPerS, 3) : null;
    return { ...answered, cpuPct: cost.server.cpuPct, cpuMsPerRequest, rssMb: cost.server.rssMb, client: cost.client, machine: cost.machine };
  }
}

async function main() {
  const options = readOptions(OPTIONS, process.argv.slice(2), process.env);
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0];
  const stopWatchdog = watchdog(300_000 + options.delegations * 2_000 + 2 * (options.warmupS + options.durationS) * 1000 + options.rounds * 2 * 35_000, log);

  log('starting Plenary and setting the summit up');
  const plenary = await startPlenary({ log, script: path.join(__dirname, 'agenda-servers.js') });
  let output;
  try {
    const setup = await setUpAgendaSummit(plenary, options.delegations);
    const route = `/api/summits/${setup.summitId}/agenda`;
    const headers = { authorization: `Bearer ${setup.token}` };
    const captured = await get(`${plenary.url}${route}`, headers);
    if (captured.status !== 200) throw new Error(`GET ${route}: ${captured.status} ${captured.body.slice(0, 500)}`);
    const agenda = JSON.parse(captured.body);
    await plenary.server.request({ type: 'bare', body: agenda });
    const bareRoute = `/api/bench/summits/${setup.summitId}/agenda`;
    const bareAnswer = await get(`${plenary.url}${bareRoute}`, headers);
    // The same bytes from both, or the comparison would not hold.
    if (bareAnswer.status !== 200 || bareAnswer.body !== captured.body) throw new Error('the bare route does not answer what Plenary answered');
    const expectedBytes = Buffer.byteLength(captured.body);
    const shown = agenda.days.reduce((n, day) => n + day.sessions.length, 0);
    log(`summit of ${options.delegations} delegations, ${setup.sessions} sessions; the delegate's agenda shows ${shown} in ${agenda.days.length} days, ${(expectedBytes / 1024).toFixed(1)} KB`);

    const targets = [
      { name: 'bare', url: `${plenary.url}${bareRoute}`, phase: new Phase() },
      { name: 'plenary', url: `${plenary.url}${route}`, phase: new Phase() },
    ];
    const pid = plenary.server.pid;
    for (const target of targets) {
      if (options.warmupS <= 0) break;
      log(`${target.name}: warm-up, ${options.connections} connections for ${options.warmupS} s`);
      await load({ url: target.url, headers, connections: options.connections, seconds: options.warmupS, expectedBytes });
    }
    const segmentS = options.durationS / options.rounds;
    for (let r = 0; r < options.rounds; r += 1) {
      for (const target of r % 2 === 0 ? targets : [...targets].reverse()) {
        log(`${target.name}: segment ${r + 1}/${options.rounds}, ${options.connections} connections for ${segmentS} s`);
        await sleep(250);
        await target.phase.cost.measure(pid, () => load({ url: target.url, headers, connections: options.connections, seconds: segmentS, expectedBytes, result: target.phase.result }));
      }
    }
    const [bare, plenaryPhase] = targets.map((t) => t.phase.report());
    const throughputRatio = ratio(plenaryPhase.requestsPerS, bare.requestsPerS);
    // Answers per second of server CPU, Plenary's as a fraction of the bare route's: the throughput ratio the server would reach on its own core.
    const capacityRatio = ratio(bare.cpuMsPerRequest, plenaryPhase.cpuMsPerRequest);
    // The load generator shares the machine: when it is the limit, both routes answer as fast as it asks and the throughput ratio says little.
    const clientBound = Math.max(bare.client.cpuPct, plenaryPhase.client.cpuPct) >= 90;
    const maxOtherCpuPct = Math.max(bare.machine.otherCpuPct, plenaryPhase.machine.otherCpuPct);
    output = {
      benchmark: 'agenda-read',
      startedAt,
      delegations: options.delegations,
      sessions: setup.sessions,
      sessionsShown: shown,
      responseKb: round(expectedBytes / 1024),
      connections: options.connections,
      durationS: options.durationS,
      warmupS: options.warmupS,
      rounds: options.rounds,
      machine: machineFigures(loadAtStart, maxOtherCpuPct),
      store: plenary.store,
      plenary: plenaryPhase,
      bare,
      ratio: {
        throughput: throughputRatio,
        capacity: capacityRatio,
        p50: ratio(plenaryPhase.latencyMs.p50, bare.latencyMs.p50),
        p99: ratio(plenaryPhase.latencyMs.p99, bare.latencyMs.p99),
      },
      targets: TARGETS,
      clientBound,
      met: {
        throughputRatio: throughputRatio === null ? null : throughputRatio >= TARGETS.throughputRatio,
        capacityRatio: capacityRatio === null ? null : capacityRatio >= TARGETS.throughputRatio,
      },
      serverWarnings: plenary.server.state.warnings,
      serverFirstWarnings: plenary.server.state.firstWarnings,
    };
  } finally {
    await plenary.stop();
  }
  process.stdout.write(JSON.stringify(output, null, 2) + '\n');
  stopWatchdog();
  const errors = output.plenary.requests - output.plenary.ok + (output.bare.requests - output.bare.ok);
  process.exitCode = errors > 0 ? 1 : 0;
}

if (require.main === module) {
  killChildrenOnExit(log);
  main().catch((error) => {
    log(error.stack || error.message);
    process.exit(1);
  });
}
