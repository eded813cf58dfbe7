#!/usr/bin/env bash
# Demo data for ./platform up: a first taste of the Stoke-on-Trent 2019 story, entered through the
# gateway's public APIs exactly as departmental systems would. It runs once per data directory: if the
# demo's first team already exists it does nothing. The full scenario arrives with the domain issues.
set -euo pipefail
gw=${PLATFORM_GATEWAY_URL:-http://127.0.0.1:8080}

post() { # path json -> prints the response body, fails on a non-2xx answer
  curl -sS --fail-with-body -X POST "$gw$1" -H 'content-type: application/json' -d "$2"
}
id_of() { sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p'; }

if curl -sS "$gw/api/workforce/teams?pageSize=200" | grep -q '"code":"CIC-1"'; then
  echo "demo data already loaded"
  exit 0
fi

echo "loading demo: Children's Social Care teams and posts (2019-20)"
for team in "CIC-1:Children in Care 1" "CIC-2:Children in Care 2" "ASSESS-1:Assessment 1" "CP-1:Child Protection 1"; do
  post /api/workforce/teams "{\"code\":\"${team%%:*}\",\"name\":\"${team#*:}\",\"directorate\":\"Children's Social Care\"}" >/dev/null
done

# Three social worker posts per team from April 2019, plus the first "Investing in Children" posts
# created mid-year; Finance commits each pro rata, Inspections counts them.
posts=()
for team in CIC-1 CIC-2 ASSESS-1 CP-1; do
  for _ in 1 2 3; do
    posts+=("$(post /api/workforce/posts "{\"teamCode\":\"$team\",\"jobRole\":\"social-worker\",\"grade\":\"SW2\",\"fte\":1,\"annualCost\":42500,\"budgetLineCode\":\"social-work\",\"effectiveFrom\":\"2019-04-01\"}" | id_of)")
  done
  post /api/workforce/posts "{\"teamCode\":\"$team\",\"jobRole\":\"social-worker\",\"grade\":\"SW2\",\"fte\":1,\"annualCost\":42500,\"budgetLineCode\":\"social-work\",\"effectiveFrom\":\"2019-10-01\"}" >/dev/null
done

# Vacancies opened in spring 2019; half of them filled by the autumn.
i=0
for p in "${posts[@]:0:6}"; do
  v=$(post "/api/workforce/posts/$p/vacancies" '{"openedOn":"2019-05-01"}' | id_of)
  if ((i % 2 == 0)); then post "/api/workforce/vacancies/$v/fill" '{"filledOn":"2019-09-16"}' >/dev/null; fi
  i=$((i + 1))
done

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

echo "demo loaded: try $gw/api/finance/commitments/summary?financialYear=2019 and $gw/api/inspections/indicators/vacancy-rate?asAt=2019-07-01"
