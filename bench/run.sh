#!/usr/bin/env bash
# `make bench` (after the release build and scripts/install-deps.sh --bench):
# installs the DuckDB peer from bench/package-lock.json, then runs every task
# with Bluehelmet and its peers and writes docs/performance.md.
#   bench/run.sh [BUILD_DIR]     default build/release
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
if [ ! -x "$build/bluehelmet" ]; then
  echo "bench/run.sh: no $build/bluehelmet; run 'make release' first" >&2
  exit 1
fi
# npm ci only when the installed tree is not the locked one.
if ! cmp -s bench/package-lock.json bench/node_modules/.package-lock.json.bench 2>/dev/null; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.package-lock.json.bench)
fi
exec /usr/bin/python3 bench/run.py "$build"
