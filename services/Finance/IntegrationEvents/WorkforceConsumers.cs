using Platform.Contracts.Workforce.V1;
using Platform.Finance.Domain;
using Platform.Finance.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Platform.Finance.IntegrationEvents;

// Posts commit their annual cost pro rata by calendar days from the date they take effect; agency workers commit
// their day rate for each working day until the expected end. Each event re-commits from its own date.

/// <summary>A new post commits its annual cost from its effective date to 31 March.</summary>
public sealed class PostCreatedConsumer(FinanceDbContext db, CommitmentUpdater commitments, ILogger<PostCreatedConsumer> logger) : CommitmentConsumer<PostCreated>(db, commitments, logger)
{
    protected override string SourceOf(PostCreated message) => CommitmentSource.ForPost(message.PostId);

    protected override Task HandleAsync(PostCreated message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        Commitments.ApplyAsync(SourceOf(message), CommitmentKind.Post, source =>
        {
            source.Describe(message.JobRole, message.Fte);
            source.SetRate(message.EffectiveFrom, message.AnnualCost, message.BudgetLineCode);
        }, message.EffectiveFrom, cancellationToken);
}

/// <summary>A changed post re-commits from the change's date at its new cost and line; a frozen post costs nothing from then.</summary>
public sealed class PostChangedConsumer(FinanceDbContext db, CommitmentUpdater commitments, ILogger<PostChangedConsumer> logger) : CommitmentConsumer<PostChanged>(db, commitments, logger)
{
    protected override string SourceOf(PostChanged message) => CommitmentSource.ForPost(message.PostId);

    protected override Task HandleAsync(PostChanged message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        Commitments.ApplyAsync(SourceOf(message), CommitmentKind.Post, source =>
        {
            source.Describe(message.JobRole, message.Fte);
            var frozen = string.Equals(message.Status, "frozen", StringComparison.OrdinalIgnoreCase);
            source.SetRate(message.EffectiveFrom, frozen ? 0 : message.AnnualCost, message.BudgetLineCode);
        }, message.EffectiveFrom, cancellationToken);
}

/// <summary>A deleted post costs nothing from the day it is deleted.</summary>
public sealed class PostDeletedConsumer(FinanceDbContext db, CommitmentUpdater commitments, ILogger<PostDeletedConsumer> logger) : CommitmentConsumer<PostDeleted>(db, commitments, logger)
{
    protected override string SourceOf(PostDeleted message) => CommitmentSource.ForPost(message.PostId);

    protected override Task HandleAsync(PostDeleted message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        Commitments.ApplyAsync(SourceOf(message), CommitmentKind.Post,
            source => source.Stop(message.EffectiveOn.AddDays(-1)), message.EffectiveOn, cancellationToken);
}

/// <summary>An agency worker commits day rate × working days (Monday–Friday) from the start to the expected end or 31 March.</summary>
public sealed class AgencyWorkerEngagedConsumer(FinanceDbContext db, CommitmentUpdater commitments, ILogger<AgencyWorkerEngagedConsumer> logger) : CommitmentConsumer<AgencyWorkerEngaged>(db, commitments, logger)
{
    protected override string SourceOf(AgencyWorkerEngaged message) => CommitmentSource.ForAgencyWorker(message.WorkerId);

    protected override Task HandleAsync(AgencyWorkerEngaged message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        Commitments.ApplyAsync(SourceOf(message), CommitmentKind.AgencyWorker, source =>
        {
            source.Describe(message.JobRole, message.Fte);
            source.PlanEnd(message.ExpectedEndDate);
            source.SetRate(message.StartDate, message.DayRate, message.BudgetLineCode);
        }, message.StartDate, cancellationToken);
}

/// <summary>An ended agency engagement costs nothing after its end date.</summary>
public sealed class AgencyWorkerEndedConsumer(FinanceDbContext db, CommitmentUpdater commitments, ILogger<AgencyWorkerEndedConsumer> logger) : CommitmentConsumer<AgencyWorkerEnded>(db, commitments, logger)
{
    protected override string SourceOf(AgencyWorkerEnded message) => CommitmentSource.ForAgencyWorker(message.WorkerId);

    protected override Task HandleAsync(AgencyWorkerEnded message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        Commitments.ApplyAsync(SourceOf(message), CommitmentKind.AgencyWorker,
            source => source.Stop(message.EndDate), message.EndDate, cancellationToken);
}

/// <summary>A confirmed redundancy (voluntary or compulsory) commits its one-off cost in the year of the dismissal.</summary>
public sealed class RedundancyConfirmedConsumer(FinanceDbContext db, CommitmentUpdater commitments, ILogger<RedundancyConfirmedConsumer> logger) : CommitmentConsumer<RedundancyConfirmed>(db, commitments, logger)
{
    protected override string SourceOf(RedundancyConfirmed message) => CommitmentSource.ForRedundancy(message.ApplicationId);

    protected override Task HandleAsync(RedundancyConfirmed message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        Commitments.ApplyAsync(SourceOf(message), CommitmentKind.Redundancy,
            source => source.SetRate(message.DismissalDate, message.RedundancyCost, message.BudgetLineCode), message.DismissalDate, cancellationToken);
}
