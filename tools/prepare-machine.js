#!/usr/bin/env node
// Prepares this machine for the test suites, as `npm test` and `.ci/run` both
// do before anything else: installs the Debian packages the suites need and
// starts PostgreSQL and Redis when they are installed but down, waiting until
// they answer. Says what it installs and starts; costs a few milliseconds when
// everything is there. Where it cannot act (not root, no apt-get) it stops with
// one line naming the command to run.
//
//   node tools/prepare-machine.js                   everything the suites need
//   node tools/prepare-machine.js --selectProjects unit browser    only what these need
//   node tools/prepare-machine.js --dry-run         says what it would do, does nothing
//
// PLENARY_PREPARE=0 skips it, for machines managed by other means.
'use strict';
const { spawnSync } = require('node:child_process');
const { accessSync, constants, existsSync, readdirSync } = require('node:fs');
const net = require('node:net');
const { delimiter, join } = require('node:path');

// Debian packages, one entry per need: `deb` (a name or a list), `file` that
// proves it is installed (else dpkg's record of it), the Jest projects that
// need it (`for`), and why (`chosenBy`: the setting that named another file,
// which no package brings). Coming with the media tests, for example:
//   { deb: 'ffmpeg', file: '/usr/bin/ffmpeg', for: ['e2e'], why: 'sends and receives real RTP' },
//   { deb: ['build-essential', 'pkg-config', 'libssl-dev', 'libuv1-dev', 'libsrtp2-dev', 'libusrsctp-dev',
//     'libabsl-dev', 'libflatbuffers-dev', 'flatbuffers-compiler', 'nlohmann-json3-dev'], for: ['e2e'], why: 'the mediasoup worker build' },
const PACKAGES = [
  {
    deb: 'chromium',
    file: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    chosenBy: process.env.CHROMIUM_PATH ? 'CHROMIUM_PATH' : undefined,
    for: ['browser'],
    why: 'the browser suites drive it through playwright-core',
    otherwise: 'or set CHROMIUM_PATH to a Chromium',
  },
];

const ALL_PROJECTS = ['unit', 'web', 'e2e', 'browser', 'cluster'];
const POSTGRES_URL = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')
  ? process.env.DATABASE_URL
  : (process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// Services the suites talk to (the same addresses and defaults as the suites).
const SERVICES = [
  {
    name: 'PostgreSQL',
    url: POSTGRES_URL,
    defaultPort: 5432,
    // With DATABASE_URL on PostgreSQL, `npm test` runs the end-to-end suites there too, whatever the selection.
    for: POSTGRES_URL === process.env.DATABASE_URL ? ALL_PROJECTS : ['cluster'],
    why: 'the cluster suites store in it',
    setting: 'TEST_POSTGRES_URL',
    // A PostgreSQL answers an SSLRequest with one byte, S or N.
    hello: Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]),
    installed: () => has('pg_ctlcluster') && postgresCluster() !== undefined,
    start: ({ port }) => [['pg_ctlcluster', '--skip-systemctl-redirect', ...postgresCluster(port), 'start']],
  },
  {
    name: 'Redis',
    url: REDIS_URL,
    defaultPort: 6379,
    for: ['cluster', 'unit'],
    why: 'the cluster suites and the Redis stores share state through it',
    setting: 'TEST_REDIS_URL',
    hello: Buffer.from('PING\r\n'),
    installed: () => has('redis-server'),
    start: ({ port }) => [
      ['mkdir', '-p', '/var/lib/redis', '/var/log/redis'],
      ['redis-server', '--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', String(port), '--save', '', '--appendonly', 'no',
        '--dir', '/var/lib/redis', '--logfile', '/var/log/redis/ci.log'],
    ],
  },
];

const APT = ['-o', 'DPkg::Lock::Timeout=300'];

/** The Jest projects named by `--selectProjects a b` or `--selectProjects=a` in args; all of them otherwise. */
function selectedProjects(args) {
  const chosen = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('--selectProjects=')) chosen.push(...args[i].slice('--selectProjects='.length).split(','));
    else if (args[i] === '--selectProjects') while (i + 1 < args.length && !args[i + 1].startsWith('-')) chosen.push(args[++i]);
  }
  return chosen.length > 0 ? chosen : ALL_PROJECTS;
}

function has(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function debInstalled(name) {
  const info = '/var/lib/dpkg/info';
  return existsSync(join(info, `${name}.list`)) || (existsSync(info) && readdirSync(info).some((f) => f.startsWith(`${name}:`) && f.endsWith('.list')));
}

/** [version, name] of the PostgreSQL cluster on this port (the first one when none says so). */
function postgresCluster(port) {
  const listed = spawnSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' });
  const clusters = (listed.stdout ?? '').split('\n').filter(Boolean).map((line) => line.trim().split(/\s+/));
  const found = clusters.find((c) => Number(c[2]) === port) ?? clusters[0];
  if (found) return [found[0], found[1]];
  const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql').sort() : [];
  return versions.length > 0 ? [versions[0], 'main'] : undefined;
}

function address(service) {
  const url = new URL(service.url);
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  return { host, port: Number(url.port) || service.defaultPort, local: ['127.0.0.1', 'localhost', '::1'].includes(host) };
}

/** Whether something speaking the service's protocol answers there within the timeout. */
function answers(service, timeoutMs = 1000) {
  const { host, port } = address(service);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write(service.hello));
    socket.once('data', () => done(true));
  });
}

async function answersWithin(service, seconds) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await answers(service)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

const shell = (argv) => argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
const say = (line) => console.log(`prepare: ${line}`);

function run(argv, env = {}) {
  const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    process.stderr.write((result.stdout ?? '') + (result.stderr ?? '') + (result.error ? `${result.error.message}\n` : ''));
    throw new Error(`\`${shell(argv)}\` failed`);
  }
}

/**
 * Prepares the machine for the given Jest projects. Resolves to true when
 * everything they need is there; prints one line per problem otherwise.
 */
async function prepare({ projects = ALL_PROJECTS, dryRun = false } = {}) {
  const started = Date.now();
  const needed = (entry) => entry.for.some((p) => projects.includes(p));
  const packages = PACKAGES.filter(needed);
  const services = SERVICES.filter(needed);
  const missing = packages.filter((p) => !(p.file ? existsSync(p.file) : [].concat(p.deb).every(debInstalled)));
  const state = await Promise.all(services.map((s) => answers(s)));
  const down = services.filter((_, i) => !state[i]);
  const ready = () => [...packages.map((p) => [].concat(p.deb).join(' ')), ...services.map((s) => `${s.name} at ${address(s).host}:${address(s).port}`)].join(', ');
  if (missing.length === 0 && down.length === 0) {
    say(`ready in ${Date.now() - started} ms: ${ready() || 'nothing needed'}`);
    return true;
  }

  // What it cannot fix by itself: a file chosen by hand, a service absent from this machine or elsewhere.
  const problems = missing.filter((p) => p.chosenBy).map((p) => `${p.chosenBy} names ${p.file}, which does not exist (${p.why})`);
  for (const service of down) {
    const { host, port, local } = address(service);
    if (!local) problems.push(`${service.name} does not answer at ${host}:${port} (${service.why}): start it, or set ${service.setting} to one that runs`);
    else if (!service.installed()) {
      problems.push(`${service.name} does not answer at ${host}:${port} and is not installed here (${service.why}): ` +
        `set ${service.setting} to a running server, or choose the suites with --selectProjects`);
    }
  }
  if (problems.length > 0) {
    for (const line of problems) say(line);
    return false;
  }

  const debs = missing.flatMap((p) => [].concat(p.deb));
  const root = process.getuid?.() === 0;
  if (!root || (debs.length > 0 && !has('apt-get'))) {
    const what = [...missing.map((p) => `${[].concat(p.deb).join(' ')} (${p.why})`), ...down.map((s) => `${s.name} started (${s.why})`)].join(' and ');
    const commands = [
      ...(debs.length > 0 ? [['apt-get', 'update'], ['apt-get', 'install', '-y', '--no-install-recommends', ...debs]] : []),
      ...down.flatMap((s) => s.start(address(s))),
    ];
    const sudo = has('sudo') ? 'sudo ' : '';
    const how = debs.length > 0 && !has('apt-get')
      ? `this machine has no apt-get: install ${debs.join(' ')} by its own means${missing.map((p) => (p.otherwise ? `, ${p.otherwise}` : '')).join('')}`
      : `run${sudo ? '' : ' as root'}: ${commands.map((c) => sudo + shell(c)).join(' && ')}`;
    say(`the test suites need ${what}; ${how}`);
    return false;
  }

  try {
    for (const p of missing) say(`${dryRun ? 'would install' : 'installing'} ${[].concat(p.deb).join(' ')} from Debian: ${p.why}`);
    if (debs.length > 0) {
      say(`${dryRun ? 'would run' : 'running'}: apt-get update && apt-get install -y --no-install-recommends ${debs.join(' ')}`);
      if (!dryRun) {
        const t = Date.now();
        run(['apt-get', ...APT, 'update', '-qq'], { DEBIAN_FRONTEND: 'noninteractive' });
        run(['apt-get', ...APT, 'install', '-y', '-qq', '--no-install-recommends', ...debs], { DEBIAN_FRONTEND: 'noninteractive' });
        say(`installed ${debs.join(' ')} in ${Math.round((Date.now() - t) / 1000)} s`);
        const stillMissing = missing.filter((p) => p.file && !existsSync(p.file));
        if (stillMissing.length > 0) {
          for (const p of stillMissing) say(`${p.file} is still missing after installing ${[].concat(p.deb).join(' ')}`);
          return false;
        }
      }
    }
    for (const service of down) {
      const { host, port } = address(service);
      const argvs = service.start({ port });
      say(`starting ${service.name} (${service.why}): ${dryRun ? 'would run ' : ''}${shell(argvs.at(-1))}`);
      if (dryRun) continue;
      // Another run starting it at the same moment is fine: what matters is that it answers.
      for (const argv of argvs) spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
      if (!(await answersWithin(service, 30))) {
        say(`${service.name} was started but does not answer at ${host}:${port} after 30 s`);
        return false;
      }
      say(`${service.name} answers at ${host}:${port}`);
    }
  } catch (error) {
    say(error.message);
    return false;
  }
  say(`${dryRun ? 'dry run done' : 'ready'} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${ready()}`);
  return true;
}

module.exports = { prepare, selectedProjects };

if (require.main === module) {
  const args = process.argv.slice(2);
  if (process.env.PLENARY_PREPARE === '0') {
    say('skipped (PLENARY_PREPARE=0)');
  } else {
    prepare({ projects: selectedProjects(args), dryRun: args.includes('--dry-run') }).then((ok) => {
      process.exitCode = ok ? 0 : 1;
    });
  }
}
