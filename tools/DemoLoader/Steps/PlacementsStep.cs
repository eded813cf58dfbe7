using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Platform.Tools.DemoLoader.Requests;

namespace Platform.Tools.DemoLoader.Steps;

/// <summary>
/// A synthetic Stoke-like care population for 2018-19 loaded as an SSDA903 return (<see cref="Ssda903DemoReturn"/>),
/// foster carer households, reference data for the rate per 10,000, a few children recorded through the episode API,
/// and the 2019-20 admissions and returns home.
/// </summary>
internal sealed class PlacementsStep : IDemoStep
{
    private const string ChildrenPath = "/api/placements/children";

    /// <summary>Foster carer households FC-0001…: in-house, approved on, places, ages from and to.</summary>
    private static readonly (bool InHouse, DateOnly ApprovedOn, int Places, int AgeFrom, int AgeTo)[] FosterCarers =
    [
        (true, new(2015, 6, 1), 3, 0, 17), (true, new(2016, 2, 15), 2, 0, 10), (true, new(2017, 9, 1), 1, 11, 17), (false, new(2014, 11, 20), 3, 5, 17),
        (false, new(2018, 5, 10), 2, 0, 4), (true, new(2019, 1, 14), 2, 0, 17), (false, new(2013, 3, 1), 2, 8, 17), (true, new(2018, 10, 1), 1, 0, 2),
    ];

    /// <summary>DEMO1…DEMO6: placement type, provider and the foster carer household (index) if any.</summary>
    private static readonly (string Place, string Provider, int? Carer)[] DemoChildren =
        [("U6", "PR1", 0), ("U4", "PR4", null), ("K2", "PR4", null), ("U6", "PR1", 1), ("U1", "PR1", null), ("R1", "PR4", null)];

    /// <summary>The first placements of the 2019-20 admissions, in turn.</summary>
    private static readonly (string Place, string Provider)[] AdmissionPlacements = [("U4", "PR4"), ("K2", "PR4"), ("U1", "PR1"), ("R1", "PR4")];

    public string Name => "placements: the 2018-19 903 return, foster carers, 2019-20 episodes";

    /// <summary>
    /// The 2019-20 admissions: six children a month, DM + yyyyMM + k, registered and placed on day 4k - 1 of the month.
    /// </summary>
    internal static IEnumerable<Admission> Admissions()
    {
        for (var month = 1; month <= 12; month++)
        {
            var first = new DateOnly(2019, 4, 1).AddMonths(month - 1);
            for (var k = 1; k <= 6; k++)
            {
                var (place, provider) = AdmissionPlacements[(month + k) % 4];
                var bornIn = 2000 + k * 2 + 3; // 2005, 2007, … 2015
                yield return new Admission(ChildId(first, k), k % 2 == 1 ? "M" : "F", new DateOnly(bornIn, k, 10 + k),
                    first.AddDays(k * 4 - 2), place, provider);
            }
        }
    }

    /// <summary>Three a month from July 2019 go home on the 25th, from among those who came in three months before.</summary>
    internal static IEnumerable<(string ChildId, DateOnly On)> ReturnsHome()
    {
        for (var month = new DateOnly(2019, 7, 1); month <= new DateOnly(2020, 3, 1); month = month.AddMonths(1))
        {
            for (var k = 1; k <= 3; k++) yield return (ChildId(month.AddMonths(-3), k), month.AddDays(24));
        }
    }

    private static string ChildId(DateOnly month, int k) => string.Create(CultureInfo.InvariantCulture, $"DM{month:yyyyMM}{k}");

    internal sealed record Admission(string ChildId, string Sex, DateOnly DateOfBirth, DateOnly Start, string Place, string Provider);

    public async Task RunAsync(DemoContext demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var api = demo.Api;
        await ImportReturnAsync(demo, cancellationToken).ConfigureAwait(false);
        await ReferenceDataAsync(api, cancellationToken).ConfigureAwait(false);
        var carers = await FosterCarersAsync(demo, cancellationToken).ConfigureAwait(false);
        await EpisodesAsync(demo, carers, cancellationToken).ConfigureAwait(false);
        await AdmissionsAsync(demo, cancellationToken).ConfigureAwait(false);

        var start = await api.GetAsync("/api/placements/indicators/care-population?asAt=2018-04-01", cancellationToken).ConfigureAwait(false);
        var end = await api.GetAsync("/api/placements/indicators/care-population?asAt=2019-03-31", cancellationToken).ConfigureAwait(false);
        await demo.SayAsync($"  looked after 1 Apr 2018: {Raw(start, "childrenLookedAfter")}, 31 Mar 2019: {Raw(end, "childrenLookedAfter")} " +
                            $"({Raw(end, "ratePer10000")} per 10,000)").ConfigureAwait(false);
    }

    private static async Task ImportReturnAsync(DemoContext demo, CancellationToken cancellationToken)
    {
        await demo.SayAsync("loading demo: Stoke-like 2018-19 care population as an SSDA903 return (890 → 982 children looked after)").ConfigureAwait(false);
        // The generator writes one row per episode; the upload has the DfE's tables as a case system exports them.
        var generated = Ssda903DemoReturn.Generate();
        using var form = new MultipartFormDataContent();
        foreach (var (name, csv) in new[] { ("header", generated.HeaderCsv()), ("episodes", generated.EpisodesCsv()), ("uasc", generated.UascCsv()) })
        {
            var table = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            table.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(table, name, $"{name}.csv");
        }
        var imported = await demo.Api.PostContentAsync($"/api/placements/ssda903/returns/{Ssda903DemoReturn.CollectionYear}", form, cancellationToken)
            .ConfigureAwait(false);
        await demo.SayAsync($"  imported {Raw(imported, "children")} children, {Raw(imported, "episodes")} episodes").ConfigureAwait(false);
    }

    /// <summary>
    /// Reference data for the rate per 10,000: an under-18 population of about 58,000 (approximate, unverified; it puts 31 March
    /// 2019 near the DfE rate of 148 quoted for Stoke), England 65 per 10,000 at 31 March 2019 (DfE), and a statistical-neighbour
    /// rate derived from "around 200 fewer children" than Stoke (982 - 200 = 782 → 134.8). 31 March 2018 (collection year
    /// 2017-18): England 64 per 10,000 (DfE); the neighbours' rate of that year is not in the fact base, so it is left unknown
    /// rather than guessed. It gives 2018-19 its growth against England's. 2019-20: England 67 per 10,000 at 31 March 2020 (DfE
    /// release, as the fact base records it, unverified); the neighbours' rate is not published in the fact base, so the same
    /// derivation from the seeds' "around 200 more children than statistical neighbours" (said in August and October 2019,
    /// within 2019-20) is kept.
    /// </summary>
    private static async Task ReferenceDataAsync(ApiClient api, CancellationToken cancellationToken)
    {
        const string population = "/api/placements/reference/under-18-population";
        const string rates = "/api/placements/reference/comparator-rates";
        await api.PutAsync(population, new Under18PopulationRequest(2017, 58_000), cancellationToken).ConfigureAwait(false);
        await api.PutAsync(rates, new ComparatorRatesRequest(2017, 64), cancellationToken).ConfigureAwait(false);
        await api.PutAsync(population, new Under18PopulationRequest(2018, 58_000), cancellationToken).ConfigureAwait(false);
        await api.PutAsync(rates, new ComparatorRatesRequest(2018, 65, 134.8m), cancellationToken).ConfigureAwait(false);
        await api.PutAsync(population, new Under18PopulationRequest(2019, 58_000), cancellationToken).ConfigureAwait(false);
        await api.PutAsync(rates, new ComparatorRatesRequest(2019, 67, 134.8m), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<Guid>> FosterCarersAsync(DemoContext demo, CancellationToken cancellationToken)
    {
        var api = demo.Api;
        await demo.SayAsync("loading demo: foster carer households").ConfigureAwait(false);
        var carers = new List<Guid>();
        foreach (var (carer, n) in FosterCarers.Select((c, i) => (c, i + 1)))
        {
            carers.Add(await api.CreateAsync("/api/placements/foster-carers", new FosterCarerRequest(
                string.Create(CultureInfo.InvariantCulture, $"FC-{n:D4}"), carer.ApprovedOn, carer.Places, carer.AgeFrom, carer.AgeTo, carer.InHouse),
                cancellationToken).ConfigureAwait(false));
        }
        foreach (var carer in carers.Take(5))
        {
            await api.PostAsync($"/api/placements/foster-carers/{carer}/support-visits", new SupportVisitRequest(new DateOnly(2019, 5, 20)), cancellationToken)
                .ConfigureAwait(false);
        }
        // Siblings kept together: an exemption adds a place to the first household from September 2019.
        await api.PostAsync($"/api/placements/foster-carers/{carers[0]}/exemptions",
            new ExemptionRequest(new DateOnly(2019, 9, 1), new DateOnly(2020, 8, 31), 1), cancellationToken).ConfigureAwait(false);
        // One agency household resigns in the summer of 2019 (the inspection found foster carers unsupported).
        await api.PostAsync($"/api/placements/foster-carers/{carers[6]}/deregister", new DeregisterRequest(new DateOnly(2019, 7, 31), "resigned"),
            cancellationToken).ConfigureAwait(false);
        return carers;
    }

    private static async Task EpisodesAsync(DemoContext demo, List<Guid> carers, CancellationToken cancellationToken)
    {
        var api = demo.Api;
        await demo.SayAsync("loading demo: children looked after with placement moves (2019-20, through the episode API)").ConfigureAwait(false);
        for (var n = 1; n <= DemoChildren.Length; n++)
        {
            var (place, provider, carer) = DemoChildren[n - 1];
            var child = string.Create(CultureInfo.InvariantCulture, $"DEMO{n}");
            await api.PostAsync(ChildrenPath, new RegisterChildRequest(child, n % 2 == 1 ? "M" : "F", new DateOnly(2010 + n % 9, n % 9 + 1, 15), "WBRI", false),
                cancellationToken).ConfigureAwait(false);
            // No weeklyCost: the rate card prices each placement (in-house fostering £450, agency £850, children's home £3,900 …).
            await api.PostAsync($"{ChildrenPath}/{child}/episodes", new EpisodeRequest(new DateOnly(2019, n + 3, 1), "S", "C2", "N1", place, provider,
                "ST4", "ST3", FosterCarerId: carer is { } c ? carers[c] : null), cancellationToken).ConfigureAwait(false);
        }
        // One child moves from foster care to a children's home at the carer's request: a new episode closes the first (REC X1
        // with the reason), and the agreed cost of the home overrides the rate card.
        await api.PostAsync($"{ChildrenPath}/DEMO1/episodes", new EpisodeRequest(new DateOnly(2019, 11, 4), "P", "C2", "N1", "K2", "PR4", "ST6", "ST3",
            Urn: "SC481516", WeeklyCost: 4200, ReasonForPlacementChange: "CREQB"), cancellationToken).ConfigureAwait(false);
        // Another goes home as part of the care plan.
        await api.PostAsync($"{ChildrenPath}/DEMO5/cease", new CeaseRequest(new DateOnly(2020, 1, 20), "E4A"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The care population kept growing in 2019-20 (890 in August, 982 in October in the seeds): six children a month come
    /// into care, and three a month from July go home. Each child's registration and first placement run in one job; the
    /// returns home after all have started.
    /// </summary>
    private static async Task AdmissionsAsync(DemoContext demo, CancellationToken cancellationToken)
    {
        var api = demo.Api;
        await demo.SayAsync("loading demo: 2019-20 admissions and returns home (through the episode API)").ConfigureAwait(false);
        await demo.ForEachAsync(Admissions(), async (child, ct) =>
        {
            await api.PostAsync(ChildrenPath, new RegisterChildRequest(child.ChildId, child.Sex, child.DateOfBirth, "WBRI", false), ct).ConfigureAwait(false);
            await api.PostAsync($"{ChildrenPath}/{child.ChildId}/episodes",
                new EpisodeRequest(child.Start, "S", "C2", "N1", child.Place, child.Provider, "ST4", "ST3"), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        await demo.ForEachAsync(ReturnsHome(), async (home, ct) =>
            await api.PostAsync($"{ChildrenPath}/{home.ChildId}/cease", new CeaseRequest(home.On, "E4A"), ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    private static string Raw(JsonElement json, string property) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(property, out var value) ? value.GetRawText() : "?";
}
