using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Messaging;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Before a save: takes the domain events the tracked entities raised, maps them with the service's
/// <see cref="IIntegrationEventMapper"/> and adds the integration events to the outbox, in the order raised, so they
/// commit with the change or not at all.
/// </summary>
public sealed class DomainEventsInterceptor(IIntegrationEventMapper? mapper = null) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        WriteToOutbox(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        WriteToOutbox(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    private void WriteToOutbox(DbContext? context)
    {
        if (context is not ServiceDbContext db) return;
        var raised = db.ChangeTracker.Entries<Entity>().SelectMany(e => e.Entity.TakeDomainEvents()).OrderBy(e => e.Order).ToList();
        if (raised.Count == 0) return;
        if (mapper is null)
        {
            throw new InvalidOperationException($"{db.GetType().Name}'s entities raised domain events but the service registers no {nameof(IIntegrationEventMapper)}.");
        }
        foreach (var integrationEvent in raised.SelectMany(e => mapper.Map(e.Event)))
        {
            db.AddIntegrationEvent(integrationEvent);
        }
    }
}
