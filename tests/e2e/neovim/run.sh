#!/usr/bin/env bash
# Neovim as a second real LSP client: diagnostics and hover from rubric-lsp on the 2022 example.
# Needs Debian's neovim (scripts/e2e/setup.sh installs it) and a built server (npm run build).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
command -v nvim >/dev/null || { echo "nvim not found: run scripts/e2e/setup.sh" >&2; exit 1; }
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
cp -r "$ROOT/examples/gov-service-2022/rules.rubric" "$ROOT/examples/gov-service-2022/evidence" "$ROOT/examples/gov-service-2022/baseline-2021.json" "$SCRATCH/"
sed -e 's/score = 100 \* site.reachable/score = 100 * site.reachabel/' -e 's/indicator tech "技术支撑" weight 35/indicator tech "技术支撑" weight 30/' \
  "$SCRATCH/rules.rubric" > "$SCRATCH/broken.rubric"
cd "$SCRATCH"
RUBRIC_LSP="${RUBRIC_LSP:-$ROOT/server/bin/rubric-lsp.js}" RUBRIC_RULES="$SCRATCH/rules.rubric" RUBRIC_BROKEN="$SCRATCH/broken.rubric" \
  HOME="$SCRATCH" XDG_STATE_HOME="$SCRATCH/state" XDG_DATA_HOME="$SCRATCH/data" \
  timeout 120 nvim --headless --clean -c "luafile $ROOT/tests/e2e/neovim/check.lua"
