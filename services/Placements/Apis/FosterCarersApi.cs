using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Placements.Application;
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

    public sealed record ApproveRequest(
        [property: RequiredField, HouseholdReference] string? HouseholdReference,
        [property: RequiredField, PlacementDate] DateOnly? ApprovedOn,
        [property: RequiredField, Between(1, FosterCarer.MaxApprovedPlaces)] int? ApprovedPlaces,
        [property: RequiredField, Between(0, FosterCarer.MaxAge)] int? AgeFrom,
        [property: RequiredField, Between(0, FosterCarer.MaxAge)] int? AgeTo,
        [property: RequiredField] bool? IsInHouse) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (AgeTo < AgeFrom) yield return new ValidationResult("Must not be below ageFrom.", ["ageTo"]);
        }
    }

    public sealed record ExemptionRequest(
        [property: RequiredField, PlacementDate] DateOnly? From,
        [property: PlacementDate] DateOnly? To,
        [property: RequiredField, Between(1, FosterCarer.MaxApprovedPlaces)] int? AdditionalPlaces);

    public sealed record SupportVisitRequest([property: RequiredField, PlacementDate] DateOnly? VisitedOn);

    public sealed record DeregisterRequest(
        [property: RequiredField, PlacementDate] DateOnly? DeregisteredOn,
        [property: RequiredField, PlacementCode(PlacementCodeList.DeregistrationReason)] string? Reason);

    public sealed record FosterCarerResponse(
        Guid Id, string HouseholdReference, DateOnly ApprovedOn, int ApprovedPlaces, int AgeFrom, int AgeTo, bool IsInHouse,
        DateOnly? DeregisteredOn, string? DeregistrationReason, DateOnly AsAt, int Capacity, int Occupancy, int SupportVisits,
        DateOnly? LastSupportVisit);

    internal static async Task<Results<Created<FosterCarerResponse>, ValidationProblem>> Approve(
        ApproveRequest request, PlacementsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reference = request.HouseholdReference!.Trim().ToUpperInvariant();
        if (await db.FosterCarers.AnyAsync(c => c.HouseholdReference == reference, cancellationToken))
        {
            return new RequestValidator().Add("householdReference", $"Household {reference} is already approved.").ToProblem();
        }

        var carer = new FosterCarer(Guid.CreateVersion7(), reference, request.ApprovedOn!.Value, request.ApprovedPlaces!.Value,
            request.AgeFrom!.Value, request.AgeTo!.Value, request.IsInHouse!.Value);
        db.FosterCarers.Add(carer);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/foster-carers/{carer.Id}", await ToResponseAsync(db, carer, Today(clock), cancellationToken));
    }

    internal static async Task<Results<Ok<Page<FosterCarerResponse>>, ValidationProblem>> List(
        [AsParameters] PageRequest paging, [PlacementDate] DateOnly? asAt, PlacementsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var date = asAt ?? Today(clock);
        var page = await paging.ApplyAsync(
            db.FosterCarers.AsNoTracking().Include(c => c.Exemptions).Include(c => c.SupportVisits).AsSplitQuery().OrderBy(c => c.HouseholdReference),
            cancellationToken);
        var items = new List<FosterCarerResponse>();
        foreach (var carer in page.Items) items.Add(await ToResponseAsync(db, carer, date, cancellationToken));
        return TypedResults.Ok(new Page<FosterCarerResponse>(items, page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<FosterCarerResponse>, NotFound, ValidationProblem>> Get(
        Guid id, [PlacementDate] DateOnly? asAt, PlacementsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var carer = await LoadAsync(db, id, cancellationToken);
        return carer is null ? TypedResults.NotFound() : TypedResults.Ok(await ToResponseAsync(db, carer, asAt ?? Today(clock), cancellationToken));
    }

    internal static async Task<Results<Created<FosterCarerResponse>, NotFound, ValidationProblem>> RecordExemption(
        Guid id, ExemptionRequest request, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var carer = await LoadAsync(db, id, cancellationToken, tracked: true);
        if (carer is null) return TypedResults.NotFound();
        db.Add(carer.RecordExemption(Guid.CreateVersion7(), request.From!.Value, request.To, request.AdditionalPlaces!.Value));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/foster-carers/{carer.Id}", await ToResponseAsync(db, carer, request.From!.Value, cancellationToken));
    }

    internal static async Task<Results<Created<FosterCarerResponse>, NotFound, ValidationProblem>> RecordSupportVisit(
        Guid id, SupportVisitRequest request, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var carer = await LoadAsync(db, id, cancellationToken, tracked: true);
        if (carer is null) return TypedResults.NotFound();
        db.Add(carer.RecordSupportVisit(Guid.CreateVersion7(), request.VisitedOn!.Value));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/foster-carers/{carer.Id}", await ToResponseAsync(db, carer, request.VisitedOn!.Value, cancellationToken));
    }

    internal static async Task<Results<Ok<FosterCarerResponse>, NotFound, ValidationProblem>> Deregister(
        Guid id, DeregisterRequest request, PlacementsDbContext db, CancellationToken cancellationToken)
    {
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
