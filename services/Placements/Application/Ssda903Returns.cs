using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Platform.Placements.Infrastructure;
using Platform.Placements.Infrastructure.Ssda903;

namespace Platform.Placements.Application;

/// <summary>The outcome of an import: what was stored (null when refused), the findings by rule and the first findings.</summary>
public sealed record ImportOutcome(StagedReturn Staged, IReadOnlyList<RuleCount> Summary, IReadOnlyList<Domain.Ssda903.Ssda903Finding> FirstFindings, ImportedReturn? Stored);

/// <summary>
/// The 903 return use cases: validate an upload (nothing stored), import it (refused when it has findings, unless a
/// partial import leaves out the children with findings) and export a collection year. Each runs in one transaction:
/// an upload that fails part-way leaves what the service held untouched.
/// </summary>
public sealed class Ssda903Returns(PlacementsDbContext db, IConfiguration configuration)
{
    /// <summary>Findings an import's answer lists (all of them come from the validate operation).</summary>
    public const int FirstFindingsReported = 100;

    /// <summary>The council's ONS local authority code (Placements:LocalAuthority), for placements in or out of its area.</summary>
    private string LocalAuthority => configuration["Placements:LocalAuthority"] ?? DefaultLocalAuthority;

    /// <summary>Stoke-on-Trent, the council of the demo story.</summary>
    public const string DefaultLocalAuthority = "E06000021";

    /// <summary>
    /// Stages and checks an upload; the findings stay readable from the returned <see cref="StagedReturn"/> until
    /// <see cref="EndAsync"/> (the end of the request), when the transaction is rolled back: a validation stores nothing.
    /// </summary>
    public async Task<StagedReturn> ValidateAsync(int collectionYear, IAsyncEnumerable<UploadedFile> files, CancellationToken cancellationToken)
    {
        var (connection, _) = await BeginAsync(cancellationToken);
        return await StagedReturn.StageAsync(connection, collectionYear, LocalAuthority, files, cancellationToken);
    }

    public async Task<ImportOutcome> ImportAsync(int collectionYear, bool partial, IAsyncEnumerable<UploadedFile> files, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await BeginAsync(cancellationToken);
        var staged = await StagedReturn.StageAsync(connection, collectionYear, LocalAuthority, files, cancellationToken);
        staged.AddFindings(await Ssda903ReturnStore.FindChildrenAlreadyHeldAsync(connection, cancellationToken));
        // Read before the commit drops the staging tables.
        var summary = await staged.SummaryAsync(cancellationToken);
        var first = await staged.FindingsAsync(null, 0, FirstFindingsReported, cancellationToken).ToListAsync(cancellationToken);
        if (staged.Findings > 0 && !partial) return new ImportOutcome(staged, summary, first, null);
        var leftOut = staged.Findings > 0 ? await staged.DropChildrenWithFindingsAsync(cancellationToken) : 0;
        var stored = await Ssda903ReturnStore.LoadAsync(db, connection, leftOut, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportOutcome(staged, summary, first, stored);
    }

    /// <summary>Ends the request's transaction: rolled back unless an import committed it.</summary>
    public async Task EndAsync()
    {
        if (db.Database.CurrentTransaction is { } transaction) await transaction.DisposeAsync();
    }

    private async Task<(NpgsqlConnection, IDbContextTransaction)> BeginAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        return ((NpgsqlConnection)db.Database.GetDbConnection(), transaction);
    }
}
