using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Workforce.V1;
using Platform.Inspections.Domain;
using Platform.Inspections.Infrastructure;

namespace Platform.Inspections.IntegrationEvents;

/// <summary>Adds a Workforce post to Inspections' establishment read model.</summary>
public sealed class EstablishmentPostCreatedConsumer(InspectionsDbContext db) : IndicatorInputConsumer<PostCreated>(db)
{
    protected override async Task<InputChange?> ApplyAsync(PostCreated message, CancellationToken cancellationToken)
    {
        if (await Db.EstablishmentPosts.FindAsync([message.PostId], cancellationToken) is null)
        {
            Db.EstablishmentPosts.Add(new EstablishmentPost(message.PostId, message.TeamCode, message.JobRole, message.Fte, message.EffectiveFrom));
        }
        return new InputChange(message.EffectiveFrom, message.TeamCode, Measures.VacancyRate);
    }
}

/// <summary>Marks a post vacant. Fails (and is retried) if PostCreated has not been applied yet.</summary>
public sealed class EstablishmentVacancyOpenedConsumer(InspectionsDbContext db) : IndicatorInputConsumer<VacancyOpened>(db)
{
    protected override async Task<InputChange?> ApplyAsync(VacancyOpened message, CancellationToken cancellationToken)
    {
        var post = await LoadPostAsync(Db, message.PostId, cancellationToken);
        post.OpenVacancy(message.VacancyId, message.OpenedOn);
        return new InputChange(message.OpenedOn, message.TeamCode, Measures.VacancyRate);
    }

    internal static async Task<EstablishmentPost> LoadPostAsync(InspectionsDbContext db, Guid postId, CancellationToken cancellationToken) =>
        await db.EstablishmentPosts.Include(p => p.Vacancies).FirstOrDefaultAsync(p => p.PostId == postId, cancellationToken)
            ?? throw new InvalidOperationException($"Post {postId} is not known yet; the message will be retried.");
}

/// <summary>Marks a post filled.</summary>
public sealed class EstablishmentVacancyFilledConsumer(InspectionsDbContext db) : IndicatorInputConsumer<VacancyFilled>(db)
{
    protected override async Task<InputChange?> ApplyAsync(VacancyFilled message, CancellationToken cancellationToken)
    {
        var post = await EstablishmentVacancyOpenedConsumer.LoadPostAsync(Db, message.PostId, cancellationToken);
        post.FillVacancy(message.VacancyId, message.FilledOn);
        return new InputChange(message.FilledOn, message.TeamCode, Measures.VacancyRate);
    }
}

/// <summary>A vacancy was withdrawn without being filled: the post stops counting as vacant.</summary>
public sealed class EstablishmentVacancyWithdrawnConsumer(InspectionsDbContext db) : IndicatorInputConsumer<VacancyWithdrawn>(db)
{
    protected override async Task<InputChange?> ApplyAsync(VacancyWithdrawn message, CancellationToken cancellationToken)
    {
        var post = await EstablishmentVacancyOpenedConsumer.LoadPostAsync(Db, message.PostId, cancellationToken);
        post.WithdrawVacancy(message.VacancyId, message.WithdrawnOn);
        return new InputChange(message.WithdrawnOn, message.TeamCode, Measures.VacancyRate);
    }
}

/// <summary>A post was deleted: it leaves the establishment (and the vacancy rate) from its effective date.</summary>
public sealed class EstablishmentPostDeletedConsumer(InspectionsDbContext db) : IndicatorInputConsumer<PostDeleted>(db)
{
    protected override async Task<InputChange?> ApplyAsync(PostDeleted message, CancellationToken cancellationToken)
    {
        var post = await EstablishmentVacancyOpenedConsumer.LoadPostAsync(Db, message.PostId, cancellationToken);
        post.Delete(message.EffectiveOn);
        return new InputChange(message.EffectiveOn, message.TeamCode, Measures.VacancyRate);
    }
}
