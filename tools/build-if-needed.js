#!/usr/bin/env node
// Builds the server when dist/ is missing (a clone installed with PLENARY_SKIP_BUILD=1).
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
if (!existsSync(join(root, 'dist', 'apps', 'server', 'src', 'cli.js'))) {
  const build = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
  process.exit(build.status ?? 1);
}
