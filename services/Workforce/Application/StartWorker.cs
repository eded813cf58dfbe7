using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Finance;
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
    public sealed record Command(
        Guid WorkerId, string? TeamCode, string? JobRole, string? EmploymentType, decimal? Fte, bool? IsQualifiedSocialWorker,
        string? RegistrationNumber, Guid? PostId, DateOnly? StartDate, decimal? AgencyDayRate, DateOnly? ExpectedEndDate);

    public static readonly string[] EmploymentTypes = ["employed", "agency"];

    public async Task<Outcome<StaffMember>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validator = new RequestValidator();
        validator.Required("teamCode", command.TeamCode, 40);
        validator.OneOf("jobRole", command.JobRole, JobRoles.All.Order().ToArray());
        validator.OneOf("employmentType", command.EmploymentType, EmploymentTypes);
        validator.Range("fte", command.Fte, 0.01m, 1m);
        validator.Required("isQualifiedSocialWorker", command.IsQualifiedSocialWorker);
        validator.When(command.RegistrationNumber is { Length: > 20 }, "registrationNumber", "Must be at most 20 characters.");
        validator.DateRange("startDate", command.StartDate, BusinessDates.Earliest, BusinessDates.Latest);
        if (command.AgencyDayRate is { } rate) validator.Range("agencyDayRate", rate, 0.01m, 5_000m);
        if (command.ExpectedEndDate is { } end) validator.DateRange("expectedEndDate", end, BusinessDates.Earliest, BusinessDates.Latest);
        if (!validator.IsValid) return Outcome.Refused<StaffMember>(validator);

        var teamCode = command.TeamCode!.ToUpperInvariant();
        if (!await db.Teams.AnyAsync(t => t.Code == teamCode, cancellationToken))
        {
            return Outcome.Refused<StaffMember>(validator.Add("teamCode", $"Team {teamCode} does not exist."));
        }
        Post? post = null;
        if (command.PostId is { } postId)
        {
            post = await db.Posts.FirstOrDefaultAsync(p => p.Id == postId, cancellationToken);
            if (post is null) return Outcome.Refused<StaffMember>(validator.Add("postId", "The post does not exist."));
            if (post.TeamCode != teamCode) return Outcome.Refused<StaffMember>(validator.Add("postId", $"The post belongs to team {post.TeamCode}, not {teamCode}."));
        }

        var employment = command.EmploymentType == "agency" ? EmploymentType.Agency : EmploymentType.Employed;
        if (employment == EmploymentType.Agency && post is not null && post.Status is not (PostStatus.Funded or PostStatus.Vacant))
        {
            return Outcome.Refused<StaffMember>(validator.Add("postId",
                $"An agency worker can only cover a funded or vacant post; this post is {post.Status.ToString().ToLowerInvariant()}."));
        }
        // An agency engagement is charged to the post it covers, or to social work when it covers none.
        var worker = new StaffMember(command.WorkerId, teamCode, command.JobRole!, employment, command.Fte!.Value,
            command.IsQualifiedSocialWorker!.Value, command.RegistrationNumber, post?.Id, command.StartDate!.Value,
            command.AgencyDayRate, command.ExpectedEndDate, employment == EmploymentType.Agency ? post?.BudgetLineCode ?? S251Lines.SocialWork : null);
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
