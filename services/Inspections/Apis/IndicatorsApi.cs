using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Domain;
using Platform.Inspections.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Inspections.Apis;

/// <summary>Improvement indicators computed from other services' events: the catalogue, values, time series and RAG.</summary>
public static class IndicatorsApi
{
    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/indicators").WithTags("Indicators");
        group.MapGet("/measures", ListMeasures).WithSummary("The measures an indicator can track: name, unit, default direction, owning service and published definition (docs/measures.md)");
        group.MapGet("/measures/{measure}", GetMeasureValue).WithSummary("The owner's published value of a measure as at a date, with its numerator and denominator, for the authority or one team")
            .WithDescription("Inspections stores what the owning service published (MeasureSeriesPublished); the owner's own API gives the same figure for the same date.");
        group.MapPost("/", CreateIndicator).WithSummary("Add an indicator to the catalogue")
            .WithDescription("A measure (optionally for one team, for workforce measures) with a target, a tolerance and a direction, optionally linked to an area for improvement. Green on the right side of the target, amber within the tolerance beyond it, red further beyond. IndicatorStatusChanged is published whenever a consumed event changes its RAG status.");
        group.MapGet("/", ListIndicators).WithSummary("The indicator catalogue with each value and RAG status as at a date");
        group.MapGet("/{code}", GetIndicator).WithSummary("One indicator as at a date, with its month-end time series and its recorded status changes");
        return app;
    }

    public sealed record CreateIndicatorRequest(
        [property: RequiredField, MaxChars(40), Code] string? Code,
        [property: RequiredField, MaxChars(200)] string? Name,
        [property: RequiredField, CodeOf(CodeList.MeasureCode)] string? Measure,
        [property: RequiredField, Between(MinTarget, MaxTarget)] decimal? Target,
        [property: RequiredField, Between(0, MaxTarget)] decimal? Tolerance,
        [property: MaxChars(40), Code] string? AreaCode = null,
        [property: MaxChars(40), Code] string? TeamCode = null,
        [property: CodeOf(CodeList.Direction)] string? Direction = null);

    public sealed record IndicatorResponse(
        string Code, string Name, string Measure, string? AreaCode, string? TeamCode, string Unit, decimal Target, decimal Tolerance, string Direction,
        DateOnly AsAt, decimal? Value, string Status);

    public sealed record SeriesPoint(DateOnly AsAt, decimal? Value, string Status);

    public sealed record StatusChangeResponse(DateOnly AsAt, decimal? Value, string PreviousStatus, string Status);

    public sealed record IndicatorDetailResponse(IndicatorResponse Indicator, IReadOnlyList<SeriesPoint> Series, IReadOnlyList<StatusChangeResponse> StatusChanges);

    private const double MinTarget = -100_000_000;
    private const double MaxTarget = 1_000_000_000;

    internal static async Task<Results<Created<IndicatorResponse>, ValidationProblem>> CreateIndicator(
        CreateIndicatorRequest request, InspectionsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var code = request.Code!.ToUpperInvariant();
        var areaCode = request.AreaCode?.ToUpperInvariant();
        var teamCode = request.TeamCode?.ToUpperInvariant();
        if (areaCode is not null && !await db.Areas.AnyAsync(a => a.Code == areaCode, cancellationToken))
        {
            validator.Add("areaCode", $"Area for improvement {areaCode} does not exist.");
        }
        if (teamCode is not null && !await IsKnownTeamAsync(db, teamCode, cancellationToken))
        {
            validator.Add("teamCode", $"Workforce has published no measure for team {teamCode} yet.");
        }
        if (await db.Indicators.AnyAsync(i => i.Code == code, cancellationToken)) validator.Add("code", $"Indicator {code} already exists.");
        if (!validator.IsValid) return validator.ToProblem();

        var indicator = new Indicator(code, request.Name!, request.Measure!, areaCode, teamCode, request.Target!.Value, request.Tolerance!.Value, request.Direction);
        var today = ApiRules.Today(time);
        indicator.Baseline(await MeasureValues.ValueAsync(db, indicator.Measure, indicator.TeamCode, today, cancellationToken));
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/indicators/{indicator.Code}", ToResponse(indicator, today, indicator.Value));
    }

    internal static async Task<Results<Ok<Page<IndicatorResponse>>, ValidationProblem>> ListIndicators(
        [AsParameters] PageRequest paging, [InspectionDate] DateOnly? asAt, string? areaCode, InspectionsDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var date = asAt ?? ApiRules.Today(time);

        var query = db.Indicators.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(areaCode))
        {
            var code = areaCode.ToUpperInvariant();
            query = query.Where(i => i.AreaCode == code);
        }
        var page = await paging.ApplyAsync(query.OrderBy(i => i.Code), cancellationToken);
        var items = new List<IndicatorResponse>();
        foreach (var indicator in page.Items) items.Add(await AsAtAsync(db, indicator, date, cancellationToken));
        return TypedResults.Ok(new Page<IndicatorResponse>(items, page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<IndicatorDetailResponse>, NotFound, ValidationProblem>> GetIndicator(
        string code, [InspectionDate] DateOnly? asAt, [InspectionDate] DateOnly? from, InspectionsDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var date = asAt ?? ApiRules.Today(time);
        var start = from ?? date.AddMonths(-12);
        // How 'from' relates to 'asAt' (which defaults to today) is checked here.
        var validator = new RequestValidator();
        validator.When(start > date, "from", "Must be on or before asAt.");
        validator.When(start < date.AddYears(-10), "from", "The series covers at most 10 years.");
        if (!validator.IsValid) return validator.ToProblem();

        var wanted = code.ToUpperInvariant();
        var indicator = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == wanted, cancellationToken);
        if (indicator is null) return TypedResults.NotFound();

        // Month ends from the month of 'from' up to asAt, then asAt itself.
        var dates = new List<DateOnly>();
        for (var month = new DateOnly(start.Year, start.Month, 1).AddMonths(1).AddDays(-1); month < date; month = month.AddDays(1).AddMonths(1).AddDays(-1))
        {
            dates.Add(month);
        }
        dates.Add(date);
        var values = await MeasureValues.SeriesAsync(db, indicator.Measure, indicator.TeamCode, dates, cancellationToken);
        var series = dates.Select((d, i) => new SeriesPoint(d, values[i], indicator.RagFor(values[i]))).ToList();
        var changes = await db.IndicatorStatusChanges.AsNoTracking().Where(c => c.IndicatorCode == wanted)
            .OrderBy(c => c.Id).Take(500)
            .Select(c => new StatusChangeResponse(c.AsAt, c.Value, c.PreviousStatus, c.Status)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new IndicatorDetailResponse(ToResponse(indicator, date, values[^1]), series, changes));
    }

    internal static Ok<List<Measure>> ListMeasures() => TypedResults.Ok(Measures.All.Values.OrderBy(m => m.Code, StringComparer.Ordinal).ToList());

    public sealed record MeasureValueResponse(string Measure, string? TeamCode, string Owner, string Unit, DateOnly AsAt, decimal? Value, decimal? Numerator,
        decimal? Denominator, DateOnly? Since);

    internal static async Task<Results<Ok<MeasureValueResponse>, NotFound, ValidationProblem>> GetMeasureValue(
        string measure, [InspectionDate] DateOnly? asAt, [MaxChars(40), Code] string? teamCode, InspectionsDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var date = asAt ?? ApiRules.Today(time);
        if (!Measures.All.TryGetValue(measure, out var known)) return TypedResults.NotFound();

        var team = string.IsNullOrWhiteSpace(teamCode) ? null : teamCode.ToUpperInvariant();
        var point = await MeasureValues.PointAsync(db, measure, team, date, cancellationToken);
        return TypedResults.Ok(new MeasureValueResponse(measure, team, known.Owner, known.Unit, date, point?.Value, point?.Numerator, point?.Denominator, point?.AsAt));
    }

    internal static async Task<IndicatorResponse> AsAtAsync(InspectionsDbContext db, Indicator indicator, DateOnly date, CancellationToken cancellationToken) =>
        ToResponse(indicator, date, await MeasureValues.ValueAsync(db, indicator.Measure, indicator.TeamCode, date, cancellationToken));

    private static IndicatorResponse ToResponse(Indicator indicator, DateOnly asAt, decimal? value) =>
        new(indicator.Code, indicator.Name, indicator.Measure, indicator.AreaCode, indicator.TeamCode, indicator.Unit, indicator.Target, indicator.Tolerance,
            indicator.Direction, asAt, value, indicator.RagFor(value));

    private static Task<bool> IsKnownTeamAsync(InspectionsDbContext db, string teamCode, CancellationToken cancellationToken) =>
        MeasureValues.IsKnownScopeAsync(db, teamCode, cancellationToken);
}
