using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Finance.Application;
using Platform.Finance.Domain;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Finance.Apis;

/// <summary>Actual spend per cost centre, S251 line and period, recorded one at a time or imported from a ledger extract.</summary>
public static class ActualsApi
{
    private static readonly string[] ImportColumns = ["financialYear", "period", "costCentreCode", "budgetLineCode", "amount"];

    public static IEndpointRouteBuilder MapActualsApi(this IEndpointRouteBuilder app)
    {
        var actuals = app.MapGroup("/actuals").WithTags("Actuals");
        actuals.MapPost("/", RecordActual).WithSummary("Record the actual spend of a cost centre's line in a period")
            .WithDescription("Period 1 is April, 12 is March. Recording the same cost centre, line and period again replaces the amount. Publishes ForecastUpdated.");
        actuals.MapGet("/", ListActuals).WithSummary("List actuals for a year, optionally by line or cost centre");
        actuals.MapPost("/import", Import).WithSummary("Import a ledger extract (CSV)")
            .WithDescription("Body text/csv with a header row naming the columns financialYear, period, costCentreCode, budgetLineCode, amount " +
                "(any order). Every row is validated first; if any row is bad nothing is stored and the errors name the row (the header is row 1). " +
                "Rows replace earlier actuals of the same cost centre, line and period. At most 1 MiB (about 20,000 rows) per request.")
            .Accepts<string>("text/csv");
        return app;
    }

        public sealed record ActualResponse(int FinancialYear, int Period, DateOnly PeriodStart, DateOnly PeriodEnd, string CostCentreCode, string BudgetLineCode, decimal Amount, string RecordedBy, DateTimeOffset RecordedAt);

    public sealed record ImportResponse(int Rows, IReadOnlyList<int> FinancialYears, decimal Total);

    internal static async Task<Results<Ok<ActualResponse>, ValidationProblem>> RecordActual(
        RecordActualRequest request, HttpContext http, Application.RecordActual recordActual, CancellationToken cancellationToken)
    {
        var outcome = await recordActual.HandleAsync(new Application.RecordActual.Command(request, ApiHelpers.UserOf(http)), cancellationToken);
        if (outcome.Errors is not null) return outcome.ToProblem();
        return TypedResults.Ok(ToResponse(outcome.Result!));
    }

    internal static async Task<Results<Ok<Page<ActualResponse>>, ValidationProblem>> ListActuals(
        [RequiredField, FinancialYear] int? financialYear, string? budgetLineCode, string? costCentreCode, [AsParameters] PageRequest paging, FinanceDbContext db,
        CancellationToken cancellationToken)
    {

        var query = db.Actuals.AsNoTracking().Where(a => a.FinancialYear == financialYear);
        if (!string.IsNullOrWhiteSpace(budgetLineCode)) query = query.Where(a => a.BudgetLineCode == budgetLineCode);
        if (!string.IsNullOrWhiteSpace(costCentreCode))
        {
            var centre = costCentreCode.ToUpperInvariant();
            query = query.Where(a => a.CostCentreCode == centre);
        }
        var page = await paging.ApplyAsync(query.OrderBy(a => a.Period).ThenBy(a => a.CostCentreCode).ThenBy(a => a.BudgetLineCode), cancellationToken);
        return TypedResults.Ok(new Page<ActualResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<ImportResponse>, ValidationProblem>> Import(
        HttpContext http, FinanceDbContext db, ForecastRecalculator forecast, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        if (http.Request.ContentType is not { } contentType || !contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return validator.Add("body", "Send the ledger extract as text/csv.").ToProblem();
        }
        string text;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var header = Csv.SplitLine(lines[0].TrimStart('\uFEFF'));
        var columns = ImportColumns.ToDictionary(c => c, c => header.FindIndex(h => string.Equals(h.Trim(), c, StringComparison.OrdinalIgnoreCase)));
        foreach (var missing in columns.Where(c => c.Value < 0)) validator.Add("header", $"Column {missing.Key} is missing (row 1 must name {string.Join(", ", ImportColumns)}).");
        if (!validator.IsValid) return validator.ToProblem();

        var centres = (await db.CostCentres.AsNoTracking().Select(c => c.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var rows = new List<(int Row, FinancialYear Year, int Period, string Centre, string Line, decimal Amount)>();
        var seen = new Dictionary<(int, int, string, string), int>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var row = i + 1;
            var fields = Csv.SplitLine(lines[i]);
            string Field(string column) => columns[column] < fields.Count ? fields[columns[column]].Trim() : "";

            var yearOk = int.TryParse(Field("financialYear"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) && FinancialYear.IsValidStartYear(year);
            validator.When(!yearOk, $"rows[{row}].financialYear", $"Row {row}: financialYear must be a start year between {FinancialYear.MinStartYear} and {FinancialYear.MaxStartYear}.");
            var periodOk = int.TryParse(Field("period"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var period) && period is >= 1 and <= 12;
            validator.When(!periodOk, $"rows[{row}].period", $"Row {row}: period must be 1 (April) to 12 (March).");
            var centre = Field("costCentreCode").ToUpperInvariant();
            var centreOk = centres.Contains(centre);
            validator.When(!centreOk, $"rows[{row}].costCentreCode", $"Row {row}: cost centre '{Truncate(centre)}' does not exist.");
            var line = Field("budgetLineCode");
            var lineOk = BudgetLineCodes.All.ContainsKey(line);
            validator.When(!lineOk, $"rows[{row}].budgetLineCode", $"Row {row}: '{Truncate(line)}' is not a budget line code.");
            var amountOk = decimal.TryParse(Field("amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
                && Math.Abs(amount) <= Actual.MaxAmount && decimal.Round(amount, 2) == amount;
            validator.When(!amountOk, $"rows[{row}].amount", $"Row {row}: amount must be pounds and pence between -1,000,000,000 and 1,000,000,000.");
            if (!(yearOk && periodOk && centreOk && lineOk && amountOk)) continue;

            if (seen.TryGetValue((year, period, centre, line), out var earlier))
            {
                validator.Add($"rows[{row}]", $"Row {row} repeats row {earlier} (same year, period, cost centre and line).");
                continue;
            }
            seen[(year, period, centre, line)] = row;
            rows.Add((row, new FinancialYear(year), period, centre, line, amount));
        }
        if (rows.Count == 0 && validator.IsValid) validator.Add("body", "The extract has no rows after the header.");
        if (!validator.IsValid) return validator.ToProblem();

        var user = ApiHelpers.UserOf(http);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var row in rows)
        {
            await Application.RecordActual.UpsertAsync(db, row.Year, row.Period, row.Centre, row.Line, row.Amount, user, now, cancellationToken);
        }
        foreach (var year in rows.GroupBy(r => r.Year.StartYear).OrderBy(g => g.Key))
        {
            var asAt = new FinancialYear(year.Key).Period(year.Max(r => r.Period)).To;
            await forecast.RecalculateAsync(year.Key, year.Select(r => r.Line), asAt, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new ImportResponse(rows.Count, rows.Select(r => r.Year.StartYear).Distinct().Order().ToList(), rows.Sum(r => r.Amount)));
    }

    private static string Truncate(string value) => value.Length <= 20 ? value : value[..20] + "…";

    private static ActualResponse ToResponse(Actual actual)
    {
        var (from, to) = new FinancialYear(actual.FinancialYear).Period(actual.Period);
        return new(actual.FinancialYear, actual.Period, from, to, actual.CostCentreCode, actual.BudgetLineCode, actual.Amount, actual.RecordedBy, actual.RecordedAt);
    }
}

/// <summary>Minimal CSV reading: commas, double-quoted fields with doubled quotes inside.</summary>
internal static class Csv
{
    public static List<string> SplitLine(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
