using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Finance.Application;
using Platform.Finance.Domain;
using Platform.Finance.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Finance.Apis;

/// <summary>Virements: budget moved between lines or cost centres, draft → approved or rejected, always balanced.</summary>
public static class VirementsApi
{
    public static IEndpointRouteBuilder MapVirementsApi(this IEndpointRouteBuilder app)
    {
        var virements = app.MapGroup("/virements").WithTags("Virements");
        virements.MapPost("/", RaiseVirement).WithSummary("Raise a draft virement")
            .WithDescription("Lines move budget: positive adds to a cost centre's line, negative takes from it. The lines must sum to exactly zero " +
                "(a virement never creates or destroys money); an unbalanced one is refused and nothing is stored.");
        virements.MapGet("/", ListVirements).WithSummary("List virements, optionally by year and status");
        virements.MapGet("/{id:guid}", GetVirement).WithSummary("Get a virement");
        virements.MapPost("/{id:guid}/approve", Approve).WithSummary("Approve a draft virement: the budgets move")
            .WithDescription("Each line becomes an approved change of its budget (a line without a budget gets one). The year's total budget is unchanged. " +
                "Publishes VirementApproved, BudgetSet per line and ForecastUpdated.");
        virements.MapPost("/{id:guid}/reject", Reject).WithSummary("Reject a draft virement");
        return app;
    }

    public sealed record VirementLineRequest(
        [property: RequiredField, MaxChars(40)] string? CostCentreCode,
        [property: RequiredField, BudgetLineCode] string? BudgetLineCode,
        [property: RequiredField, Money(MoneyRange.EitherWay)] decimal? Amount);

    public sealed record RaiseVirementRequest(
        [property: RequiredField, FinancialYear] int? FinancialYear,
        [property: RequiredField, MaxChars(500)] string? Reason,
        [property: RequiredField, Entries(2, Virement.MaxMoves)] IReadOnlyList<VirementLineRequest?>? Lines);

    public sealed record ApproveRequest([property: RequiredField, BusinessDate] DateOnly? ApprovedOn);

    public sealed record RejectRequest(
        [property: RequiredField, MaxChars(500)] string? Reason,
        [property: BusinessDate] DateOnly? RejectedOn);

    public sealed record VirementLineResponse(string CostCentreCode, string BudgetLineCode, decimal Amount);

    public sealed record VirementResponse(Guid Id, int FinancialYear, string Reason, string Status, IReadOnlyList<VirementLineResponse> Lines, decimal TotalMoved,
        string RaisedBy, DateTimeOffset RaisedAt, string? DecidedBy, DateOnly? DecidedOn, string? RejectionReason);

    internal static async Task<Results<Created<VirementResponse>, ValidationProblem>> RaiseVirement(
        RaiseVirementRequest request, HttpContext http, FinanceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var moves = request.Lines!.Select(l => new VirementMove
        {
            CostCentreCode = l!.CostCentreCode!.ToUpperInvariant(), BudgetLineCode = l.BudgetLineCode!, Amount = l.Amount!.Value,
        }).ToList();
        var codes = moves.Select(m => m.CostCentreCode).Distinct().ToList();
        var validator = new RequestValidator();
        var known = await db.CostCentres.Where(c => codes.Contains(c.Code)).Select(c => c.Code).ToListAsync(cancellationToken);
        for (var i = 0; i < moves.Count; i++)
        {
            validator.When(!known.Contains(moves[i].CostCentreCode), $"lines[{i}].costCentreCode", $"Cost centre {moves[i].CostCentreCode} does not exist.");
        }
        if (!validator.IsValid) return validator.ToProblem();

        var virement = new Virement(Guid.CreateVersion7(), new FinancialYear(request.FinancialYear!.Value), request.Reason!.Trim(), moves, ApiHelpers.UserOf(http), clock.GetUtcNow());
        db.Virements.Add(virement);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/virements/{virement.Id}", ToResponse(virement));
    }

    internal static async Task<Results<Ok<Page<VirementResponse>>, ValidationProblem>> ListVirements(
        [FinancialYear] int? financialYear, [OneOf("draft", "approved", "rejected")] string? status, [AsParameters] PageRequest paging, FinanceDbContext db,
        CancellationToken cancellationToken)
    {
        var query = db.Virements.AsNoTracking();
        if (financialYear is { } year) query = query.Where(v => v.FinancialYear == year);
        if (status is not null)
        {
            var wanted = Enum.Parse<VirementStatus>(status, ignoreCase: true);
            query = query.Where(v => v.Status == wanted);
        }
        var page = await paging.ApplyAsync(query.OrderBy(v => v.RaisedAt).ThenBy(v => v.Id), cancellationToken);
        return TypedResults.Ok(new Page<VirementResponse>(page.Items.Select(ToResponse).ToList(), page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<VirementResponse>, NotFound>> GetVirement(Guid id, FinanceDbContext db, CancellationToken cancellationToken) =>
        await db.Virements.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken) is { } virement
            ? TypedResults.Ok(ToResponse(virement))
            : TypedResults.NotFound();

    internal static async Task<Results<Ok<VirementResponse>, NotFound, ValidationProblem>> Approve(
        Guid id, ApproveRequest request, HttpContext http, FinanceDbContext db, ForecastRecalculator forecast, TimeProvider clock, CancellationToken cancellationToken)
    {
        var virement = await db.Virements.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (virement is null) return TypedResults.NotFound();

        var approvedBy = ApiHelpers.UserOf(http);
        var approvedOn = request.ApprovedOn!.Value;
        var now = clock.GetUtcNow();
        var year = new FinancialYear(virement.FinancialYear);
        var budgets = new Dictionary<(string, string), Budget>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var move in virement.Moves)
        {
            var budget = await db.Budgets.Include(b => b.Changes).FirstOrDefaultAsync(
                b => b.FinancialYear == virement.FinancialYear && b.CostCentreCode == move.CostCentreCode && b.BudgetLineCode == move.BudgetLineCode, cancellationToken);
            if (budget is null)
            {
                budget = new Budget(Guid.CreateVersion7(), year, move.CostCentreCode, move.BudgetLineCode, 0, "No budget before the virement", approvedBy, approvedOn, now);
                db.Budgets.Add(budget);
            }
            budgets[(move.CostCentreCode, move.BudgetLineCode)] = budget;
        }
        virement.Approve(budgets, approvedBy, approvedOn, now);
        await forecast.RecalculateAsync(virement.FinancialYear, virement.Moves.Select(m => m.BudgetLineCode), approvedOn, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(virement));
    }

    internal static async Task<Results<Ok<VirementResponse>, NotFound, ValidationProblem>> Reject(
        Guid id, RejectRequest request, HttpContext http, FinanceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var virement = await db.Virements.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (virement is null) return TypedResults.NotFound();
        virement.Reject(request.Reason!.Trim(), ApiHelpers.UserOf(http), request.RejectedOn ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(virement));
    }

    private static VirementResponse ToResponse(Virement v) =>
        new(v.Id, v.FinancialYear, v.Reason, v.Status.ToString().ToLowerInvariant(),
            v.Moves.Select(m => new VirementLineResponse(m.CostCentreCode, m.BudgetLineCode, m.Amount)).ToList(),
            v.Moves.Where(m => m.Amount > 0).Sum(m => m.Amount), v.RaisedBy, v.RaisedAt, v.DecidedBy, v.DecidedOn, v.RejectionReason);
}
