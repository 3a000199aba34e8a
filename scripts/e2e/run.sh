#!/usr/bin/env bash
# The real-editor tests, as CI runs them (not part of plain `npm test`):
#   1. setup (idempotent, cached in .cache/): chromium, neovim, Node 24, code-server;
#   2. build the extension bundles and stage the extension as it ships (.cache/extension);
#   3. the extension's own test suite inside code-server (real VS Code 1.139 extension host);
#   4. a UI-level test in code-server driven through chromium (screenshots into docs/ with --screenshots);
#   5. the .vsix (npm run package: vsce under Node 24) installed into a fresh code-server, UI test again;
#   6. Neovim headless as a second LSP client.
# Each step prints its time. Needs `npm run build` first (the Neovim check runs server/bin/rubric-lsp.js).
#   bash scripts/e2e/run.sh [--screenshots]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
step() { local name=$1; shift; local s=$SECONDS; echo "== $name"; "$@"; echo "== $name: $(( SECONDS - s )) s"; }
SHOTS=--no-screenshots
[ "${1:-}" = "--screenshots" ] && SHOTS=

step "setup" bash scripts/e2e/setup.sh
step "build and stage the extension" bash -c 'node client/scripts/build.mjs && node client/scripts/stage.mjs'
step "extension suite in code-server" node tests/e2e/vscode/run-suite.mjs
step "UI test in code-server" node tests/e2e/vscode/ui.mjs $SHOTS
step "package the .vsix" node client/scripts/package.mjs
VSIX=$(ls -t out/*.vsix | head -1)
step "UI test with the installed .vsix" node tests/e2e/vscode/ui.mjs --no-screenshots --vsix "$VSIX"
step "Neovim" bash tests/e2e/neovim/run.sh
