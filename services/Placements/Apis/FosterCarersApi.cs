using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Placements.Domain;
using Platform.Placements.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Placements.Apis;

/// <summary>Foster carer households (by reference only): approval, capacity and occupancy, support visits, de-registration.</summary>
public static class FosterCarersApi
{
    public static IEndpointRouteBuilder MapFosterCarersApi(this IEndpointRouteBuilder app)
    {
        var carers = app.MapGroup("/foster-carers").WithTags("Foster carers");
        carers.MapPost("/", Approve).WithSummary("Approve a foster carer household")
            .WithDescription("Approval date, number of children, age range, in-house or independent agency. Publishes FosterCarerApproved.");
        carers.MapGet("/", List).WithSummary("List foster carer households with capacity and occupancy on a date (default today)");
        carers.MapGet("/{id:guid}", Get).WithSummary("Get a household with capacity and occupancy on a date (default today)");
        carers.MapPost("/{id:guid}/exemptions", RecordExemption).WithSummary("Record an exemption from the approved number of children")
            .WithDescription("Adds places for a period; a placement above capacity is refused unless an exemption covers it.");
        carers.MapPost("/{id:guid}/support-visits", RecordSupportVisit).WithSummary("Record a support visit to the household");
        carers.MapPost("/{id:guid}/deregister", Deregister).WithSummary("De-register the household")
            .WithDescription("Refused while children are placed with it. Publishes FosterCarerDeregistered.");
        return app;
    }

    public sealed record ApproveRequest(string? HouseholdReference, DateOnly? ApprovedOn, int? ApprovedPlaces, int? AgeFrom, int? AgeTo, bool? IsInHouse);

    public sealed record ExemptionRequest(DateOnly? From, DateOnly? To, int? AdditionalPlaces);

    public sealed record SupportVisitRequest(DateOnly? VisitedOn);

    public sealed record DeregisterRequest(DateOnly? DeregisteredOn, string? Reason);

    public sealed record FosterCarerResponse(
        Guid Id, string HouseholdReference, DateOnly ApprovedOn, int ApprovedPlaces, int AgeFrom, int AgeTo, bool IsInHouse,
        DateOnly? DeregisteredOn, string? DeregistrationReason, DateOnly AsAt, int Capacity, int Occupancy, int SupportVisits,
        DateOnly? LastSupportVisit);

    private static readonly DateOnly EarliestDate = new(2000, 4, 1);
    private static readonly DateOnly LatestDate = new(2100, 3, 31);

    internal static async Task<Results<Created<FosterCarerResponse>, ValidationProblem>> Approve(
        ApproveRequest request, PlacementsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var reference = request.HouseholdReference?.Trim().ToUpperInvariant();
        if (validator.Required("householdReference", reference, FosterCarer.MaxReferenceLength))
        {
            validator.When(!FosterCarer.IsValidReference(reference), "householdReference", FosterCarer.ReferenceRule);
        }
        validator.DateRange("approvedOn", request.ApprovedOn, EarliestDate, LatestDate);
        validator.Range("approvedPlaces", request.ApprovedPlaces, 1, FosterCarer.MaxApprovedPlaces);
        validator.Range("ageFrom", request.AgeFrom, 0, FosterCarer.MaxAge);
        validator.Range("ageTo", request.AgeTo, 0, FosterCarer.MaxAge);
        validator.When(request.AgeFrom is { } from && request.AgeTo is { } to && to < from, "ageTo", "Must not be below ageFrom.");
        validator.Required("isInHouse", request.IsInHouse);
        if (!validator.IsValid) return validator.ToProblem();
        if (await db.FosterCarers.AnyAsync(c => c.HouseholdReference == reference, cancellationToken))
        {
            return validator.Add("householdReference", $"Household {reference} is already approved.").ToProblem();
        }

        var carer = new FosterCarer(Guid.CreateVersion7(), reference!, request.ApprovedOn!.Value, request.ApprovedPlaces!.Value,
            request.AgeFrom!.Value, request.AgeTo!.Value, request.IsInHouse!.Value);
        db.FosterCarers.Add(carer);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/foster-carers/{carer.Id}", await ToResponseAsync(db, carer, Today(clock), cancellationToken));
    }

    internal static async Task<Results<Ok<Page<FosterCarerResponse>>, ValidationProblem>> List(
        [AsParameters] PageRequest paging, DateOnly? asAt, PlacementsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        paging.Validate(validator);
        if (asAt is not null) validator.DateRange("asAt", asAt, EarliestDate, LatestDate);
        if (!validator.IsValid) return validator.ToProblem();

        var date = asAt ?? Today(clock);
        var page = await paging.ApplyAsync(
            db.FosterCarers.AsNoTracking().Include(c => c.Exemptions).Include(c => c.SupportVisits).AsSplitQuery().OrderBy(c => c.HouseholdReference),
            cancellationToken);
        var items = new List<FosterCarerResponse>();
        foreach (var carer in page.Items) items.Add(await ToResponseAsync(db, carer, date, cancellationToken));
        return TypedResults.Ok(new Page<FosterCarerResponse>(items, page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<FosterCarerResponse>, NotFound, ValidationProblem>> Get(
        Guid id, DateOnly? asAt, PlacementsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        if (asAt is not null) validator.DateRange("asAt", asAt, EarliestDate, LatestDate);
        if (!validator.IsValid) return validator.ToProblem();
        var carer = await LoadAsync(db, id, cancellationToken);
        return carer is null ? TypedResults.NotFound() : TypedResults.Ok(await ToResponseAsync(db, carer, asAt ?? Today(clock), cancellationToken));
    }

    internal static async Task<Results<Created<FosterCarerResponse>, NotFound, ValidationProblem>> RecordExemption(
        Guid id, ExemptionRequest request, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.DateRange("from", request.From, EarliestDate, LatestDate);
        if (request.To is not null) validator.DateRange("to", request.To, EarliestDate, LatestDate);
        validator.Range("additionalPlaces", request.AdditionalPlaces, 1, FosterCarer.MaxApprovedPlaces);
        if (!validator.IsValid) return validator.ToProblem();

        var carer = await LoadAsync(db, id, cancellationToken, tracked: true);
        if (carer is null) return TypedResults.NotFound();
        db.Add(carer.RecordExemption(Guid.CreateVersion7(), request.From!.Value, request.To, request.AdditionalPlaces!.Value));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/foster-carers/{carer.Id}", await ToResponseAsync(db, carer, request.From!.Value, cancellationToken));
    }

    internal static async Task<Results<Created<FosterCarerResponse>, NotFound, ValidationProblem>> RecordSupportVisit(
        Guid id, SupportVisitRequest request, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.DateRange("visitedOn", request.VisitedOn, EarliestDate, LatestDate);
        if (!validator.IsValid) return validator.ToProblem();

        var carer = await LoadAsync(db, id, cancellationToken, tracked: true);
        if (carer is null) return TypedResults.NotFound();
        db.Add(carer.RecordSupportVisit(Guid.CreateVersion7(), request.VisitedOn!.Value));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/foster-carers/{carer.Id}", await ToResponseAsync(db, carer, request.VisitedOn!.Value, cancellationToken));
    }

    internal static async Task<Results<Ok<FosterCarerResponse>, NotFound, ValidationProblem>> Deregister(
        Guid id, DeregisterRequest request, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.DateRange("deregisteredOn", request.DeregisteredOn, EarliestDate, LatestDate);
        validator.OneOf("reason", request.Reason, FosterCarer.DeregistrationReasons.ToArray());
        if (!validator.IsValid) return validator.ToProblem();

        var carer = await LoadAsync(db, id, cancellationToken, tracked: true);
        if (carer is null) return TypedResults.NotFound();
        var date = request.DeregisteredOn!.Value;
        var placed = await db.Episodes.CountAsync(e => e.FosterCarerId == id && (e.EndDate == null || e.EndDate > date), cancellationToken);
        carer.Deregister(date, request.Reason!, placed);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ToResponseAsync(db, carer, date, cancellationToken));
    }

    /// <summary>Children placed with the household on <paramref name="date"/>, other than <paramref name="exceptChild"/>.</summary>
    internal static Task<int> OccupancyAsync(PlacementsDbContext db, Guid carerId, DateOnly date, string? exceptChild, CancellationToken cancellationToken) =>
        db.Episodes.CountAsync(e => e.FosterCarerId == carerId && e.StartDate <= date && (e.EndDate == null || e.EndDate > date)
            && (exceptChild == null || e.ChildId != exceptChild), cancellationToken);

    internal static Task<FosterCarer?> LoadAsync(PlacementsDbContext db, Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = db.FosterCarers.Include(c => c.Exemptions).Include(c => c.SupportVisits).AsSplitQuery();
        return (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    private static async Task<FosterCarerResponse> ToResponseAsync(PlacementsDbContext db, FosterCarer carer, DateOnly asAt, CancellationToken cancellationToken)
    {
        var occupancy = await OccupancyAsync(db, carer.Id, asAt, null, cancellationToken);
        var visits = carer.SupportVisits.Where(v => v.VisitedOn <= asAt).ToList();
        return new FosterCarerResponse(carer.Id, carer.HouseholdReference, carer.ApprovedOn, carer.ApprovedPlaces, carer.AgeFrom, carer.AgeTo,
            carer.IsInHouse, carer.DeregisteredOn, carer.DeregistrationReason, asAt, carer.CapacityOn(asAt), occupancy, visits.Count,
            visits.Count == 0 ? null : visits.Max(v => v.VisitedOn));
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
