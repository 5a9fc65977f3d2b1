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
const { DateTime } = require('luxon');
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
const DELEGATE_PASSWORD = 'agenda delegate password';
const ZONE = 'Europe/Zurich';

const log = progressLog('agenda-read');

/** ISO 3166-1 codes for the host and the delegations (states need one); past the list, organisations of other kinds. */
const COUNTRIES = (
  'CH FR DE IT ES PT NL BE LU AT IE DK SE NO FI IS PL CZ SK HU SI HR RO BG GR CY MT EE LV LT ' +
  'GB US CA MX BR AR CL PE CO UY JP KR CN IN ID MY SG TH VN PH AU NZ ZA NG KE EG MA TN SN GH ET RW'
).split(' ');

/**
 * One day of the summit, in its time zone: an opening plenary, breakouts in
 * four rooms morning and afternoon (each for a quarter of the delegations),
 * an afternoon of bilaterals (every delegation meets another, six rooms at
 * a time), breaks, a press briefing, and a signing ceremony on the last
 * day. Nobody is booked twice; bilaterals are seen only by their parties.
 */
function daySessions(day, date, delegationIds, lastDay) {
  const at = (time) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC().toISO();
  const description = 'Statements by delegations in the order of the speakers list, then the chair’s summary. Interpretation into the six official languages.';
  const documents = [{ title: 'Annotated agenda', url: `https://summit.example.org/documents/day-${day + 1}/agenda.pdf` }];
  const sessions = [
    { kind: 'plenary', title: day === 0 ? 'Opening plenary' : `Plenary: day ${day + 1} reports`, startsAt: at('09:00'), endsAt: at('10:00'), room: 'Plenary hall', description, documents },
    { kind: 'break', title: 'Coffee break', startsAt: at('10:00'), endsAt: at('10:30') },
  ];
  const quarter = Math.ceil(delegationIds.length / 4);
  for (const [slot, from, to] of [
    ['morning', '10:30', '12:00'],
    ['afternoon', '16:30', '17:30'],
  ]) {
    for (let track = 0; track < 4; track += 1) {
      const organisationIds = delegationIds.slice(track * quarter, (track + 1) * quarter);
      if (organisationIds.length === 0) continue;
      sessions.push({
        kind: 'breakout',
        title: `Breakout ${'ABCD'[track]} (${slot}): ${['Finance', 'Adaptation', 'Technology', 'Capacity building'][track]}`,
        startsAt: at(from),
        endsAt: at(to),
        room: `Room ${'ABCD'[track]}`,
        organisationIds,
        description,
        documents,
      });
    }
  }
  sessions.push({ kind: 'break', title: 'Lunch', startsAt: at('12:00'), endsAt: at('13:30') });
  // Pairs that change every day: the delegations in order, the second half turned by `day`.
  const half = Math.floor(delegationIds.length / 2);
  const pairs = Array.from({ length: half }, (_, i) => [delegationIds[i], delegationIds[half + ((i + day) % half)]]);
  pairs.forEach((organisationIds, i) => {
    const slot = Math.floor(i / 6);
    const start = DateTime.fromISO(`${date}T13:30`, { zone: ZONE }).plus({ minutes: 30 * slot });
    sessions.push({
      kind: 'bilateral',
      title: `Bilateral meeting ${day + 1}.${i + 1}`,
      startsAt: start.toUTC().toISO(),
      endsAt: start.plus({ minutes: 25 }).toUTC().toISO(),
      room: `Bilateral room ${(i % 6) + 1}`,
      organisationIds,
    });
  });
  sessions.push({ kind: 'break', title: 'Afternoon break', startsAt: at('16:00'), endsAt: at('16:30') });
  sessions.push({ kind: 'press', title: 'Press briefing', startsAt: at('17:30'), endsAt: at('18:00'), room: 'Press room' });
  if (lastDay) sessions.push({ kind: 'signing_ceremony', title: 'Signing of the joint declaration', startsAt: at('18:00'), endsAt: at('18:30'), room: 'Plenary hall', documents });
  return sessions;
}

/** The summit, as a host administrator sets it up through the API, and a delegate of its first delegation signed in. */
async function setUpSummit(plenary, delegations) {
  const { admin, call } = plenary;
  const organisation = (i, role) =>
    i < COUNTRIES.length
      ? { kind: 'state', name: `${role} ${COUNTRIES[i]}`, shortName: COUNTRIES[i], countryCode: COUNTRIES[i] }
      : { kind: 'international_organisation', name: `${role} ${i}`, shortName: `IO ${i}` };
  const host = await call('POST', '/organisations', admin, organisation(0, 'Host state'));
  const delegationIds = [];
  for (let i = 1; i <= delegations; i += 1) delegationIds.push((await call('POST', '/organisations', admin, organisation(i, 'Delegation of'))).id);
  const first = DateTime.now().setZone(ZONE).plus({ days: 30 }).startOf('day');
  const dates = [first.toISODate(), first.plus({ days: 1 }).toISODate()];
  const summit = await call('POST', '/summits', admin, {
    title: 'Agenda benchmark summit',
    hostOrganisationId: host.id,
    timeZone: ZONE,
    startsAt: first.set({ hour: 8 }).toUTC().toISO(),
    endsAt: first.plus({ days: 1 }).set({ hour: 19 }).toUTC().toISO(),
  });
  for (const organisationId of [host.id, ...delegationIds]) {
    await call('POST', `/summits/${summit.id}/participants`, admin, { organisationId, status: 'confirmed', timeZone: ZONE });
  }
  await call('POST', `/summits/${summit.id}/status`, admin, { status: 'announced' });
  let sessions = 0;
  for (const [day, date] of dates.entries()) {
    for (const session of daySessions(day, date, delegationIds, day === dates.length - 1)) {
      await call('POST', `/summits/${summit.id}/sessions`, admin, session);
      sessions += 1;
    }
  }
  const [reader] = await plenary.invite(['reader@bench.test'], delegationIds[0], 'delegate', DELEGATE_PASSWORD);
  return { summitId: summit.id, sessions, token: reader.accessToken };
}

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
    const setup = await setUpSummit(plenary, options.delegations);
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

module.exports = { setUpSummit };
