using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Placements.Application;
using Platform.Placements.Domain;
using Platform.Placements.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Placements.Apis;

/// <summary>Care population and stability indicators, and the reference data they are compared with.</summary>
public static class IndicatorsApi
{
    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var indicators = app.MapGroup("/indicators").WithTags("Indicators");
        indicators.MapGet("/care-population", CarePopulationOn).WithSummary("Children looked after on a date, with the rate per 10,000 under-18s")
            .WithDescription("Short breaks (LS V3/V4) are excluded. The rate uses the under-18 population of the date's collection year (or the latest earlier "
                + "year loaded) and is shown with the England and statistical-neighbour rates loaded as reference data.");
        indicators.MapGet("/care-population/monthly", CarePopulationMonthly)
            .WithSummary("Children looked after at each month end from `from` to `to`, and on `to` itself (at most 36 months), as /care-population gives each date");
        indicators.MapGet("/flow/monthly", FlowMonthly)
            .WithSummary("Children who started and ceased to be looked after in each calendar month from `from` to `to` (each month cut to the range; at most 36), as /flow gives each period");
        indicators.MapGet("/comparison", Comparison).WithSummary("Children looked after at each 31 March to a date against England and statistical neighbours, with each rate's growth from the year before")
            .WithDescription("Every collection year with reference data loaded whose 31 March is on or before asAt. Growth is the change of the rate per 10,000 "
                + "from the previous 31 March, for the council and for England (null when either year's rate is missing).");
        indicators.MapGet("/flow", Flow).WithSummary("Children who started and ceased to be looked after in a period (inclusive dates)");
        indicators.MapGet("/stability", Stability).WithSummary("Placement stability for a collection year (year = the April it starts), or for the twelve months to a date (asAt)")
            .WithDescription("Children looked after at 31 March (or asAt) with 3+ placements in the twelve months to it; under-16s looked after 2.5+ years and in the same placement 2+ years.");
        indicators.MapGet("/foster-sufficiency", FosterSufficiencyOn).WithSummary("Children in foster placements (U1–U6) on a date, and the share placed by the council's own fostering service (PR1)");

        var reference = app.MapGroup("/reference").WithTags("Reference data");
        reference.MapGet("/", ListReference).WithSummary("List the reference data by collection year");
        reference.MapPut("/under-18-population", SetPopulation).WithSummary("Set the under-18 population of a collection year (ONS mid-year estimate)")
            .WithDescription("Publishes CarePopulationChanged for the year's 31 March, now with the rate.");
        reference.MapPut("/comparator-rates", SetComparators).WithSummary("Load the England and statistical-neighbour rates per 10,000 for a collection year");
        return app;
    }

    public sealed record CarePopulationResponse(
        DateOnly AsAt, int ChildrenLookedAfter, int? Under18Population, decimal? RatePer10000, decimal? EnglandRatePer10000,
        decimal? StatisticalNeighbourRatePer10000);

    public sealed record ComparisonResponse(DateOnly AsAt, IReadOnlyList<ComparisonYear> Years);

    public sealed record FlowResponse(DateOnly From, DateOnly To, int Started, int Ceased);

    /// <summary>The neighbours' rate is optional: a year's England rate is published before a council's neighbour group is agreed.</summary>
    public sealed record ComparatorRequest(
        [property: RequiredField, CollectionYear] int? CollectionYear,
        [property: RequiredField, RatePer10000] decimal? EnglandRatePer10000,
        [property: RatePer10000] decimal? StatisticalNeighbourRatePer10000);

    public sealed record ReferenceResponse(int CollectionYear, int? Under18Population, decimal? EnglandRatePer10000, decimal? StatisticalNeighbourRatePer10000);

    internal static async Task<Results<Ok<CarePopulationResponse>, ValidationProblem>> CarePopulationOn(
        [RequiredField, PlacementDate] DateOnly? asAt, Application.MonthlyIndicators indicators, CancellationToken cancellationToken)
    {
        // One date is a series of one: the figure is computed in one place for both answers.
        var p = (await indicators.CarePopulationAsync(asAt!.Value, asAt.Value, cancellationToken)).Single();
        return TypedResults.Ok(new CarePopulationResponse(p.AsAt, p.ChildrenLookedAfter, p.Under18Population, p.RatePer10000, p.EnglandRatePer10000,
            p.StatisticalNeighbourRatePer10000));
    }

    /// <summary>The refusal of a period whose end is before its start, or (for a monthly series) too far from it; null when it is fine.</summary>
    private static ValidationProblem? PeriodProblem(DateOnly from, DateOnly to, bool monthly = false) =>
        to < from ? new RequestValidator().Add("to", "Must not be before from.").ToProblem()
        : monthly && from.AddMonths(Application.MonthlyIndicators.MaxMonths) <= to
            ? new RequestValidator().Add("to", $"At most {Application.MonthlyIndicators.MaxMonths} months from `from`.").ToProblem()
            : null;

    internal static async Task<Results<Ok<IReadOnlyList<Application.MonthlyIndicators.Population>>, ValidationProblem>> CarePopulationMonthly(
        [RequiredField, PlacementDate] DateOnly? from, [RequiredField, PlacementDate] DateOnly? to, Application.MonthlyIndicators monthly,
        CancellationToken cancellationToken)
    {
        if (PeriodProblem(from!.Value, to!.Value, monthly: true) is { } problem) return problem;
        return TypedResults.Ok(await monthly.CarePopulationAsync(from!.Value, to!.Value, cancellationToken));
    }

    internal static async Task<Results<Ok<IReadOnlyList<Application.MonthlyIndicators.Flow>>, ValidationProblem>> FlowMonthly(
        [RequiredField, PlacementDate] DateOnly? from, [RequiredField, PlacementDate] DateOnly? to, Application.MonthlyIndicators monthly,
        CancellationToken cancellationToken)
    {
        if (PeriodProblem(from!.Value, to!.Value, monthly: true) is { } problem) return problem;
        return TypedResults.Ok(await monthly.FlowAsync(from!.Value, to!.Value, cancellationToken));
    }

    internal static async Task<Results<Ok<ComparisonResponse>, ValidationProblem>> Comparison(
        [RequiredField, PlacementDate] DateOnly? asAt, Application.CareComparisonQuery query, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(new ComparisonResponse(asAt!.Value, await query.HandleAsync(asAt.Value, cancellationToken)));
    }

    internal static async Task<Results<Ok<FlowResponse>, ValidationProblem>> Flow(
        [RequiredField, PlacementDate] DateOnly? from, [RequiredField, PlacementDate] DateOnly? to, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var (start, end) = (from!.Value, to!.Value);
        if (PeriodProblem(start, end) is { } problem) return problem;
        var started = await CarePopulation.StartsBetween(db, start, end).CountAsync(cancellationToken);
        var ceased = await CarePopulation.CeasesBetween(db, start, end).CountAsync(cancellationToken);
        return TypedResults.Ok(new FlowResponse(start, end, started, ceased));
    }

    internal static async Task<Results<Ok<StabilityResult>, ValidationProblem>> Stability(
        [CollectionYear] int? year, [PlacementDate] DateOnly? asAt, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        if (year is null && asAt is null) return new RequestValidator().Add("year", "This field is required.").ToProblem();
        if (year is not null && asAt is not null) return new RequestValidator().Add("asAt", "Give either year or asAt, not both.").ToProblem();

        var yearEnd = asAt ?? new DateOnly(year!.Value + 1, 3, 31);
        var rows = await CarePopulation.StabilityEpisodesAsync(db, yearEnd, cancellationToken);
        return TypedResults.Ok(StabilityMeasures.Calculate(yearEnd, rows.Select(r => r.Episode), EpisodeOfChild.Births(rows)));
    }

    internal static async Task<Results<Ok<FosterSufficiencyResult>, ValidationProblem>> FosterSufficiencyOn(
        [RequiredField, PlacementDate] DateOnly? asAt, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var date = asAt!.Value;
        var open = await PlacementMeasureSource.EpisodeSpans(CarePopulation.OpenOn(db, date)).ToListAsync(cancellationToken);
        return TypedResults.Ok(FosterSufficiency.Calculate(date, open));
    }

    internal static async Task<Results<Ok<Page<ReferenceResponse>>, ValidationProblem>> ListReference(
        [AsParameters] PageRequest paging, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var page = await paging.ApplyAsync(db.PopulationReferences.AsNoTracking().OrderBy(r => r.CollectionYear), cancellationToken);
        return TypedResults.Ok(new Page<ReferenceResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<ReferenceResponse>, ValidationProblem>> SetPopulation(
        Application.PopulationRequest request, Application.SetUnder18Population setPopulation, CancellationToken cancellationToken)
    {
        var outcome = await setPopulation.HandleAsync(new Application.SetUnder18Population.Command(request), cancellationToken);
        if (outcome.Errors is not null) return outcome.ToProblem();
        return TypedResults.Ok(ToResponse(outcome.Result!));
    }

    internal static async Task<Results<Ok<ReferenceResponse>, ValidationProblem>> SetComparators(
        ComparatorRequest request, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var reference = await Application.SetUnder18Population.FindOrAddAsync(db, request.CollectionYear!.Value, cancellationToken);
        reference.SetComparators(request.EnglandRatePer10000!.Value, request.StatisticalNeighbourRatePer10000);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(reference));
    }

    private static ReferenceResponse ToResponse(PopulationReference r) =>
        new(r.CollectionYear, r.Under18Population, r.EnglandRatePer10000, r.StatisticalNeighbourRatePer10000);
}
