using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.Inspections.Domain;

namespace Platform.Inspections.Infrastructure;

/// <summary>
/// Gives the improvement board a new version token as the last statement of a transaction that changed what it
/// shows (<see cref="InspectionsDbContext.BoardChangedInTransaction"/>), so the cached board of the old version is
/// never served again. It renews a random slot of the version, so concurrent consumers seldom queue on the same row,
/// and then only for each other's commit.
/// </summary>
internal sealed class BoardVersionInterceptor : DbTransactionInterceptor
{
    public static readonly BoardVersionInterceptor Instance = new();

    private const string Bump = "UPDATE board_versions SET token = @token, changed_at = @changed_at WHERE id = @id";

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (eventData.Context is InspectionsDbContext { BoardChangedInTransaction: true } db)
        {
            using var command = BumpCommand(transaction);
            command.ExecuteNonQuery();
            db.BoardChangedInTransaction = false;
        }
        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is InspectionsDbContext { BoardChangedInTransaction: true } db)
        {
            await using var command = BumpCommand(transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            db.BoardChangedInTransaction = false;
        }
        return result;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    private static void Forget(TransactionEndEventData eventData)
    {
        if (eventData.Context is InspectionsDbContext db) db.BoardChangedInTransaction = false;
    }

    private static DbCommand BumpCommand(DbTransaction transaction)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Bump;
        Add(command, "token", Guid.NewGuid());
        Add(command, "changed_at", DateTimeOffset.UtcNow);
        Add(command, "id", Random.Shared.Next(1, BoardVersion.Slots + 1));
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
