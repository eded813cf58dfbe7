using Platform.Contracts;
using Platform.ServiceDefaults.Domain;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// A service's one place where its domain events become the integration events other services hear (none, one or
/// several). Registered once per service; every save writes what it returns to the outbox in the save's transaction.
/// </summary>
public interface IIntegrationEventMapper
{
    IEnumerable<IntegrationEvent> Map(IDomainEvent domainEvent);
}
