namespace Platform.Tools.DemoLoader.Requests;

// Request bodies of Workforce's API (POST /api/workforce/...), as the demo sends them.

internal sealed record TeamRequest(string Code, string Name, string Directorate);

internal sealed record PostRequest(string TeamCode, string JobRole, string Grade, decimal Fte, decimal AnnualCost, string BudgetLineCode, DateOnly EffectiveFrom);

internal sealed record VacancyRequest(DateOnly OpenedOn);

internal sealed record StartWorkerRequest(
    string TeamCode, string JobRole, string EmploymentType, decimal Fte, bool IsQualifiedSocialWorker, string? RegistrationNumber,
    Guid PostId, DateOnly StartDate, decimal? AgencyDayRate);

internal sealed record AllocateCaseRequest(string CaseReference, DateOnly AllocatedOn);

internal sealed record TransferCaseRequest(Guid ToWorkerId, DateOnly TransferredOn);

internal sealed record SupervisionRequest(DateOnly HeldOn);

internal sealed record RestructureRequest(string Name, string Establishment);

internal sealed record ConsultationRequest(DateOnly ConsultationStartedOn, DateOnly Hr1SubmittedOn);

internal sealed record ProposalRequest(
    string Kind, Guid? PostId, DateOnly EffectiveOn, string? TeamCode = null, string? JobRole = null, string? Grade = null, decimal? Fte = null,
    decimal? AnnualCost = null, string? BudgetLineCode = null)
{
    public static ProposalRequest DeletePost(Guid postId, DateOnly effectiveOn) => new("delete-post", postId, effectiveOn);

    public static ProposalRequest CreatePost(string teamCode, string jobRole, string grade, decimal annualCost, string budgetLineCode, DateOnly effectiveOn) =>
        new("create-post", null, effectiveOn, teamCode, jobRole, grade, 1, annualCost, budgetLineCode);
}

internal sealed record VoluntaryRedundancyRequest(Guid WorkerId, decimal RedundancyCost, DateOnly AppliedOn);

internal sealed record DecisionRequest(DateOnly DecidedOn);

internal sealed record OutcomeRequest(string Outcome, decimal? RedundancyCost = null, Guid? RedeployToPostId = null);

internal sealed record ImplementRequest(DateOnly UpTo);
