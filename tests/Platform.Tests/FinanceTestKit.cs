using System.Net.Http.Json;
using MassTransit;
using Npgsql;
using Platform.Contracts;

namespace Platform.Tests;

/// <summary>Helpers for the Finance tests: unique codes, events published as another service, polling, outbox queries.</summary>
internal static class FinanceTestKit
{
    public sealed record PageDto<T>(List<T> Items, int TotalCount);

    public sealed record CommitmentDto(string Source, string Kind, string BudgetLineCode, int FinancialYear, DateOnly CommittedFrom, DateOnly CommittedTo, decimal Amount);

    public sealed record IdDto(Guid Id);

    public sealed record LineDto(string BudgetLineCode, decimal Budget, decimal Actuals, decimal Commitments, decimal Adjustments, decimal UnmetSavings, decimal Forecast, decimal Variance, bool Overspent);

    public sealed record ForecastDto(int FinancialYear, string FinancialYearName, List<LineDto> Lines, decimal TotalBudget, decimal TotalForecast, decimal TotalVariance, bool AboveThreshold);

    public static string UniqueCode(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}".ToUpperInvariant();

    /// <summary>Publishes an event on the broker as its producer would: the event id is the message id.</summary>
    public static Task PublishAsync<T>(this PlatformFixture platform, T message) where T : IntegrationEvent =>
        platform.FinanceBus.Publish(message, context => context.MessageId = message.EventId);

    /// <summary>Publishes an event whose type is known only at run time, as <see cref="PublishAsync{T}"/> does.</summary>
    public static Task PublishAnyAsync(this PlatformFixture platform, IntegrationEvent message) =>
        platform.FinanceBus.Publish(message, message.GetType(), context => context.MessageId = message.EventId);

    public static async Task<string> CreateCostCentreAsync(this PlatformFixture platform, string prefix, string service = "Children's Social Care")
    {
        var code = UniqueCode(prefix);
        var response = await platform.Gateway.PostAsJsonAsync("/api/finance/cost-centres", new { code, name = $"{prefix} cost centre", service });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return code;
    }

    public static async Task<Guid> SetBudgetAsync(this PlatformFixture platform, int year, string costCentre, string line, decimal amount)
    {
        var response = await platform.Gateway.PostAsJsonAsync("/api/finance/budgets", new
        {
            financialYear = year, costCentreCode = costCentre, budgetLineCode = line, amount, approvedOn = $"{year}-03-01",
        });
        return (await response.ReadAsync<IdDto>()).Id;
    }

    public static async Task<ForecastDto> ForecastAsync(this PlatformFixture platform, int year) =>
        await (await platform.Gateway.GetAsync($"/api/finance/forecast?financialYear={year}")).ReadAsync<ForecastDto>();

    public static async Task<List<CommitmentDto>> CommitmentsOfAsync(this PlatformFixture platform, string source) =>
        (await (await platform.Gateway.GetAsync($"/api/finance/commitments?source={source}")).ReadAsync<PageDto<CommitmentDto>>()).Items;

    /// <summary>Waits until the Finance inbox has applied the message (it may still be retried a moment later, never twice).</summary>
    public static Task AppliedAsync(this PlatformFixture platform, Guid messageId) =>
        EventuallyAsync(async () => await PlatformFixture.CountRowsAsync(platform.FinanceDb, "inbox_messages", $"message_id = '{messageId}'") > 0 ? "applied" : null);

    public static Task<long> CountOutboxAsync(this PlatformFixture platform, string eventName, string where = "true") =>
        PlatformFixture.CountRowsAsync(platform.FinanceDb, "outbox_messages", $"message_type = 'Platform.Contracts.Finance.V1.{eventName}' AND ({where})");

    /// <summary>Payloads (JSON text) of a Finance event, oldest first.</summary>
    public static async Task<List<string>> OutboxPayloadsAsync(this PlatformFixture platform, string eventName, string where)
    {
        await using var connection = new NpgsqlConnection(platform.FinanceDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT payload::text FROM outbox_messages WHERE message_type = 'Platform.Contracts.Finance.V1.{eventName}' AND ({where}) ORDER BY sequence", connection);
        var payloads = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) payloads.Add(reader.GetString(0));
        return payloads;
    }

    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(200);
        }
        throw new TimeoutException("The expected state was not reached within 30 seconds.");
    }
}
