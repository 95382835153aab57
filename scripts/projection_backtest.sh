#!/bin/sh
# Writes the back-test results of docs/projection.md (between its
# "backtest:begin" and "backtest:end" markers) from the real UN reports in
# ../shared: every report imported into a new database (the one that prints
# no date with --month 2019-10), then `bluehelmet project --backtest` with
# the 24-month window (the default) and with a 60-month one (2017-2021).
# Usage: scripts/projection_backtest.sh [BINARY [DATABASE]]
#   BINARY    default build/release/bluehelmet
#   DATABASE  a database that already holds every report (skips the imports)
set -eu
BIN=${1:-build/release/bluehelmet}
PDFS=../shared/data/raw/un_country_contributions_pdf
DOC=docs/projection.md
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
DB=${2:-}
if [ -z "$DB" ]; then
  DB="$TMP/real.db"
  "$BIN" --db "$DB" import "$PDFS" >/dev/null 2>&1 || true  # 2019-10 fails here: no date printed
  "$BIN" --db "$DB" import --month 2019-10 "$PDFS/UN_country_contributions_2019_10.pdf" >/dev/null
fi
{
  echo '<!-- backtest:begin (written by scripts/projection_backtest.sh; do not edit by hand) -->'
  echo
  echo '`bluehelmet project --backtest --format markdown` (24-month window, fits on 2020-01 to 2021-12):'
  echo
  "$BIN" --db "$DB" project --backtest --format markdown
  echo
  echo '`bluehelmet project --backtest --months 60 --format markdown` (fits on 2017-01 to 2021-12), the summary:'
  echo
  "$BIN" --db "$DB" project --backtest --months 60 --format markdown | awk '/^### / { n++ } n < 2'
  echo '<!-- backtest:end -->'
} > "$TMP/results.md"
awk -v results="$TMP/results.md" '
  /<!-- backtest:begin/ { while ((getline line < results) > 0) print line; skip = 1; next }
  /<!-- backtest:end -->/ { skip = 0; next }
  !skip { print }
' "$DOC" > "$TMP/doc.md"
cp "$TMP/doc.md" "$DOC"
echo "wrote the back-test into $DOC"
