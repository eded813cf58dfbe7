using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Placements.Domain;
using Platform.Placements.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Placements.Apis;

/// <summary>Looked-after children (by pseudonymous 903 id only) and their placement episodes.</summary>
public static class ChildrenApi
{
    public static IEndpointRouteBuilder MapChildrenApi(this IEndpointRouteBuilder app)
    {
        var children = app.MapGroup("/children").WithTags("Children");
        children.MapPost("/", RegisterChild).WithSummary("Register a looked-after child by their pseudonymous 903 id");
        children.MapGet("/{childId}", GetChild).WithSummary("Get a child");
        children.MapPost("/{childId}/episodes", StartEpisode).WithSummary("Start a placement episode for a child")
            .WithDescription("Closes the child's previous episode on the new start date and publishes PlacementStarted.");
        children.MapGet("/{childId}/episodes", ListEpisodes).WithSummary("List a child's episodes, oldest first");
        return app;
    }

    public sealed record RegisterChildRequest(string? ChildId, string? Sex, DateOnly? DateOfBirth, string? Ethnicity, bool? IsUasc);

    public sealed record ChildResponse(string ChildId, string Sex, DateOnly DateOfBirth, string Ethnicity, bool IsUasc);

    public sealed record StartEpisodeRequest(
        DateOnly? StartDate, string? ReasonForNewEpisode, string? LegalStatus, string? CategoryOfNeed,
        string? PlacementType, string? PlacementProvider, string? PostcodeDistrict, decimal? WeeklyCost);

    public sealed record EpisodeResponse(
        Guid Id, string ChildId, DateOnly StartDate, DateOnly? EndDate, string ReasonForNewEpisode, string LegalStatus,
        string CategoryOfNeed, string PlacementType, string? PlacementProvider, string? PostcodeDistrict, decimal WeeklyCost);

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

    internal static async Task<Results<Ok<ChildResponse>, NotFound>> GetChild(string childId, PlacementsDbContext db, CancellationToken cancellationToken) =>
        await db.Children.AsNoTracking().FirstOrDefaultAsync(c => c.ChildId == childId, cancellationToken) is { } child
            ? TypedResults.Ok(ToResponse(child))
            : TypedResults.NotFound();

    internal static async Task<Results<Created<EpisodeResponse>, NotFound, ValidationProblem>> StartEpisode(
        string childId, StartEpisodeRequest request, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.DateRange("startDate", request.StartDate, EarliestDate, LatestDate);
        validator.OneOf("reasonForNewEpisode", request.ReasonForNewEpisode, Sorted(CodeLists.ReasonForNewEpisode));
        validator.OneOf("legalStatus", request.LegalStatus, Sorted(CodeLists.LegalStatus));
        validator.OneOf("categoryOfNeed", request.CategoryOfNeed, Sorted(CodeLists.CategoryOfNeed));
        validator.OneOf("placementType", request.PlacementType, Sorted(CodeLists.PlacementType));
        var provider = string.IsNullOrWhiteSpace(request.PlacementProvider) ? null : request.PlacementProvider;
        validator.OneOf("placementProvider", provider, Sorted(CodeLists.PlacementProvider), required: false);
        if (request.PlacementType is { } placementType && CodeLists.PlacementType.Contains(placementType)
            && (provider is null || CodeLists.PlacementProvider.Contains(provider))
            && CodeLists.ProviderProblem(placementType, provider) is { } providerProblem)
        {
            validator.Add("placementProvider", providerProblem);
        }
        var postcodeDistrict = string.IsNullOrWhiteSpace(request.PostcodeDistrict) ? null : request.PostcodeDistrict.Trim().ToUpperInvariant();
        validator.When(postcodeDistrict is not null && !Episode.IsValidPostcodeDistrict(postcodeDistrict), "postcodeDistrict",
            "Must be the outward part of a postcode, e.g. ST4.");
        validator.Range("weeklyCost", request.WeeklyCost, 0m, Episode.MaxWeeklyCost);
        if (!validator.IsValid) return validator.ToProblem();

        var child = await db.Children.AsNoTracking().FirstOrDefaultAsync(c => c.ChildId == childId, cancellationToken);
        if (child is null) return TypedResults.NotFound();
        var latest = await db.Episodes
            .Where(e => e.ChildId == childId)
            .OrderByDescending(e => e.StartDate)
            .FirstOrDefaultAsync(cancellationToken);

        // Throws DomainRuleException (400 naming the field) on a start date out of order or a first episode without RNE S.
        var episode = child.StartEpisode(latest, Guid.CreateVersion7(), request.StartDate!.Value, request.ReasonForNewEpisode!,
            request.LegalStatus!, request.CategoryOfNeed!, request.PlacementType!, provider, postcodeDistrict, request.WeeklyCost!.Value);
        db.Episodes.Add(episode);
        db.AddIntegrationEvent(episode.ToStartedEvent());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/children/{child.ChildId}/episodes/{episode.Id}", ToResponse(episode));
    }

    internal static async Task<Results<Ok<Page<EpisodeResponse>>, NotFound, ValidationProblem>> ListEpisodes(
        string childId, [AsParameters] PageRequest paging, PlacementsDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        paging.Validate(validator);
        if (!validator.IsValid) return validator.ToProblem();

        if (!await db.Children.AnyAsync(c => c.ChildId == childId, cancellationToken)) return TypedResults.NotFound();
        var page = await paging.ApplyAsync(
            db.Episodes.AsNoTracking().Where(e => e.ChildId == childId).OrderBy(e => e.StartDate),
            cancellationToken);
        return TypedResults.Ok(new Page<EpisodeResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    private static string[] Sorted(IReadOnlySet<string> codes) => codes.Order(StringComparer.Ordinal).ToArray();

    private static ChildResponse ToResponse(Child child) => new(child.ChildId, child.Sex, child.DateOfBirth, child.Ethnicity, child.IsUasc);

    private static EpisodeResponse ToResponse(Episode episode) =>
        new(episode.Id, episode.ChildId, episode.StartDate, episode.EndDate, episode.ReasonForNewEpisode, episode.LegalStatus,
            episode.CategoryOfNeed, episode.PlacementType, episode.PlacementProvider, episode.PostcodeDistrict, episode.WeeklyCost);
}
