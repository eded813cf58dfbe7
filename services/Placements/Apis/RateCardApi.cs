using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Placements.Application;
using Platform.Placements.Domain;
using Platform.Placements.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Placements.Apis;

/// <summary>Weekly rates by placement type and provider; a new placement's cost comes from here unless overridden.</summary>
public static class RateCardApi
{
    public static IEndpointRouteBuilder MapRateCardApi(this IEndpointRouteBuilder app)
    {
        var rates = app.MapGroup("/rate-card").WithTags("Rate card");
        rates.MapGet("/", List).WithSummary("List the rate card (seeded defaults plus changes)");
        rates.MapPut("/", Set).WithSummary("Set the weekly rate for a placement type, optionally for one provider")
            .WithDescription("Without placementProvider the rate is the placement type's default. Applies to placements started afterwards; "
                + "an open placement keeps its cost unless overridden.");
        return app;
    }

    /// <summary>A blank placementProvider is the placement type's default rate.</summary>
    public sealed record RateRequest(
        [property: RequiredField, PlacementCode(PlacementCodeList.PlacementType)] string? PlacementType,
        [property: PlacementCode(PlacementCodeList.PlacementProvider, BlankIsAbsent = true)] string? PlacementProvider,
        [property: RequiredField, WeeklyCost] decimal? WeeklyRate);

    public sealed record RateResponse(string PlacementType, string? PlacementProvider, decimal WeeklyRate);

    internal static async Task<Results<Ok<Page<RateResponse>>, ValidationProblem>> List(
        [AsParameters] PageRequest paging, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var page = await paging.ApplyAsync(db.RateCard.AsNoTracking().OrderBy(r => r.PlacementType).ThenBy(r => r.Provider), cancellationToken);
        return TypedResults.Ok(new Page<RateResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<RateResponse>, ValidationProblem>> Set(
        RateRequest request, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var provider = string.IsNullOrWhiteSpace(request.PlacementProvider) ? null : request.PlacementProvider;
        var key = provider ?? RateCardEntry.AnyProvider;
        var entry = await db.RateCard.FirstOrDefaultAsync(r => r.PlacementType == request.PlacementType && r.Provider == key, cancellationToken);
        if (entry is null)
        {
            entry = new RateCardEntry(request.PlacementType!, provider, request.WeeklyRate!.Value);
            db.RateCard.Add(entry);
        }
        else
        {
            entry.SetRate(request.WeeklyRate!.Value);
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(entry));
    }

    /// <summary>The weekly rate for a placement: the provider's own entry, else the placement type's default, else 0.</summary>
    internal static async Task<decimal> RateForAsync(PlacementsDbContext db, string placementType, string? provider, CancellationToken cancellationToken)
    {
        var key = provider ?? RateCardEntry.AnyProvider;
        var rates = await db.RateCard.AsNoTracking()
            .Where(r => r.PlacementType == placementType && (r.Provider == key || r.Provider == RateCardEntry.AnyProvider))
            .ToListAsync(cancellationToken);
        return (rates.FirstOrDefault(r => r.Provider == key) ?? rates.FirstOrDefault())?.WeeklyRate ?? 0m;
    }

    private static RateResponse ToResponse(RateCardEntry entry) =>
        new(entry.PlacementType, entry.Provider == RateCardEntry.AnyProvider ? null : entry.Provider, entry.WeeklyRate);
}
