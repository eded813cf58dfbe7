using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Finance.Application;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Finance.Apis;

/// <summary>Commitments raised by other services' events, and their totals per S251 line.</summary>
public static class CommitmentsApi
{
    public static IEndpointRouteBuilder MapCommitmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/commitments").WithTags("Commitments");
        group.MapGet("/", ListCommitments).WithSummary("List commitments for a financial year, optionally by source or budget line")
            .WithDescription("A source is post:{id}, agency:{workerId}, placement:{episodeId} or redundancy:{applicationId}; each commits per year and line from its events.");
        group.MapGet("/summary", Summary).WithSummary("Total commitments per S251 line for a financial year");
        return app;
    }

    public sealed record CommitmentResponse(string Source, string Kind, string BudgetLineCode, int FinancialYear, DateOnly CommittedFrom, DateOnly CommittedTo, decimal Amount);

    public sealed record LineTotal(string BudgetLineCode, decimal Commitments);

    internal static async Task<Results<Ok<Page<CommitmentResponse>>, ValidationProblem>> ListCommitments(
        [FinancialYear] int? financialYear, string? source, string? budgetLineCode, [AsParameters] PageRequest paging,
        FinanceDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Commitments.AsNoTracking();
        if (financialYear is { } year) query = query.Where(c => c.FinancialYear == year);
        if (!string.IsNullOrWhiteSpace(source)) query = query.Where(c => c.Source == source);
        if (!string.IsNullOrWhiteSpace(budgetLineCode)) query = query.Where(c => c.BudgetLineCode == budgetLineCode);
        var page = await paging.ApplyAsync(query.OrderBy(c => c.FinancialYear).ThenBy(c => c.Source).ThenBy(c => c.BudgetLineCode), cancellationToken);
        return TypedResults.Ok(new Page<CommitmentResponse>(
            page.Items.Select(c => new CommitmentResponse(c.Source, ToKebab(c.Kind), c.BudgetLineCode, c.FinancialYear, c.CommittedFrom, c.CommittedTo, c.Amount)).ToList(),
            page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<List<LineTotal>>, ValidationProblem>> Summary(
        [RequiredField, FinancialYear] int? financialYear, FinanceDbContext db, CancellationToken cancellationToken)
    {
        // The totals the forecast reads, so the two never differ.
        var totals = await CommitmentTotalsSql.PerLineAsync(db, financialYear!.Value, cancellationToken);
        return TypedResults.Ok(totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new LineTotal(t.Key, t.Value)).ToList());
    }

    internal static string ToKebab(Domain.CommitmentKind kind) => kind switch
    {
        Domain.CommitmentKind.AgencyWorker => "agency-worker",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
