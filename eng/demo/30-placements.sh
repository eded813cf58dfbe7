#!/usr/bin/env bash
# Demo placements: a synthetic Stoke-like care population for 2018-19 loaded as an SSDA903 return, foster carer
# households, reference data for the rate per 10,000, and a few children recorded through the episode API.
#
# The 903 file is generated here (awk only, fixed seed): 890 children looked after on 1 April 2018, of whom 248 cease
# during the year, and 380 who start (40 of them for a short stay), so 982 are looked after on 31 March 2019 — the
# seed figures 890 and 982 (see the shared notes on Stoke-on-Trent 2019). Codes follow the 903 code lists and pass the
# import's validation rules; about one child in ten moves three or more times in the year. All children are
# synthetic: ids ST000001…, no names.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

put() { # path json -> prints the response body, fails on a non-2xx answer
  gw_curl -sS --fail-with-body -X PUT "$gw$1" -H 'content-type: application/json' -d "$2"
}

generate_903() {
  awk -v carried=890 -v ceasing=248 -v starting=380 -v short_stays=40 '
  function dfc(y, m, d,   era, yoe, doy, doe) {
    y -= (m <= 2); era = int(y / 400); yoe = y - era * 400
    doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
    doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
    return era * 146097 + doe - 719468
  }
  function civ(z,   era, doe, yoe, y, doy, mp, d, m) {
    z += 719468; era = int(z / 146097); doe = z - era * 146097
    yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
    y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
    mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1; m = (mp < 10 ? mp + 3 : mp - 9); y += (m <= 2)
    return sprintf("%02d/%02d/%04d", d, m, y)
  }
  function ri(n) { return int(rand() * n) }
  function pick(list,   n, a, r, i, acc, kv) {   # "CODE:weight ..." with weights summing to 100
    n = split(list, a, " "); r = rand() * 100; acc = 0
    for (i = 1; i <= n; i++) { split(a[i], kv, ":"); acc += kv[2]; if (r < acc) return kv[1] }
    split(a[n], kv, ":"); return kv[1]
  }
  function age(dob, day) { return int((day - dob) / 365.25) }
  # Sets P (PLACE), PR (PLACE_PROVIDER), URN and PL (PL_POST) for a child of age a under legal status ls.
  function choose_place(a, ls,   r) {
    r = rand(); URN = ""
    if (ls == "E1" && a < 6 && r < 0.5) { P = "A6"; PR = "PR1" }
    else if (r < 0.28) { P = "U6"; PR = "PR1" }
    else if (r < 0.42) { P = "U4"; PR = "PR1" }
    else if (r < 0.58) { P = "U6"; PR = "PR4" }
    else if (r < 0.66) { P = "U4"; PR = "PR4" }
    else if (r < 0.74) { P = "U3"; PR = "PR1" }
    else if (r < 0.78) { P = "U1"; PR = "PR1" }
    else if (r < 0.88) { if (a >= 10) { P = "K2"; PR = "PR4"; URN = sprintf("SC%06d", 400000 + ri(99999)) } else { P = "U6"; PR = "PR4" } }
    else if (r < 0.93) { if (ls != "V2") { P = "P1"; PR = "PR0" } else { P = "U6"; PR = "PR1" } }
    else if (r < 0.96) { if (a >= 16) { P = "H5"; PR = "PR4" } else { P = "U5"; PR = "PR4" } }
    else { if (a >= 10) { P = "K2"; PR = "PR1"; URN = sprintf("SC%06d", 300000 + ri(99999)) } else { P = "U6"; PR = "PR1" } }
    PL = (PR == "PR4" && rand() < 0.4) ? pick("B12:20 CW1:20 DE13:20 WS11:20 M14:20") : sprintf("ST%d", 1 + ri(10))
    # Every placement but one with parents has its Ofsted registration number (903 rules 218, 222).
    if (P != "P1" && URN == "") URN = sprintf("SC%06d", 100000 + ri(899999))
  }
  function cease_reason(a, place,   r) {
    if (place == "A6") return "E11"
    if (place ~ /^U[1-3]$/ && rand() < 0.15) return "E45"
    if (place ~ /^U[4-6]$/ && rand() < 0.08) return "E46"
    if (a >= 16 && rand() < 0.3) return "E5"
    r = pick("E4A:45 E13:12 E8:12 E41:4 E3:4 E47:10 E48:3 E4B:8 E9:2")
    return (r == "E9" && a < 12) ? "E4A" : r
  }
  # One child: header fields, the first in-year episode from c0 (rne0), m moves, ceasing on stop (0 = still looked after).
  function emit(id, dob, sex, eth, uasc, cin, ls, home, c0, rne0, m, stop,   limit, from, seg, k, n, starts, j, a, dec, rec, rpc, lastP, lastPR, tries) {
    limit = stop ? stop : ye
    from = (c0 > ys ? c0 : ys)
    seg = limit - from
    if (seg < 14 * (m + 1)) m = 0
    n = 0; starts[++n] = c0
    for (k = 1; k <= m; k++) starts[++n] = from + int(k * seg / (m + 1)) + ri(7)
    lastP = ""; lastPR = ""
    for (j = 1; j <= n; j++) {
      a = age(dob, starts[j])
      tries = 0
      do { choose_place(a, ls); tries++ } while (P == lastP && PR == lastPR && tries < 5)
      if (PL == home && P != "P1") PL = (home == "ST10" ? "ST9" : "ST10")   # rule 392d: home and placement differ
      if (j < n) { dec = civ(starts[j + 1]); rec = "X1"; rpc = pick("CARPL:35 CREQB:15 CREQO:10 STAND:5 ALLEG:3 CHILD:7 LAREQ:10 CLOSE:5 PLACE:5 OTHER:5") }
      else if (stop) { dec = civ(stop); rec = cease_reason(age(dob, stop), P); rpc = "" }
      else { dec = ""; rec = ""; rpc = "" }
      printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", id, sex, civ(dob), eth, uasc, civ(starts[j]), (j == 1 ? rne0 : "P"), ls, cin, P, PR, dec, rec, rpc, home, PL, URN
      lastP = P; lastPR = PR
    }
  }
  function header_fields(a_start) {
    SEX = (rand() < 0.55) ? 1 : 2
    CIN = pick("N1:62 N2:3 N3:4 N4:9 N5:14 N6:2 N7:1 N8:5")
    UASC = 0; ETH = pick("WBRI:80 MWBC:4 WOTH:3 APKN:5 BAFR:2 MOTH:3 BCRB:1 AOTH:2")
    if (CIN == "N8" && a_start >= 14) { UASC = 1; ETH = pick("AOTH:40 BAFR:30 OOTH:30") }
    HOME = sprintf("ST%d", 1 + ri(6))
  }
  BEGIN {
    srand(2019)
    ys = dfc(2018, 4, 1); ye = dfc(2019, 3, 31)
    print "CHILD,SEX,DOB,ETHNIC,UASC,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
    # Children already looked after on 1 April 2018: the current episode began before the year.
    for (i = 1; i <= carried; i++) {
      dob = ye - (1 + ri(17)) * 365 - ri(300)
      s0 = dob + 1 + ri(ys - dob - 2)
      header_fields(age(dob, s0))
      ls = (UASC ? "V2" : pick("C2:70 C1:8 E1:7 V2:15"))
      if (ls == "E1" && age(dob, ys) >= 10) ls = "C2"
      if (rand() < 0.5 || ys - s0 < 30) { c0 = s0; rne0 = "S" } else { c0 = s0 + 1 + ri(ys - s0 - 2); rne0 = "P" }
      stop = ((i * 7) % carried < ceasing) ? ys + 20 + ri(ye - ys - 40) : 0
      emit(sprintf("ST%06d", i), dob, SEX, ETH, UASC, CIN, ls, HOME, c0, rne0, pick("0:65 1:22 2:10 3:3") + 0, stop)
    }
    # Children who start to be looked after during 2018-19; the first few stay only weeks or months.
    for (j = 1; j <= starting; j++) {
      short = (j <= short_stays)
      s = short ? ys + 1 + ri(180) : ys + 1 + ri(ye - ys - 10)
      a = pick("0:18 2:20 7:22 12:32 16:8") + 0
      dob = s - a * 365 - ri(300)
      header_fields(a)
      ls = (UASC ? "V2" : pick("C1:40 V2:38 C2:17 E1:5"))
      if (ls == "E1" && a >= 10) ls = "C1"
      stop = short ? s + 20 + ri(120) : 0
      emit(sprintf("ST%06d", carried + j), dob, SEX, ETH, UASC, CIN, ls, HOME, s, "S", pick("0:70 1:20 2:8 3:2") + 0, stop)
    }
  }'
}

echo "loading demo: Stoke-like 2018-19 care population as an SSDA903 return (890 → 982 children looked after)"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# The generator writes one combined row per episode; split it into the DfE's tables as a case system exports them.
generate_903 | awk -F, -v dir="$dir" '
  NR == 1 {
    print "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB" > (dir "/header.csv")
    print "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN" > (dir "/episodes.csv")
    print "CHILD,SEX,DOB,DUC" > (dir "/uasc.csv")
    next
  }
  !seen[$1]++ {
    # A UPN in the DfE format (a letter and 12 digits); a girl is recorded as not a mother (rules 168, 442, 393).
    print $1 "," $2 "," $3 "," $4 "," sprintf("A%012d", substr($1, 3) + 0) "," ($2 == 2 ? "0" : "") "," > (dir "/header.csv")
    if ($5 == 1) print $1 "," $2 "," $3 "," > (dir "/uasc.csv")
  }
  { print $1 "," $6 "," $7 "," $8 "," $9 "," $10 "," $11 "," $12 "," $13 "," $14 "," $15 "," $16 "," $17 > (dir "/episodes.csv") }'
imported=$(gw_curl -sS --fail-with-body -X POST "$gw/api/placements/ssda903/returns/2018" \
  -F "header=@$dir/header.csv;type=text/csv" -F "episodes=@$dir/episodes.csv;type=text/csv" -F "uasc=@$dir/uasc.csv;type=text/csv")
echo "$imported" | sed -n 's/.*"children":\([0-9]*\),"episodes":\([0-9]*\).*/  imported \1 children, \2 episodes/p'

# Reference data for the rate per 10,000: an under-18 population of about 58,000 (approximate, unverified; it puts
# 31 March 2019 near the DfE rate of 148 quoted for Stoke), England 65 per 10,000 at 31 March 2019 (DfE), and a
# statistical-neighbour rate derived from "around 200 fewer children" than Stoke (982 - 200 = 782 → 134.8).
# 31 March 2018 (collection year 2017-18): England 64 per 10,000 (DfE); the neighbours' rate of that year is not in the
# fact base, so it is left unknown rather than guessed. It gives 2018-19 its growth against England's.
put /api/placements/reference/under-18-population '{"collectionYear":2017,"under18Population":58000}' >/dev/null
put /api/placements/reference/comparator-rates '{"collectionYear":2017,"englandRatePer10000":64}' >/dev/null
put /api/placements/reference/under-18-population '{"collectionYear":2018,"under18Population":58000}' >/dev/null
put /api/placements/reference/comparator-rates '{"collectionYear":2018,"englandRatePer10000":65,"statisticalNeighbourRatePer10000":134.8}' >/dev/null
put /api/placements/reference/under-18-population '{"collectionYear":2019,"under18Population":58000}' >/dev/null
# 2019-20: England 67 per 10,000 at 31 March 2020 (DfE release, as the fact base records it, unverified); the
# neighbours' rate is not published in the fact base, so the same derivation from the seeds' "around 200 more children
# than statistical neighbours" (said in August and October 2019, within 2019-20) is kept.
put /api/placements/reference/comparator-rates '{"collectionYear":2019,"englandRatePer10000":67,"statisticalNeighbourRatePer10000":134.8}' >/dev/null

echo "loading demo: foster carer households"
carers=()
n=0
for spec in "true:2015-06-01:3:0:17" "true:2016-02-15:2:0:10" "true:2017-09-01:1:11:17" "false:2014-11-20:3:5:17" \
            "false:2018-05-10:2:0:4" "true:2019-01-14:2:0:17" "false:2013-03-01:2:8:17" "true:2018-10-01:1:0:2"; do
  n=$((n + 1))
  IFS=: read -r inhouse approved places from to <<<"$spec"
  carers+=("$(post /api/placements/foster-carers "{\"householdReference\":\"FC-$(printf %04d "$n")\",\"approvedOn\":\"$approved\",\"approvedPlaces\":$places,\"ageFrom\":$from,\"ageTo\":$to,\"isInHouse\":$inhouse}" | id_of)")
done
for c in "${carers[@]:0:5}"; do
  post "/api/placements/foster-carers/$c/support-visits" '{"visitedOn":"2019-05-20"}' >/dev/null
done
# Siblings kept together: an exemption adds a place to the first household from September 2019.
post "/api/placements/foster-carers/${carers[0]}/exemptions" '{"from":"2019-09-01","to":"2020-08-31","additionalPlaces":1}' >/dev/null
# One agency household resigns in the summer of 2019 (the inspection found foster carers unsupported).
post "/api/placements/foster-carers/${carers[6]}/deregister" '{"deregisteredOn":"2019-07-31","reason":"resigned"}' >/dev/null

echo "loading demo: children looked after with placement moves (2019-20, through the episode API)"
n=0
for spec in "U6:PR1:0" "U4:PR4:-" "K2:PR4:-" "U6:PR1:1" "U1:PR1:-" "R1:PR4:-"; do
  n=$((n + 1))
  child="DEMO$n"
  post /api/placements/children "{\"childId\":\"$child\",\"sex\":\"$( ((n % 2)) && echo M || echo F)\",\"dateOfBirth\":\"201$((n % 9))-0$((n % 9 + 1))-15\",\"ethnicity\":\"WBRI\",\"isUasc\":false}" >/dev/null
  IFS=: read -r place provider carer <<<"$spec"
  carer_json=""
  if [[ $carer != "-" ]]; then carer_json=",\"fosterCarerId\":\"${carers[$carer]}\""; fi
  # No weeklyCost: the rate card prices each placement (in-house fostering £450, agency £850, children's home £3,900 …).
  post "/api/placements/children/$child/episodes" "{\"startDate\":\"2019-0$((n + 3))-01\",\"reasonForNewEpisode\":\"S\",\"legalStatus\":\"C2\",\"categoryOfNeed\":\"N1\",\"placementType\":\"$place\",\"placementProvider\":\"$provider\",\"postcodeDistrict\":\"ST4\",\"homePostcodeDistrict\":\"ST3\"$carer_json}" >/dev/null
done
# One child moves from foster care to a children's home at the carer's request: a new episode closes the first
# (REC X1 with the reason), and the agreed cost of the home overrides the rate card.
post /api/placements/children/DEMO1/episodes '{"startDate":"2019-11-04","reasonForNewEpisode":"P","legalStatus":"C2","categoryOfNeed":"N1","placementType":"K2","placementProvider":"PR4","postcodeDistrict":"ST6","homePostcodeDistrict":"ST3","urn":"SC481516","weeklyCost":4200,"reasonForPlacementChange":"CREQB"}' >/dev/null
# Another goes home as part of the care plan.
post /api/placements/children/DEMO5/cease '{"endDate":"2020-01-20","reasonEpisodeCeased":"E4A"}' >/dev/null

echo "loading demo: 2019-20 admissions and returns home (through the episode API)"
# The care population kept growing in 2019-20 (890 in August, 982 in October in the seeds): six children a month come
# into care, and three a month from July go home, from among those who came in three months before. Each child's
# registration and first placement run in one background job; the returns home after all have started.
admit() { # child sex dob start place provider
  post /api/placements/children "{\"childId\":\"$1\",\"sex\":\"$2\",\"dateOfBirth\":\"$3\",\"ethnicity\":\"WBRI\",\"isUasc\":false}" >/dev/null
  post "/api/placements/children/$1/episodes" "{\"startDate\":\"$4\",\"reasonForNewEpisode\":\"S\",\"legalStatus\":\"C2\",\"categoryOfNeed\":\"N1\",\"placementType\":\"$5\",\"placementProvider\":\"$6\",\"postcodeDistrict\":\"ST4\",\"homePostcodeDistrict\":\"ST3\"}" >/dev/null
}
go_home() { # child date
  post "/api/placements/children/$1/cease" "{\"endDate\":\"$2\",\"reasonEpisodeCeased\":\"E4A\"}" >/dev/null
}
placements=("U4:PR4" "K2:PR4" "U1:PR1" "R1:PR4")
month=0
for ym in 2019-04 2019-05 2019-06 2019-07 2019-08 2019-09 2019-10 2019-11 2019-12 2020-01 2020-02 2020-03; do
  month=$((month + 1))
  for k in 1 2 3 4 5 6; do
    IFS=: read -r place provider <<<"${placements[$(((month + k) % 4))]}"
    bg admit "DM${ym//-/}$k" "$( ((k % 2)) && echo M || echo F)" "20$((k * 2 + 3 < 10 ? 0 : 1))$(((k * 2 + 3) % 10))-0$k-1$k" \
      "$ym-$(printf %02d $((k * 4 - 1)))" "$place" "$provider"
  done
done
bg_wait
for ym in 2019-07 2019-08 2019-09 2019-10 2019-11 2019-12 2020-01 2020-02 2020-03; do
  cohort=$(date -d "$ym-01 -3 months" +%Y%m)
  for k in 1 2 3; do
    bg go_home "DM$cohort$k" "$ym-25"
  done
done
bg_wait

echo "  looked after 1 Apr 2018: $(gw_curl -sS "$gw/api/placements/indicators/care-population?asAt=2018-04-01" | sed -n 's/.*"childrenLookedAfter":\([0-9]*\).*/\1/p')," \
  "31 Mar 2019: $(gw_curl -sS "$gw/api/placements/indicators/care-population?asAt=2019-03-31" | sed -n 's/.*"childrenLookedAfter":\([0-9]*\),.*"ratePer10000":\([0-9.]*\).*/\1 (\2 per 10,000)/p')"
