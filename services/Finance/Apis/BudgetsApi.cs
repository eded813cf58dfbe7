using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Finance.Application;
using Platform.Finance.Domain;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Finance.Apis;

/// <summary>Financial years, cost centres and budgets: original budgets, approved changes and their audit trail.</summary>
public static class BudgetsApi
{
    public static IEndpointRouteBuilder MapBudgetsApi(this IEndpointRouteBuilder app)
    {
        var years = app.MapGroup("/years").WithTags("Budgets");
        years.MapGet("/", ListYears).WithSummary("List financial years that have budgets, with their total budget")
            .WithDescription("Years run 1 April to 31 March and are named by their start year: 2019 is 2019-20.");

        var centres = app.MapGroup("/cost-centres").WithTags("Budgets");
        centres.MapPost("/", CreateCostCentre).WithSummary("Add a cost centre").WithDescription("A unit budget is held against, owned by a council service.");
        centres.MapGet("/", ListCostCentres).WithSummary("List cost centres");
        centres.MapGet("/{code}", GetCostCentre).WithSummary("Get a cost centre");

        var budgets = app.MapGroup("/budgets").WithTags("Budgets");
        budgets.MapPost("/", SetBudget).WithSummary("Set the original budget of a cost centre's S251 line for a year")
            .WithDescription("Records who approved it (the token's subject) and when. Publishes BudgetSet and ForecastUpdated.");
        budgets.MapGet("/", ListBudgets).WithSummary("List budgets, optionally by year, cost centre and line");
        budgets.MapGet("/audit", Audit).WithSummary("The budget audit trail: every original budget, change and virement line, newest first")
            .WithDescription("Who approved what and when, for a year, optionally by cost centre or line.");
        budgets.MapGet("/{id:guid}", GetBudget).WithSummary("Get a budget with its changes");
        budgets.MapPost("/{id:guid}/changes", ChangeBudget).WithSummary("Record an approved change to a budget (growth or a reduction)")
            .WithDescription("A budget never goes below zero. Publishes BudgetSet with the new budget, and ForecastUpdated.");
        return app;
    }

    public sealed record YearResponse(int FinancialYear, string Name, DateOnly Start, DateOnly End, decimal TotalBudget);

    public sealed record CreateCostCentreRequest(
        [property: RequiredField, MaxChars(40)] string? Code,
        [property: RequiredField, MaxChars(200)] string? Name,
        [property: RequiredField, MaxChars(200)] string? Service);

    public sealed record CostCentreResponse(string Code, string Name, string Service);

    public sealed record SetBudgetRequest(
        [property: RequiredField, FinancialYear] int? FinancialYear,
        [property: RequiredField, MaxChars(40)] string? CostCentreCode,
        [property: RequiredField, BudgetLineCode] string? BudgetLineCode,
        [property: RequiredField, Money] decimal? Amount,
        [property: MaxChars(500)] string? Reason,
        [property: RequiredField, BusinessDate] DateOnly? ApprovedOn);

    public sealed record ChangeBudgetRequest(
        [property: RequiredField, Money(MoneyRange.EitherWay)] decimal? Amount,
        [property: RequiredField, MaxChars(500)] string? Reason,
        [property: RequiredField, BusinessDate] DateOnly? ApprovedOn);

    public sealed record BudgetChangeResponse(Guid Id, string Kind, decimal Amount, string Reason, string ApprovedBy, DateOnly ApprovedOn, DateTimeOffset RecordedAt, Guid? VirementId);

    public sealed record BudgetResponse(Guid Id, int FinancialYear, string FinancialYearName, string CostCentreCode, string BudgetLineCode, string BudgetLineName,
        decimal OriginalAmount, decimal CurrentAmount, IReadOnlyList<BudgetChangeResponse>? Changes);

    public sealed record AuditEntry(Guid Id, Guid BudgetId, int FinancialYear, string CostCentreCode, string BudgetLineCode, string Kind, decimal Amount,
        string Reason, string ApprovedBy, DateOnly ApprovedOn, DateTimeOffset RecordedAt, Guid? VirementId);

    internal static async Task<Ok<List<YearResponse>>> ListYears(FinanceDbContext db, CancellationToken cancellationToken)
    {
        var totals = await db.Budgets.AsNoTracking().GroupBy(b => b.FinancialYear)
            .Select(g => new { Year = g.Key, Total = g.Sum(b => b.CurrentAmount) }).OrderBy(g => g.Year).ToListAsync(cancellationToken);
        return TypedResults.Ok(totals.Select(t =>
        {
            var year = new FinancialYear(t.Year);
            return new YearResponse(t.Year, year.Name, year.Start, year.End, t.Total);
        }).ToList());
    }

    internal static async Task<Results<Created<CostCentreResponse>, ValidationProblem>> CreateCostCentre(
        CreateCostCentreRequest request, FinanceDbContext db, CancellationToken cancellationToken)
    {
        var centre = new CostCentre(request.Code!, request.Name!, request.Service!);
        if (await db.CostCentres.AnyAsync(c => c.Code == centre.Code, cancellationToken))
        {
            return new RequestValidator().Add("code", $"Cost centre {centre.Code} already exists.").ToProblem();
        }
        db.CostCentres.Add(centre);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/cost-centres/{centre.Code}", new CostCentreResponse(centre.Code, centre.Name, centre.Service));
    }

    internal static async Task<Results<Ok<Page<CostCentreResponse>>, ValidationProblem>> ListCostCentres(
        [AsParameters] PageRequest paging, FinanceDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await paging.ApplyAsync(
            db.CostCentres.AsNoTracking().OrderBy(c => c.Code).Select(c => new CostCentreResponse(c.Code, c.Name, c.Service)), cancellationToken));

    internal static async Task<Results<Ok<CostCentreResponse>, NotFound>> GetCostCentre(string code, FinanceDbContext db, CancellationToken cancellationToken)
    {
        var wanted = code.ToUpperInvariant();
        return await db.CostCentres.AsNoTracking().FirstOrDefaultAsync(c => c.Code == wanted, cancellationToken) is { } centre
            ? TypedResults.Ok(new CostCentreResponse(centre.Code, centre.Name, centre.Service))
            : TypedResults.NotFound();
    }

    internal static async Task<Results<Created<BudgetResponse>, ValidationProblem>> SetBudget(
        SetBudgetRequest request, HttpContext http, FinanceDbContext db, ForecastRecalculator forecast, TimeProvider clock, CancellationToken cancellationToken)
    {
        var year = new FinancialYear(request.FinancialYear!.Value);
        var centre = request.CostCentreCode!.ToUpperInvariant();
        if (!await db.CostCentres.AnyAsync(c => c.Code == centre, cancellationToken))
        {
            return new RequestValidator().Add("costCentreCode", $"Cost centre {centre} does not exist.").ToProblem();
        }
        if (await db.Budgets.AnyAsync(b => b.FinancialYear == year.StartYear && b.CostCentreCode == centre && b.BudgetLineCode == request.BudgetLineCode, cancellationToken))
        {
            throw DomainRuleException.Conflict($"{centre} already has a {year.Name} budget on {request.BudgetLineCode}; record a change instead.", "budgetLineCode");
        }

        var approvedBy = ApiHelpers.UserOf(http);
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? "Original budget" : request.Reason.Trim();
        var budget = new Budget(Guid.CreateVersion7(), year, centre, request.BudgetLineCode!, request.Amount!.Value, reason, approvedBy, request.ApprovedOn!.Value, clock.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Budgets.Add(budget);
        await forecast.RecalculateAsync(year.StartYear, [budget.BudgetLineCode], request.ApprovedOn!.Value, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/budgets/{budget.Id}", ToResponse(budget, withChanges: true));
    }

    internal static async Task<Results<Ok<Page<BudgetResponse>>, ValidationProblem>> ListBudgets(
        [FinancialYear] int? financialYear, string? costCentreCode, string? budgetLineCode, [AsParameters] PageRequest paging, FinanceDbContext db,
        CancellationToken cancellationToken)
    {
        var query = db.Budgets.AsNoTracking();
        if (financialYear is { } year) query = query.Where(b => b.FinancialYear == year);
        if (!string.IsNullOrWhiteSpace(costCentreCode))
        {
            var centre = costCentreCode.ToUpperInvariant();
            query = query.Where(b => b.CostCentreCode == centre);
        }
        if (!string.IsNullOrWhiteSpace(budgetLineCode)) query = query.Where(b => b.BudgetLineCode == budgetLineCode);
        var page = await paging.ApplyAsync(query.OrderBy(b => b.FinancialYear).ThenBy(b => b.CostCentreCode).ThenBy(b => b.BudgetLineCode), cancellationToken);
        return TypedResults.Ok(new Page<BudgetResponse>(page.Items.Select(b => ToResponse(b, withChanges: false)).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<BudgetResponse>, NotFound>> GetBudget(Guid id, FinanceDbContext db, CancellationToken cancellationToken) =>
        await db.Budgets.AsNoTracking().Include(b => b.Changes).FirstOrDefaultAsync(b => b.Id == id, cancellationToken) is { } budget
            ? TypedResults.Ok(ToResponse(budget, withChanges: true))
            : TypedResults.NotFound();

    internal static async Task<Results<Ok<BudgetResponse>, NotFound, ValidationProblem>> ChangeBudget(
        Guid id, ChangeBudgetRequest request, HttpContext http, FinanceDbContext db, ForecastRecalculator forecast, TimeProvider clock, CancellationToken cancellationToken)
    {
        var budget = await db.Budgets.Include(b => b.Changes).FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (budget is null) return TypedResults.NotFound();

        var approvedBy = ApiHelpers.UserOf(http);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        budget.Change(BudgetChangeKind.Change, request.Amount!.Value, request.Reason!.Trim(), approvedBy, request.ApprovedOn!.Value, clock.GetUtcNow(), null);
        await forecast.RecalculateAsync(budget.FinancialYear, [budget.BudgetLineCode], request.ApprovedOn!.Value, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(budget, withChanges: true));
    }

    internal static async Task<Results<Ok<Page<AuditEntry>>, ValidationProblem>> Audit(
        [RequiredField, FinancialYear] int? financialYear, string? costCentreCode, string? budgetLineCode, [AsParameters] PageRequest paging, FinanceDbContext db,
        CancellationToken cancellationToken)
    {
        var query = from change in db.BudgetChanges.AsNoTracking()
                    join budget in db.Budgets.AsNoTracking() on change.BudgetId equals budget.Id
                    where budget.FinancialYear == financialYear
                    select new { change, budget };
        if (!string.IsNullOrWhiteSpace(costCentreCode))
        {
            var centre = costCentreCode.ToUpperInvariant();
            query = query.Where(x => x.budget.CostCentreCode == centre);
        }
        if (!string.IsNullOrWhiteSpace(budgetLineCode)) query = query.Where(x => x.budget.BudgetLineCode == budgetLineCode);
        var page = await paging.ApplyAsync(query.OrderByDescending(x => x.change.RecordedAt).ThenByDescending(x => x.change.Id), cancellationToken);
        var entries = page.Items.Select(x => new AuditEntry(x.change.Id, x.budget.Id, x.budget.FinancialYear, x.budget.CostCentreCode, x.budget.BudgetLineCode,
            x.change.Kind.ToString().ToLowerInvariant(), x.change.Amount, x.change.Reason, x.change.ApprovedBy, x.change.ApprovedOn, x.change.RecordedAt,
            x.change.VirementId)).ToList();
        return TypedResults.Ok(new Page<AuditEntry>(entries, page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static BudgetResponse ToResponse(Budget budget, bool withChanges) =>
        new(budget.Id, budget.FinancialYear, new FinancialYear(budget.FinancialYear).Name, budget.CostCentreCode, budget.BudgetLineCode,
            BudgetLineCodes.NameOf(budget.BudgetLineCode), budget.OriginalAmount, budget.CurrentAmount,
            withChanges
                ? budget.Changes.OrderBy(c => c.RecordedAt).Select(c => new BudgetChangeResponse(c.Id, c.Kind.ToString().ToLowerInvariant(), c.Amount, c.Reason,
                    c.ApprovedBy, c.ApprovedOn, c.RecordedAt, c.VirementId)).ToList()
                : null);
}
