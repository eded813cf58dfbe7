using Platform.Tools.DemoLoader.Requests;

namespace Platform.Tools.DemoLoader.Steps;

/// <summary>
/// Stoke-on-Trent's 2019-20 children's social care budget on Section 251 lines, the £5.5m "Investing in Children"
/// virement and the 2019-20 savings programme. Runs before workforce and placements, whose events then commit costs
/// against these budgets. The budget split is illustrative (built from the indicative unit costs in the domain notes for
/// about 890 children looked after); the £5.5m, the £17m savings and the dates come from the 2019 seed reports.
/// Approvals are recorded as the token's subject: the demo loader.
/// </summary>
internal sealed class FinanceBudgetsStep : IDemoStep
{
    private const string ChildrensSocialCare = "Children's Social Care";

    private static readonly CostCentreRequest[] CostCentres =
    [
        new("CSC-FOST", "Fostering", ChildrensSocialCare),
        new("CSC-PLACE", "Residential and external placements", ChildrensSocialCare),
        new("CSC-CIC", "Children in care and leaving care", ChildrensSocialCare),
        new("CSC-PERM", "Adoption and special guardianship", ChildrensSocialCare),
        new("CSC-SW", "Social work teams", ChildrensSocialCare),
        new("CSC-EH", "Family support and youth justice", ChildrensSocialCare),
        new("CSC-MGT", "Commissioning, management and support", ChildrensSocialCare),
        new("CORP-IIC", "Investing in Children funding (job cuts and spending controls elsewhere)", "Corporate"),
    ];

    /// <summary>Original 2019-20 budgets set by full council before the year (February 2019): £64m net on S251 lines.</summary>
    private static readonly (string Centre, string Line, decimal Amount)[] Budgets =
    [
        ("CSC-FOST", "fostering-services", 17_000_000),
        ("CSC-PLACE", "residential-care", 12_500_000),
        ("CSC-CIC", "other-looked-after-services", 3_000_000),
        ("CSC-FOST", "family-and-friends", 2_000_000),
        ("CSC-CIC", "leaving-care", 3_500_000),
        ("CSC-CIC", "asylum-seekers", 500_000),
        ("CSC-PERM", "adoption-services", 2_500_000),
        ("CSC-PERM", "special-guardianship", 2_500_000),
        ("CSC-EH", "family-support", 4_000_000),
        ("CSC-EH", "youth-justice", 1_500_000),
        ("CSC-SW", "social-work", 11_000_000),
        ("CSC-MGT", "commissioning", 1_500_000),
        ("CSC-MGT", "management-and-support", 2_500_000),
        ("CORP-IIC", "other-council-services", 5_500_000),
    ];

    public string Name => "finance: 2019-20 budgets";

    public async Task RunAsync(DemoContext demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var api = demo.Api;
        await demo.SayAsync("loading demo: 2019-20 budgets, the £5.5m Investing in Children virement, savings programme").ConfigureAwait(false);
        foreach (var centre in CostCentres)
        {
            await api.PostAsync("/api/finance/cost-centres", centre, cancellationToken).ConfigureAwait(false);
        }
        foreach (var (centre, line, amount) in Budgets)
        {
            await api.PostAsync("/api/finance/budgets",
                new BudgetRequest(2019, centre, line, amount, "2019-20 budget", new DateOnly(2019, 2, 28)), cancellationToken).ConfigureAwait(false);
        }

        // Investing in Children: £5.5m freed by job cuts and spending controls elsewhere in the council, proposed to cabinet
        // on 20 August 2019 and approved by the council in October 2019 (day not reported; the 17th is assumed), redirected
        // into over 130 new children's social care posts.
        var virement = await api.CreateAsync("/api/finance/virements", new VirementRequest(2019,
            "Investing in Children: £5.5m redirected into children's social care",
            [
                new("CORP-IIC", "other-council-services", -5_500_000),
                new("CSC-SW", "social-work", 4_500_000),
                new("CSC-CIC", "other-looked-after-services", 500_000),
                new("CSC-MGT", "management-and-support", 500_000),
            ]), cancellationToken).ConfigureAwait(false);
        await api.PostAsync($"/api/finance/virements/{virement}/approve", new ApprovalRequest(new DateOnly(2019, 10, 17)), cancellationToken)
            .ConfigureAwait(false);

        // The council's 2019-20 savings programme: £17m (£194m since 2011), with a children's services measure.
        await api.PostAsync("/api/finance/savings-targets",
            new SavingsTargetRequest(2019, "2019-20 savings programme (council-wide)", "Corporate", "other-council-services", 17_000_000),
            cancellationToken).ConfigureAwait(false);
        await api.PostAsync("/api/finance/savings-targets",
            new SavingsTargetRequest(2019, "Reduce agency social worker spend", ChildrensSocialCare, "social-work", 1_000_000),
            cancellationToken).ConfigureAwait(false);
    }
}
