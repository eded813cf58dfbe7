using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Domain;
using Platform.Inspections.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Inspections.Apis;

/// <summary>Improvement indicators computed from other services' events.</summary>
public static class IndicatorsApi
{
    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/indicators").WithTags("Indicators");
        group.MapGet("/vacancy-rate", GetVacancyRate)
            .WithSummary("Vacancy rate (vacant FTE / establishment FTE) as at a date, optionally for one team")
            .WithDescription("Computed from Workforce's PostCreated, VacancyOpened and VacancyFilled events.");
        return app;
    }

    internal static async Task<Results<Ok<VacancyRate>, ValidationProblem>> GetVacancyRate(
        DateOnly? asAt, string? teamCode, InspectionsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var date = asAt ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var validator = new RequestValidator();
        validator.When(date < new DateOnly(2000, 1, 1) || date > new DateOnly(2100, 12, 31), "asAt", "Must be between 2000-01-01 and 2100-12-31.");
        if (!validator.IsValid) return validator.ToProblem();

        var query = db.EstablishmentPosts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(teamCode))
        {
            var code = teamCode.ToUpperInvariant();
            query = query.Where(p => p.TeamCode == code);
        }
        var posts = await query.Where(p => p.EffectiveFrom <= date).Include(p => p.Vacancies).AsSplitQuery().ToListAsync(cancellationToken);
        return TypedResults.Ok(VacancyRate.Compute(date, posts));
    }
}
