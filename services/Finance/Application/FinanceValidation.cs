using Platform.Finance.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Finance.Application;

/// <summary>The shape rules of Finance's fields, written once for its endpoints and its use cases.</summary>
internal static class FinanceValidation
{
    public static void FinancialYear(this RequestValidator validator, int? year, string field = "financialYear")
    {
        if (validator.Required(field, year))
        {
            validator.When(!Domain.FinancialYear.IsValidStartYear(year), field,
                $"Must be the start year of a financial year between {Domain.FinancialYear.MinStartYear} and {Domain.FinancialYear.MaxStartYear} (2019 = 2019-20).");
        }
    }

    public static void OptionalFinancialYear(this RequestValidator validator, int? year) =>
        validator.When(year is not null && !Domain.FinancialYear.IsValidStartYear(year), "financialYear",
            $"Must be the start year of a financial year between {Domain.FinancialYear.MinStartYear} and {Domain.FinancialYear.MaxStartYear} (2019 = 2019-20).");

    public static void BudgetLine(this RequestValidator validator, string? code, string field = "budgetLineCode", bool required = true) =>
        validator.OneOf(field, code, BudgetLineCodes.Codes, required);

    public static void Money(this RequestValidator validator, string field, decimal? amount, decimal min, decimal max)
    {
        validator.Range(field, amount, min, max);
        if (amount is { } value && decimal.Round(value, 2) != value) validator.Add(field, "Amounts are in pounds and pence (at most 2 decimal places).");
    }
}
