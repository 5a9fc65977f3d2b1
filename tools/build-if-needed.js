#!/usr/bin/env node
// Builds the server when dist/ is missing or older than its sources, so that
// `npm start` and `npm run demo` never run a stale build.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const built = join(root, 'dist', 'apps', 'server', 'src', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!existsSync(built)) return true;
  const sources = Math.max(newestSource(join(root, 'apps', 'server', 'src')), newestSource(join(root, 'libs')));
  return sources > statSync(built).mtimeMs;
}

if (require.main === module && stale()) {
  const build = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
  process.exit(build.status ?? 1);
}

module.exports = { stale };
