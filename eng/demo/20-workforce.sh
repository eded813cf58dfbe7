#!/usr/bin/env bash
# Demo workforce: Stoke-on-Trent children's social care, April 2019 – March 2020.
# April 2019: too few social workers, agency cover and vacancies, caseloads far over threshold (two workers
# over 100 children), almost no supervision. October 2019: the "Investing in Children" restructure deletes 64
# vacant and 24 filled support posts (voluntary redundancy, with consultation and HR1 under the 20+ rule) and
# creates 130 children's social care posts. December 2019 – March 2020: the new posts are filled, cases move to
# the new social workers, caseloads fall below threshold and monthly supervision starts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

csc_teams=(ASSESS-1 ASSESS-2 CP-1 CP-2 CIC-1 CIC-2 CIC-3)
declare -A team_names=(
  [ASSESS-1]="Assessment 1" [ASSESS-2]="Assessment 2" [CP-1]="Child Protection 1" [CP-2]="Child Protection 2"
  [CIC-1]="Children in Care 1" [CIC-2]="Children in Care 2" [CIC-3]="Children in Care 3"
  [SUPPORT-1]="Business Support" [FSS-1]="Family Support Service")

new_post() { # team role grade cost from -> id
  post /api/workforce/posts "{\"teamCode\":\"$1\",\"jobRole\":\"$2\",\"grade\":\"$3\",\"fte\":1,\"annualCost\":$4,\"budgetLineCode\":\"$5\",\"effectiveFrom\":\"$6\"}" | id_of
}
start_worker() { # team role type postId date qualified [dayRate] -> id
  local rate=${7:+,\"agencyDayRate\":$7} reg=""
  [[ $6 == true ]] && reg=",\"registrationNumber\":\"SW$((RANDOM % 90000 + 10000))\""
  post /api/workforce/staff "{\"teamCode\":\"$1\",\"jobRole\":\"$2\",\"employmentType\":\"$3\",\"fte\":1,\"isQualifiedSocialWorker\":$6$reg,\"postId\":\"$4\",\"startDate\":\"$5\"$rate}" | id_of
}
allocate_many() { # worker prefix from to date
  local i
  for ((i = $3; i <= $4; i++)); do
    post "/api/workforce/staff/$1/cases" "{\"caseReference\":\"$2-$i\",\"allocatedOn\":\"$5\"}" >/dev/null
  done
}

echo "loading demo: Stoke-on-Trent children's social care workforce, 2019-20"
for team in "${csc_teams[@]}"; do
  post /api/workforce/teams "{\"code\":\"$team\",\"name\":\"${team_names[$team]}\",\"directorate\":\"Children's Social Care\"}" >/dev/null
done
for team in SUPPORT-1 FSS-1; do
  post /api/workforce/teams "{\"code\":\"$team\",\"name\":\"${team_names[$team]}\",\"directorate\":\"Children and Family Services\"}" >/dev/null
done

# April 2019: per team a team manager, three employed social workers, one vacancy covered by an agency worker
# and one empty vacancy.
declare -A workers=() # team -> case-holding worker ids (space separated)
for team in "${csc_teams[@]}"; do
  start_worker "$team" team-manager employed "$(new_post "$team" team-manager TM1 58000 social-work 2019-04-01)" 2019-04-01 true >/dev/null
  for _ in 1 2 3; do
    workers[$team]+="$(start_worker "$team" social-worker employed "$(new_post "$team" social-worker SW2 42500 social-work 2019-04-01)" 2019-04-01 true) "
  done
  covered=$(new_post "$team" social-worker SW2 42500 social-work 2019-04-01)
  post "/api/workforce/posts/$covered/vacancies" '{"openedOn":"2019-04-01"}' >/dev/null
  workers[$team]+="$(start_worker "$team" social-worker agency "$covered" 2019-04-08 true 325) "
  empty=$(new_post "$team" social-worker SW2 42500 social-work 2019-04-01)
  post "/api/workforce/posts/$empty/vacancies" '{"openedOn":"2019-04-01"}' >/dev/null
done

# Support posts: 64 vacant (to be deleted) and 24 filled (to go by voluntary redundancy or redeployment).
vacant_support=()
for i in $(seq 1 64); do
  if ((i % 2)); then p=$(new_post SUPPORT-1 business-support BS2 24500 management-and-support 2019-04-01)
  else p=$(new_post FSS-1 family-support-worker FS1 27000 family-support 2019-04-01); fi
  post "/api/workforce/posts/$p/vacancies" '{"openedOn":"2019-04-01"}' >/dev/null
  vacant_support+=("$p")
done
filled_support=() support_staff=()
for _ in $(seq 1 24); do
  p=$(new_post SUPPORT-1 business-support BS3 26500 management-and-support 2019-04-01)
  support_staff+=("$(start_worker SUPPORT-1 business-support employed "$p" 2019-04-01 false)")
  filled_support+=("$p")
done

# Caseloads from April 2019: about 30 per worker, and two workers with more than 100 children.
for team in "${csc_teams[@]}"; do
  n=0
  for w in ${workers[$team]}; do
    n=$((n + 1))
    count=$((26 + n * 2))
    [[ $team == CP-1 && $n == 1 ]] && count=105
    [[ $team == CIC-2 && $n == 1 ]] && count=102
    bg allocate_many "$w" "$team-W$n" 1 "$count" 2019-04-15
  done
done
bg_wait
# Supervision in spring 2019 for a handful only: the inspection found none was regular.
for team in ASSESS-1 CIC-1; do
  for w in ${workers[$team]}; do post "/api/workforce/staff/$w/supervisions" '{"heldOn":"2019-05-20"}' >/dev/null; done
done

# "Investing in Children 2019": consultation opened 12 August, cabinet 20 August, council approval 16 October.
programme=$(post /api/workforce/restructures '{"name":"Investing in Children 2019","establishment":"Stoke-on-Trent City Council"}' | id_of)
post "/api/workforce/restructures/$programme/consultation" '{"consultationStartedOn":"2019-08-12","hr1SubmittedOn":"2019-08-12"}' >/dev/null
for p in "${vacant_support[@]}"; do
  post "/api/workforce/restructures/$programme/proposals" "{\"kind\":\"delete-post\",\"postId\":\"$p\",\"effectiveOn\":\"2019-11-01\"}" >/dev/null
done
delete_filled=()
for p in "${filled_support[@]}"; do
  delete_filled+=("$(post "/api/workforce/restructures/$programme/proposals" "{\"kind\":\"delete-post\",\"postId\":\"$p\",\"effectiveOn\":\"2019-12-01\"}" | id_of)")
done
new_fss=()
for team in "${csc_teams[@]}"; do
  for _ in $(seq 1 14); do
    post "/api/workforce/restructures/$programme/proposals" "{\"kind\":\"create-post\",\"teamCode\":\"$team\",\"jobRole\":\"social-worker\",\"grade\":\"SW2\",\"fte\":1,\"annualCost\":42500,\"budgetLineCode\":\"social-work\",\"effectiveOn\":\"2019-11-01\"}" >/dev/null
  done
  for _ in 1 2; do
    post "/api/workforce/restructures/$programme/proposals" "{\"kind\":\"create-post\",\"teamCode\":\"$team\",\"jobRole\":\"advanced-practitioner\",\"grade\":\"SW4\",\"fte\":1,\"annualCost\":51000,\"budgetLineCode\":\"social-work\",\"effectiveOn\":\"2019-11-01\"}" >/dev/null
  done
done
for _ in $(seq 1 18); do
  new_fss+=("$(post "/api/workforce/restructures/$programme/proposals" '{"kind":"create-post","teamCode":"FSS-1","jobRole":"family-support-worker","grade":"FS1","fte":1,"annualCost":27000,"budgetLineCode":"family-support","effectiveOn":"2019-11-01"}' | id_of)")
done

# 20 volunteers accepted (redundancy pay plus pension strain), 2 compulsory, 2 redeployed into new family support posts.
for i in $(seq 0 23); do
  proposal=${delete_filled[$i]} occupant=${support_staff[$i]}
  if ((i < 20)); then
    app=$(post "/api/workforce/restructures/$programme/voluntary-redundancies" "{\"workerId\":\"$occupant\",\"redundancyCost\":$((14000 + i * 850)).50,\"appliedOn\":\"2019-09-02\"}" | id_of)
    post "/api/workforce/restructures/$programme/voluntary-redundancies/$app/accept" '{"decidedOn":"2019-09-30"}' >/dev/null
  elif ((i < 22)); then
    post "/api/workforce/restructures/$programme/proposals/$proposal/outcome" "{\"outcome\":\"compulsory-redundancy\",\"redundancyCost\":$((9000 + i * 400))}" >/dev/null
  else
    post "/api/workforce/restructures/$programme/proposals/$proposal/outcome" "{\"outcome\":\"redeployment\",\"redeployToPostId\":\"${new_fss[$((i - 22))]}\"}" >/dev/null
  fi
done
post "/api/workforce/restructures/$programme/approve" '{"approvedOn":"2019-10-16"}' >/dev/null
post "/api/workforce/restructures/$programme/implement" '{"upTo":"2020-03-31"}' >/dev/null

# December 2019 – March 2020: ten of each team's fourteen new social worker posts are filled; each new worker
# takes cases over from the most loaded colleague until nobody in the team holds more than 18.
fill_and_rebalance() { # team
  local team=$1 month new_posts=() p w i k
  local funded
  funded=$(get "/api/workforce/posts?teamCode=$team&status=funded&pageSize=200")
  mapfile -t new_posts < <(printf '%s' "$funded" |
    grep -o '"id":"[0-9a-f-]*","teamCode":"[A-Z0-9-]*","jobRole":"social-worker"' | sed 's/"id":"\([0-9a-f-]*\)".*/\1/')
  local old=(${workers[$team]}) counts=() refs=() fresh=()
  for ((k = 0; k < ${#old[@]}; k++)); do
    counts[k]=$((26 + (k + 1) * 2))
    [[ $team == CP-1 && $k == 0 ]] && counts[k]=105
    [[ $team == CIC-2 && $k == 0 ]] && counts[k]=102
  done
  local months=(2019-12-02 2020-01-06 2020-02-03 2020-03-02)
  ((${#new_posts[@]} >= 10)) || { echo "expected 14 new social worker posts in $team, found ${#new_posts[@]}" >&2; return 1; }
  for ((i = 0; i < 10; i++)); do
    month=${months[$((i * 4 / 10))]}
    w=$(start_worker "$team" social-worker employed "${new_posts[$i]}" "$month" true)
    fresh+=("$w")
    for _ in $(seq 1 18); do
      # the most loaded original worker gives one case away
      local max=0 at=0
      for ((k = 0; k < ${#old[@]}; k++)); do ((counts[k] > max)) && { max=${counts[k]}; at=$k; }; done
      ((max > 18)) || break
      post "/api/workforce/staff/${old[$at]}/cases/$team-W$((at + 1))-${counts[at]}/transfer" "{\"toWorkerId\":\"$w\",\"transferredOn\":\"$month\"}" >/dev/null
      counts[at]=$((counts[at] - 1))
    done
  done
  # Monthly supervision from January 2020 for everyone in the team.
  for month in 2020-01-20 2020-02-17 2020-03-16; do
    for w in "${old[@]}" "${fresh[@]}"; do
      post "/api/workforce/staff/$w/supervisions" "{\"heldOn\":\"$month\"}" >/dev/null 2>&1 || true # not yet started
    done
  done
}
for team in "${csc_teams[@]}"; do bg fill_and_rebalance "$team"; done
bg_wait
echo "workforce demo loaded: $gw/api/workforce/kpis?asAt=2019-09-30 and ?asAt=2020-03-31"
