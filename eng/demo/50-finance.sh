#!/usr/bin/env bash
# Demo finance, period 6 (September 2019): actuals for April-September from a ledger extract, the rest-of-year
# run rate as forecast adjustments, and the savings position. With the commitments the workforce and placement
# events have already raised, the forecast overspend is about £8m: the commissioner's "£8m for a number of years".
# Amounts are illustrative.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

echo "loading demo: period 6 actuals and forecast for 2019-20"
# centre:line:full-year spend expected on the existing caseload and staff (before the events' commitments).
# The establishment's posts are committed from Workforce's events, so the social work and support lines here
# carry only what the establishment does not: agency cover beyond posts, legal, transport, training.
lines="CSC-FOST:fostering-services:18900000
CSC-PLACE:residential-care:16200000
CSC-CIC:other-looked-after-services:3800000
CSC-FOST:family-and-friends:2200000
CSC-CIC:leaving-care:3900000
CSC-CIC:asylum-seekers:500000
CSC-PERM:adoption-services:2500000
CSC-PERM:special-guardianship:2800000
CSC-EH:family-support:4000000
CSC-EH:youth-justice:1500000
CSC-SW:social-work:10600000
CSC-MGT:commissioning:1500000
CSC-MGT:management-and-support:2100000"

# Ledger extract: periods 1-6 at a twelfth of the year's spend each.
csv=$(echo "$lines" | awk -F: 'BEGIN { print "financialYear,period,costCentreCode,budgetLineCode,amount" }
  { for (p = 1; p <= 6; p++) printf "2019,%d,%s,%s,%.2f\n", p, $1, $2, $3 / 12 }')
gw_curl -sS --fail-with-body -X POST "$gw/api/finance/actuals/import" -H 'content-type: text/csv' --data-binary "$csv" >/dev/null

# Rest of the year (periods 7-12) at the same run rate, as a forecast adjustment per line.
echo "$lines" | awk -F: '{ printf "%s %.2f\n", $2, $3 - 6 * sprintf("%.2f", $3 / 12) }' | while read -r line amount; do
  gw_curl -sS --fail-with-body -X POST "$gw/api/finance/adjustments" -H 'content-type: application/json' \
    -d "{\"financialYear\":2019,\"budgetLineCode\":\"$line\",\"amount\":$amount,\"reason\":\"Period 6: rest-of-year run rate of the existing caseload and staff\",\"asAt\":\"2019-09-30\"}" >/dev/null
done

# Savings position at period 6: the council-wide programme on track, the agency measure at risk.
for target in $(gw_curl -sS "$gw/api/finance/savings-targets?financialYear=2019" | grep -o '"id":"[0-9a-f-]*","financialYear":2019,"name":"[^"]*"' | sed 's/"id":"\([^"]*\)".*"name":"\([^"]*\)"/\1|\2/' | tr ' ' '_'); do
  id=${target%%|*}
  case "${target#*|}" in
    2019-20_savings_programme*) post "/api/finance/savings-targets/$id/progress" '{"status":"on-track","delivered":8500000,"asAt":"2019-09-30"}' >/dev/null ;;
    Reduce_agency*) post "/api/finance/savings-targets/$id/progress" '{"status":"at-risk","delivered":250000,"asAt":"2019-09-30"}' >/dev/null ;;
  esac
done
forecast=$(gw_curl -sS "$gw/api/finance/forecast?financialYear=2019")
echo "$forecast" | sed -n 's/.*"totalBudget":\([-0-9.]*\),"totalForecast":\([-0-9.]*\),"totalVariance":\([-0-9.]*\).*/2019-20 at period 6: budget £\1, forecast outturn £\2, overspend £\3/p'
