#!/usr/bin/env bash
# The main job on the bundled sample: builds ./bluehelmet.db (or $BLUEHELMET_DB)
# from the project's own SYNTHETIC ADMM-Plus sample, then prints the ADMM-Plus
# scorecard. Commands run afterwards use the same database.
set -euo pipefail
BH=${1:-build/release/bluehelmet}
DB=${BLUEHELMET_DB:-bluehelmet.db}
export BLUEHELMET_DB="$DB"

echo "== Loading the SYNTHETIC ADMM-Plus sample into $DB" >&2
"$BH" sample load >&2
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
echo "Database: $DB. Try: $BH country VNM | $BH months | $BH targets | $BH ewg report --ewg PKO --cycle 4 | $BH register plan --country VNM --unit L2FH-3 --year 2022 | $BH --help" >&2
