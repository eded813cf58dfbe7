using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Finance.Apis;

/// <summary>Commitments raised by other services' events, and their totals per S251 line.</summary>
public static class CommitmentsApi
{
    public static IEndpointRouteBuilder MapCommitmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/commitments").WithTags("Commitments");
        group.MapGet("/", ListCommitments).WithSummary("List commitments for a financial year, optionally by source or budget line");
        group.MapGet("/summary", Summary).WithSummary("Total commitments per S251 line for a financial year");
        return app;
    }

    public sealed record CommitmentResponse(string Source, string BudgetLineCode, int FinancialYear, DateOnly CommittedFrom, decimal Amount);

    public sealed record LineTotal(string BudgetLineCode, decimal Commitments);

    internal static async Task<Results<Ok<Page<CommitmentResponse>>, ValidationProblem>> ListCommitments(
        int? financialYear, string? source, string? budgetLineCode, [AsParameters] PageRequest paging,
        FinanceDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.When(financialYear is < 2000 or > 2100, "financialYear", "Must be the start year of a financial year between 2000 and 2100.");
        paging.Validate(validator);
        if (!validator.IsValid) return validator.ToProblem();

        var query = db.Commitments.AsNoTracking();
        if (financialYear is { } year) query = query.Where(c => c.FinancialYear == year);
        if (!string.IsNullOrWhiteSpace(source)) query = query.Where(c => c.Source == source);
        if (!string.IsNullOrWhiteSpace(budgetLineCode)) query = query.Where(c => c.BudgetLineCode == budgetLineCode);
        var page = await paging.ApplyAsync(
            query.OrderBy(c => c.FinancialYear).ThenBy(c => c.Source)
                .Select(c => new CommitmentResponse(c.Source, c.BudgetLineCode, c.FinancialYear, c.CommittedFrom, c.Amount)),
            cancellationToken);
        return TypedResults.Ok(page);
    }

    internal static async Task<Results<Ok<List<LineTotal>>, ValidationProblem>> Summary(
        int? financialYear, FinanceDbContext db, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        if (validator.Required("financialYear", financialYear))
        {
            validator.When(financialYear is < 2000 or > 2100, "financialYear", "Must be the start year of a financial year between 2000 and 2100.");
        }
        if (!validator.IsValid) return validator.ToProblem();

        var totals = await db.Commitments.AsNoTracking()
            .Where(c => c.FinancialYear == financialYear)
            .GroupBy(c => c.BudgetLineCode)
            .OrderBy(g => g.Key)
            .Select(g => new LineTotal(g.Key, g.Sum(c => c.Amount)))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(totals);
    }
}
