#!/usr/bin/env bash
# Demo finance: Stoke-on-Trent's 2019-20 children's social care budget on Section 251 lines, the £5.5m
# "Investing in Children" virement and the 2019-20 savings programme. Runs before workforce and placements,
# whose events then commit costs against these budgets.
# The budget split is illustrative (built from the indicative unit costs in the domain notes for about 890
# children looked after); the £5.5m, the £17m savings and the dates come from the 2019 seed reports.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Approvals are recorded as the token's subject: the demo loader.
echo "loading demo: 2019-20 budgets, the £5.5m Investing in Children virement, savings programme"
for centre in "CSC-FOST:Fostering:Children's Social Care" \
              "CSC-PLACE:Residential and external placements:Children's Social Care" \
              "CSC-CIC:Children in care and leaving care:Children's Social Care" \
              "CSC-PERM:Adoption and special guardianship:Children's Social Care" \
              "CSC-SW:Social work teams:Children's Social Care" \
              "CSC-EH:Family support and youth justice:Children's Social Care" \
              "CSC-MGT:Commissioning, management and support:Children's Social Care" \
              "CORP-IIC:Investing in Children funding (job cuts and spending controls elsewhere):Corporate"; do
  IFS=: read -r code name service <<<"$centre"
  post /api/finance/cost-centres "{\"code\":\"$code\",\"name\":\"$name\",\"service\":\"$service\"}" >/dev/null
done

# Original 2019-20 budgets set by full council before the year (February 2019): £64m net on S251 lines.
for budget in "CSC-FOST:fostering-services:17000000" \
              "CSC-PLACE:residential-care:12500000" \
              "CSC-CIC:other-looked-after-services:3000000" \
              "CSC-FOST:family-and-friends:2000000" \
              "CSC-CIC:leaving-care:3500000" \
              "CSC-CIC:asylum-seekers:500000" \
              "CSC-PERM:adoption-services:2500000" \
              "CSC-PERM:special-guardianship:2500000" \
              "CSC-EH:family-support:4000000" \
              "CSC-EH:youth-justice:1500000" \
              "CSC-SW:social-work:11000000" \
              "CSC-MGT:commissioning:1500000" \
              "CSC-MGT:management-and-support:2500000" \
              "CORP-IIC:other-council-services:5500000"; do
  IFS=: read -r centre line amount <<<"$budget"
  post /api/finance/budgets "{\"financialYear\":2019,\"costCentreCode\":\"$centre\",\"budgetLineCode\":\"$line\",\"amount\":$amount,\"reason\":\"2019-20 budget\",\"approvedOn\":\"2019-02-28\"}" >/dev/null
done

# Investing in Children: £5.5m freed by job cuts and spending controls elsewhere in the council, proposed to
# cabinet on 20 August 2019 and approved by the council in October 2019 (day not reported; the 17th is assumed),
# redirected into over 130 new children's social care posts.
virement=$(post /api/finance/virements '{"financialYear":2019,"reason":"Investing in Children: £5.5m redirected into children'"'"'s social care","lines":[
  {"costCentreCode":"CORP-IIC","budgetLineCode":"other-council-services","amount":-5500000},
  {"costCentreCode":"CSC-SW","budgetLineCode":"social-work","amount":4500000},
  {"costCentreCode":"CSC-CIC","budgetLineCode":"other-looked-after-services","amount":500000},
  {"costCentreCode":"CSC-MGT","budgetLineCode":"management-and-support","amount":500000}]}' | id_of)
post "/api/finance/virements/$virement/approve" '{"approvedOn":"2019-10-17"}' >/dev/null

# The council's 2019-20 savings programme: £17m (£194m since 2011), with a children's services measure.
post /api/finance/savings-targets '{"financialYear":2019,"name":"2019-20 savings programme (council-wide)","owningService":"Corporate","budgetLineCode":"other-council-services","target":17000000}' >/dev/null
post /api/finance/savings-targets '{"financialYear":2019,"name":"Reduce agency social worker spend","owningService":"Children'"'"'s Social Care","budgetLineCode":"social-work","target":1000000}' >/dev/null
