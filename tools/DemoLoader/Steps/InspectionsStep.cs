using Platform.Tools.DemoLoader.Requests;

namespace Platform.Tools.DemoLoader.Steps;

/// <summary>
/// The Stoke-on-Trent 2019 intervention timeline, so that the improvement board tells the story of the seed documents.
/// Facts and their sources: docs/inspections.md. Dates marked "approximate" are not known to the day; plan actions,
/// owners, due dates and indicator targets are illustrative demo values, not the council's. The indicators are computed
/// from the events the other steps make Workforce, Placements and Finance publish (caseloads, supervision, agency cover,
/// vacancies, the 903 care population, foster carers, forecasts).
/// </summary>
internal sealed class InspectionsStep : IDemoStep
{
    private const string LegalBasis = "s.497A(4B) Education Act 1996 as applied by s.50 Children Act 2004";

    /// <summary>
    /// The report set 15 areas for improvement. AFI-01 to AFI-08 are the ones the seed documents name; AFI-09 to AFI-15 are
    /// the report's other findings as the seeds and the public sources report them (../shared/domain/stoke-2019.md §3.4; the
    /// titles are ours: the report's own wording is not in the fact base).
    /// </summary>
    private static readonly AreaRequest[] Areas =
    [
        new("AFI-01", "Management oversight and direction of social work practice", "Workers dedicated but need more management support and challenge."),
        new("AFI-02", "Urgent and robust responses to children at risk of significant harm", "Children left at risk of significant harm; cases closed inappropriately."),
        new("AFI-03", "Staffing capacity and manageable caseloads", "Caseloads averaging more than 25 children; some workers in excess of 100 (commissioner)."),
        new("AFI-04", "Quality of assessments and case recording", "Serious and widespread delays."),
        new("AFI-05", "Support for vulnerable children", "Reactive, crisis-driven practice placing children chaotically into care."),
        new("AFI-06", "A coherent social work framework", "Named in the cabinet report of August 2019."),
        new("AFI-07", "Regular one-to-one supervision of social workers", "Social workers not receiving one-to-one supervision with managers."),
        new("AFI-08", "Sufficiency of foster placements", "Insufficient fostering placements; lack of support for foster carers."),
        new("AFI-09", "Safe, regulated placements for children in care", "Children placed in unregulated and some known-unsafe placements (Ofsted, as reported in March 2019)."),
        new("AFI-10", "Timely plans and decisions for children", "'Serious and widespread' delays for children (Ofsted)."),
        new("AFI-11", "Support for foster carers", "Lack of support for foster carers (commissioner's review)."),
        new("AFI-12", "Acting on earlier inspection and review recommendations", "Most recommendations of the 2015 inspection and the 2018 focused visit not actioned; the 2016 LGA review not acted on."),
        new("AFI-13", "Management support and challenge for social workers", "Workers dedicated but need more management support and challenge (Ofsted)."),
        new("AFI-14", "Planned rather than crisis-driven entry to care", "Practice 'reactive and crisis-driven', children placed chaotically into care (Ofsted)."),
        new("AFI-15", "The impact of leaders on social work practice", "Impact of leaders judged inadequate (Ofsted, March 2019)."),
    ];

    /// <summary>The improvement plan's actions, raised on 1 April 2019; some with progress (status, on, evidence).</summary>
    private static readonly (ActionRequest Action, ProgressRequest? Progress)[] Actions =
    [
        (Action("AFI-01", "Permanent management team appointed", "director-of-childrens-services", new(2019, 6, 30)),
            new("completed", new(2019, 6, 28), "Appointments confirmed by council")),
        (Action("AFI-01", "Practice oversight recorded on every open case", "head-of-service", new(2019, 9, 30)), null),
        (Action("AFI-02", "Audit of cases closed since 2018; unsafe closures reopened", "quality-assurance-lead", new(2019, 5, 31)),
            new("completed", new(2019, 7, 12), "Closure audit report")),
        (Action("AFI-03", "Recruit to the new children's social work posts (Investing in Children)", "workforce-lead", new(2019, 12, 31)), null),
        (Action("AFI-03", "Average caseload at or below 18 per FTE", "assistant-director", new(2019, 10, 31)), null),
        (Action("AFI-04", "Assessment quality audit cycle in place", "principal-social-worker", new(2019, 7, 31)),
            new("in-progress", new(2019, 7, 1), "First audit round under way")),
        (Action("AFI-05", "Edge-of-care service commissioned", "head-of-service", new(2019, 11, 30)), null),
        (Action("AFI-06", "Practice framework agreed and launched", "principal-social-worker", new(2019, 8, 31)), null),
        (Action("AFI-07", "Monthly one-to-one supervision for every social worker", "team-manager", new(2019, 6, 30)), null),
        (Action("AFI-08", "Foster carer recruitment and support offer", "service-manager", new(2019, 12, 31)), null),
    ];

    /// <summary>
    /// The indicator catalogue, tied to the areas (targets and tolerances are illustrative). Each indicator rates a measure its
    /// owner publishes (docs/measures.md); Inspections derives none of them. Children looked after: the target is "around 200
    /// fewer" than Stoke's 982, as its statistical neighbours had (782 children, 134.8 per 10,000 with the Placements demo's
    /// approximate under-18 population).
    /// </summary>
    private static readonly IndicatorRequest[] Indicators =
    [
        new("CASELOAD-AVG", "Average caseload per FTE", "average-caseload", "AFI-03", 18, 4),
        new("CASELOAD-OVER", "Workers over the caseload warning threshold", "caseload-over-threshold", "AFI-03", 0, 10),
        new("VACANCY", "Social work vacancy rate", "vacancy-rate", "AFI-03", 10, 5),
        new("AGENCY", "Agency worker rate", "agency-rate", "AFI-03", 10, 5),
        new("SUPERVISION", "Supervision up to date", "supervision-compliance", "AFI-07", 90, 10),
        new("CLA", "Children looked after", "children-looked-after", "AFI-05", 782, 100),
        new("CLA-RATE", "Children looked after per 10,000 under-18s", "cla-rate-per-10000", "AFI-05", 134.8m, 15),
        new("STABILITY", "Children with 3 or more placements in 12 months", "three-plus-placements", "AFI-05", 10, 2),
        new("FOSTERING", "Foster placements with the council's own carers", "foster-own-provision", "AFI-08", 75, 10),
        new("OVERSPEND", "Forecast overspend (£)", "forecast-overspend", "AFI-01", 0, 1_000_000),
    ];

    /// <summary>The improvement lead's commentary for the board of 1 November 2019 (illustrative; the facts are the seeds').</summary>
    private static readonly (string Area, string Text)[] Commentary =
    [
        ("AFI-03", "Over 130 new posts approved on 16 October; recruitment opens in November. Caseloads still above 100 for some workers."),
        ("AFI-07", "Monthly supervision not yet in place: the new team managers start in December."),
        ("AFI-01", "Commissioner's review published 31 October: partnership with a strong authority by 31 January 2020."),
    ];

    public string Name => "inspections: the 2019 inspection, improvement plan, directions and indicators";

    private static ActionRequest Action(string area, string title, string owner, DateOnly due) => new(area, title, owner, due, new DateOnly(2019, 4, 1));

    public async Task RunAsync(DemoContext demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var api = demo.Api;
        await demo.SayAsync("loading demo: Stoke-on-Trent 2019 inspection, improvement plan, directions and indicators").ConfigureAwait(false);

        // February 2019 (approximate days): ILACS standard inspection on site; report published 19 March 2019, all four
        // judgements inadequate.
        var inspection = await api.CreateAsync("/api/inspections/inspections",
            new InspectionRequest("ilacs-standard", new DateOnly(2019, 2, 4), new DateOnly(2019, 2, 15), "ILACS 2019 (Stoke-on-Trent)"), cancellationToken)
            .ConfigureAwait(false);
        await api.PostAsync($"/api/inspections/inspections/{inspection}/judgements", new JudgementsRequest(new DateOnly(2019, 3, 19),
        [
            new("overall-effectiveness", "inadequate"),
            new("impact-of-leaders", "inadequate"),
            new("help-and-protection", "inadequate"),
            new("children-in-care-and-care-leavers", "inadequate"),
        ]), cancellationToken).ConfigureAwait(false);
        foreach (var area in Areas)
        {
            await api.PostAsync($"/api/inspections/inspections/{inspection}/areas", area, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (action, progress) in Actions)
        {
            var id = await api.CreateAsync("/api/inspections/actions", action, cancellationToken).ConfigureAwait(false);
            if (progress is not null)
            {
                await api.PostAsync($"/api/inspections/actions/{id}/progress", progress, cancellationToken).ConfigureAwait(false);
            }
        }

        // 16 May 2019: statutory direction; commissioner Eleanor Brazil to report by 9 September 2019.
        var may = await api.CreateAsync("/api/inspections/directions", new DirectionRequest(new DateOnly(2019, 5, 16),
            "Secretary of State for Education (Damian Hinds)", "Direction to Stoke-on-Trent City Council: children's services commissioner", LegalBasis,
            [new("Cooperate with the commissioner, who reviews the council's capacity to improve and reports to the children's minister", new DateOnly(2019, 9, 9))]),
            cancellationToken).ConfigureAwait(false);
        var commissioner = await api.CreateAsync("/api/inspections/commissioners",
            new CommissionerRequest("Eleanor Brazil", "commissioner", new DateOnly(2019, 5, 16), may), cancellationToken).ConfigureAwait(false);
        await api.PostAsync($"/api/inspections/commissioners/{commissioner}/reviews", new ReviewRequest(new DateOnly(2019, 5, 16), new DateOnly(2019, 9, 9),
            new DateOnly(2019, 10, 31), "partnership-with-strong-authority",
            [
                "It will take at least two to three years to turn the service around",
                "Some social workers hold caseloads in excess of 100 children",
                "Children's services have overspent by about £8m for a number of years",
                "A 12% rise in children coming into the system is stalling care plans",
                "A lack of support for foster carers",
                "Financial pressures may get in the way of the political drive to improve",
            ]), cancellationToken).ConfigureAwait(false);

        // 31 October 2019: revised direction; formal partnership with a strong-performing authority by 31 January 2020.
        await api.PostAsync("/api/inspections/directions", new DirectionRequest(new DateOnly(2019, 10, 31),
            "Secretary of State for Education (Gavin Williamson)", "Revised direction: partnership with a strong-performing local authority", LegalBasis,
            [
                new("Formal partnership with a strong-performing local authority for all children's social care functions, agreed by the Secretary of State",
                    new DateOnly(2020, 1, 31)),
                new("Responsibility stays with the council while a further review is carried out"),
            ], SupersedesDirectionId: may), cancellationToken).ConfigureAwait(false);

        foreach (var indicator in Indicators)
        {
            await api.PostAsync("/api/inspections/indicators", indicator, cancellationToken).ConfigureAwait(false);
        }
        foreach (var (area, text) in Commentary)
        {
            await api.PostAsync($"/api/inspections/areas/{area}/commentary", new CommentaryRequest(text, new DateOnly(2019, 10, 28)), cancellationToken)
                .ConfigureAwait(false);
        }

        // The daily checks, run for the dates of the story: overdue actions in November, the partnership deadline in January.
        await api.PostEmptyAsync("/api/inspections/actions/overdue-check?asAt=2019-11-01", cancellationToken).ConfigureAwait(false);
        await api.PostEmptyAsync("/api/inspections/deadlines/approaching-check?asAt=2020-01-05", cancellationToken).ConfigureAwait(false);
        await demo.SayAsync($"improvement board: {demo.Gateway}/api/inspections/board?asAt=2019-11-01 (and ?asAt=2019-06-01, ?asAt=2020-01-05, ?asAt=2020-03-31)")
            .ConfigureAwait(false);
    }
}
