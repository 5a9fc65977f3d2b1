#!/usr/bin/env node
// Builds the server when dist/ is missing or older than its sources, so that
// `npm start` and `npm run demo` never run a stale build. `webStale` says the
// same of the web client's build (dist/web) and its sources (apps/web).
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const built = join(root, 'dist', 'apps', 'server', 'src', 'main.js');
const builtWeb = join(root, 'dist', 'web', 'index.html');
const SERVER_SOURCE = /\.ts$/;
const WEB_SOURCE = /\.(ts|tsx|mts|css|html)$/;

function newestSource(dir, pattern = SERVER_SOURCE) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path, pattern));
    else if (pattern.test(entry.name) && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!existsSync(built)) return true;
  const sources = Math.max(newestSource(join(root, 'apps', 'server', 'src')), newestSource(join(root, 'libs')));
  return sources > statSync(built).mtimeMs;
}

/** The web client's build is missing or older than a file of apps/web (its pages, styles, index.html, Vite's configuration). */
function webStale() {
  if (!existsSync(builtWeb)) return true;
  return newestSource(join(root, 'apps', 'web'), WEB_SOURCE) > statSync(builtWeb).mtimeMs;
}

if (require.main === module && stale()) {
  const build = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
  process.exit(build.status ?? 1);
}

module.exports = { stale, webStale };
