#!/usr/bin/env bash
# Demo workforce: Children's Social Care teams, posts and vacancies in 2019-20.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

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
