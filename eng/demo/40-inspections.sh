#!/usr/bin/env bash
# Demo inspections: the Stoke-on-Trent 2019 intervention timeline, so that the improvement board tells the story
# of the seed documents. Facts and their sources: docs/inspections.md. Dates marked "approximate" are not known to
# the day; plan actions, owners, due dates and indicator targets are illustrative demo values, not the council's.
# The indicators are computed from the events the other demo scripts make Workforce, Placements and Finance
# publish (caseloads, supervision, agency cover, vacancies, the 903 care population, foster carers, forecasts).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
first_id() { sed -n 's/^{"id":"\([0-9a-f-]*\)".*/\1/p'; } # the resource's own id, not a nested one

echo "loading demo: Stoke-on-Trent 2019 inspection, improvement plan, directions and indicators"

# February 2019 (approximate days): ILACS standard inspection on site; report published 19 March 2019, all four
# judgements inadequate.
inspection=$(post /api/inspections/inspections '{"type":"ilacs-standard","onSiteFrom":"2019-02-04","onSiteTo":"2019-02-15","reference":"ILACS 2019 (Stoke-on-Trent)"}' | id_of)
post "/api/inspections/inspections/$inspection/judgements" '{"publishedOn":"2019-03-19","judgements":[
  {"type":"overall-effectiveness","grade":"inadequate"},
  {"type":"impact-of-leaders","grade":"inadequate"},
  {"type":"help-and-protection","grade":"inadequate"},
  {"type":"children-in-care-and-care-leavers","grade":"inadequate"}]}' >/dev/null

# The report set 15 areas for improvement. AFI-01 to AFI-08 are the ones the seed documents name; AFI-09 to AFI-15 are
# the report's other findings as the seeds and the public sources report them (../shared/domain/stoke-2019.md §3.4;
# the titles are ours: the report's own wording is not in the fact base).
area() { # code title detail
  post "/api/inspections/inspections/$inspection/areas" "{\"code\":\"$1\",\"title\":\"$2\",\"detail\":\"$3\"}" >/dev/null
}
area AFI-01 "Management oversight and direction of social work practice" "Workers dedicated but need more management support and challenge."
area AFI-02 "Urgent and robust responses to children at risk of significant harm" "Children left at risk of significant harm; cases closed inappropriately."
area AFI-03 "Staffing capacity and manageable caseloads" "Caseloads averaging more than 25 children; some workers in excess of 100 (commissioner)."
area AFI-04 "Quality of assessments and case recording" "Serious and widespread delays."
area AFI-05 "Support for vulnerable children" "Reactive, crisis-driven practice placing children chaotically into care."
area AFI-06 "A coherent social work framework" "Named in the cabinet report of August 2019."
area AFI-07 "Regular one-to-one supervision of social workers" "Social workers not receiving one-to-one supervision with managers."
area AFI-08 "Sufficiency of foster placements" "Insufficient fostering placements; lack of support for foster carers."
area AFI-09 "Safe, regulated placements for children in care" "Children placed in unregulated and some known-unsafe placements (Ofsted, as reported in March 2019)."
area AFI-10 "Timely plans and decisions for children" "'Serious and widespread' delays for children (Ofsted)."
area AFI-11 "Support for foster carers" "Lack of support for foster carers (commissioner's review)."
area AFI-12 "Acting on earlier inspection and review recommendations" "Most recommendations of the 2015 inspection and the 2018 focused visit not actioned; the 2016 LGA review not acted on."
area AFI-13 "Management support and challenge for social workers" "Workers dedicated but need more management support and challenge (Ofsted)."
area AFI-14 "Planned rather than crisis-driven entry to care" "Practice 'reactive and crisis-driven', children placed chaotically into care (Ofsted)."
area AFI-15 "The impact of leaders on social work practice" "Impact of leaders judged inadequate (Ofsted, March 2019)."

action() { # area title owner due [status on evidence]
  local id
  id=$(post /api/inspections/actions "{\"areaCode\":\"$1\",\"title\":\"$2\",\"ownerRole\":\"$3\",\"dueOn\":\"$4\",\"raisedOn\":\"2019-04-01\"}" | id_of)
  if [[ $# -ge 7 ]]; then
    post "/api/inspections/actions/$id/progress" "{\"status\":\"$5\",\"on\":\"$6\",\"evidence\":\"$7\"}" >/dev/null
  fi
}
action AFI-01 "Permanent management team appointed" director-of-childrens-services 2019-06-30 completed 2019-06-28 "Appointments confirmed by council"
action AFI-01 "Practice oversight recorded on every open case" head-of-service 2019-09-30
action AFI-02 "Audit of cases closed since 2018; unsafe closures reopened" quality-assurance-lead 2019-05-31 completed 2019-07-12 "Closure audit report"
action AFI-03 "Recruit to the new children's social work posts (Investing in Children)" workforce-lead 2019-12-31
action AFI-03 "Average caseload at or below 18 per FTE" assistant-director 2019-10-31
action AFI-04 "Assessment quality audit cycle in place" principal-social-worker 2019-07-31 in-progress 2019-07-01 "First audit round under way"
action AFI-05 "Edge-of-care service commissioned" head-of-service 2019-11-30
action AFI-06 "Practice framework agreed and launched" principal-social-worker 2019-08-31
action AFI-07 "Monthly one-to-one supervision for every social worker" team-manager 2019-06-30
action AFI-08 "Foster carer recruitment and support offer" service-manager 2019-12-31

# 16 May 2019: statutory direction; commissioner Eleanor Brazil to report by 9 September 2019.
may=$(post /api/inspections/directions '{"issuedOn":"2019-05-16","issuer":"Secretary of State for Education (Damian Hinds)","title":"Direction to Stoke-on-Trent City Council: children'"'"'s services commissioner",
  "legalBasis":"s.497A(4B) Education Act 1996 as applied by s.50 Children Act 2004",
  "requirements":[{"description":"Cooperate with the commissioner, who reviews the council'"'"'s capacity to improve and reports to the children'"'"'s minister","dueOn":"2019-09-09"}]}' | first_id)
commissioner=$(post /api/inspections/commissioners "{\"name\":\"Eleanor Brazil\",\"role\":\"commissioner\",\"appointedOn\":\"2019-05-16\",\"directionId\":\"$may\"}" | id_of)
post "/api/inspections/commissioners/$commissioner/reviews" '{"startedOn":"2019-05-16","reportDueOn":"2019-09-09","publishedOn":"2019-10-31",
  "recommendation":"partnership-with-strong-authority","findings":[
  "It will take at least two to three years to turn the service around",
  "Some social workers hold caseloads in excess of 100 children",
  "Children'"'"'s services have overspent by about £8m for a number of years",
  "A 12% rise in children coming into the system is stalling care plans",
  "A lack of support for foster carers",
  "Financial pressures may get in the way of the political drive to improve"]}' >/dev/null

# 31 October 2019: revised direction; formal partnership with a strong-performing authority by 31 January 2020.
post /api/inspections/directions "{\"issuedOn\":\"2019-10-31\",\"issuer\":\"Secretary of State for Education (Gavin Williamson)\",\"title\":\"Revised direction: partnership with a strong-performing local authority\",
  \"legalBasis\":\"s.497A(4B) Education Act 1996 as applied by s.50 Children Act 2004\",\"supersedesDirectionId\":\"$may\",
  \"requirements\":[{\"description\":\"Formal partnership with a strong-performing local authority for all children's social care functions, agreed by the Secretary of State\",\"dueOn\":\"2020-01-31\"},
  {\"description\":\"Responsibility stays with the council while a further review is carried out\"}]}" >/dev/null

# The indicator catalogue, tied to the areas (targets and tolerances are illustrative).
indicator() { # code name measure area target tolerance
  post /api/inspections/indicators "{\"code\":\"$1\",\"name\":\"$2\",\"measure\":\"$3\",\"areaCode\":\"$4\",\"target\":$5,\"tolerance\":$6}" >/dev/null
}
# Each indicator rates a measure its owner publishes (docs/measures.md); Inspections derives none of them.
# Children looked after: the target is "around 200 fewer" than Stoke's 982, as its statistical neighbours had
# (782 children, 134.8 per 10,000 with the Placements demo's approximate under-18 population).
indicator CASELOAD-AVG "Average caseload per FTE" average-caseload AFI-03 18 4
indicator CASELOAD-OVER "Workers over the caseload warning threshold" caseload-over-threshold AFI-03 0 10
indicator VACANCY "Social work vacancy rate" vacancy-rate AFI-03 10 5
indicator AGENCY "Agency worker rate" agency-rate AFI-03 10 5
indicator SUPERVISION "Supervision up to date" supervision-compliance AFI-07 90 10
indicator CLA "Children looked after" children-looked-after AFI-05 782 100
indicator CLA-RATE "Children looked after per 10,000 under-18s" cla-rate-per-10000 AFI-05 134.8 15
indicator STABILITY "Children with 3 or more placements in 12 months" three-plus-placements AFI-05 10 2
indicator FOSTERING "Foster placements with the council's own carers" foster-own-provision AFI-08 75 10
indicator OVERSPEND "Forecast overspend (£)" forecast-overspend AFI-01 0 1000000

# The improvement lead's commentary for the board of 1 November 2019 (illustrative; the facts are the seeds').
comment() { # area date text
  post "/api/inspections/areas/$1/commentary" "{\"text\":\"$3\",\"on\":\"$2\"}" >/dev/null
}
comment AFI-03 2019-10-28 "Over 130 new posts approved on 16 October; recruitment opens in November. Caseloads still above 100 for some workers."
comment AFI-07 2019-10-28 "Monthly supervision not yet in place: the new team managers start in December."
comment AFI-01 2019-10-28 "Commissioner's review published 31 October: partnership with a strong authority by 31 January 2020."

# The daily checks, run for the dates of the story: overdue actions in November, the partnership deadline in January.
post "/api/inspections/actions/overdue-check?asAt=2019-11-01" '' >/dev/null
post "/api/inspections/deadlines/approaching-check?asAt=2020-01-05" '' >/dev/null

echo "improvement board: $gw/api/inspections/board?asAt=2019-11-01 (and ?asAt=2019-06-01, ?asAt=2020-01-05, ?asAt=2020-03-31)"
