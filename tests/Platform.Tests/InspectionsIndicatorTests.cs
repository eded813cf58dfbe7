using MassTransit;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts.Placements.V1;
using static Platform.Tests.InspectionsImprovementTests;

namespace Platform.Tests;

/// <summary>Indicators computed from consumed events into Inspections' own read models, with RAG and time series.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class InspectionsIndicatorTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task Care_population_and_carer_capacity_indicators_follow_placements_events_as_at_each_date()
    {
        var cla = Unique("CLA");
        var capacity = Unique("CAP");
        await Json(await Gateway.PostAsJsonAsync("/api/inspections/indicators", new
        {
            code = cla, name = "Children looked after per 10,000", measure = "cla-rate-per-10000", target = 100m, tolerance = 20m,
        }));
        await Json(await Gateway.PostAsJsonAsync("/api/inspections/indicators", new
        {
            code = capacity, name = "Free foster places", measure = "carer-capacity", target = 2m, tolerance = 1m,
        }));

        // Carer capacity is the whole authority's: other tests' real foster carers count too, so this test
        // measures the change its own carer makes from what is there already.
        var baseline = (decimal?)(await Json(await Gateway.GetAsync($"/api/inspections/indicators/{capacity}?asAt=2040-09-30")))["indicator"]!["value"] ?? 0m;
        var carer = Guid.NewGuid();
        await PublishAsync(new CarePopulationChanged(new DateOnly(2040, 8, 1), 890, 148m, 65m, null));
        await PublishAsync(new CarePopulationChanged(new DateOnly(2040, 10, 15), 982, 159m, 65m, null));
        await PublishAsync(new FosterCarerApproved(carer, true, new DateOnly(2040, 9, 1), 3, 0, 17));
        var episode = Guid.NewGuid();
        await PublishAsync(new PlacementStarted(episode, Unique("C"), new DateOnly(2040, 9, 10), "S", "C2", "U1", "PR1", 450m, carer));

        var september = await EventuallyAsync(async () =>
        {
            var detail = await Json(await Gateway.GetAsync($"/api/inspections/indicators/{capacity}?asAt=2040-09-30"));
            return (decimal?)detail["indicator"]!["value"] == baseline + 2m ? detail : null;
        });
        // Higher is better, target 2, tolerance 1 (other tests' exemptions can put places below zero).
        Assert.Equal(baseline + 2m >= 2m ? "green" : baseline + 2m >= 1m ? "amber" : "red", (string?)september["indicator"]!["status"]);

        // The two population events may be applied in either order (consumers run concurrently): wait for both.
        var rate = await EventuallyAsync(async () =>
        {
            var detail = await Json(await Gateway.GetAsync($"/api/inspections/indicators/{cla}?asAt=2040-11-30&from=2040-07-01"));
            var august = detail["series"]!.AsArray().FirstOrDefault(p => (string?)p!["asAt"] == "2040-08-31");
            return (decimal?)detail["indicator"]!["value"] == 159m && (decimal?)august?["value"] == 148m ? detail : null;
        });
        Assert.Equal("red", (string?)rate["indicator"]!["status"]);
        // Month ends July to October, then the date itself: 148 from August, 159 from mid-October.
        var series = rate["series"]!.AsArray().Select(p => ((string?)p!["asAt"], (decimal?)p["value"])).ToList();
        Assert.Contains(("2040-08-31", 148m), series);
        Assert.Contains(("2040-10-31", 159m), series);

        await PublishAsync(new PlacementEnded(episode, "X", new DateOnly(2040, 10, 1), "X1", null, carer));
        await EventuallyAsync(async () =>
        {
            var detail = await Json(await Gateway.GetAsync($"/api/inspections/indicators/{capacity}?asAt=2040-10-02"));
            return (decimal?)detail["indicator"]!["value"] == baseline + 3m ? detail : null;
        });
        // The past is kept: on 30 September one place was still occupied.
        var past = await Json(await Gateway.GetAsync($"/api/inspections/indicators/{capacity}?asAt=2040-09-30"));
        Assert.Equal(baseline + 2m, (decimal?)past["indicator"]!["value"]);
    }

    [Fact]
    public async Task An_indicator_for_an_unknown_team_or_area_is_refused()
    {
        var response = await Gateway.PostAsJsonAsync("/api/inspections/indicators", new
        {
            code = Unique("X"), name = "Caseload", measure = "average-caseload", teamCode = Unique("NOTEAM"), areaCode = Unique("NOAREA"), target = 18m, tolerance = 4m,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("teamCode", body, StringComparison.Ordinal);
        Assert.Contains("areaCode", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawn_vacancies_and_deleted_posts_leave_the_vacancy_rate_from_their_dates()
    {
        var team = Unique("VW");
        var kept = Guid.NewGuid();
        var deleted = Guid.NewGuid();
        var vacancy = Guid.NewGuid();
        await PublishAsync(new Platform.Contracts.Workforce.V1.PostCreated(kept, team, "social-worker", "SW2", 1m, 40_000m, "social-work", new DateOnly(2019, 4, 1)));
        await PublishAsync(new Platform.Contracts.Workforce.V1.PostCreated(deleted, team, "social-worker", "SW2", 1m, 40_000m, "social-work", new DateOnly(2019, 4, 1)));
        await EventuallyAsync(async () =>
        {
            var rate = await Json(await Gateway.GetAsync($"/api/inspections/indicators/vacancy-rate?teamCode={team}&asAt=2019-05-01"));
            return (int)rate["posts"]! == 2 ? rate : null;
        });
        await PublishAsync(new Platform.Contracts.Workforce.V1.VacancyOpened(vacancy, kept, team, "social-worker", new DateOnly(2019, 5, 1)));
        await PublishAsync(new Platform.Contracts.Workforce.V1.VacancyWithdrawn(vacancy, kept, team, "social-worker", new DateOnly(2019, 7, 1)));
        await PublishAsync(new Platform.Contracts.Workforce.V1.PostDeleted(deleted, team, "social-worker", 1m, 40_000m, "social-work", new DateOnly(2019, 9, 1)));

        await EventuallyAsync(async () =>
        {
            var rate = await Json(await Gateway.GetAsync($"/api/inspections/indicators/vacancy-rate?teamCode={team}&asAt=2019-10-01"));
            return (int)rate["posts"]! == 1 ? rate : null;
        });
        // Withdrawn on 1 July (each event type has its own queue, so it may arrive after the deletion).
        var august = await EventuallyAsync(async () =>
        {
            var rate = await Json(await Gateway.GetAsync($"/api/inspections/indicators/vacancy-rate?teamCode={team}&asAt=2019-08-01"));
            return (decimal)rate["ratePercent"]! == 0m ? rate : null;
        });
        Assert.Equal(2, (int)august["posts"]!);
        var june = await Json(await Gateway.GetAsync($"/api/inspections/indicators/vacancy-rate?teamCode={team}&asAt=2019-06-01"));
        Assert.Equal(50.0m, (decimal)june["ratePercent"]!);
    }

    private async Task PublishAsync<T>(T message) where T : Platform.Contracts.IntegrationEvent =>
        await platform.FinanceBus.Publish(message, context => context.MessageId = message.EventId);
}
