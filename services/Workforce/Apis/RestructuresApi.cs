using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Http;
using Platform.Workforce.Application;
using Platform.Workforce.Domain;
using Platform.Workforce.Infrastructure;

namespace Platform.Workforce.Apis;

/// <summary>Restructure programmes: proposals, statutory consultation, voluntary redundancy and implementation.</summary>
public static class RestructuresApi
{
    public static IEndpointRouteBuilder MapRestructuresApi(this IEndpointRouteBuilder app)
    {
        var programmes = app.MapGroup("/restructures").WithTags("Restructures");
        programmes.MapPost("/", CreateProgramme).WithSummary("Start a restructure programme at an establishment");
        programmes.MapGet("/", ListProgrammes).WithSummary("List restructure programmes");
        programmes.MapGet("/{id:guid}", GetProgramme).WithSummary("A programme with its consultation requirement");
        programmes.MapGet("/{id:guid}/recruitment", GetRecruitment).WithSummary("The posts the programme creates, month by month: planned, created, filled, covered by agency, vacant")
            .WithDescription("At each month end from `from` (default: the earliest effective date of its created posts) to `to` (default today), at most 36 months: posts the approved plan creates, posts created so far, and of those the ones filled by an employee, covered by an agency worker in the post, and vacant.");
        programmes.MapGet("/{id:guid}/consultation", GetConsultation).WithSummary("The collective consultation the proposals require")
            .WithDescription("20–99 proposed redundancies at the establishment within 90 days: consultation at least 30 days before the first dismissal; 100 or more: 45 days; HR1 due by the same date. Vacant-post deletions dismiss nobody and are counted apart.");
        programmes.MapPost("/{id:guid}/consultation", RecordConsultation).WithSummary("Record when consultation started and HR1 was submitted");
        programmes.MapPost("/{id:guid}/proposals", Propose).WithSummary("Propose deleting, creating or changing a post");
        programmes.MapGet("/{id:guid}/proposals", ListProposals).WithSummary("The programme's proposals");
        programmes.MapPost("/{id:guid}/proposals/{proposalId:guid}/approve", Approve).WithSummary("Approve a proposal")
            .WithDescription("Refused while required consultation has not started in time or HR1 is not recorded. Publishes RestructureProposalApproved.");
        programmes.MapPost("/{id:guid}/approve", ApproveAll).WithSummary("Approve every open proposal of the programme (the cabinet's decision)")
            .WithDescription("The same consultation checks as for one proposal. Publishes RestructureProposalApproved for each.");
        programmes.MapPost("/{id:guid}/proposals/{proposalId:guid}/withdraw", Withdraw).WithSummary("Withdraw a proposal");
        programmes.MapPost("/{id:guid}/proposals/{proposalId:guid}/outcome", RecordOutcome).WithSummary("Record the at-risk occupant's outcome: compulsory redundancy or redeployment")
            .WithDescription("A redundancy publishes RedundancyConfirmed with its cost.");
        programmes.MapPost("/{id:guid}/voluntary-redundancies", ApplyForVoluntaryRedundancy).WithSummary("A worker whose post is proposed for deletion volunteers for redundancy");
        programmes.MapGet("/{id:guid}/voluntary-redundancies", ListVoluntaryRedundancies).WithSummary("Voluntary redundancy applications");
        programmes.MapPost("/{id:guid}/voluntary-redundancies/{applicationId:guid}/accept", AcceptVoluntaryRedundancy).WithSummary("Accept a volunteer").WithDescription("Publishes RedundancyConfirmed.");
        programmes.MapPost("/{id:guid}/voluntary-redundancies/{applicationId:guid}/decline", DeclineVoluntaryRedundancy).WithSummary("Decline a volunteer");
        programmes.MapPost("/{id:guid}/implement", Implement).WithSummary("Apply the approved proposals effective on or before a date")
            .WithDescription("All or nothing: refused if a filled post would be deleted without an outcome for its occupant. Publishes PostCreated/PostChanged/PostDeleted and StaffMemberLeft.");
        return app;
    }

    public sealed record CreateProgrammeRequest(
        [property: RequiredField, MaxChars(200)] string? Name,
        [property: RequiredField, MaxChars(200)] string? Establishment);

    public sealed record ProgrammeResponse(Guid Id, string Name, string Establishment, DateOnly? ConsultationStartedOn, DateOnly? Hr1SubmittedOn,
        int Proposals, int Approved, int Implemented, ConsultationRequirement Consultation);

    public sealed record ConsultationRequest(
        [property: BusinessDate] DateOnly? ConsultationStartedOn,
        [property: BusinessDate] DateOnly? Hr1SubmittedOn) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (ConsultationStartedOn is null && Hr1SubmittedOn is null)
            {
                yield return new ValidationResult("Give consultationStartedOn, hr1SubmittedOn or both.", ["consultationStartedOn"]);
            }
        }
    }

    /// <summary>A delete-post or change-post proposal names its post; a create-post proposal gives the whole new post.</summary>
    public sealed record ProposalRequest(
        [property: RequiredField, ProposalKindCode] string? Kind,
        Guid? PostId,
        [property: RequiredField, BusinessDate] DateOnly? EffectiveOn,
        [property: OptionalText(40)] string? TeamCode,
        [property: JobRole] string? JobRole,
        [property: OptionalText(20)] string? Grade,
        [property: Fte] decimal? Fte,
        [property: Cost] decimal? AnnualCost,
        [property: BudgetLineCode] string? BudgetLineCode) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            var kind = ProposalKinds.ByCode[Kind!];
            if (kind is ProposalKind.DeletePost or ProposalKind.ChangePost && PostId is null) yield return Required("postId");
            if (kind != ProposalKind.CreatePost) yield break;
            if (TeamCode is null) yield return Required("teamCode");
            if (JobRole is null) yield return Required("jobRole");
            if (Grade is null) yield return Required("grade");
            if (Fte is null) yield return Required("fte");
            if (AnnualCost is null) yield return Required("annualCost");
            if (BudgetLineCode is null) yield return Required("budgetLineCode");
        }

        private static ValidationResult Required(string field) => new("This field is required.", [field]);
    }

    public sealed record ProposalResponse(Guid Id, string Kind, Guid? PostId, DateOnly EffectiveOn, ProposalStatus Status, DateOnly? ApprovedOn,
        Guid? OccupantId, bool IsProposedDismissal, OccupantOutcome Outcome, decimal? RedundancyCost, Guid? RedeployToPostId,
        string? TeamCode, string? JobRole, string? Grade, decimal? Fte, decimal? AnnualCost, string? BudgetLineCode);

    public sealed record ApproveRequest([property: RequiredField, BusinessDate] DateOnly? ApprovedOn);

    public sealed record OutcomeRequest(
        [property: RequiredField, OutcomeCode] string? Outcome,
        [property: Cost] decimal? RedundancyCost,
        Guid? RedeployToPostId);

    public sealed record VoluntaryRedundancyRequest(
        [property: RequiredField] Guid? WorkerId,
        [property: RequiredField, Cost] decimal? RedundancyCost,
        [property: RequiredField, BusinessDate] DateOnly? AppliedOn);

    public sealed record DecisionRequest([property: RequiredField, BusinessDate] DateOnly? DecidedOn);

    public sealed record VoluntaryRedundancyResponse(Guid Id, Guid ProposalId, Guid WorkerId, decimal RedundancyCost, DateOnly AppliedOn,
        DateOnly? DecidedOn, VoluntaryRedundancyStatus Status);

    public sealed record ImplementRequest([property: RequiredField, BusinessDate] DateOnly? UpTo);

    public sealed record ImplementResponse(Guid ProgrammeId, DateOnly UpTo, int Implemented);

    private static readonly Dictionary<string, OccupantOutcome> Outcomes = new(StringComparer.Ordinal)
    {
        ["compulsory-redundancy"] = OccupantOutcome.CompulsoryRedundancy, ["redeployment"] = OccupantOutcome.Redeployment,
    };

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
    private sealed class ProposalKindCodeAttribute() : OneOfAttribute(ProposalKinds.ByCode.Keys.ToArray());

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
    private sealed class OutcomeCodeAttribute() : OneOfAttribute(Outcomes.Keys.ToArray());

    internal static async Task<Results<Created<ProgrammeResponse>, ValidationProblem>> CreateProgramme(
        CreateProgrammeRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var programme = new RestructureProgramme(Guid.CreateVersion7(), request.Name!, request.Establishment!);
        db.RestructureProgrammes.Add(programme);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/restructures/{programme.Id}", ToResponse(programme));
    }

    internal static async Task<Results<Ok<Page<ProgrammeResponse>>, ValidationProblem>> ListProgrammes(
        [AsParameters] PageRequest paging, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var page = await paging.ApplyAsync(db.RestructureProgrammes.AsNoTracking().Include(p => p.Proposals).OrderBy(p => p.Id), cancellationToken);
        return TypedResults.Ok(new Page<ProgrammeResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<ProgrammeResponse>, NotFound>> GetProgramme(Guid id, WorkforceDbContext db, CancellationToken cancellationToken) =>
        await LoadAsync(db, id, cancellationToken) is { } programme ? TypedResults.Ok(ToResponse(programme)) : TypedResults.NotFound();

    internal static async Task<Results<Ok<Application.RestructureRecruitment.Answer>, NotFound, ValidationProblem>> GetRecruitment(
        Guid id, DateOnly? from, DateOnly? to, WorkforceDbContext db, Application.RestructureRecruitment recruitment, TimeProvider time, CancellationToken cancellationToken)
    {
        var end = to ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var start = from ?? await db.RestructureProposals.AsNoTracking().Where(p => p.ProgrammeId == id && p.Kind == ProposalKind.CreatePost)
            .MinAsync(p => (DateOnly?)p.EffectiveOn, cancellationToken) ?? end;
        var validator = new RequestValidator();
        validator.When(start < BusinessDates.Earliest || start > BusinessDates.Latest, "from", $"Must be between {BusinessDates.Earliest:yyyy-MM-dd} and {BusinessDates.Latest:yyyy-MM-dd}.");
        validator.When(end < BusinessDates.Earliest || end > BusinessDates.Latest, "to", $"Must be between {BusinessDates.Earliest:yyyy-MM-dd} and {BusinessDates.Latest:yyyy-MM-dd}.");
        if (!validator.IsValid) return validator.ToProblem();
        validator.When(start > end, "from", "Must not be after `to`.");
        validator.When(start.AddMonths(Application.RestructureRecruitment.MaxMonths) <= end, "to", $"At most {Application.RestructureRecruitment.MaxMonths} months from `from`.");
        if (!validator.IsValid) return validator.ToProblem();
        return await recruitment.HandleAsync(id, start, end, cancellationToken) is { } answer ? TypedResults.Ok(answer) : TypedResults.NotFound();
    }

    internal static async Task<Results<Ok<ConsultationRequirement>, NotFound>> GetConsultation(Guid id, WorkforceDbContext db, CancellationToken cancellationToken) =>
        await LoadAsync(db, id, cancellationToken) is { } programme ? TypedResults.Ok(programme.Consultation()) : TypedResults.NotFound();

    internal static async Task<Results<Ok<ConsultationRequirement>, NotFound, ValidationProblem>> RecordConsultation(
        Guid id, ConsultationRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var programme = await LoadAsync(db, id, cancellationToken);
        if (programme is null) return TypedResults.NotFound();
        programme.RecordConsultation(request.ConsultationStartedOn, request.Hr1SubmittedOn);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(programme.Consultation());
    }

    internal static async Task<Results<Created<ProposalResponse>, NotFound, ValidationProblem>> Propose(
        Guid id, ProposalRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var kind = ProposalKinds.ByCode[request.Kind!];

        var teamCode = request.TeamCode?.ToUpperInvariant();
        if (teamCode is not null && !await db.Teams.AnyAsync(t => t.Code == teamCode, cancellationToken))
        {
            return validator.Add("teamCode", $"Team {teamCode} does not exist.").ToProblem();
        }
        var programme = await LoadAsync(db, id, cancellationToken);
        if (programme is null) return TypedResults.NotFound();
        Post? post = null;
        if (request.PostId is { } postId && kind != ProposalKind.CreatePost)
        {
            post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == postId, cancellationToken);
            if (post is null) return validator.Add("postId", "The post does not exist.").ToProblem();
        }

        var effectiveOn = request.EffectiveOn!.Value;
        var proposal = programme.Propose(kind switch
        {
            ProposalKind.DeletePost => RestructureProposal.DeletePost(programme.Id, post!, effectiveOn),
            ProposalKind.ChangePost => RestructureProposal.ChangePost(programme.Id, post!, effectiveOn, teamCode, request.Grade, request.Fte, request.AnnualCost, request.BudgetLineCode),
            _ => RestructureProposal.CreatePost(programme.Id, teamCode!, request.JobRole!, request.Grade!, request.Fte!.Value, request.AnnualCost!.Value, request.BudgetLineCode!, effectiveOn),
        });
        db.RestructureProposals.Add(proposal);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/restructures/{id}/proposals/{proposal.Id}", ToResponse(proposal));
    }

    internal static async Task<Results<Ok<Page<ProposalResponse>>, ValidationProblem>> ListProposals(
        Guid id, [AsParameters] PageRequest paging, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var page = await paging.ApplyAsync(db.RestructureProposals.AsNoTracking().Where(p => p.ProgrammeId == id).OrderBy(p => p.EffectiveOn).ThenBy(p => p.Id), cancellationToken);
        return TypedResults.Ok(new Page<ProposalResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<ProposalResponse>, NotFound, ValidationProblem>> Approve(
        Guid id, Guid proposalId, ApproveRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var programme = await LoadAsync(db, id, cancellationToken);
        if (programme?.Proposals.FirstOrDefault(p => p.Id == proposalId) is not { } proposal) return TypedResults.NotFound();

        programme.Approve(proposal, request.ApprovedOn!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(proposal));
    }

    internal static async Task<Results<Ok<ProgrammeResponse>, NotFound, ValidationProblem>> ApproveAll(
        Guid id, ApproveRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var programme = await LoadAsync(db, id, cancellationToken);
        if (programme is null) return TypedResults.NotFound();

        foreach (var proposal in programme.Proposals.Where(p => p.Status == ProposalStatus.Proposed).ToList())
        {
            programme.Approve(proposal, request.ApprovedOn!.Value);
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(programme));
    }

    internal static async Task<Results<Ok<ProposalResponse>, NotFound>> Withdraw(Guid id, Guid proposalId, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var proposal = await db.RestructureProposals.FirstOrDefaultAsync(p => p.Id == proposalId && p.ProgrammeId == id, cancellationToken);
        if (proposal is null) return TypedResults.NotFound();
        proposal.Withdraw();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(proposal));
    }

    internal static async Task<Results<Ok<ProposalResponse>, NotFound, ValidationProblem>> RecordOutcome(
        Guid id, Guid proposalId, OutcomeRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var proposal = await db.RestructureProposals.FirstOrDefaultAsync(p => p.Id == proposalId && p.ProgrammeId == id, cancellationToken);
        if (proposal is null) return TypedResults.NotFound();

        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == proposal.PostId, cancellationToken);
        proposal.RecordOutcome(Outcomes[request.Outcome!], request.RedundancyCost, request.RedeployToPostId, post);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(proposal));
    }

    internal static async Task<Results<Created<VoluntaryRedundancyResponse>, NotFound, ValidationProblem>> ApplyForVoluntaryRedundancy(
        Guid id, VoluntaryRedundancyRequest request, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.RestructureProgrammes.AnyAsync(p => p.Id == id, cancellationToken)) return TypedResults.NotFound();

        // Volunteers come from posts the programme proposes to delete: that is whose redundancy the volunteer offers.
        var proposal = await db.RestructureProposals.FirstOrDefaultAsync(p => p.ProgrammeId == id && p.OccupantId == request.WorkerId
            && p.Kind == ProposalKind.DeletePost && (p.Status == ProposalStatus.Proposed || p.Status == ProposalStatus.Approved), cancellationToken);
        if (proposal is null) return new RequestValidator().Add("workerId", "The worker's post is not proposed for deletion in this programme.").ToProblem();
        if (await db.VoluntaryRedundancies.AnyAsync(a => a.ProposalId == proposal.Id && a.Status != VoluntaryRedundancyStatus.Declined, cancellationToken))
        {
            throw DomainRuleException.Conflict("The worker already has an application.", "workerId");
        }
        var application = new VoluntaryRedundancyApplication(id, proposal.Id, request.WorkerId!.Value, request.RedundancyCost!.Value, request.AppliedOn!.Value);
        db.VoluntaryRedundancies.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/restructures/{id}/voluntary-redundancies/{application.Id}", ToResponse(application));
    }

    internal static async Task<Results<Ok<Page<VoluntaryRedundancyResponse>>, ValidationProblem>> ListVoluntaryRedundancies(
        Guid id, [AsParameters] PageRequest paging, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var page = await paging.ApplyAsync(db.VoluntaryRedundancies.AsNoTracking().Where(a => a.ProgrammeId == id).OrderBy(a => a.Id), cancellationToken);
        return TypedResults.Ok(new Page<VoluntaryRedundancyResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<VoluntaryRedundancyResponse>, NotFound, ValidationProblem>> AcceptVoluntaryRedundancy(
        Guid id, Guid applicationId, DecisionRequest request, WorkforceDbContext db, CancellationToken cancellationToken) =>
        await DecideAsync(id, applicationId, request, accept: true, db, cancellationToken);

    internal static async Task<Results<Ok<VoluntaryRedundancyResponse>, NotFound, ValidationProblem>> DeclineVoluntaryRedundancy(
        Guid id, Guid applicationId, DecisionRequest request, WorkforceDbContext db, CancellationToken cancellationToken) =>
        await DecideAsync(id, applicationId, request, accept: false, db, cancellationToken);

    private static async Task<Results<Ok<VoluntaryRedundancyResponse>, NotFound, ValidationProblem>> DecideAsync(
        Guid id, Guid applicationId, DecisionRequest request, bool accept, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var application = await db.VoluntaryRedundancies.FirstOrDefaultAsync(a => a.Id == applicationId && a.ProgrammeId == id, cancellationToken);
        if (application is null) return TypedResults.NotFound();

        if (accept)
        {
            var proposal = await db.RestructureProposals.FirstAsync(p => p.Id == application.ProposalId, cancellationToken);
            var post = await db.Posts.FirstAsync(p => p.Id == proposal.PostId, cancellationToken);
            application.Accept(proposal, post, request.DecidedOn!.Value);
        }
        else
        {
            application.Decline(request.DecidedOn!.Value);
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(application));
    }

    internal static async Task<Results<Ok<ImplementResponse>, NotFound, ValidationProblem>> Implement(
        Guid id, ImplementRequest request, WorkforceDbContext db, RestructureImplementation implementation, CancellationToken cancellationToken)
    {
        var programme = await LoadAsync(db, id, cancellationToken);
        if (programme is null) return TypedResults.NotFound();

        var implemented = await implementation.ImplementAsync(programme, request.UpTo!.Value, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ImplementResponse(id, request.UpTo.Value, implemented));
    }

    private static Task<RestructureProgramme?> LoadAsync(WorkforceDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.RestructureProgrammes.Include(p => p.Proposals).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    private static string KindCode(ProposalKind kind) => ProposalKinds.CodeOf(kind);

    private static ProgrammeResponse ToResponse(RestructureProgramme p) =>
        new(p.Id, p.Name, p.Establishment, p.ConsultationStartedOn, p.Hr1SubmittedOn, p.Proposals.Count,
            p.Proposals.Count(x => x.Status == ProposalStatus.Approved), p.Proposals.Count(x => x.Status == ProposalStatus.Implemented), p.Consultation());

    private static ProposalResponse ToResponse(RestructureProposal p) =>
        new(p.Id, KindCode(p.Kind), p.PostId, p.EffectiveOn, p.Status, p.ApprovedOn, p.OccupantId, p.IsProposedDismissal, p.Outcome, p.RedundancyCost,
            p.RedeployToPostId, p.TeamCode, p.JobRole, p.Grade, p.Fte, p.AnnualCost, p.BudgetLineCode);

    private static VoluntaryRedundancyResponse ToResponse(VoluntaryRedundancyApplication a) =>
        new(a.Id, a.ProposalId, a.WorkerId, a.RedundancyCost, a.AppliedOn, a.DecidedOn, a.Status);
}
