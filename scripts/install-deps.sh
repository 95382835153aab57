#!/usr/bin/env bash
# Installs the Debian 12 packages Bluehelmet builds and tests with, only when
# missing. Idempotent: a second run installs nothing. Uses sudo when not root.
#   scripts/install-deps.sh            build + test packages
#   scripts/install-deps.sh --bench    also the benchmark peers
#   scripts/install-deps.sh --browser  also Chromium for the browser tests
#   scripts/install-deps.sh --readers  also pandas, which reads `export` in a test
# nodejs and npm fetch the dashboard's pinned chart library (make web-deps);
# the browser tests' playwright-core needs Node.js 20 or newer.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git iso-codes
  libsqlite3-dev libpoppler-cpp-dev libpoppler-private-dev libcli11-dev libfmt-dev nlohmann-json3-dev
  libcpp-httplib-dev libssl-dev zlib1g-dev libsodium-dev libxlsxwriter-dev libgtest-dev libgmock-dev libbenchmark-dev libpng-dev
  poppler-utils sqlite3 unzip nodejs npm clang-format
)
for arg in "$@"; do
  case "$arg" in
    --bench)
      packages+=(python3-pandas python3-pdfminer wrk time hyperfine)
      # A Node.js that ships its own npm (NodeSource's) conflicts with
      # Debian's npm package: ask for node and npm only when missing.
      command -v node >/dev/null 2>&1 || packages+=(nodejs)
      command -v npm >/dev/null 2>&1 || packages+=(npm)
      ;;
    --browser) packages+=(chromium nodejs npm fonts-dejavu-core) ;;
    # The readers `export` is tested with (ExportCommandsTest): pandas here,
    # DuckDB from bench/package-lock.json (make reader-deps).
    --readers) packages+=(python3-pandas) ;;
    *) echo "install-deps.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

# Node.js may come from elsewhere than Debian (e.g. a nodejs package that
# bundles npm, which Debian's npm package conflicts with): a working command
# counts as installed.
present() {
  case "$1" in
    nodejs) command -v node >/dev/null 2>&1 && return 0 ;;
    npm) command -v npm >/dev/null 2>&1 && return 0 ;;
  esac
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for p in "${packages[@]}"; do
  if ! present "$p"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
