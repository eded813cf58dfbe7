using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Contracts.Placements.V1;
using Platform.Placements.Domain;

namespace Platform.Placements.Infrastructure;

/// <summary>An episode's facts with its child's date of birth (what the stability measures read).</summary>
internal sealed record EpisodeOfChild(EpisodeSpan Episode, DateOnly DateOfBirth)
{
    public static Dictionary<string, DateOnly> Births(IEnumerable<EpisodeOfChild> rows)
    {
        var births = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var row in rows) births[row.Episode.ChildId] = row.DateOfBirth;
        return births;
    }
}

/// <summary>
/// Counts of children looked after, shared by the indicators API and the events that announce a change. Each query is
/// written in SQL so that it matches, word for word, an index of the <c>CarePeriodIndexes</c> migration that bounds both
/// ends of what it reads: a B-tree on the start date alone reads every episode started before the date.
/// </summary>
internal static class CarePopulation
{
    // An episode's period of care, [start, end): it counts on its start date and no longer on its end date; an open
    // episode's range has no upper bound. An end before the start (no rule lets one in) is read as an empty range rather
    // than an error. The expression and the predicate are those of the migration's partial GiST index, to the letter.
    private const string Period = "daterange(start_date, CASE WHEN end_date < start_date THEN start_date ELSE end_date END, '[)')";
    private const string NotShortBreak = "legal_status NOT IN ('V3', 'V4')";

    /// <summary>An episode that starts a period of care (RNE S), not a short break: the predicate of the migration's partial B-tree on start dates.</summary>
    internal const string StartsCare = "reason_for_new_episode = 'S' AND " + NotShortBreak;

    /// <summary>An episode that ends a period of care (any REC but X1), not a short break: the predicate of the migration's partial B-tree on end dates.</summary>
    internal const string CeasesCare = "reason_episode_ceased IS NOT NULL AND reason_episode_ceased <> 'X1' AND " + NotShortBreak;

    private const string OpenOnSql = "SELECT * FROM episodes WHERE " + NotShortBreak + " AND " + Period + " @> {0}";

    // Each matches a partial B-tree of the migration (only the flow's episodes, by date).
    private const string StartDatesSql = "SELECT start_date AS \"Value\" FROM episodes WHERE " + StartsCare + " AND start_date BETWEEN {0} AND {1}";
    private const string EndDatesSql = "SELECT end_date AS \"Value\" FROM episodes WHERE " + CeasesCare + " AND end_date BETWEEN {0} AND {1}";

    /// <summary>
    /// The episodes open on <paramref name="date"/> (started on or before it and not ended by it: an episode ending on the
    /// date no longer counts; one starting on it does), short breaks (LS V3/V4) excluded, as in the DfE count.
    /// </summary>
    public static IQueryable<Episode> OpenOn(PlacementsDbContext db, DateOnly date) =>
        db.Episodes.FromSqlRaw(OpenOnSql, date).AsNoTracking();

    /// <summary>Children looked after on <paramref name="date"/>: those with an episode open on it (<see cref="OpenOn"/>).</summary>
    public static IQueryable<string> LookedAfterOn(PlacementsDbContext db, DateOnly date) =>
        OpenOn(db, date).Select(e => e.ChildId).Distinct();

    /// <summary>Start dates of periods of care (RNE S) from <paramref name="from"/> to <paramref name="to"/>, one per episode; short breaks excluded.</summary>
    public static IQueryable<DateOnly> StartsBetween(PlacementsDbContext db, DateOnly from, DateOnly to) =>
        db.Database.SqlQueryRaw<DateOnly>(StartDatesSql, from, to);

    /// <summary>End dates of periods of care (any REC but X1, a new episode the same day) from <paramref name="from"/> to <paramref name="to"/>, one per episode; short breaks excluded.</summary>
    public static IQueryable<DateOnly> CeasesBetween(PlacementsDbContext db, DateOnly from, DateOnly to) =>
        db.Database.SqlQueryRaw<DateOnly>(EndDatesSql, from, to);

    // The children looked after, then for each one (OFFSET 0 keeps each lookup a probe of that child's keys) its date of
    // birth and its episodes since the history's start: the work follows the children looked after, never a scan of
    // every child or episode, which the planner chose for a plain join.
    private const string StabilitySql = $"""
        SELECT e.child_id, e.start_date, e.end_date, e.reason_for_new_episode, e.legal_status, e.placement_type, e.placement_provider, c.date_of_birth
        FROM (SELECT DISTINCT child_id FROM episodes WHERE {NotShortBreak} AND {Period} @> $1) l
        CROSS JOIN LATERAL (SELECT date_of_birth FROM children WHERE child_id = l.child_id OFFSET 0) c
        CROSS JOIN LATERAL (SELECT * FROM episodes WHERE child_id = l.child_id AND start_date <= $1 AND (end_date IS NULL OR end_date >= $2)
            AND {NotShortBreak} OFFSET 0) e
        """;

    /// <summary>
    /// The episodes the stability measures read on <paramref name="yearEnd"/>, with each child's date of birth: those of
    /// the children looked after on it, started by then and not ended before <see cref="StabilityMeasures.HistoryFrom"/>
    /// (earlier ones cannot change a measure); short breaks excluded, as the measures exclude them.
    /// </summary>
    public static async Task<List<EpisodeOfChild>> StabilityEpisodesAsync(PlacementsDbContext db, DateOnly yearEnd, CancellationToken cancellationToken)
    {
        var rows = new List<EpisodeOfChild>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(StabilitySql, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = yearEnd });
            command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = StabilityMeasures.HistoryFrom(yearEnd) });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new EpisodeOfChild(
                    new EpisodeSpan(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
                        reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)),
                    reader.GetFieldValue<DateOnly>(7)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return rows;
    }

    /// <summary>The figures of CarePopulationChanged for a date, with the rate when the population is configured.</summary>
    public static async Task<CarePopulationChanged> ChangedAsync(PlacementsDbContext db, DateOnly date, CancellationToken cancellationToken)
    {
        var count = await LookedAfterOn(db, date).CountAsync(cancellationToken);
        var reference = await ReferenceForAsync(db, date, cancellationToken);
        return new CarePopulationChanged(date, count, PopulationReference.RatePer10000(count, reference?.Under18Population),
            reference?.EnglandRatePer10000, reference?.StatisticalNeighbourRatePer10000);
    }

    /// <summary>The reference data of the collection year of <paramref name="date"/>, or of the latest earlier year held.</summary>
    public static Task<PopulationReference?> ReferenceForAsync(PlacementsDbContext db, DateOnly date, CancellationToken cancellationToken)
    {
        var year = PopulationReference.CollectionYearOf(date);
        return db.PopulationReferences.AsNoTracking()
            .Where(r => r.CollectionYear <= year)
            .OrderByDescending(r => r.CollectionYear)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
