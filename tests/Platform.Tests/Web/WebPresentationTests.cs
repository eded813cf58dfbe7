using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.ServiceDefaults.Domain;
using static Platform.Tests.Inspections.InspectionsImprovementTests;

namespace Platform.Tests.Web;

/// <summary>
/// How the web app presents the owners' figures, read from the rendered page in a real browser: ratios as percentages
/// once, bars coloured as their legends say, GOV.UK Frontend's typeface everywhere, the date kept between pages,
/// "no budget" / "no forecast yet" instead of invented figures, and names instead of codes.
/// </summary>
[Collection(PlatformTestGroup.Name)]
public sealed partial class WebPresentationTests(PlatformFixture platform)
{
    private static readonly string[] Findings = ["Leadership capacity is insufficient"];

    private sealed record Created(Guid Id);

    private sealed record WorkerCaseload(Guid WorkerId, int Caseload, string Level);

    private sealed record Compliance(string TeamCode, int Workers, int Overdue, decimal? ComplianceRate);

    private sealed record ComplianceAnswer(DateOnly AsAt, IReadOnlyList<Compliance> Teams, Compliance Department);

    [Fact]
    public async Task Supervision_compliance_on_the_workforce_page_is_the_API_ratio_shown_once_as_a_percentage_beside_the_team_name()
    {
        // Three case-holding workers of a new team from January 2063; two of them supervised on 1 February.
        var (team, name) = await CreateTeamAsync("WSUP");
        var workers = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var worker = await StartWorkerAsync(team, "2063-01-02");
            await AllocateAsync(worker, $"{team}-C{i}", "2063-01-03");
            workers.Add(worker);
        }
        foreach (var worker in workers.Take(2))
        {
            (await platform.Gateway.PostJsonAsync($"/api/workforce/staff/{worker}/supervisions", new { heldOn = "2063-02-01" })).EnsureSuccessStatusCode();
        }
        const string asAt = "2063-02-15";
        var api = await (await platform.Gateway.GetAsync($"/api/workforce/supervision/compliance?asAt={asAt}")).ReadAsync<ComplianceAnswer>();
        var apiTeam = Assert.Single(api.Teams, t => t.TeamCode == team);
        // The API answers a 0–1 ratio.
        Assert.InRange(apiTeam.ComplianceRate!.Value, 0m, 1m);
        Assert.InRange(api.Department.ComplianceRate!.Value, 0m, 1m);

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "read-only-operator", "web-supervision");
        var response = await page.GotoAsync($"/workforce?asAt={asAt}");
        Assert.Equal(200, response!.Status);
        Assert.Equal(0, await page.Locator("[data-testid=problem]").CountAsync());

        var department = DepartmentSupervision().Match(await page.Locator("main").InnerTextAsync());
        Assert.True(department.Success, "The page states no department supervision compliance.");
        Assert.Equal(Percent(api.Department.ComplianceRate), department.Groups["rate"].Value);
        Assert.Equal(api.Department.Workers.ToString(CultureInfo.InvariantCulture), department.Groups["workers"].Value);

        var row = page.Locator("[data-testid=supervision] tbody tr").Filter(new() { HasTextRegex = new Regex($"{Regex.Escape(team)}|{Regex.Escape(name)}") });
        Assert.Equal(1, await row.CountAsync());
        Assert.Equal(Percent(apiTeam.ComplianceRate), (await row.Locator("td").Last.InnerTextAsync()).Trim());
        // The team is named, not coded.
        Assert.Equal(name, (await row.Locator("th").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task A_caseload_band_with_a_worker_over_the_warning_threshold_has_a_red_bar_as_its_legend_says()
    {
        var (team, _) = await CreateTeamAsync("WBAR");
        var worker = await StartWorkerAsync(team, "2064-01-02");
        for (var i = 0; i < 31; i++) await AllocateAsync(worker, $"{team}-B{i}", "2064-01-03");
        const string asAt = "2064-01-15";
        var caseload = await (await platform.Gateway.GetAsync($"/api/workforce/staff/{worker}/cases?asAt={asAt}")).ReadAsync<WorkerCaseload>();
        Assert.NotEqual("normal", caseload.Level);
        var band = $"{caseload.Caseload / 5 * 5}–{caseload.Caseload / 5 * 5 + 4} cases";

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "read-only-operator", "web-bars");
        await page.GotoAsync($"/workforce?asAt={asAt}");
        var bar = page.Locator("svg.app-chart g")
            .Filter(new() { Has = page.Locator("text", new() { HasTextRegex = new Regex($"^{Regex.Escape(band)}$") }) })
            .Locator("rect.app-chart__bar--over");
        Assert.Equal(1, await bar.CountAsync());
        Assert.Equal("rgb(212, 53, 28)", await bar.EvaluateAsync<string>("e => getComputedStyle(e).fill"));
    }

    [Fact]
    public async Task Tile_values_chart_text_and_every_other_text_use_the_GOV_UK_typeface_of_the_body_text()
    {
        var (team, _) = await CreateTeamAsync("WFNT");
        var worker = await StartWorkerAsync(team, "2065-01-02");
        for (var i = 0; i < 3; i++) await AllocateAsync(worker, $"{team}-F{i}", "2065-01-03");
        await Json(await platform.Gateway.PostAsJsonAsync("/api/inspections/indicators", new
        {
            code = Unique("WFNT"), name = "Children looked after (typeface)", measure = "children-looked-after", target = 800m, tolerance = 50m,
        }));

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "read-only-operator", "web-fonts");

        await page.GotoAsync("/?asAt=2065-01-15");
        var body = await FontOfAsync(page.Locator("p.govuk-body").First);
        Assert.Contains("GDS Transport", body, StringComparison.Ordinal);
        Assert.Equal(body, await FontOfAsync(page.Locator("[data-testid=tile-value]").First));
        Assert.Empty(await TextsNotInAsync(page, body));

        await page.GotoAsync("/workforce?asAt=2065-01-15");
        Assert.Equal(body, await FontOfAsync(page.Locator("svg.app-chart text").First));
        Assert.Empty(await TextsNotInAsync(page, body));
    }

    [Fact]
    public async Task The_board_date_is_typed_as_day_month_and_year_and_an_impossible_date_gets_the_GOV_UK_error_summary_at_the_top()
    {
        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "read-only-operator", "web-date-input");
        await page.GotoAsync("/");
        Assert.Equal("Stoke-on-Trent City Council", (await page.Locator("[data-testid=council]").InnerTextAsync()).Trim());

        await ChooseDateAsync(page, "1", "11", "2019");
        Assert.Contains("As at 1 November 2019", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=problem]").CountAsync());
        Assert.Equal(["1", "11", "2019"], [await page.InputValueAsync("#asAt-day"), await page.InputValueAsync("#asAt-month"), await page.InputValueAsync("#asAt-year")]);

        // 31 February: refused as GOV.UK's pattern says, the summary first in the page, its link on the field.
        await ChooseDateAsync(page, "31", "2", "2020");
        Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        var summary = page.Locator("main > :first-child");
        Assert.Equal("problem", await summary.GetAttributeAsync("data-testid"));
        Assert.Contains("There is a problem", await summary.InnerTextAsync(), StringComparison.Ordinal);
        var link = summary.Locator("a");
        Assert.Equal("Board date must be a real date", (await link.InnerTextAsync()).Trim());
        Assert.Equal("#asAt-day", await link.GetAttributeAsync("href"));
        Assert.Equal("Error: Board date must be a real date", Regex.Replace(await page.Locator("[data-testid=date-error]").TextContentAsync() ?? "", @"\s+", " ").Trim());
        Assert.Equal(3, await page.Locator(".govuk-date-input .govuk-input--error").CountAsync());
        Assert.Equal("31", await page.InputValueAsync("#asAt-day"));
        Assert.Equal(0, await page.Locator("#board").CountAsync());

        // A missing part is named.
        await ChooseDateAsync(page, "1", "", "2020");
        Assert.Equal("Board date must include a month", (await summary.Locator("a").InnerTextAsync()).Trim());
        Assert.Equal("#asAt-month", await summary.Locator("a").GetAttributeAsync("href"));
    }

    private static async Task ChooseDateAsync(IPage page, string day, string month, string year)
    {
        await page.FillAsync("#asAt-day", day);
        await page.FillAsync("#asAt-month", month);
        await page.FillAsync("#asAt-year", year);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show board" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    [Fact]
    public async Task The_board_dated_1_November_2019_keeps_its_date_along_the_navigation_to_each_service_page_and_back()
    {
        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "read-only-operator", "web-dates");
        await page.GotoAsync("/?asAt=2019-11-01");

        await FollowAsync(page, "Workforce", "/workforce");
        Assert.Equal("2019-11-01", Query(page.Url, "asAt"));
        Assert.Contains("As at 1 November 2019", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);

        await FollowAsync(page, "Finance", "/finance");
        Assert.True(Query(page.Url, "financialYear") == "2019" || Query(page.Url, "asAt") == "2019-11-01", page.Url);
        Assert.Contains("2019-20", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);

        await FollowAsync(page, "Placements", "/placements");
        Assert.Equal("2019-11-01", Query(page.Url, "asAt"));
        Assert.Contains("1 November 2019", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);

        await FollowAsync(page, "Improvement board", "/");
        Assert.Equal("2019-11-01", Query(page.Url, "asAt"));
        Assert.Contains("As at 1 November 2019", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_year_without_a_budget_or_a_forecast_says_so_instead_of_showing_a_figure_of_zero()
    {
        // 2045-46: nothing at all. 2046-47: a budget set, but no spend, commitment, adjustment or saving yet.
        var centre = await platform.CreateCostCentreAsync("WNF");
        await platform.SetBudgetAsync(2046, centre, S251Lines.FosteringServices, 1_000_000m);
        var budgeted = await platform.ForecastAsync(2046);
        Assert.Equal(0m, budgeted.TotalForecast);

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "read-only-operator", "web-no-budget");

        await page.GotoAsync("/finance?financialYear=2045");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.Contains("No budget has been set for 2045-46", text, StringComparison.Ordinal);
        Assert.Contains("No forecast yet", text, StringComparison.Ordinal);
        Assert.DoesNotContain("budget of £0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Forecast £0", text, StringComparison.Ordinal);

        await page.GotoAsync("/finance?financialYear=2046");
        text = await page.Locator("main").InnerTextAsync();
        Assert.Contains("No forecast yet", text, StringComparison.Ordinal);
        Assert.Contains(budgeted.TotalBudget.ToString("£#,##0", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.DoesNotContain("Forecast £0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("No budget", text, StringComparison.Ordinal);
        // No invented overspend (minus the budget) in the trend either.
        Assert.DoesNotContain("-" + budgeted.TotalBudget.ToString("£#,##0", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_finance_page_names_budget_lines_and_cost_centres_and_the_board_names_the_recommendation()
    {
        // A draft virement in 2045 from the rest of the council (the demo's CORP-IIC) to social work, and a budgeted 2046 line.
        var from = await platform.CreateCostCentreAsync("CORP", "Corporate");
        var to = await platform.CreateCostCentreAsync("WSW");
        var raised = await platform.Gateway.PostAsJsonAsync("/api/finance/virements", new
        {
            financialYear = 2045, reason = $"Web names {Guid.NewGuid():N}"[..20],
            lines = new[]
            {
                new { costCentreCode = from, budgetLineCode = "other-council-services", amount = -250_000m },
                new { costCentreCode = to, budgetLineCode = S251Lines.SocialWork, amount = 250_000m },
            },
        });
        Assert.True(raised.IsSuccessStatusCode, await raised.Content.ReadAsStringAsync());
        await platform.SetBudgetAsync(2046, to, S251Lines.SocialWork, 300_000m);

        // A commissioner's review published in June 2062 recommending a partnership.
        var commissioner = await Json(await platform.Gateway.PostAsJsonAsync("/api/inspections/commissioners", new
        {
            name = "Commissioner (web names)", role = "commissioner", appointedOn = "2062-01-10",
        }));
        await Json(await platform.Gateway.PostAsJsonAsync($"/api/inspections/commissioners/{commissioner["id"]}/reviews", new
        {
            startedOn = "2062-02-01", reportDueOn = "2062-05-01", publishedOn = "2062-06-01", recommendation = "partnership-with-strong-authority",
            findings = Findings,
        }));

        await using var browser = await WebBrowser.LaunchAsync();
        var page = await browser.SignInAsync(platform.GatewayAddress, "read-only-operator", "web-names");
        var codes = S251Lines.All.Keys.Append("other-council-services").ToList();
        foreach (var year in new[] { 2045, 2046 })
        {
            await page.GotoAsync($"/finance?financialYear={year}");
            var text = await page.Locator("main").InnerTextAsync();
            Assert.DoesNotMatch(CodeWithSlug(), text);
            Assert.DoesNotContain(codes, code => Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(code)}(?![\w-])"));
            Assert.DoesNotContain(from, text, StringComparison.Ordinal);
            Assert.DoesNotContain(to, text, StringComparison.Ordinal);
        }
        Assert.Contains(S251Lines.All[S251Lines.SocialWork], await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync("/finance?financialYear=2045");
        Assert.Contains("CORP cost centre", await page.Locator("[data-testid=virements]").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync("/?asAt=2062-07-01");
        var recommendation = (await page.Locator("[data-testid=review] .govuk-summary-list__row")
            .Filter(new() { HasTextString = "Recommendation" }).Locator("dd").InnerTextAsync()).Trim();
        Assert.DoesNotContain("-", recommendation, StringComparison.Ordinal);
        Assert.StartsWith("Partnership with", recommendation, StringComparison.Ordinal);
    }

    /// <summary>A 0–1 ratio as the page should show it: ×100, to one decimal place at most, with a per cent sign.</summary>
    private static string Percent(decimal? ratio) => (ratio!.Value * 100m).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    [GeneratedRegex(@"Department: (?<rate>\S+?) of (?<workers>\d+) workers")]
    private static partial Regex DepartmentSupervision();

    /// <summary>A code followed by a hyphenated slug, as in "CORP-IIC other-council-services".</summary>
    [GeneratedRegex(@"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+ [a-z]+(?:-[a-z]+)+\b")]
    private static partial Regex CodeWithSlug();

    private static Task<string> FontOfAsync(ILocator element) => element.EvaluateAsync<string>("e => getComputedStyle(e).fontFamily");

    /// <summary>Every visible element with text of its own whose computed font family is not <paramref name="family"/>.</summary>
    private static async Task<List<string>> TextsNotInAsync(IPage page, string family) =>
        (await page.EvaluateAsync<JsonElement>("""
            family => [...document.body.querySelectorAll('*')]
                .filter(e => !e.closest('title, script, style, template, .govuk-visually-hidden'))
                .filter(e => [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== ''))
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 1 && r.height > 1; })
                .filter(e => getComputedStyle(e).fontFamily !== family)
                .map(e => `${e.tagName.toLowerCase()}.${e.getAttribute('class') || ''} "${e.textContent.trim().slice(0, 40)}": ${getComputedStyle(e).fontFamily}`)
            """, family)).EnumerateArray().Select(e => e.GetString()!).ToList();

    private static async Task FollowAsync(IPage page, string link, string path)
    {
        await page.Locator("#navigation a", new() { HasTextRegex = new Regex($"^{Regex.Escape(link)}$") }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static string? Query(string url, string name) =>
        new Uri(url).Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .Where(p => p[0] == name).Select(p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : "")).FirstOrDefault();

    private async Task<(string Code, string Name)> CreateTeamAsync(string prefix)
    {
        var code = Unique(prefix);
        var name = $"Web team {code[^8..]}";
        (await platform.Gateway.PostJsonAsync("/api/workforce/teams", new { code, name, directorate = "Children's Social Care" })).EnsureSuccessStatusCode();
        return (code, name);
    }

    private async Task<Guid> StartWorkerAsync(string team, string startDate)
    {
        var response = await platform.Gateway.PostJsonAsync("/api/workforce/staff", new
        {
            teamCode = team, jobRole = "social-worker", employmentType = "employed", fte = 1m, isQualifiedSocialWorker = true,
            registrationNumber = $"SW{Random.Shared.Next(10000, 99999)}", startDate,
        });
        return (await response.ReadAsync<Created>()).Id;
    }

    private async Task AllocateAsync(Guid worker, string reference, string on) =>
        (await platform.Gateway.PostJsonAsync($"/api/workforce/staff/{worker}/cases", new { caseReference = reference, allocatedOn = on })).EnsureSuccessStatusCode();
}
