'use strict';
/* global document */
/**
 * Page weight: a delegate opens the agenda of a two-day summit of
 * DELEGATIONS delegations (60 by default) from a link, on a slow connection
 * (1.6 Mbit/s down, 750 kbit/s up, 150 ms of latency) and a slow device
 * (the CPU slowed 4×), with nothing cached: how many bytes the page
 * downloads and how long until the agenda's first session is on screen.
 *
 * Against a bare page in the same run, on the same throttled connection: a
 * few lines of HTML and script that sign in from the refresh cookie, read the
 * same agenda from the same API and write the first session's title. It is
 * the least any page can do to show the agenda, so the difference is what
 * the web client itself costs.
 *
 *   1. Plenary starts from its build (the server and the web client, built
 *      first when missing or older than the sources) and the summit is set up
 *      through the REST API, as for bench/agenda-read.js;
 *   2. Chromium signs the delegate in through the sign-in page, unthrottled;
 *   3. ROUNDS loads of each page, in turns ABBA… (bare, Plenary, Plenary,
 *      bare…), each in a fresh tab with the cache disabled and the
 *      throttling on; the sign-in page is loaded the same way, as a new
 *      visitor's first page.
 *
 * Prints one JSON object to stdout; progress goes to stderr.
 *
 *   node bench/page-weight.js [--rounds 3] [--delegations 60]
 *   LATENCY_MS=40 DOWNLOAD_KBPS=10000 CPU_SLOWDOWN=1 node bench/page-weight.js
 */
const http = require('node:http');
const os = require('node:os');
const { chromium } = require('playwright-core');
const { setUpAgendaSummit } = require('./kit/agenda-summit');
const { round } = require('./kit/histogram');
const { readOptions } = require('./kit/options');
const { ensureWebBuild, startPlenary } = require('./kit/plenary-server');
const { machineFigures } = require('./kit/process-cost');
const { progressLog } = require('./kit/progress');
const { freePort, killChildrenOnExit, watchdog } = require('./kit/server-process');

const OPTIONS = {
  delegations: { env: 'DELEGATIONS', flag: 'delegations', fallback: 60, min: 2, max: 200, integer: true },
  rounds: { env: 'ROUNDS', flag: 'rounds', fallback: 3, min: 1, max: 20, integer: true },
  latencyMs: { env: 'LATENCY_MS', flag: 'latency', fallback: 150, min: 0, max: 2000 },
  downloadKbps: { env: 'DOWNLOAD_KBPS', flag: 'download', fallback: 1600, min: 50, max: 1_000_000 },
  uploadKbps: { env: 'UPLOAD_KBPS', flag: 'upload', fallback: 750, min: 50, max: 1_000_000 },
  cpuSlowdown: { env: 'CPU_SLOWDOWN', flag: 'cpu-slowdown', fallback: 4, min: 1, max: 20 },
};

/** What the web client weighed and took before its pages were split (recorded on 2026-12-03). */
const BEFORE = { firstPageKb: 470, timeToFirstSessionS: 3.5 };
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const FIRST_SESSION = 'Opening plenary';

const log = progressLog('page-weight');

/**
 * The bare page: one HTML document with an inline script, served by a
 * server of its own that passes `/api` on to Plenary. Cookies do not depend
 * on the port, so the delegate's refresh cookie comes along.
 */
function bareHtml(summitId) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Agenda</title></head><body><h1>Agenda</h1><p id="first-session"></p><script>
(async () => {
  const auth = await (await fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' })).json();
  const agenda = await (await fetch('/api/summits/${summitId}/agenda', { headers: { Authorization: 'Bearer ' + auth.accessToken } })).json();
  const sessions = agenda.days.flatMap((day) => day.sessions).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  document.getElementById('first-session').textContent = sessions.length ? sessions[0].title : '';
})();
</script></body></html>`;
}

async function startBarePage(plenaryUrl, summitId) {
  const target = new URL(plenaryUrl);
  const html = bareHtml(summitId);
  const server = http.createServer((req, res) => {
    if (!req.url.startsWith('/api/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
      return;
    }
    const forward = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', (error) => res.writeHead(502).end(error.message));
    req.pipe(forward);
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * One load of `url` in a fresh tab, throttled, with nothing cached: the
 * bytes that came over the network (as sent, compressed), the requests, and
 * the milliseconds from the start of the navigation until `shown` is true in
 * the page.
 */
async function measuredLoad(context, url, shown, options) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  let bytes = 0;
  let firstAt = null;
  cdp.on('Network.requestWillBeSent', (event) => {
    firstAt ??= event.timestamp;
    requests.set(event.requestId, { url: event.request.url, type: event.type || 'Other', startS: event.timestamp });
  });
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
    const request = requests.get(event.requestId);
    if (request) Object.assign(request, { bytes: event.encodedDataLength, endS: event.timestamp });
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: options.latencyMs,
    downloadThroughput: (options.downloadKbps * 1000) / 8,
    uploadThroughput: (options.uploadKbps * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuSlowdown });
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    const shownAtMs = await (await page.waitForFunction(shown, FIRST_SESSION, { timeout: 60_000, polling: 'raf' })).jsonValue();
    // Whatever the page still fetches once the session is shown counts toward its weight.
    await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined);
    const byType = {};
    for (const request of requests.values()) {
      const type = request.type.toLowerCase();
      byType[type] = byType[type] || { requests: 0, kb: 0 };
      byType[type].requests += 1;
      byType[type].kb += (request.bytes || 0) / 1024;
    }
    for (const figures of Object.values(byType)) figures.kb = round(figures.kb, 1);
    // When each request started and ended, from the first: where the time went.
    const waterfall = [...requests.values()].map((request) => ({
      path: new URL(request.url).pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id'),
      type: request.type.toLowerCase(),
      kb: round((request.bytes || 0) / 1024, 1),
      fromMs: round((request.startS - firstAt) * 1000, 0),
      toMs: request.endS ? round((request.endS - firstAt) * 1000, 0) : null,
    }));
    return { shownMs: round(shownAtMs, 0), kb: round(bytes / 1024, 1), requests: requests.size, byType, waterfall };
  } finally {
    await page.close();
  }
}

/** Runs in the page: the time since navigation began once an element shows the first session's title, else false. */
function firstSessionShown(title) {
  const shown = [...document.querySelectorAll('#first-session, main a')].some((element) => element.textContent.trim() === title);
  return shown ? performance.now() : false;
}

/** Runs in the page: the time since navigation began once the sign-in form can be filled in. */
function signInShown() {
  return document.querySelector('input[type=password]') ? performance.now() : false;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summary(loads) {
  return {
    shownMs: { median: round(median(loads.map((l) => l.shownMs)), 0), runs: loads.map((l) => l.shownMs) },
    kb: round(median(loads.map((l) => l.kb)), 1),
    requests: median(loads.map((l) => l.requests)),
    byType: loads[loads.length - 1].byType,
    waterfall: loads[loads.length - 1].waterfall,
  };
}

async function main() {
  const options = readOptions(OPTIONS, process.argv.slice(2), process.env);
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0];
  const stopWatchdog = watchdog(600_000 + options.delegations * 2_000 + options.rounds * 3 * 90_000, log);

  ensureWebBuild(log);
  log('starting Plenary and setting the summit up');
  const plenary = await startPlenary({ log });
  let bare;
  let browser;
  try {
    const setup = await setUpAgendaSummit(plenary, options.delegations);
    log(`${setup.sessions} sessions; signing the delegate in`);
    bare = await startBarePage(plenary.url, setup.summitId);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    const visitor = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Zurich' });
    const delegate = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Zurich' });
    const signIn = await delegate.newPage();
    await signIn.goto(`${plenary.url}/login`);
    await signIn.getByLabel('Email', { exact: true }).fill(setup.reader.email);
    await signIn.getByLabel('Password', { exact: true }).fill(setup.reader.password);
    await signIn.getByLabel('Password', { exact: true }).press('Enter');
    await signIn.getByRole('heading', { level: 1, name: 'Summits' }).waitFor({ timeout: 30_000 });
    await signIn.close();

    const agendaUrl = `${plenary.url}/summits/${setup.summitId}/agenda`;
    const loads = { plenary: [], bare: [], signIn: [] };
    for (let r = 0; r < options.rounds; r += 1) {
      const turns = r % 2 === 0 ? ['bare', 'plenary'] : ['plenary', 'bare'];
      for (const name of turns) {
        const load = await measuredLoad(delegate, name === 'bare' ? bare.url : agendaUrl, firstSessionShown, options);
        log(`${name} ${r + 1}/${options.rounds}: first session after ${load.shownMs} ms, ${load.kb} KB in ${load.requests} requests`);
        loads[name].push(load);
      }
      const first = await measuredLoad(visitor, `${plenary.url}/login`, signInShown, options);
      log(`sign-in page ${r + 1}/${options.rounds}: ready after ${first.shownMs} ms, ${first.kb} KB`);
      loads.signIn.push(first);
    }
    const plenaryFigures = summary(loads.plenary);
    const bareFigures = summary(loads.bare);
    const output = {
      benchmark: 'page-weight',
      startedAt,
      options,
      connection: `${options.downloadKbps / 1000} Mbit/s down, ${options.uploadKbps / 1000} Mbit/s up, ${options.latencyMs} ms latency, CPU slowed ${options.cpuSlowdown}×, no cache`,
      summit: { delegations: options.delegations, sessions: setup.sessions },
      agenda: { plenary: plenaryFigures, bare: bareFigures },
      signInPage: summary(loads.signIn),
      // What the web client adds to the least a page must do.
      overMs: round(plenaryFigures.shownMs.median - bareFigures.shownMs.median, 0),
      ratio: { shownMs: round(plenaryFigures.shownMs.median / bareFigures.shownMs.median, 2) },
      before: BEFORE,
      machine: machineFigures(loadAtStart, null),
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } finally {
    await browser?.close();
    await bare?.close();
    await plenary.stop();
    stopWatchdog();
  }
}

if (require.main === module) {
  killChildrenOnExit(log);
  main().catch((error) => {
    log(error.stack || error.message);
    process.exit(1);
  });
}
