using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using Platform.Contracts.Placements.V1;
using Platform.Placements.Application;
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

    /// <summary>The date of birth is also refused when after today (one rule that needs the clock, in the handler).</summary>
    public sealed record RegisterChildRequest(
        [property: RequiredField, ChildId] string? ChildId,
        [property: RequiredField, PlacementCode(PlacementCodeList.Sex)] string? Sex,
        [property: RequiredField] DateOnly? DateOfBirth,
        [property: RequiredField, PlacementCode(PlacementCodeList.Ethnicity)] string? Ethnicity,
        [property: RequiredField] bool? IsUasc);

    public sealed record ChildResponse(string ChildId, string Sex, DateOnly DateOfBirth, string Ethnicity, bool IsUasc);

    /// <summary>A new episode; <c>reasonForPlacementChange</c> is recorded on the episode it closes.</summary>
    public sealed record StartEpisodeRequest(
        [property: RequiredField, PlacementDate] DateOnly? StartDate,
        [property: RequiredField, PlacementCode(PlacementCodeList.ReasonForNewEpisode)] string? ReasonForNewEpisode,
        [property: RequiredField, PlacementCode(PlacementCodeList.LegalStatus)] string? LegalStatus,
        [property: RequiredField, PlacementCode(PlacementCodeList.CategoryOfNeed)] string? CategoryOfNeed,
        [property: RequiredField, PlacementCode(PlacementCodeList.PlacementType)] string? PlacementType,
        [property: PlacementCode(PlacementCodeList.PlacementProvider, BlankIsAbsent = true)] string? PlacementProvider,
        [property: PostcodeDistrict] string? PostcodeDistrict,
        [property: WeeklyCost] decimal? WeeklyCost,
        [property: PostcodeDistrict] string? HomePostcodeDistrict = null,
        [property: Urn] string? Urn = null,
        Guid? FosterCarerId = null,
        [property: PlacementCode(PlacementCodeList.ReasonForPlacementChange, BlankIsAbsent = true)] string? ReasonForPlacementChange = null) : IValidatableObject
    {
        /// <summary>The provider a placement type takes (checked once both codes are valid).</summary>
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (CodeLists.ProviderProblem(PlacementType!, Blank(PlacementProvider)) is { } problem) yield return new ValidationResult(problem, ["placementProvider"]);
        }
    }

    public sealed record CeaseRequest(
        [property: RequiredField, PlacementDate] DateOnly? EndDate,
        [property: RequiredField, PlacementCode(PlacementCodeList.ReasonEpisodeCeased)] string? ReasonEpisodeCeased);

    public sealed record WeeklyCostRequest(
        [property: RequiredField, WeeklyCost] decimal? WeeklyCost,
        [property: RequiredField, PlacementDate] DateOnly? EffectiveFrom);

    public sealed record EpisodeResponse(
        Guid Id, string ChildId, DateOnly StartDate, DateOnly? EndDate, string ReasonForNewEpisode, string LegalStatus,
        string CategoryOfNeed, string PlacementType, string? PlacementProvider, string? PostcodeDistrict, decimal WeeklyCost,
        string? HomePostcodeDistrict, string? Urn, Guid? FosterCarerId, bool IsCostOverride, string? ReasonEpisodeCeased,
        string? ReasonForPlacementChange);

    private static readonly DateOnly EarliestDateOfBirth = new(1980, 1, 1);

    internal static async Task<Results<Created<ChildResponse>, ValidationProblem>> RegisterChild(
        RegisterChildRequest request, PlacementsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (request.DateOfBirth < EarliestDateOfBirth || request.DateOfBirth > today)
        {
            return new RequestValidator().Add("dateOfBirth", $"Must be between {EarliestDateOfBirth:yyyy-MM-dd} and {today:yyyy-MM-dd}.").ToProblem();
        }

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
        var provider = Blank(request.PlacementProvider);
        var postcodeDistrict = Blank(request.PostcodeDistrict)?.Trim().ToUpperInvariant();
        var homePostcodeDistrict = Blank(request.HomePostcodeDistrict)?.Trim().ToUpperInvariant();
        var urn = Blank(request.Urn)?.Trim().ToUpperInvariant();
        var reasonForPlacementChange = Blank(request.ReasonForPlacementChange);

        var child = await db.Children.AsNoTracking().FirstOrDefaultAsync(c => c.ChildId == childId, cancellationToken);
        if (child is null) return TypedResults.NotFound();
        var startDate = request.StartDate!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (request.FosterCarerId is { } carerId)
        {
            // Two placements into the same household at once must not both take its last place: lock it until commit.
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM foster_carers WHERE id = {carerId} FOR UPDATE", cancellationToken);
            var carer = await FosterCarersApi.LoadAsync(db, carerId, cancellationToken);
            if (carer is null) return new RequestValidator().Add("fosterCarerId", $"Foster carer {carerId} does not exist.").ToProblem();
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
        var episode = await db.Episodes.FirstOrDefaultAsync(e => e.Id == episodeId && e.ChildId == childId, cancellationToken);
        if (episode is null) return TypedResults.NotFound();
        episode.OverrideWeeklyCost(request.WeeklyCost!.Value, request.EffectiveFrom!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(episode));
    }

    internal static async Task<Results<Ok<Page<EpisodeResponse>>, NotFound, ValidationProblem>> ListEpisodes(
        string childId, [AsParameters] PageRequest paging, HttpContext http, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Children.AnyAsync(c => c.ChildId == childId, cancellationToken)) return TypedResults.NotFound();
        await DataAccessAudit.RecordAsync(db, http, nameof(Child), DataAccessAudit.Read, 1, [childId], cancellationToken);
        var page = await paging.ApplyAsync(
            db.Episodes.AsNoTracking().Where(e => e.ChildId == childId).OrderBy(e => e.StartDate),
            cancellationToken);
        return TypedResults.Ok(new Page<EpisodeResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static ChildResponse ToResponse(Child child) => new(child.ChildId, child.Sex, child.DateOfBirth, child.Ethnicity, child.IsUasc);

    private static EpisodeResponse ToResponse(Episode episode) =>
        new(episode.Id, episode.ChildId, episode.StartDate, episode.EndDate, episode.ReasonForNewEpisode, episode.LegalStatus,
            episode.CategoryOfNeed, episode.PlacementType, episode.PlacementProvider, episode.PostcodeDistrict, episode.WeeklyCost,
            episode.HomePostcodeDistrict, episode.Urn, episode.FosterCarerId, episode.IsCostOverride, episode.ReasonEpisodeCeased,
            episode.ReasonForPlacementChange);
}
