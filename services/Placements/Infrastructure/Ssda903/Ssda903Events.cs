using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Placements.V1;
using Platform.Placements.Domain;
using Platform.Placements.Domain.Ssda903;

namespace Platform.Placements.Infrastructure.Ssda903;

/// <summary>The integration events and measure changes of an imported 903 return (its episodes are the staged Episodes rows, staged_rows).</summary>
internal static class Ssda903Events
{
    /// <summary>
    /// Queues, in the import's transaction, PlacementStarted for every imported placement still open (Finance commits its
    /// cost) and CarePopulationChanged for each day in the imported range on which the number looked after changed. The
    /// closed history is loaded as data, not replayed as events.
    /// </summary>
    public static async Task QueueAsync(PlacementsDbContext db, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Every measure is republished from the earliest date the return touches (docs/measures.md).
        await using (var earliest = new NpgsqlCommand($"SELECT min(date1) FROM staged_rows r WHERE {ImportedEpisodes}", connection))
        await using (var reader = await earliest.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0)) db.MeasuresChangedFrom(reader.GetFieldValue<DateOnly>(0));
        }
        await db.SaveChangesAsync(cancellationToken);
        var open = new List<PlacementStarted>();
        await using (var command = new NpgsqlCommand($"""
            SELECT e.id, e.child_id, e.start_date, e.reason_for_new_episode, e.legal_status, e.placement_type, e.placement_provider, e.weekly_cost
            FROM staged_rows r JOIN episodes e ON e.id = r.id WHERE {ImportedEpisodes} AND r.date2 IS NULL
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                open.Add(new PlacementStarted(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), Text(reader, 6), reader.GetDecimal(7)));
                if (open.Count == 1_000) await SaveEventsAsync(db, open, cancellationToken);
            }
        }
        await SaveEventsAsync(db, open, cancellationToken);

        // Day-by-day changes: +1 for each start of a period of care, -1 for each cease (short breaks excluded), added to the
        // count the day before the first change.
        DateOnly? first = null;
        var changes = new List<(DateOnly Day, int Running)>();
        await using (var command = new NpgsqlCommand($"""
            WITH span AS (
                SELECT least(min(date1), min(date2)) AS first_day, greatest(max(date1), max(date2)) AS last_day FROM staged_rows r WHERE {ImportedEpisodes}),
            changes AS (
                SELECT start_date AS day, 1 AS delta FROM episodes, span
                WHERE {CarePopulation.StartsCare} AND start_date BETWEEN first_day AND last_day
                UNION ALL
                SELECT end_date, -1 FROM episodes, span
                WHERE {CarePopulation.CeasesCare} AND end_date BETWEEN first_day AND last_day)
            SELECT day, sum(sum(delta)) OVER (ORDER BY day)::int FROM changes GROUP BY day HAVING sum(delta) <> 0 ORDER BY day
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var day = reader.GetFieldValue<DateOnly>(0);
                first ??= day;
                changes.Add((day, reader.GetInt32(1)));
            }
        }
        if (first is null) return;
        var baseline = await CarePopulation.LookedAfterOn(db, first.Value.AddDays(-1)).CountAsync(cancellationToken);
        var references = await db.PopulationReferences.AsNoTracking().OrderBy(r => r.CollectionYear).ToListAsync(cancellationToken);
        var events = new List<IntegrationEvent>();
        foreach (var (day, running) in changes)
        {
            var count = baseline + running;
            var reference = references.LastOrDefault(r => r.CollectionYear <= PopulationReference.CollectionYearOf(day));
            events.Add(new CarePopulationChanged(day, count, PopulationReference.RatePer10000(count, reference?.Under18Population),
                reference?.EnglandRatePer10000, reference?.StatisticalNeighbourRatePer10000));
            if (events.Count == 1_000) await SaveEventsAsync(db, events, cancellationToken);
        }
        await SaveEventsAsync(db, events, cancellationToken);
    }

    // The staged rows an import stored as episodes (StagedReturn: date1 is DECOM, date2 DEC).
    private static readonly string ImportedEpisodes = $"r.tab = {(int)Ssda903Table.Episodes} AND r.child IS NOT NULL";

    private static async Task SaveEventsAsync<T>(PlacementsDbContext db, List<T> events, CancellationToken cancellationToken) where T : IntegrationEvent
    {
        if (events.Count == 0) return;
        foreach (var integrationEvent in events) db.AddIntegrationEvent(integrationEvent);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        events.Clear();
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
