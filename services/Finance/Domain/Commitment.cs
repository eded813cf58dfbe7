namespace Platform.Finance.Domain;

/// <summary>
/// Spend already committed on a budget line for the rest of a financial year, driven by another service's event
/// (a post, a placement). One commitment per source and year; a later event about the same source replaces it.
/// </summary>
public sealed class Commitment
{
    private Commitment() { }

    private Commitment(string source, string budgetLineCode, FinancialYear year, DateOnly from, decimal amount)
    {
        Source = source;
        BudgetLineCode = budgetLineCode;
        FinancialYear = year.StartYear;
        CommittedFrom = from;
        Amount = decimal.Round(amount, AmountScale, MidpointRounding.ToEven);
    }

    /// <summary>Decimal places kept for amounts.</summary>
    public const int AmountScale = 4;

    /// <summary>What drives the commitment, e.g. <c>post:{id}</c>.</summary>
    public string Source { get; private set; } = "";

    public string BudgetLineCode { get; private set; } = "";

    public int FinancialYear { get; private set; }

    public DateOnly CommittedFrom { get; private set; }

    /// <summary>
    /// Pounds, kept to 1/100 of a penny (pro rata divisions are otherwise 28-digit decimals whose sums no longer fit
    /// a decimal); rounding to pence happens only when presented.
    /// </summary>
    public decimal Amount { get; private set; }

    /// <summary>
    /// A post's annual cost committed pro rata from the day it takes effect to 31 March, by calendar days
    /// (a post from 1 October 2019 commits 183/366 of its annual cost in 2019-20, a leap year).
    /// </summary>
    public static Commitment ForPost(Guid postId, string budgetLineCode, decimal annualCost, DateOnly effectiveFrom)
    {
        var year = Domain.FinancialYear.Containing(effectiveFrom);
        var remainingDays = year.End.DayNumber - effectiveFrom.DayNumber + 1;
        return new Commitment($"post:{postId}", budgetLineCode, year, effectiveFrom, annualCost * remainingDays / year.Days);
    }

    /// <summary>
    /// A placement's weekly cost committed from its start to 31 March, by calendar days
    /// (£700 a week from 1 October 2019 commits 700 × 183 / 7 = £18,300 in 2019-20).
    /// </summary>
    public static Commitment ForPlacement(Guid episodeId, string placementType, decimal weeklyCost, DateOnly startDate)
    {
        var year = Domain.FinancialYear.Containing(startDate);
        var remainingDays = year.End.DayNumber - startDate.DayNumber + 1;
        return new Commitment($"placement:{episodeId}", PlacementBudgetLines.For(placementType), year, startDate, weeklyCost * remainingDays / 7);
    }
}
