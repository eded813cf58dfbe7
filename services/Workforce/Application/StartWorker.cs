using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Http;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.Application;

/// <summary>
/// A worker starts, employed or agency: an employed worker with a post fills it (through its open vacancy, so
/// time-to-fill is recorded); an agency worker with a post covers it. Called by <c>POST /staff</c> and by the HR
/// starter from the departmental ingest (whose worker id Ingest derives from the employee number).
/// </summary>
public sealed class StartWorker(WorkforceDbContext db)
{
    /// <summary><paramref name="Worker"/> is the request (or the HR starter from the ingest) as sent.</summary>
    public sealed record Command(Guid WorkerId, StartWorkerRequest Worker);

    public static readonly string[] EmploymentTypes = ["employed", "agency"];

    public async Task<Outcome<StaffMember>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        // POST /staff was checked against the request's declared rules before it got here; an HR starter is checked now.
        var request = command.Worker;
        if (RequestValidation.Check(request) is { Count: > 0 } errors) return Outcome.Refused<StaffMember>(errors);

        var validator = new RequestValidator();
        var teamCode = request.TeamCode!.ToUpperInvariant();
        if (!await db.Teams.AnyAsync(t => t.Code == teamCode, cancellationToken))
        {
            return Outcome.Refused<StaffMember>(validator.Add("teamCode", $"Team {teamCode} does not exist."));
        }
        Post? post = null;
        if (request.PostId is { } postId)
        {
            post = await db.Posts.FirstOrDefaultAsync(p => p.Id == postId, cancellationToken);
            if (post is null) return Outcome.Refused<StaffMember>(validator.Add("postId", "The post does not exist."));
            if (post.TeamCode != teamCode) return Outcome.Refused<StaffMember>(validator.Add("postId", $"The post belongs to team {post.TeamCode}, not {teamCode}."));
        }

        var employment = request.EmploymentType == "agency" ? EmploymentType.Agency : EmploymentType.Employed;
        if (employment == EmploymentType.Agency && post is not null && post.Status is not (PostStatus.Funded or PostStatus.Vacant))
        {
            return Outcome.Refused<StaffMember>(validator.Add("postId",
                $"An agency worker can only cover a funded or vacant post; this post is {post.Status.ToString().ToLowerInvariant()}."));
        }
        // An agency engagement is charged to the post it covers, or to social work when it covers none.
        var worker = new StaffMember(command.WorkerId, teamCode, request.JobRole!, employment, request.Fte!.Value,
            request.IsQualifiedSocialWorker!.Value, request.RegistrationNumber, post?.Id, request.StartDate!.Value,
            request.AgencyDayRate, request.ExpectedEndDate, employment == EmploymentType.Agency ? post?.BudgetLineCode ?? S251Lines.SocialWork : null);
        db.Staff.Add(worker);
        if (employment == EmploymentType.Employed && post is not null) await FillPostAsync(post, worker, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done<StaffMember>(worker);
    }

    /// <summary>An employed starter fills the post: through its open vacancy when there is one, so time-to-fill is recorded.</summary>
    private async Task FillPostAsync(Post post, StaffMember worker, CancellationToken cancellationToken)
    {
        var vacancy = await db.Vacancies.FirstOrDefaultAsync(
            v => v.PostId == post.Id && (v.Status == VacancyStatus.Open || v.Status == VacancyStatus.Advertised), cancellationToken);
        if (vacancy is not null)
        {
            vacancy.Fill(post, worker.StartDate, worker.Id);
        }
        else
        {
            post.Occupy(worker.Id, worker.StartDate);
        }
    }
}

/// <summary>A worker starting as <c>POST /staff</c> (and the HR starter from the ingest) sends it.</summary>
public sealed record StartWorkerRequest(
    [property: RequiredField, MaxChars(40)] string? TeamCode,
    [property: RequiredField, JobRole] string? JobRole,
    [property: RequiredField, EmploymentType] string? EmploymentType,
    [property: RequiredField, Fte] decimal? Fte,
    [property: RequiredField] bool? IsQualifiedSocialWorker,
    [property: MaxChars(20)] string? RegistrationNumber,
    Guid? PostId,
    [property: RequiredField, BusinessDate] DateOnly? StartDate,
    [property: Between(0.01, 5_000)] decimal? AgencyDayRate,
    [property: BusinessDate] DateOnly? ExpectedEndDate);
