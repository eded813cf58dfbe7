#!/usr/bin/env bash
# Demo placements: children looked after with placement moves.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

echo "loading demo: children looked after with placement moves"
n=0
for spec in "U6:PR1:450" "U4:PR4:850" "K2:PR4:3900" "U6:PR1:450" "U1:PR1:250" "R1:PR4:4200"; do
  n=$((n + 1))
  child="DEMO$n"
  post /api/placements/children "{\"childId\":\"$child\",\"sex\":\"$((n % 2 + 1))\",\"dateOfBirth\":\"201$((n % 9))-0$((n % 9 + 1))-15\",\"ethnicity\":\"WBRI\",\"isUasc\":false}" >/dev/null
  IFS=: read -r place provider cost <<<"$spec"
  post "/api/placements/children/$child/episodes" "{\"startDate\":\"2019-0$((n + 3))-01\",\"reasonForNewEpisode\":\"S\",\"legalStatus\":\"C2\",\"categoryOfNeed\":\"N1\",\"placementType\":\"$place\",\"placementProvider\":\"$provider\",\"postcodeDistrict\":\"ST4\",\"weeklyCost\":$cost}" >/dev/null
done
# One child moves from foster care to a children's home: a new episode closes the first.
post /api/placements/children/DEMO1/episodes '{"startDate":"2019-11-04","reasonForNewEpisode":"P","legalStatus":"C2","categoryOfNeed":"N1","placementType":"K2","placementProvider":"PR4","postcodeDistrict":"ST6","weeklyCost":3900}' >/dev/null
