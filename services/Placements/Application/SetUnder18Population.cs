using Microsoft.EntityFrameworkCore;
using Platform.Placements.Domain;
using Platform.Placements.Infrastructure;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Http;

namespace Platform.Placements.Application;

/// <summary>
/// The under-18 population of a collection year (the ONS mid-year estimate): the rate per 10,000 of every date of the
/// year uses it, so CarePopulationChanged is published for the year's 31 March with the rate and the year's measures
/// are republished. Called by <c>PUT /reference/under-18-population</c> and by the census figure from the ingest.
/// </summary>
public sealed class SetUnder18Population(PlacementsDbContext db)
{
    /// <summary><paramref name="Population"/> is the request (or the census figure from the ingest) as sent.</summary>
    public sealed record Command(PopulationRequest Population);

    /// <summary>The collection years reference data can be held for (2000-01 to 2099-00).</summary>
    public const int EarliestYear = 2000, LatestYear = 2099;

    public async Task<Outcome<PopulationReference>> HandleAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        // PUT /reference/under-18-population was checked against the request's declared rules before it got here; a census figure is checked now.
        var request = command.Population;
        if (RequestValidation.Check(request) is { Count: > 0 } errors) return Outcome.Refused<PopulationReference>(errors);

        await using var transaction = await db.BeginUseCaseTransactionAsync(cancellationToken);
        var reference = await FindOrAddAsync(db, request.CollectionYear!.Value, cancellationToken);
        reference.SetUnder18Population(request.Under18Population!.Value);
        await db.SaveChangesAsync(cancellationToken);
        db.AddIntegrationEvent(await CarePopulation.ChangedAsync(db, new DateOnly(reference.CollectionYear + 1, 3, 31), cancellationToken));
        db.MeasuresChangedFrom(new DateOnly(reference.CollectionYear, 4, 1));
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return Outcome.Done(reference);
    }

    /// <summary>The year's reference row, added when the year has none yet.</summary>
    internal static async Task<PopulationReference> FindOrAddAsync(PlacementsDbContext db, int year, CancellationToken cancellationToken)
    {
        var reference = await db.PopulationReferences.FirstOrDefaultAsync(r => r.CollectionYear == year, cancellationToken);
        if (reference is null)
        {
            reference = new PopulationReference(year);
            db.PopulationReferences.Add(reference);
        }
        return reference;
    }
}

/// <summary>A collection year's under-18 population as <c>PUT /reference/under-18-population</c> (and the census ingest) sends it.</summary>
public sealed record PopulationRequest(
    [property: RequiredField, CollectionYear] int? CollectionYear,
    [property: RequiredField, Between(1, PopulationReference.MaxPopulation)] int? Under18Population);
