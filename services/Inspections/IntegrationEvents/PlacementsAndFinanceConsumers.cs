using Platform.Contracts.Finance.V1;
using Platform.Contracts.Placements.V1;
using Platform.Inspections.Domain;
using Platform.Inspections.Infrastructure;

namespace Platform.Inspections.IntegrationEvents;

/// <summary>The number of children looked after changed.</summary>
public sealed class CarePopulationChangedConsumer(InspectionsDbContext db) : IndicatorInputConsumer<CarePopulationChanged>(db)
{
    protected override Task<InputChange?> ApplyAsync(CarePopulationChanged message, CancellationToken cancellationToken)
    {
        Db.CarePopulationSnapshots.Add(new CarePopulationSnapshot(message.AsAt, message.ChildrenLookedAfter, message.RatePer10000, message.EnglandRatePer10000, message.OccurredAt));
        return Task.FromResult<InputChange?>(new InputChange(message.AsAt, null, Measures.ChildrenLookedAfter, Measures.ClaRatePer10000));
    }
}

/// <summary>A placement episode started: counts towards placement stability and, with a foster carer, occupies a place.</summary>
public sealed class PlacementStartedConsumer(InspectionsDbContext db) : IndicatorInputConsumer<PlacementStarted>(db)
{
    protected override async Task<InputChange?> ApplyAsync(PlacementStarted message, CancellationToken cancellationToken)
    {
        if (await Db.Placements.FindAsync([message.EpisodeId], cancellationToken) is null)
        {
            Db.Placements.Add(new PlacementRecord(message.EpisodeId, message.ChildId, message.StartDate, message.FosterCarerId));
        }
        return new InputChange(message.StartDate, null, Measures.PlacementStability, Measures.CarerCapacity);
    }
}

/// <summary>A placement episode ended. Retried until its PlacementStarted has been applied.</summary>
public sealed class PlacementEndedConsumer(InspectionsDbContext db) : IndicatorInputConsumer<PlacementEnded>(db)
{
    protected override async Task<InputChange?> ApplyAsync(PlacementEnded message, CancellationToken cancellationToken)
    {
        var placement = await Db.Placements.FindAsync([message.EpisodeId], cancellationToken)
            ?? throw new InvalidOperationException($"Episode {message.EpisodeId} is not known yet; the message will be retried.");
        placement.End(message.EndDate);
        return new InputChange(message.EndDate, null, Measures.PlacementStability, Measures.CarerCapacity);
    }
}

/// <summary>A foster carer household was approved: its places join the capacity.</summary>
public sealed class FosterCarerApprovedConsumer(InspectionsDbContext db) : IndicatorInputConsumer<FosterCarerApproved>(db)
{
    protected override async Task<InputChange?> ApplyAsync(FosterCarerApproved message, CancellationToken cancellationToken)
    {
        if (await Db.FosterCarers.FindAsync([message.FosterCarerId], cancellationToken) is null)
        {
            Db.FosterCarers.Add(new FosterCarerRecord(message.FosterCarerId, message.IsInHouse, message.ApprovedPlaces, message.ApprovedOn));
        }
        return new InputChange(message.ApprovedOn, null, Measures.CarerCapacity);
    }
}

/// <summary>A foster carer household was de-registered. Retried until its approval has been applied.</summary>
public sealed class FosterCarerDeregisteredConsumer(InspectionsDbContext db) : IndicatorInputConsumer<FosterCarerDeregistered>(db)
{
    protected override async Task<InputChange?> ApplyAsync(FosterCarerDeregistered message, CancellationToken cancellationToken)
    {
        var carer = await Db.FosterCarers.FindAsync([message.FosterCarerId], cancellationToken)
            ?? throw new InvalidOperationException($"Foster carer {message.FosterCarerId} is not known yet; the message will be retried.");
        carer.Deregister(message.DeregisteredOn);
        return new InputChange(message.DeregisteredOn, null, Measures.CarerCapacity);
    }
}

/// <summary>Finance's forecast changed: the year's totals give the forecast overspend.</summary>
public sealed class ForecastUpdatedConsumer(InspectionsDbContext db) : IndicatorInputConsumer<ForecastUpdated>(db)
{
    protected override Task<InputChange?> ApplyAsync(ForecastUpdated message, CancellationToken cancellationToken)
    {
        Db.ForecastSnapshots.Add(new ForecastSnapshot(message.FinancialYear, message.AsAt, message.TotalBudget, message.TotalForecast, message.OccurredAt));
        return Task.FromResult<InputChange?>(new InputChange(message.AsAt, null, Measures.ForecastOverspend));
    }
}
