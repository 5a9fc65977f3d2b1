#!/usr/bin/env node
// `npm start`: runs the built server, building it first if dist/ is missing.
const { spawn, spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { stale } = require('./build-if-needed');

const root = join(__dirname, '..');
const main = join(root, 'dist', 'apps', 'server', 'src', 'main.js');
// A stale server build (sources changed since) is rebuilt too.
if (stale() || !existsSync(join(root, 'dist', 'web', 'index.html'))) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const child = spawn(process.execPath, ['--enable-source-maps', main, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
