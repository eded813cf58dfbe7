using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Placements.V1;
using Platform.Placements.Domain;
using Platform.Placements.Infrastructure;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Security;

namespace Platform.Placements.Apis;

/// <summary>Looked-after children (by pseudonymous 903 id only) and their placement episodes.</summary>
public static class ChildrenApi
{
    public static IEndpointRouteBuilder MapChildrenApi(this IEndpointRouteBuilder app)
    {
        var children = app.MapGroup("/children").WithTags("Children");
        children.MapPost("/", RegisterChild).WithSummary("Register a looked-after child by their pseudonymous 903 id");
        children.MapGet("/{childId}", GetChild).RequireAuthorization(PlatformRoles.ChildDataPolicy)
            .WithSummary("Get a child (platform admins and placements officers; audited)");
        children.MapPost("/{childId}/episodes", StartEpisode).WithSummary("Start a placement episode for a child")
            .WithDescription("RNE S starts a period of care (publishes ChildBecameLookedAfter and CarePopulationChanged). A continuation "
                + "(RNE L, P, T, B, U) closes the open episode with REC X1 on the new start date (publishes PlacementEnded with the reason "
                + "for the placement change). Gaps and overlaps are refused with the 903 rule number. The weekly cost comes from the rate "
                + "card unless weeklyCost overrides it. Publishes PlacementStarted.");
        children.MapGet("/{childId}/episodes", ListEpisodes).RequireAuthorization(PlatformRoles.ChildDataPolicy)
            .WithSummary("List a child's episodes, oldest first (platform admins and placements officers; audited)");
        children.MapPost("/{childId}/cease", Cease).WithSummary("End the child's period of care")
            .WithDescription("Ends the open episode with a reason episode ceased other than X1. Publishes PlacementEnded, EpisodeCeased and CarePopulationChanged.");
        children.MapPut("/{childId}/episodes/{episodeId:guid}/weekly-cost", OverrideWeeklyCost).WithSummary("Override an open placement's weekly cost")
            .WithDescription("Publishes PlacementChanged so Finance re-commits the cost from effectiveFrom.");
        return app;
    }

    public sealed record RegisterChildRequest(string? ChildId, string? Sex, DateOnly? DateOfBirth, string? Ethnicity, bool? IsUasc);

    public sealed record ChildResponse(string ChildId, string Sex, DateOnly DateOfBirth, string Ethnicity, bool IsUasc);

    /// <summary>A new episode; <c>reasonForPlacementChange</c> is recorded on the episode it closes.</summary>
    public sealed record StartEpisodeRequest(
        DateOnly? StartDate, string? ReasonForNewEpisode, string? LegalStatus, string? CategoryOfNeed,
        string? PlacementType, string? PlacementProvider, string? PostcodeDistrict, decimal? WeeklyCost,
        string? HomePostcodeDistrict = null, string? Urn = null, Guid? FosterCarerId = null, string? ReasonForPlacementChange = null);

    public sealed record CeaseRequest(DateOnly? EndDate, string? ReasonEpisodeCeased);

    public sealed record WeeklyCostRequest(decimal? WeeklyCost, DateOnly? EffectiveFrom);

    public sealed record EpisodeResponse(
        Guid Id, string ChildId, DateOnly StartDate, DateOnly? EndDate, string ReasonForNewEpisode, string LegalStatus,
        string CategoryOfNeed, string PlacementType, string? PlacementProvider, string? PostcodeDistrict, decimal WeeklyCost,
        string? HomePostcodeDistrict, string? Urn, Guid? FosterCarerId, bool IsCostOverride, string? ReasonEpisodeCeased,
        string? ReasonForPlacementChange);

    private static readonly DateOnly EarliestDate = new(2000, 4, 1);
    private static readonly DateOnly LatestDate = new(2100, 3, 31);
    private static readonly DateOnly EarliestDateOfBirth = new(1980, 1, 1);

    internal static async Task<Results<Created<ChildResponse>, ValidationProblem>> RegisterChild(
        RegisterChildRequest request, PlacementsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        if (validator.Required("childId", request.ChildId, Child.MaxChildIdLength))
        {
            validator.When(!Child.IsValidChildId(request.ChildId), "childId", $"Must be 1 to {Child.MaxChildIdLength} letters or digits.");
        }
        validator.OneOf("sex", request.Sex, Sorted(CodeLists.Sex));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        validator.DateRange("dateOfBirth", request.DateOfBirth, EarliestDateOfBirth, today);
        validator.OneOf("ethnicity", request.Ethnicity, Sorted(CodeLists.Ethnicity));
        validator.Required("isUasc", request.IsUasc);
        if (!validator.IsValid) return validator.ToProblem();

        var child = new Child(request.ChildId!, request.Sex!, request.DateOfBirth!.Value, request.Ethnicity!, request.IsUasc!.Value);
        if (await db.Children.AnyAsync(c => c.ChildId == child.ChildId, cancellationToken))
        {
            return new RequestValidator().Add("childId", $"Child {child.ChildId} is already registered.").ToProblem();
        }
        db.Children.Add(child);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/children/{child.ChildId}", ToResponse(child));
    }

    internal static async Task<Results<Ok<ChildResponse>, NotFound>> GetChild(string childId, HttpContext http, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Children.AsNoTracking().FirstOrDefaultAsync(c => c.ChildId == childId, cancellationToken) is not { } child) return TypedResults.NotFound();
        await DataAccessAudit.RecordAsync(db, http, nameof(Child), DataAccessAudit.Read, 1, [child.ChildId], cancellationToken);
        return TypedResults.Ok(ToResponse(child));
    }

    internal static async Task<Results<Created<EpisodeResponse>, NotFound, ValidationProblem>> StartEpisode(
        string childId, StartEpisodeRequest request, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.DateRange("startDate", request.StartDate, EarliestDate, LatestDate);
        validator.OneOf("reasonForNewEpisode", request.ReasonForNewEpisode, Sorted(CodeLists.ReasonForNewEpisode));
        validator.OneOf("legalStatus", request.LegalStatus, Sorted(CodeLists.LegalStatus));
        validator.OneOf("categoryOfNeed", request.CategoryOfNeed, Sorted(CodeLists.CategoryOfNeed));
        validator.OneOf("placementType", request.PlacementType, Sorted(CodeLists.PlacementType));
        var provider = Blank(request.PlacementProvider);
        validator.OneOf("placementProvider", provider, Sorted(CodeLists.PlacementProvider), required: false);
        if (request.PlacementType is { } placementType && CodeLists.PlacementType.Contains(placementType)
            && (provider is null || CodeLists.PlacementProvider.Contains(provider))
            && CodeLists.ProviderProblem(placementType, provider) is { } providerProblem)
        {
            validator.Add("placementProvider", providerProblem);
        }
        var postcodeDistrict = Blank(request.PostcodeDistrict)?.Trim().ToUpperInvariant();
        validator.When(postcodeDistrict is not null && !Episode.IsValidPostcodeDistrict(postcodeDistrict), "postcodeDistrict",
            "Must be the outward part of a postcode, e.g. ST4.");
        var homePostcodeDistrict = Blank(request.HomePostcodeDistrict)?.Trim().ToUpperInvariant();
        validator.When(homePostcodeDistrict is not null && !Episode.IsValidPostcodeDistrict(homePostcodeDistrict), "homePostcodeDistrict",
            "Must be the outward part of a postcode, e.g. ST4.");
        var urn = Blank(request.Urn)?.Trim().ToUpperInvariant();
        validator.When(urn is not null && !Episode.IsValidUrn(urn), "urn", Episode.UrnRule);
        var reasonForPlacementChange = Blank(request.ReasonForPlacementChange);
        validator.OneOf("reasonForPlacementChange", reasonForPlacementChange, Sorted(CodeLists.ReasonForPlacementChange), required: false);
        if (request.WeeklyCost is not null) validator.Range("weeklyCost", request.WeeklyCost, 0m, Episode.MaxWeeklyCost);
        if (!validator.IsValid) return validator.ToProblem();

        var child = await db.Children.AsNoTracking().FirstOrDefaultAsync(c => c.ChildId == childId, cancellationToken);
        if (child is null) return TypedResults.NotFound();
        var startDate = request.StartDate!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (request.FosterCarerId is { } carerId)
        {
            // Two placements into the same household at once must not both take its last place: lock it until commit.
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM foster_carers WHERE id = {carerId} FOR UPDATE", cancellationToken);
            var carer = await FosterCarersApi.LoadAsync(db, carerId, cancellationToken);
            if (carer is null) return validator.Add("fosterCarerId", $"Foster carer {carerId} does not exist.").ToProblem();
            // Throws 400 (not approved then, child's age outside the approval) or 409 (no place left without an exemption).
            carer.EnsureCanTake(startDate, Ssda903Rules.AgeOn(child.DateOfBirth, startDate),
                await FosterCarersApi.OccupancyAsync(db, carerId, startDate, child.ChildId, cancellationToken));
        }
        var weeklyCost = request.WeeklyCost ?? await RateCardApi.RateForAsync(db, request.PlacementType!, provider, cancellationToken);
        var latest = await db.Episodes
            .Where(e => e.ChildId == childId)
            .OrderByDescending(e => e.StartDate)
            .FirstOrDefaultAsync(cancellationToken);

        var details = new NewEpisode(startDate, request.ReasonForNewEpisode!, request.LegalStatus!, request.CategoryOfNeed!,
            request.PlacementType!, provider, postcodeDistrict, homePostcodeDistrict, urn, request.FosterCarerId);
        // Throws DomainRuleException (400 naming the field and the 903 rule) on a gap, an overlap or a bad combination of codes.
        var episode = child.StartEpisode(latest, Guid.CreateVersion7(), details, weeklyCost, isCostOverride: request.WeeklyCost is not null, reasonForPlacementChange);

        db.Episodes.Add(episode);
        var startsPeriod = episode.ReasonForNewEpisode == CodeLists.StartedToBeLookedAfter;
        await db.SaveChangesAsync(cancellationToken);
        if (startsPeriod)
        {
            db.AddIntegrationEvent(await CarePopulation.ChangedAsync(db, episode.StartDate, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/children/{child.ChildId}/episodes/{episode.Id}", ToResponse(episode));
    }

    internal static async Task<Results<Ok<EpisodeResponse>, NotFound, ValidationProblem>> Cease(
        string childId, CeaseRequest request, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.DateRange("endDate", request.EndDate, EarliestDate, LatestDate);
        validator.OneOf("reasonEpisodeCeased", request.ReasonEpisodeCeased, Sorted(CodeLists.ReasonEpisodeCeased));
        if (!validator.IsValid) return validator.ToProblem();

        var child = await db.Children.AsNoTracking().FirstOrDefaultAsync(c => c.ChildId == childId, cancellationToken);
        if (child is null) return TypedResults.NotFound();
        var latest = await db.Episodes.Where(e => e.ChildId == childId).OrderByDescending(e => e.StartDate).FirstOrDefaultAsync(cancellationToken);
        child.Cease(latest, request.EndDate!.Value, request.ReasonEpisodeCeased!);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Child.Cease refused a child with no episode, so there is one.
        var ended = latest!;
        await db.SaveChangesAsync(cancellationToken);
        db.AddIntegrationEvent(await CarePopulation.ChangedAsync(db, ended.EndDate!.Value, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(ended));
    }

    internal static async Task<Results<Ok<EpisodeResponse>, NotFound, ValidationProblem>> OverrideWeeklyCost(
        string childId, Guid episodeId, WeeklyCostRequest request, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Range("weeklyCost", request.WeeklyCost, 0m, Episode.MaxWeeklyCost);
        validator.DateRange("effectiveFrom", request.EffectiveFrom, EarliestDate, LatestDate);
        if (!validator.IsValid) return validator.ToProblem();

        var episode = await db.Episodes.FirstOrDefaultAsync(e => e.Id == episodeId && e.ChildId == childId, cancellationToken);
        if (episode is null) return TypedResults.NotFound();
        episode.OverrideWeeklyCost(request.WeeklyCost!.Value, request.EffectiveFrom!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(episode));
    }

    internal static async Task<Results<Ok<Page<EpisodeResponse>>, NotFound, ValidationProblem>> ListEpisodes(
        string childId, [AsParameters] PageRequest paging, HttpContext http, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        paging.Validate(validator);
        if (!validator.IsValid) return validator.ToProblem();

        if (!await db.Children.AnyAsync(c => c.ChildId == childId, cancellationToken)) return TypedResults.NotFound();
        await DataAccessAudit.RecordAsync(db, http, nameof(Child), DataAccessAudit.Read, 1, [childId], cancellationToken);
        var page = await paging.ApplyAsync(
            db.Episodes.AsNoTracking().Where(e => e.ChildId == childId).OrderBy(e => e.StartDate),
            cancellationToken);
        return TypedResults.Ok(new Page<EpisodeResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string[] Sorted(IReadOnlySet<string> codes) => codes.Order(StringComparer.Ordinal).ToArray();

    private static ChildResponse ToResponse(Child child) => new(child.ChildId, child.Sex, child.DateOfBirth, child.Ethnicity, child.IsUasc);

    private static EpisodeResponse ToResponse(Episode episode) =>
        new(episode.Id, episode.ChildId, episode.StartDate, episode.EndDate, episode.ReasonForNewEpisode, episode.LegalStatus,
            episode.CategoryOfNeed, episode.PlacementType, episode.PlacementProvider, episode.PostcodeDistrict, episode.WeeklyCost,
            episode.HomePostcodeDistrict, episode.Urn, episode.FosterCarerId, episode.IsCostOverride, episode.ReasonEpisodeCeased,
            episode.ReasonForPlacementChange);
}
