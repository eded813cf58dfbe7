using Platform.Placements.Infrastructure;
using Platform.ServiceDefaults.Messaging;
using Ingest = Platform.Contracts.Placements.V1;

namespace Platform.Placements.IntegrationEvents;

/// <summary>
/// A census population figure from the departmental ingest: the same use case as <c>PUT /reference/under-18-population</c>
/// (the year's rate, CarePopulationChanged for its 31 March). A refused figure ends in the _error queue with the reason.
/// </summary>
public sealed class SetUnder18PopulationConsumer(PlacementsDbContext db, Application.SetUnder18Population setPopulation)
    : InboxConsumer<Ingest.SetUnder18Population, PlacementsDbContext>(db)
{
    protected override async Task HandleAsync(Ingest.SetUnder18Population message, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        (await setPopulation.HandleAsync(new Application.SetUnder18Population.Command(
            new Application.PopulationRequest(message.CollectionYear, message.Under18Population)), cancellationToken))
            .ResultOrThrow($"Collection year {message.CollectionYear} was not found.");
}
