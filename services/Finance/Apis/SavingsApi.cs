using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Finance.Application;
using Platform.Finance.Domain;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Finance.Apis;

/// <summary>The savings programme: targets per year with owning service, line, status and amount delivered.</summary>
public static class SavingsApi
{
    private static readonly string[] Statuses = ["planned", "on-track", "at-risk", "delivered", "missed"];

    /// <summary>A savings target's status as the API writes it.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
    internal sealed class SavingsStatusAttribute() : OneOfAttribute(Statuses);

    public static IEndpointRouteBuilder MapSavingsApi(this IEndpointRouteBuilder app)
    {
        var targets = app.MapGroup("/savings-targets").WithTags("Savings");
        targets.MapPost("/", CreateTarget).WithSummary("Add a savings target to a year's programme")
            .WithDescription("Budgets are set net of savings: a target's shortfall is added to the forecast while it is at risk or missed.");
        targets.MapGet("/", ListTargets).WithSummary("List a year's savings targets, optionally by line or status");
        targets.MapGet("/summary", Summary).WithSummary("A year's savings programme in total: target, delivered, unmet in the forecast, by status");
        targets.MapGet("/{id:guid}", GetTarget).WithSummary("Get a savings target");
        targets.MapPost("/{id:guid}/progress", ReportProgress).WithSummary("Report a target's status (planned, on-track, at-risk, delivered, missed) and amount delivered")
            .WithDescription("Marking a target missed publishes SavingsTargetMissed (once). Publishes ForecastUpdated.");
        targets.MapPost("/year-end", CloseYear).WithSummary("Close a year's savings programme")
            .WithDescription("Every target not delivered in full is marked missed and publishes SavingsTargetMissed; fully delivered ones are marked delivered.");
        return app;
    }

    public sealed record CreateTargetRequest(
        [property: RequiredField, FinancialYear] int? FinancialYear,
        [property: RequiredField, MaxChars(200)] string? Name,
        [property: RequiredField, MaxChars(200)] string? OwningService,
        [property: RequiredField, BudgetLineCode] string? BudgetLineCode,
        [property: RequiredField, Money(MoneyRange.Positive)] decimal? Target);

    public sealed record ProgressRequest(
        [property: RequiredField, SavingsStatus] string? Status,
        [property: RequiredField, Money] decimal? Delivered,
        [property: BusinessDate] DateOnly? AsAt);

    public sealed record CloseYearRequest([property: RequiredField, FinancialYear] int? FinancialYear);

    public sealed record TargetResponse(Guid Id, int FinancialYear, string Name, string OwningService, string BudgetLineCode, decimal Target, decimal Delivered,
        decimal Shortfall, string Status, decimal UnmetInForecast);

    public sealed record ProgrammeResponse(int FinancialYear, IReadOnlyList<TargetResponse> Targets, decimal TotalTarget, decimal TotalDelivered, decimal TotalUnmetInForecast);

    internal static async Task<Results<Created<TargetResponse>, ValidationProblem>> CreateTarget(
        CreateTargetRequest request, FinanceDbContext db, ForecastRecalculator forecast, CancellationToken cancellationToken)
    {
        var year = new FinancialYear(request.FinancialYear!.Value);
        var target = new SavingsTarget(Guid.CreateVersion7(), year, request.Name!.Trim(), request.OwningService!.Trim(), request.BudgetLineCode!, request.Target!.Value);
        db.SavingsTargets.Add(target);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/savings-targets/{target.Id}", ToResponse(target));
    }

    internal static async Task<Results<Ok<Page<TargetResponse>>, ValidationProblem>> ListTargets(
        [RequiredField, FinancialYear] int? financialYear, string? budgetLineCode, [SavingsStatus] string? status, [AsParameters] PageRequest paging,
        FinanceDbContext db, CancellationToken cancellationToken)
    {
        var query = db.SavingsTargets.AsNoTracking().Where(t => t.FinancialYear == financialYear);
        if (!string.IsNullOrWhiteSpace(budgetLineCode)) query = query.Where(t => t.BudgetLineCode == budgetLineCode);
        if (status is not null)
        {
            var wanted = ParseStatus(status);
            query = query.Where(t => t.Status == wanted);
        }
        var page = await paging.ApplyAsync(query.OrderBy(t => t.Name).ThenBy(t => t.Id), cancellationToken);
        return TypedResults.Ok(new Page<TargetResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    public sealed record StatusTotal(string Status, int Targets, decimal Target, decimal Delivered);

    public sealed record SummaryResponse(int FinancialYear, int Targets, decimal TotalTarget, decimal TotalDelivered, decimal TotalUnmetInForecast, IReadOnlyList<StatusTotal> ByStatus);

    internal static async Task<Results<Ok<SummaryResponse>, ValidationProblem>> Summary(
        [RequiredField, FinancialYear] int? financialYear, FinanceDbContext db, CancellationToken cancellationToken)
    {
        var targets = await db.SavingsTargets.AsNoTracking().Where(t => t.FinancialYear == financialYear).ToListAsync(cancellationToken);
        var byStatus = targets.GroupBy(t => t.Status).OrderBy(g => g.Key)
            .Select(g => new StatusTotal(StatusName(g.Key), g.Count(), g.Sum(t => t.Target), g.Sum(t => t.Delivered))).ToList();
        return TypedResults.Ok(new SummaryResponse(financialYear!.Value, targets.Count, targets.Sum(t => t.Target), targets.Sum(t => t.Delivered),
            targets.Sum(t => t.Unmet), byStatus));
    }

    internal static async Task<Results<Ok<TargetResponse>, NotFound>> GetTarget(Guid id, FinanceDbContext db, CancellationToken cancellationToken) =>
        await db.SavingsTargets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken) is { } target
            ? TypedResults.Ok(ToResponse(target))
            : TypedResults.NotFound();

    internal static async Task<Results<Ok<TargetResponse>, NotFound, ValidationProblem>> ReportProgress(
        Guid id, ProgressRequest request, FinanceDbContext db, ForecastRecalculator forecast, TimeProvider clock, CancellationToken cancellationToken)
    {
        var target = await db.SavingsTargets.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (target is null) return TypedResults.NotFound();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        target.Report(ParseStatus(request.Status!), request.Delivered!.Value);
        var asAtDate = request.AsAt ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await forecast.RecalculateAsync(target.FinancialYear, [target.BudgetLineCode], asAtDate, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(target));
    }

    internal static async Task<Results<Ok<ProgrammeResponse>, ValidationProblem>> CloseYear(
        CloseYearRequest request, FinanceDbContext db, ForecastRecalculator forecast, CancellationToken cancellationToken)
    {
        var year = new FinancialYear(request.FinancialYear!.Value);
        var targets = await db.SavingsTargets.Where(t => t.FinancialYear == year.StartYear).OrderBy(t => t.Name).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        if (targets.Count == 0) return new RequestValidator().Add("financialYear", $"{year.Name} has no savings targets.").ToProblem();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changedLines = new List<string>();
        foreach (var target in targets)
        {
            if (target.CloseYear()) changedLines.Add(target.BudgetLineCode);
        }
        await forecast.RecalculateAsync(year.StartYear, changedLines, year.End, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new ProgrammeResponse(year.StartYear, targets.Select(ToResponse).ToList(),
            targets.Sum(t => t.Target), targets.Sum(t => t.Delivered), targets.Sum(t => t.Unmet)));
    }

    private static SavingsStatus ParseStatus(string status) => status switch
    {
        "planned" => SavingsStatus.Planned,
        "on-track" => SavingsStatus.OnTrack,
        "at-risk" => SavingsStatus.AtRisk,
        "delivered" => SavingsStatus.Delivered,
        _ => SavingsStatus.Missed,
    };

    private static string StatusName(SavingsStatus status) => status switch
    {
        SavingsStatus.OnTrack => "on-track",
        SavingsStatus.AtRisk => "at-risk",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static TargetResponse ToResponse(SavingsTarget t) =>
        new(t.Id, t.FinancialYear, t.Name, t.OwningService, t.BudgetLineCode, t.Target, t.Delivered, t.Shortfall, StatusName(t.Status), t.Unmet);
}
