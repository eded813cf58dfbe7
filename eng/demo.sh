#!/usr/bin/env bash
# Demo data for ./platform up: the Stoke-on-Trent 2019 story, entered through the gateway's public APIs
# exactly as departmental systems would. Runs eng/demo/NN-*.sh in order (finance budgets first, then the
# workforce and placements events that move them, then the inspection timeline). It runs once per data
# directory: if the demo's first team already exists it does nothing.
set -euo pipefail
dir=$(dirname "${BASH_SOURCE[0]}")/demo
source "$dir/common.sh"

if gw_curl -sS "$gw/api/workforce/teams?pageSize=200" | grep -q '"code":"CIC-1"'; then
  echo "demo data already loaded"
  exit 0
fi

for script in "$dir"/[0-9][0-9]-*.sh; do
  echo "== $(basename "$script")"
  "$script"
done
echo "demo loaded: try $gw/api/inspections/board?asAt=2019-11-01 and $gw/api/workforce/kpis?asAt=2020-03-31"
