using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Bounds every date in a query string once, for every route: a date (yyyy-MM-dd) before <see cref="Earliest"/> or
/// after <see cref="Latest"/> is refused with 400 problem+json naming the parameter, before any endpoint computes
/// with it (a year before 0001-01-01 or after 9999-12-31 does not exist, and date arithmetic near them throws).
/// Nothing the platform records (dates of birth in 903 returns included) lies outside this range.
/// </summary>
public static class QueryBounds
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2199, 12, 31);

    public static IApplicationBuilder UseQueryBounds(this IApplicationBuilder app) => app.Use(async (context, proceed) =>
    {
        var validator = new RequestValidator();
        foreach (var (name, values) in context.Request.Query)
        {
            foreach (var value in values)
            {
                if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    validator.When(date < Earliest || date > Latest, name,
                        $"Must be a date between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.");
                }
            }
        }
        if (validator.IsValid)
        {
            await proceed();
            return;
        }
        await validator.ToProblem().ExecuteAsync(context);
    });
}
