using System.Globalization;
using System.Text;
using System.Text.Json;
using Platform.Tools.DemoLoader.Requests;

namespace Platform.Tools.DemoLoader.Steps;

/// <summary>
/// Finance at period 6 (September 2019): actuals for April-September from a ledger extract, the rest-of-year run rate
/// as forecast adjustments, and the savings position. With the commitments the workforce and placement events have
/// already raised, the forecast overspend is about £8m: the commissioner's "£8m for a number of years". Amounts are
/// illustrative.
/// </summary>
internal sealed class FinanceClosingStep : IDemoStep
{
    /// <summary>
    /// Full-year spend expected on the existing caseload and staff (before the events' commitments). The establishment's
    /// posts are committed from Workforce's events, so the social work and support lines here carry only what the
    /// establishment does not: agency cover beyond posts, legal, transport, training.
    /// </summary>
    private static readonly (string Centre, string Line, decimal FullYear)[] Lines =
    [
        ("CSC-FOST", "fostering-services", 18_900_000),
        ("CSC-PLACE", "residential-care", 16_200_000),
        ("CSC-CIC", "other-looked-after-services", 3_800_000),
        ("CSC-FOST", "family-and-friends", 2_200_000),
        ("CSC-CIC", "leaving-care", 3_900_000),
        ("CSC-CIC", "asylum-seekers", 500_000),
        ("CSC-PERM", "adoption-services", 2_500_000),
        ("CSC-PERM", "special-guardianship", 2_800_000),
        ("CSC-EH", "family-support", 4_000_000),
        ("CSC-EH", "youth-justice", 1_500_000),
        ("CSC-SW", "social-work", 10_600_000),
        ("CSC-MGT", "commissioning", 1_500_000),
        ("CSC-MGT", "management-and-support", 2_100_000),
    ];

    public string Name => "finance: period 6 actuals, forecast and savings";

    /// <summary>A period's spend: a twelfth of the year, to the penny.</summary>
    internal static decimal Monthly(decimal fullYear) => Math.Round(fullYear / 12, 2, MidpointRounding.ToEven);

    /// <summary>The ledger extract: periods 1-6 of 2019-20 at a twelfth of the year's spend each.</summary>
    internal static string LedgerExtract()
    {
        var csv = new StringBuilder("financialYear,period,costCentreCode,budgetLineCode,amount");
        foreach (var (centre, line, fullYear) in Lines)
        {
            for (var period = 1; period <= 6; period++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"\n2019,{period},{centre},{line},{Monthly(fullYear):F2}");
            }
        }
        return csv.ToString();
    }

    public async Task RunAsync(DemoContext demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var api = demo.Api;
        await demo.SayAsync("loading demo: period 6 actuals and forecast for 2019-20").ConfigureAwait(false);
        using (var extract = new StringContent(LedgerExtract(), Encoding.UTF8, "text/csv"))
        {
            await api.PostContentAsync("/api/finance/actuals/import", extract, cancellationToken).ConfigureAwait(false);
        }

        // Rest of the year (periods 7-12) at the same run rate, as a forecast adjustment per line.
        foreach (var (_, line, fullYear) in Lines)
        {
            await api.PostAsync("/api/finance/adjustments", new AdjustmentRequest(2019, line, fullYear - 6 * Monthly(fullYear),
                "Period 6: rest-of-year run rate of the existing caseload and staff", new DateOnly(2019, 9, 30)), cancellationToken).ConfigureAwait(false);
        }

        // Savings position at period 6: the council-wide programme on track, the agency measure at risk.
        var targets = await api.GetAsync("/api/finance/savings-targets?financialYear=2019", cancellationToken).ConfigureAwait(false);
        foreach (var target in targets.GetProperty("items").EnumerateArray())
        {
            var name = target.GetProperty("name").GetString() ?? "";
            var progress = name.StartsWith("2019-20 savings programme", StringComparison.Ordinal) ? new SavingsProgressRequest("on-track", 8_500_000, new DateOnly(2019, 9, 30))
                : name.StartsWith("Reduce agency", StringComparison.Ordinal) ? new SavingsProgressRequest("at-risk", 250_000, new DateOnly(2019, 9, 30))
                : null;
            if (progress is null) continue;
            await api.PostAsync($"/api/finance/savings-targets/{target.GetProperty("id").GetGuid()}/progress", progress, cancellationToken).ConfigureAwait(false);
        }

        var forecast = await api.GetAsync("/api/finance/forecast?financialYear=2019", cancellationToken).ConfigureAwait(false);
        await demo.SayAsync($"2019-20 at period 6: budget £{Raw(forecast, "totalBudget")}, forecast outturn £{Raw(forecast, "totalForecast")}, " +
                            $"overspend £{Raw(forecast, "totalVariance")}").ConfigureAwait(false);
    }

    private static string Raw(JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) ? value.GetRawText() : "?";
}
