#!/usr/bin/env node
// After `npm install`, build the server and the web client so that `npm start`
// works on a fresh clone. Skipped when the dev tools are absent (production
// installs with --omit=dev ship a prebuilt dist/) or when PLENARY_SKIP_BUILD=1.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
if (process.env.PLENARY_SKIP_BUILD === '1') process.exit(0);
if (!existsSync(join(root, 'node_modules', 'typescript')) || !existsSync(join(root, 'node_modules', 'vite'))) {
  console.log('postinstall: build tools not installed; skipping the build');
  process.exit(0);
}
const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
