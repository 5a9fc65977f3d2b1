#!/usr/bin/env node
// `npm test`: every suite on SQLite (unit, end-to-end, browser) plus the
// cluster suites, which always run on PostgreSQL and Redis; then the
// end-to-end suites again on PostgreSQL when DATABASE_URL points to a server
// (each suite creates and drops a database of its own there).
// Extra arguments go to Jest, e.g. `npm test -- --selectProjects unit`.
// First it prepares the machine for the suites chosen (tools/prepare-machine.js:
// Debian packages, PostgreSQL and Redis started); PLENARY_PREPARE=0 skips that.
const { spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { stale, webStale } = require('./build-if-needed');
const { prepare, selectedProjects } = require('./prepare-machine');

const root = join(__dirname, '..');
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const extra = process.argv.slice(2);
const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL : undefined;

async function main() {
  if (process.env.PLENARY_PREPARE !== '0' && !(await prepare({ projects: selectedProjects(extra) }))) process.exit(1);

  // The cluster suites start the built server: a stale build would test old code.
  if (stale()) {
    const build = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  // The browser and web client suites load the built client: a stale one would test old pages.
  if (webStale()) {
    const build = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  runAll();
}

let reports;
let passed = 0;
let failed = 0;
let ok = true;

function run(label, env, args) {
  const outputFile = join(reports, `${label}.json`);
  console.log(`\n== ${label}`);
  const result = spawnSync(process.execPath, [jest, '--runInBand', '--json', `--outputFile=${outputFile}`, ...args, ...extra], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (existsSync(outputFile)) {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    passed += report.numPassedTests;
    // A suite that fails to run has no failed test of its own: count it as one.
    failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
    if (report.numTotalTests === 0) ok = false;
  }
  if (result.status !== 0) ok = false;
}

function runAll() {
  reports = mkdtempSync(join(tmpdir(), 'plenary-jest-'));
  const sqliteEnv = { ...process.env };
  delete sqliteEnv.DATABASE_URL;
  // The cluster suites, in this first run, use the PostgreSQL server given for the second.
  if (postgresUrl) sqliteEnv.TEST_POSTGRES_URL = postgresUrl;
  run('sqlite', sqliteEnv, []);
  if (postgresUrl && ok) {
    run('postgres', { ...process.env, DATABASE_URL: postgresUrl }, ['--selectProjects', 'e2e']);
  }
  rmSync(reports, { recursive: true, force: true });
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
  process.exit(ok && failed === 0 ? 0 : 1);
}

main();
