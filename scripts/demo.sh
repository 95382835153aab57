#!/usr/bin/env bash
# The main job on real figures: builds ./bluehelmet.db (or $BLUEHELMET_DB) from
# the real UN series the project ships (data/real/un_contributions.csv.gz,
# written by scripts/bundle-real-data from the UN's monthly reports, each
# figure traced to its report's file, SHA-256, page and line), then prints the
# ADMM-Plus scorecard of the latest real month and the seed statement (Viet
# Nam's ILLUSTRATIVE register as of 6 April 2021). Commands run afterwards use
# the same database.
#   scripts/demo.sh [BLUEHELMET_BIN]              real figures
#   scripts/demo.sh --synthetic [BLUEHELMET_BIN]  the SYNTHETIC sample instead, in
#                                                 its own database (sample.db):
#                                                 real and SYNTHETIC never mix
set -euo pipefail
synthetic=0
if [ "${1:-}" = "--synthetic" ]; then
  synthetic=1
  shift
fi
BH=${1:-build/release/bluehelmet}
if [ "$synthetic" -eq 1 ]; then
  DB=${BLUEHELMET_DB:-sample.db}
else
  DB=${BLUEHELMET_DB:-bluehelmet.db}
fi
export BLUEHELMET_DB="$DB"

if [ "$synthetic" -eq 1 ]; then
  echo "== Loading the SYNTHETIC ADMM-Plus sample into $DB" >&2
  "$BH" sample load >&2
else
  echo "== Loading the real UN figures (data/real/un_contributions.csv.gz) into $DB" >&2
  "$BH" import data/real/un_contributions.csv.gz >&2
fi
# The ADMM-Plus EWG on PKO: cycles 1-5 are built in; the example adds the
# ILLUSTRATIVE participant figures of two cycle-4 meetings.
"$BH" ewg import data/examples/ewg_pko_cycle4_activities.csv \
  data/examples/ewg_pko_cycle4_participants_ILLUSTRATIVE.csv >&2
# Viet Nam's ILLUSTRATIVE national register (the seed article's figures).
"$BH" register import data/examples/vnm_register_illustrative >&2
echo >&2
"$BH" scorecard --group ADMM-Plus
echo
"$BH" register summary --country VNM --as-of 2021-04-06
echo >&2
echo "Database: $DB. Try: $BH country VNM | $BH months | $BH export --format csv | $BH targets | $BH ewg report --ewg PKO --cycle 4 | $BH register plan --country VNM --unit L2FH-3 --year 2022 | $BH --help" >&2
