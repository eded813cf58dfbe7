using System.Net;
using System.Net.Http.Json;
using Platform.ServiceDefaults.Security;
using static Platform.Tests.FinanceTestKit;

namespace Platform.Tests.Finance;

/// <summary>Budgets: original budgets and approved changes with who and when, the audit trail, and BudgetSet.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class FinanceBudgetTests(PlatformFixture platform)
{
    private sealed record ChangeDto(string Kind, decimal Amount, string Reason, string ApprovedBy, DateOnly ApprovedOn);

    private sealed record BudgetDto(Guid Id, int FinancialYear, string FinancialYearName, string CostCentreCode, string BudgetLineCode, decimal OriginalAmount, decimal CurrentAmount, List<ChangeDto>? Changes);

    private sealed record AuditDto(Guid BudgetId, string CostCentreCode, string Kind, decimal Amount, string Reason, string ApprovedBy, DateOnly ApprovedOn);

    [Fact]
    public async Task An_original_budget_and_an_approved_change_record_who_approved_them_and_when_and_publish_BudgetSet()
    {
        var centre = await platform.CreateCostCentreAsync("FOST");

        using var setRequest = new HttpRequestMessage(HttpMethod.Post, "/api/finance/budgets")
        {
            Content = JsonContent.Create(new { financialYear = 2027, costCentreCode = centre, budgetLineCode = "fostering-services", amount = 12_000_000m, approvedOn = "2027-02-25" }),
        };
        // Who approved it is the token's subject: a header the caller sets (the old X-User) changes nothing.
        setRequest.Headers.Add("X-User", "Director of Children's Services");
        using var officer = platform.CreateClient(PlatformRoles.FinanceOfficer, "finance-officer-ann");
        var budget = await (await officer.SendAsync(setRequest)).ReadAsync<BudgetDto>();
        Assert.Equal("2027-28", budget.FinancialYearName);
        Assert.Equal(12_000_000m, budget.CurrentAmount);

        // A second original budget for the same line is a conflict: changes are recorded as changes.
        var again = await platform.Gateway.PostAsJsonAsync("/api/finance/budgets", new
        {
            financialYear = 2027, costCentreCode = centre, budgetLineCode = "fostering-services", amount = 1m, approvedOn = "2027-02-25",
        });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // A reduction by another signed-in user is recorded as theirs.
        var changed = await (await platform.Gateway.PostAsJsonAsync($"/api/finance/budgets/{budget.Id}/changes", new
        {
            amount = -250_000.50m, reason = "In-year savings on IFA placements", approvedOn = "2027-08-20",
        })).ReadAsync<BudgetDto>();
        Assert.Equal(11_749_999.50m, changed.CurrentAmount);
        Assert.Equal(12_000_000m, changed.OriginalAmount);
        Assert.Equal(["original", "change"], changed.Changes!.Select(c => c.Kind));

        // A budget can never go below zero; the refusal names the field.
        var tooMuch = await platform.Gateway.PostAsJsonAsync($"/api/finance/budgets/{budget.Id}/changes", new
        {
            amount = -20_000_000m, reason = "Too much", approvedOn = "2027-08-21",
        });
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Contains("amount", await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var audit = await (await platform.Gateway.GetAsync($"/api/finance/budgets/audit?financialYear=2027&costCentreCode={centre}")).ReadAsync<PageDto<AuditDto>>();
        Assert.Equal(2, audit.TotalCount);
        Assert.Equal(("change", -250_000.50m, "platform-tests", new DateOnly(2027, 8, 20)), (audit.Items[0].Kind, audit.Items[0].Amount, audit.Items[0].ApprovedBy, audit.Items[0].ApprovedOn));
        Assert.Equal(("original", 12_000_000m, "finance-officer-ann", new DateOnly(2027, 2, 25)), (audit.Items[1].Kind, audit.Items[1].Amount, audit.Items[1].ApprovedBy, audit.Items[1].ApprovedOn));

        // BudgetSet carries the line's budget after each approval.
        var budgetSets = await platform.OutboxPayloadsAsync("BudgetSet", $"payload->>'costCentreCode' = '{centre}'");
        Assert.Equal(2, budgetSets.Count);
        var first = System.Text.Json.JsonDocument.Parse(budgetSets[0]).RootElement;
        var second = System.Text.Json.JsonDocument.Parse(budgetSets[1]).RootElement;
        Assert.Equal((12_000_000m, "finance-officer-ann"), (first.GetProperty("amount").GetDecimal(), first.GetProperty("approvedBy").GetString()));
        Assert.Equal((11_749_999.50m, "platform-tests"), (second.GetProperty("amount").GetDecimal(), second.GetProperty("approvedBy").GetString()));

        var years = await (await platform.Gateway.GetAsync("/api/finance/years")).Content.ReadAsStringAsync();
        Assert.Contains("\"name\":\"2027-28\"", years, StringComparison.Ordinal);
    }
}
