using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Domain;
using System.ComponentModel.DataAnnotations;
using Platform.ServiceDefaults.Http;
using Platform.Workforce.Application;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.Apis;

/// <summary>Teams, posts and vacancies: the establishment.</summary>
public static class EstablishmentApi
{
    public static IEndpointRouteBuilder MapEstablishmentApi(this IEndpointRouteBuilder app)
    {
        var teams = app.MapGroup("/teams").WithTags("Teams");
        teams.MapPost("/", CreateTeam).WithSummary("Add a team to the establishment");
        teams.MapGet("/", ListTeams).WithSummary("List teams");
        teams.MapGet("/{code}", GetTeam).WithSummary("Get a team");

        var posts = app.MapGroup("/posts").WithTags("Posts");
        posts.MapPost("/", CreatePost).WithSummary("Create a funded post").WithDescription("Publishes PostCreated; Finance commits its cost.");
        posts.MapGet("/", ListPosts).WithSummary("List posts, optionally by team and status");
        posts.MapGet("/{id:guid}", GetPost).WithSummary("Get a post, as it is now or as it was on a date (asAt)");
        posts.MapGet("/{id:guid}/history", GetPostHistory).WithSummary("Every version of a post, oldest first");
        posts.MapPost("/{id:guid}/changes", ChangePost).WithSummary("Change a post's team, grade, FTE, cost or budget line from a date")
            .WithDescription("Publishes PostChanged; Finance re-computes the commitment from that date.");
        posts.MapPost("/{id:guid}/freeze", FreezePost).WithSummary("Freeze a funded, empty post from a date").WithDescription("Publishes PostChanged.");
        posts.MapPost("/{id:guid}/unfreeze", UnfreezePost).WithSummary("Return a frozen post to funded from a date").WithDescription("Publishes PostChanged.");
        posts.MapPost("/{id:guid}/delete", DeletePost).WithSummary("Delete an empty post from a date")
            .WithDescription("A filled post is refused: its occupant needs a redundancy or redeployment outcome through a restructure first. Publishes PostDeleted.");
        posts.MapPost("/{id:guid}/vacancies", OpenVacancy).WithSummary("Open a vacancy on a funded post").WithDescription("Publishes VacancyOpened.");

        var vacancies = app.MapGroup("/vacancies").WithTags("Vacancies");
        vacancies.MapGet("/{id:guid}", GetVacancy).WithSummary("Get a vacancy");
        vacancies.MapGet("/", ListVacancies).WithSummary("List vacancies, optionally by status");
        vacancies.MapPost("/{id:guid}/advertise", AdvertiseVacancy).WithSummary("Record that an open vacancy was advertised");
        vacancies.MapPost("/{id:guid}/withdraw", WithdrawVacancy).WithSummary("Withdraw an open vacancy unfilled; the post returns to funded").WithDescription("Publishes VacancyWithdrawn and PostChanged.");
        vacancies.MapPost("/{id:guid}/fill", FillVacancy).WithSummary("Fill an open vacancy").WithDescription("Publishes VacancyFilled with the time to fill.");
        return app;
    }

    public sealed record CreateTeamRequest(
        [property: RequiredField, MaxChars(40)] string? Code,
        [property: RequiredField, MaxChars(200)] string? Name,
        [property: RequiredField, MaxChars(200)] string? Directorate);

    public sealed record TeamResponse(string Code, string Name, string Directorate);

    public sealed record CreatePostRequest(
        [property: RequiredField, MaxChars(40)] string? TeamCode,
        [property: RequiredField, JobRole] string? JobRole,
        [property: RequiredField, MaxChars(20)] string? Grade,
        [property: RequiredField, Fte] decimal? Fte,
        [property: RequiredField, Cost] decimal? AnnualCost,
        [property: RequiredField, BudgetLineCode] string? BudgetLineCode,
        [property: RequiredField, BusinessDate] DateOnly? EffectiveFrom);

    public sealed record PostResponse(Guid Id, string TeamCode, string JobRole, string Grade, decimal Fte, decimal AnnualCost, string BudgetLineCode, DateOnly EffectiveFrom, PostStatus Status);

    public sealed record OpenVacancyRequest([property: RequiredField, BusinessDate] DateOnly? OpenedOn);

    public sealed record FillVacancyRequest([property: RequiredField, BusinessDate] DateOnly? FilledOn);

    public sealed record VacancyResponse(Guid Id, Guid PostId, DateOnly OpenedOn, DateOnly? AdvertisedOn, DateOnly? FilledOn, DateOnly? WithdrawnOn, VacancyStatus Status, int? DaysToFill);

    public sealed record ChangePostRequest(
        [property: RequiredField, BusinessDate] DateOnly? EffectiveFrom,
        [property: OptionalText(40)] string? TeamCode,
        [property: OptionalText(20)] string? Grade,
        [property: Fte] decimal? Fte,
        [property: Cost] decimal? AnnualCost,
        [property: BudgetLineCode] string? BudgetLineCode) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (this is { TeamCode: null, Grade: null, Fte: null, AnnualCost: null, BudgetLineCode: null })
            {
                yield return new ValidationResult("Nothing to change: give at least one of teamCode, grade, fte, annualCost, budgetLineCode.", ["effectiveFrom"]);
            }
        }
    }

    public sealed record PostDateRequest([property: RequiredField, BusinessDate] DateOnly? EffectiveFrom);

    public sealed record DeletePostRequest([property: RequiredField, BusinessDate] DateOnly? EffectiveOn);

    public sealed record VacancyDateRequest([property: RequiredField, BusinessDate] DateOnly? On);

    public sealed record PostVersionResponse(DateOnly EffectiveFrom, string TeamCode, string JobRole, string Grade, decimal Fte, decimal AnnualCost, string BudgetLineCode, PostStatus Status, Guid? OccupantId);


    internal static async Task<Results<Created<TeamResponse>, ValidationProblem, Conflict<string>>> CreateTeam(
        CreateTeamRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var team = new Team(request.Code!, request.Name!, request.Directorate!);
        if (await db.Teams.AnyAsync(t => t.Code == team.Code, cancellationToken))
        {
            return new RequestValidator().Add("code", $"Team {team.Code} already exists.").ToProblem();
        }
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/teams/{team.Code}", ToResponse(team));
    }

    internal static async Task<Results<Ok<Page<TeamResponse>>, ValidationProblem>> ListTeams(
        [AsParameters] PageRequest paging, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var page = await paging.ApplyAsync(db.Teams.AsNoTracking().OrderBy(t => t.Code).Select(t => new TeamResponse(t.Code, t.Name, t.Directorate)), cancellationToken);
        return TypedResults.Ok(page);
    }

    internal static async Task<Results<Ok<TeamResponse>, NotFound>> GetTeam(string code, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var normalised = code.Trim().ToUpperInvariant();
        var team = await db.Teams.AsNoTracking().Where(t => t.Code == normalised)
            .Select(t => new TeamResponse(t.Code, t.Name, t.Directorate)).FirstOrDefaultAsync(cancellationToken);
        return team is null ? TypedResults.NotFound() : TypedResults.Ok(team);
    }

    internal static async Task<Results<Created<PostResponse>, ValidationProblem>> CreatePost(
        CreatePostRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var teamCode = request.TeamCode!.ToUpperInvariant();
        if (!await db.Teams.AnyAsync(t => t.Code == teamCode, cancellationToken))
        {
            return new RequestValidator().Add("teamCode", $"Team {teamCode} does not exist.").ToProblem();
        }

        var post = new Post(Guid.CreateVersion7(), teamCode, request.JobRole!, request.Grade!, request.Fte!.Value,
            request.AnnualCost!.Value, request.BudgetLineCode!, request.EffectiveFrom!.Value);
        db.Posts.Add(post);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/posts/{post.Id}", ToResponse(post));
    }

    internal static async Task<Results<Ok<Page<PostResponse>>, ValidationProblem>> ListPosts(
        [AsParameters] PageRequest paging, string? teamCode, [EnumValue(typeof(PostStatus))] string? status, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var wantedStatus = EnumValueAttribute.Parse<PostStatus>(status);

        var query = db.Posts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(teamCode))
        {
            var code = teamCode.ToUpperInvariant();
            query = query.Where(p => p.TeamCode == code);
        }
        if (wantedStatus is { } wanted) query = query.Where(p => p.Status == wanted);
        var page = await paging.ApplyAsync(query.OrderBy(p => p.TeamCode).ThenBy(p => p.Id), cancellationToken);
        return TypedResults.Ok(new Page<PostResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<PostResponse>, NotFound>> GetPost(Guid id, DateOnly? asAt, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        if (asAt is { } date)
        {
            // The version in force on the date: the latest change dated on or before it.
            var version = await db.PostVersions.AsNoTracking()
                .Where(v => v.PostId == id && v.EffectiveFrom <= date)
                .OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Sequence)
                .FirstOrDefaultAsync(cancellationToken);
            var createdFrom = await db.Posts.AsNoTracking().Where(p => p.Id == id).Select(p => (DateOnly?)p.EffectiveFrom).FirstOrDefaultAsync(cancellationToken);
            return version is null || createdFrom is null
                ? TypedResults.NotFound()
                : TypedResults.Ok(new PostResponse(id, version.TeamCode, version.JobRole, version.Grade, version.Fte, version.AnnualCost,
                    version.BudgetLineCode, createdFrom.Value, version.Status));
        }
        return await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } post
            ? TypedResults.Ok(ToResponse(post))
            : TypedResults.NotFound();
    }

    internal static async Task<Results<Ok<List<PostVersionResponse>>, NotFound>> GetPostHistory(Guid id, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var versions = await db.PostVersions.AsNoTracking().Where(v => v.PostId == id)
            .OrderBy(v => v.EffectiveFrom).ThenBy(v => v.Sequence)
            .Select(v => new PostVersionResponse(v.EffectiveFrom, v.TeamCode, v.JobRole, v.Grade, v.Fte, v.AnnualCost, v.BudgetLineCode, v.Status, v.OccupantId))
            .ToListAsync(cancellationToken);
        return versions.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(versions);
    }

    internal static async Task<Results<Ok<PostResponse>, NotFound, ValidationProblem>> ChangePost(
        Guid id, ChangePostRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var teamCode = request.TeamCode?.ToUpperInvariant();
        if (teamCode is not null && !await db.Teams.AnyAsync(t => t.Code == teamCode, cancellationToken))
        {
            return new RequestValidator().Add("teamCode", $"Team {teamCode} does not exist.").ToProblem();
        }
        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null) return TypedResults.NotFound();

        post.Change(request.EffectiveFrom!.Value, teamCode, request.Grade, request.Fte, request.AnnualCost, request.BudgetLineCode);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(post));
    }

    internal static Task<Results<Ok<PostResponse>, NotFound, ValidationProblem>> FreezePost(
        Guid id, PostDateRequest request, WorkforceDbContext db, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, request.EffectiveFrom, (post, date) => post.Freeze(date), db, cancellationToken);

    internal static Task<Results<Ok<PostResponse>, NotFound, ValidationProblem>> UnfreezePost(
        Guid id, PostDateRequest request, WorkforceDbContext db, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, request.EffectiveFrom, (post, date) => post.Unfreeze(date), db, cancellationToken);

    internal static async Task<Results<Ok<PostResponse>, NotFound, ValidationProblem>> DeletePost(
        Guid id, DeletePostRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null) return TypedResults.NotFound();

        post.Delete(request.EffectiveOn!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(post));
    }

    private static async Task<Results<Ok<PostResponse>, NotFound, ValidationProblem>> ChangeStatusAsync(
        Guid id, DateOnly? date, Action<Post, DateOnly> change, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null) return TypedResults.NotFound();

        change(post, date!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(post));
    }

    internal static async Task<Results<Ok<Page<VacancyResponse>>, ValidationProblem>> ListVacancies(
        [AsParameters] PageRequest paging, [EnumValue(typeof(VacancyStatus))] string? status, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var wantedStatus = EnumValueAttribute.Parse<VacancyStatus>(status);
        var query = db.Vacancies.AsNoTracking();
        if (wantedStatus is { } wanted) query = query.Where(v => v.Status == wanted);
        var page = await paging.ApplyAsync(query.OrderBy(v => v.OpenedOn).ThenBy(v => v.Id), cancellationToken);
        return TypedResults.Ok(new Page<VacancyResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<VacancyResponse>, NotFound, ValidationProblem>> AdvertiseVacancy(
        Guid id, VacancyDateRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var vacancy = await db.Vacancies.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (vacancy is null) return TypedResults.NotFound();
        vacancy.Advertise(request.On!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(vacancy));
    }

    internal static async Task<Results<Ok<VacancyResponse>, NotFound, ValidationProblem>> WithdrawVacancy(
        Guid id, VacancyDateRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var vacancy = await db.Vacancies.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (vacancy is null) return TypedResults.NotFound();
        var post = await db.Posts.FirstAsync(p => p.Id == vacancy.PostId, cancellationToken);

        vacancy.Withdraw(post, request.On!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(vacancy));
    }

    internal static async Task<Results<Created<VacancyResponse>, NotFound, ValidationProblem>> OpenVacancy(
        Guid id, OpenVacancyRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null) return TypedResults.NotFound();

        var vacancy = post.OpenVacancy(Guid.CreateVersion7(), request.OpenedOn!.Value);
        db.Vacancies.Add(vacancy);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/vacancies/{vacancy.Id}", ToResponse(vacancy));
    }

    internal static async Task<Results<Ok<VacancyResponse>, NotFound>> GetVacancy(Guid id, WorkforceDbContext db, CancellationToken cancellationToken) =>
        await db.Vacancies.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken) is { } vacancy
            ? TypedResults.Ok(ToResponse(vacancy))
            : TypedResults.NotFound();

    internal static async Task<Results<Ok<VacancyResponse>, NotFound, ValidationProblem>> FillVacancy(
        Guid id, FillVacancyRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var vacancy = await db.Vacancies.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (vacancy is null) return TypedResults.NotFound();
        var post = await db.Posts.FirstAsync(p => p.Id == vacancy.PostId, cancellationToken);

        vacancy.Fill(post, request.FilledOn!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(vacancy));
    }

    private static TeamResponse ToResponse(Team team) => new(team.Code, team.Name, team.Directorate);

    private static PostResponse ToResponse(Post post) =>
        new(post.Id, post.TeamCode, post.JobRole, post.Grade, post.Fte, post.AnnualCost, post.BudgetLineCode, post.EffectiveFrom, post.Status);

    private static VacancyResponse ToResponse(Vacancy vacancy) =>
        new(vacancy.Id, vacancy.PostId, vacancy.OpenedOn, vacancy.AdvertisedOn, vacancy.FilledOn, vacancy.WithdrawnOn, vacancy.Status, vacancy.DaysToFill);
}
