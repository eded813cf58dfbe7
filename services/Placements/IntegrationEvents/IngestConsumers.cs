using Platform.Contracts.Placements.V1;
using Platform.Placements.Apis;
using Platform.Placements.Infrastructure;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Placements.IntegrationEvents;

/// <summary>
/// A census population figure from the departmental ingest: sets the collection year's under-18 population like
/// <c>PUT /reference/under-18-population</c> and publishes CarePopulationChanged for the year's 31 March with the rate.
/// </summary>
public sealed class SetUnder18PopulationConsumer(PlacementsDbContext db) : InboxConsumer<SetUnder18Population, PlacementsDbContext>(db)
{
    protected override async Task HandleAsync(SetUnder18Population message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        if (message.CollectionYear < IndicatorsApi.EarliestDate.Year || message.CollectionYear > IndicatorsApi.LatestDate.Year - 1)
        {
            throw DomainRuleException.ForField("collectionYear", $"Must be between {IndicatorsApi.EarliestDate.Year} and {IndicatorsApi.LatestDate.Year - 1}.");
        }
        var reference = await IndicatorsApi.FindOrAddAsync(Db, message.CollectionYear, cancellationToken);
        reference.SetUnder18Population(message.Under18Population);
        await Db.SaveChangesAsync(cancellationToken);
        Db.AddIntegrationEvent(await CarePopulation.ChangedAsync(Db, new DateOnly(message.CollectionYear + 1, 3, 31), cancellationToken));
        Db.MeasuresChangedFrom(new DateOnly(message.CollectionYear, 4, 1));
    }
}
