using System.Net;
using System.Net.Http.Json;
using Platform.ServiceDefaults.Security;
using static Platform.Tests.FinanceTestKit;

namespace Platform.Tests.Finance;

/// <summary>Virements: balanced or refused; approval moves the budgets and leaves the total unchanged.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class FinanceVirementTests(PlatformFixture platform)
{
    private sealed record VirementDto(Guid Id, string Status, decimal TotalMoved, string? DecidedBy);

    private sealed record BudgetDto(string CostCentreCode, string BudgetLineCode, decimal CurrentAmount);

    private sealed record AuditDto(string Kind, decimal Amount, string ApprovedBy);

    [Fact]
    public async Task An_unbalanced_virement_is_refused_naming_the_lines_and_nothing_is_stored()
    {
        const int year = 2033;
        var street = await platform.CreateCostCentreAsync("STREET", "Street Care");
        var social = await platform.CreateCostCentreAsync("SW", "Children's Social Care");
        await platform.SetBudgetAsync(year, street, "other-council-services", 6_000_000m);
        await platform.SetBudgetAsync(year, social, "social-work", 10_000_000m);
        var before = await PlatformFixture.CountRowsAsync(platform.FinanceDb, "virements");

        var unbalanced = await platform.Gateway.PostAsJsonAsync("/api/finance/virements", new
        {
            financialYear = year, reason = "Investing in Children",
            lines = new[]
            {
                new { costCentreCode = street, budgetLineCode = "other-council-services", amount = -5_500_000m },
                new { costCentreCode = social, budgetLineCode = "social-work", amount = 5_400_000m },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, unbalanced.StatusCode);
        Assert.Equal("application/problem+json", unbalanced.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonDocument.Parse(await unbalanced.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("-100,000.00", problem.GetProperty("errors").GetProperty("lines")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await PlatformFixture.CountRowsAsync(platform.FinanceDb, "virements"));
        Assert.Equal(16_000_000m, await TotalBudgetAsync(year, street, social));
    }

    [Fact]
    public async Task Approving_a_virement_moves_budget_between_cost_centres_and_keeps_the_total()
    {
        const int year = 2034;
        var street = await platform.CreateCostCentreAsync("STREET", "Street Care");
        var social = await platform.CreateCostCentreAsync("SW", "Children's Social Care");
        await platform.SetBudgetAsync(year, street, "other-council-services", 6_000_000m);
        await platform.SetBudgetAsync(year, social, "social-work", 10_000_000m);

        var draft = await (await platform.Gateway.PostAsJsonAsync("/api/finance/virements", new
        {
            financialYear = year, reason = "Investing in Children",
            lines = new[]
            {
                new { costCentreCode = street, budgetLineCode = "other-council-services", amount = -5_500_000m },
                new { costCentreCode = social, budgetLineCode = "social-work", amount = 5_500_000m },
            },
        })).ReadAsync<VirementDto>();
        Assert.Equal(("draft", 5_500_000m), (draft.Status, draft.TotalMoved));
        Assert.Equal(10_000_000m, (await BudgetsAsync(year, social)).Single().CurrentAmount);

        using var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/finance/virements/{draft.Id}/approve") { Content = JsonContent.Create(new { approvedOn = $"{year}-10-16" }) };
        // The decider is the token's subject, whatever a header says.
        approve.Headers.Add("X-User", "full-council");
        using (var officer = platform.CreateClient(PlatformRoles.FinanceOfficer, "section-151-officer"))
        {
            var approved = await (await officer.SendAsync(approve)).ReadAsync<VirementDto>();
            Assert.Equal(("approved", "section-151-officer"), (approved.Status, approved.DecidedBy));
        }

        Assert.Equal(500_000m, (await BudgetsAsync(year, street)).Single().CurrentAmount);
        Assert.Equal(15_500_000m, (await BudgetsAsync(year, social)).Single().CurrentAmount);
        Assert.Equal(16_000_000m, await TotalBudgetAsync(year, street, social));
        Assert.Equal(1, await platform.CountOutboxAsync("VirementApproved", $"payload->>'virementId' = '{draft.Id}'"));
        var audit = await (await platform.Gateway.GetAsync($"/api/finance/budgets/audit?financialYear={year}&costCentreCode={social}")).ReadAsync<PageDto<AuditDto>>();
        Assert.Equal(("virement", 5_500_000m, "section-151-officer"), (audit.Items[0].Kind, audit.Items[0].Amount, audit.Items[0].ApprovedBy));

        // Decided once: approving again is a conflict; a rejected virement moves nothing.
        Assert.Equal(HttpStatusCode.Conflict, (await platform.Gateway.PostAsJsonAsync($"/api/finance/virements/{draft.Id}/approve", new { approvedOn = $"{year}-10-17" })).StatusCode);
        var other = await (await platform.Gateway.PostAsJsonAsync("/api/finance/virements", new
        {
            financialYear = year, reason = "Move the rest",
            lines = new[]
            {
                new { costCentreCode = street, budgetLineCode = "other-council-services", amount = -500_000m },
                new { costCentreCode = social, budgetLineCode = "social-work", amount = 500_000m },
            },
        })).ReadAsync<VirementDto>();
        var rejected = await (await platform.Gateway.PostAsJsonAsync($"/api/finance/virements/{other.Id}/reject", new { reason = "Street care must keep a budget" })).ReadAsync<VirementDto>();
        Assert.Equal("rejected", rejected.Status);
        Assert.Equal(500_000m, (await BudgetsAsync(year, street)).Single().CurrentAmount);
    }

    private async Task<List<BudgetDto>> BudgetsAsync(int year, string centre) =>
        (await (await platform.Gateway.GetAsync($"/api/finance/budgets?financialYear={year}&costCentreCode={centre}")).ReadAsync<PageDto<BudgetDto>>()).Items;

    private async Task<decimal> TotalBudgetAsync(int year, params string[] centres)
    {
        var total = 0m;
        foreach (var centre in centres) total += (await BudgetsAsync(year, centre)).Sum(b => b.CurrentAmount);
        return total;
    }
}
