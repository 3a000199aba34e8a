#!/usr/bin/env bash
# Installs what the real-editor tests need, idempotently, into a cache folder (CI caches it):
#   - Debian packages: chromium (the browser playwright-core drives), neovim (a second LSP client),
#     libkrb5-dev + build tools (code-server's kerberos module compiles from source here);
#   - Node 24 (scripts/node24.sh) and code-server under $RUBRIC_E2E_CACHE (default .cache/e2e).
# Every step is skipped when its result is already there; a warm run takes well under a second.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${RUBRIC_E2E_CACHE:-$ROOT/.cache/e2e}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
mkdir -p "$CACHE"
t() { local s=$SECONDS; "$@"; echo "[setup] $(( SECONDS - s ))s: $*" >&2; }

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v nvim >/dev/null || need_apt+=(neovim)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v make >/dev/null && command -v g++ >/dev/null || need_apt+=(build-essential)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
command -v python3 >/dev/null || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  t $SUDO apt-get update -qq
  t env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

NODE24=$(NODE24_DIR="${NODE24_DIR:-$ROOT/.cache/node24}" "$ROOT/scripts/node24.sh")

CS="$CACHE/code-server-$CODE_SERVER_VERSION"
if [ ! -x "$CS/bin/code-server" ]; then
  rm -rf "$CS.partial"
  # npm 11 warns that code-server's install scripts are not in allowScripts; they are needed (native modules).
  t env PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm_config_cache="$CACHE/npm-cache" \
    npm install -g --prefix "$CS.partial" "code-server@$CODE_SERVER_VERSION" --foreground-scripts \
    > "$CACHE/code-server-install.log" 2>&1 || { tail -40 "$CACHE/code-server-install.log"; exit 1; }
  mv "$CS.partial" "$CS"
fi
echo "[setup] ready: node24=$NODE24 code-server=$CS/bin/code-server chromium=$(command -v chromium) nvim=$(command -v nvim)" >&2
