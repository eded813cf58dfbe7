using Platform.Finance.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Finance.Application;

// The shape rules of Finance's fields, declared once here and put on its request records and query parameters; the
// bounds are the domain's (financial years, the £1bn money limit, S251 line codes).

/// <summary>The start year of a financial year the service accepts (2019 = 2019-20).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class FinancialYearAttribute : BetweenAttribute
{
    public FinancialYearAttribute() : base(Domain.FinancialYear.MinStartYear, Domain.FinancialYear.MaxStartYear) =>
        ErrorMessage = "Must be the start year of a financial year between {1} and {2} (2019 = 2019-20).";
}

/// <summary>A period of a financial year: 1 (April) to 12 (March).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PeriodAttribute : BetweenAttribute
{
    public PeriodAttribute() : base(1, 12) => ErrorMessage = "Must be {1} (April) to {2} (March).";
}

/// <summary>A date within the financial years the service accepts (1 April of the first to 31 March after the last).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class BusinessDateAttribute() : DateBetweenAttribute(FinanceDates.Earliest, FinanceDates.Latest);

/// <summary>An S251 budget line code (or one of the council's own lines).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class BudgetLineCodeAttribute() : OneOfAttribute(BudgetLineCodes.Codes);

/// <summary>Which amounts a money field takes, up to the £1bn every Finance amount is bounded by.</summary>
public enum MoneyRange
{
    /// <summary>£0 to £1bn.</summary>
    NotNegative,

    /// <summary>1p to £1bn.</summary>
    Positive,

    /// <summary>-£1bn to £1bn.</summary>
    EitherWay,
}

/// <summary>Pounds and pence (at most 2 decimal places) within <see cref="Budget.MaxAmount"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MoneyAttribute(MoneyRange range = MoneyRange.NotNegative)
    : BetweenAttribute(range switch
    {
        MoneyRange.EitherWay => -(double)Budget.MaxAmount,
        MoneyRange.Positive => 0.01,
        _ => 0,
    }, (double)Budget.MaxAmount)
{
    public MoneyRange Range { get; } = range;

    protected override System.ComponentModel.DataAnnotations.ValidationResult? IsValid(object? value, System.ComponentModel.DataAnnotations.ValidationContext validationContext) =>
        base.IsValid(value, validationContext) is { } outOfRange ? outOfRange
        : value is decimal amount && decimal.Round(amount, 2) != amount
            ? new("Amounts are in pounds and pence (at most 2 decimal places).", validationContext.MemberName is { } member ? [member] : null)
            : null;
}

/// <summary>The dates Finance accepts: 1 April of the first financial year to 31 March after the last.</summary>
public static class FinanceDates
{
    public static readonly DateOnly Earliest = new Domain.FinancialYear(Domain.FinancialYear.MinStartYear).Start;
    public static readonly DateOnly Latest = new Domain.FinancialYear(Domain.FinancialYear.MaxStartYear).End;
}
