#!/usr/bin/env bash
# Writes data/errata/un_2020_08_sex_swaps.csv, the corrections Bluehelmet
# ships: every row of the UN's 2020-08 report that the plausibility checks
# find with its sexes swapped (men printed in the Female column, and the
# reverse), from the real reports in ../shared and nothing else. Each
# correction names its source row (file, SHA-256, page, line) and the
# neighbouring months' figures as evidence. Never edit the file by hand:
# run this script (docs/checks.md says how the checks decide).
#
#   scripts/make_errata.sh [BLUEHELMET_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
BH=${1:-build/release/bluehelmet}
RAW=${BLUEHELMET_SHARED:-../shared}/data/raw/un_country_contributions_pdf
OUT=data/errata/un_2020_08_sex_swaps.csv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# 2020-08 and the months either side of it: all the checks compare it with.
"$BH" --db "$tmp/errata.db" import "$RAW/UN_country_contributions_2020_07.pdf" \
  "$RAW/UN_country_contributions_2020_08.pdf" "$RAW/UN_country_contributions_2020_09.pdf" >/dev/null
# A new database holds the corrections shipped so far (compiled into the
# binary): take them out, so the file is written from the checks alone.
"$BH" --db "$tmp/errata.db" errata list --format csv | tail -n +2 | cut -d, -f1 | while read -r id; do
  "$BH" --db "$tmp/errata.db" errata remove "$id" >/dev/null 2>&1
done
"$BH" --db "$tmp/errata.db" errata add --month 2020-08 --from-anomalies \
  --reason "The UN's 2020-08 report prints this row's men in the Female column (or its women in the Male column); its own totals carry the same error (grand total 40,637 men / 41,183 women against 6.5 % women in 2020-07)" \
  --author "Bluehelmet (scripts/make_errata.sh)" >/dev/null
mkdir -p "$(dirname "$OUT")"
# The Source column says "made in this database" (the temporary one): the
# file is the source once shipped, so it is left out.
"$BH" --db "$tmp/errata.db" errata list --month 2020-08 --format csv |
  sed -e 's/,Source$//' -e 's/,made in this database$//' >"$OUT"
echo "wrote $OUT: $(($(wc -l <"$OUT") - 1)) corrections" >&2
