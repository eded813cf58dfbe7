using System.Text.Json;
using Platform.Tools.DemoLoader.Requests;

namespace Platform.Tools.DemoLoader.Steps;

/// <summary>
/// Stoke-on-Trent children's social care, April 2019 – March 2020. April 2019: too few social workers, agency cover and
/// vacancies, caseloads far over threshold (two workers over 100 children), almost no supervision. October 2019: the
/// "Investing in Children" restructure deletes 64 vacant and 24 filled support posts (voluntary redundancy, with
/// consultation and HR1 under the 20+ rule) and creates 130 children's social care posts. December 2019 – March 2020:
/// the new posts are filled, cases move to the new social workers, caseloads fall below threshold and monthly
/// supervision starts.
/// </summary>
internal sealed class WorkforceStep : IDemoStep
{
    private const string SocialWork = "social-work";
    private const string SocialWorker = "social-worker";
    private const string Employed = "employed";
    private const string ManagementAndSupport = "management-and-support";
    private const string FamilySupport = "family-support";

    private static readonly DateOnly April2019 = new(2019, 4, 1);

    /// <summary>The children's social care teams, in the order they are created.</summary>
    private static readonly (string Code, string Name)[] CscTeams =
    [
        ("ASSESS-1", "Assessment 1"), ("ASSESS-2", "Assessment 2"), ("CP-1", "Child Protection 1"), ("CP-2", "Child Protection 2"),
        ("CIC-1", "Children in Care 1"), ("CIC-2", "Children in Care 2"), ("CIC-3", "Children in Care 3"),
    ];

    private static readonly (string Code, string Name)[] SupportTeams = [("SUPPORT-1", "Business Support"), ("FSS-1", "Family Support Service")];

    /// <summary>When the new social workers start: ten per team over four months.</summary>
    private static readonly DateOnly[] FillMonths = [new(2019, 12, 2), new(2020, 1, 6), new(2020, 2, 3), new(2020, 3, 2)];

    /// <summary>Monthly supervision from January 2020.</summary>
    private static readonly DateOnly[] SupervisionDays = [new(2020, 1, 20), new(2020, 2, 17), new(2020, 3, 16)];

    public string Name => "workforce: establishment, caseloads and the Investing in Children restructure";

    /// <summary>
    /// The April 2019 caseload of a team's n-th case-holding worker (1-based): 26 + 2n, and the two workers with more than
    /// 100 children (the first of CP-1 and of CIC-2). Their cases are TEAM-Wn-1 … TEAM-Wn-count.
    /// </summary>
    internal static int InitialCaseload(string team, int n) => (team, n) switch
    {
        ("CP-1", 1) => 105,
        ("CIC-2", 1) => 102,
        _ => 26 + n * 2,
    };

    public async Task RunAsync(DemoContext demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var api = demo.Api;
        await demo.SayAsync("loading demo: Stoke-on-Trent children's social care workforce, 2019-20").ConfigureAwait(false);
        foreach (var (code, name) in CscTeams)
        {
            await api.PostAsync("/api/workforce/teams", new TeamRequest(code, name, "Children's Social Care"), cancellationToken).ConfigureAwait(false);
        }
        foreach (var (code, name) in SupportTeams)
        {
            await api.PostAsync("/api/workforce/teams", new TeamRequest(code, name, "Children and Family Services"), cancellationToken).ConfigureAwait(false);
        }

        // April 2019: per team a team manager, three employed social workers, one vacancy covered by an agency worker and
        // one empty vacancy.
        var workers = new Dictionary<string, List<Guid>>(); // team -> case-holding workers, in order
        foreach (var (team, _) in CscTeams)
        {
            var manager = await NewPostAsync(api, team, "team-manager", "TM1", 58_000, SocialWork, April2019, cancellationToken).ConfigureAwait(false);
            await StartWorkerAsync(api, team, "team-manager", Employed, manager, April2019, true, null, cancellationToken).ConfigureAwait(false);
            var holders = workers[team] = [];
            for (var k = 0; k < 3; k++)
            {
                var post = await NewPostAsync(api, team, SocialWorker, "SW2", 42_500, SocialWork, April2019, cancellationToken).ConfigureAwait(false);
                holders.Add(await StartWorkerAsync(api, team, SocialWorker, Employed, post, April2019, true, null, cancellationToken).ConfigureAwait(false));
            }
            var covered = await NewPostAsync(api, team, SocialWorker, "SW2", 42_500, SocialWork, April2019, cancellationToken).ConfigureAwait(false);
            await api.PostAsync($"/api/workforce/posts/{covered}/vacancies", new VacancyRequest(April2019), cancellationToken).ConfigureAwait(false);
            holders.Add(await StartWorkerAsync(api, team, SocialWorker, "agency", covered, new DateOnly(2019, 4, 8), true, 325, cancellationToken)
                .ConfigureAwait(false));
            var empty = await NewPostAsync(api, team, SocialWorker, "SW2", 42_500, SocialWork, April2019, cancellationToken).ConfigureAwait(false);
            await api.PostAsync($"/api/workforce/posts/{empty}/vacancies", new VacancyRequest(April2019), cancellationToken).ConfigureAwait(false);
        }

        // Support posts: 64 vacant (to be deleted) and 24 filled (to go by voluntary redundancy or redeployment).
        var vacantSupport = new List<Guid>();
        for (var i = 1; i <= 64; i++)
        {
            var post = i % 2 == 1
                ? await NewPostAsync(api, "SUPPORT-1", "business-support", "BS2", 24_500, ManagementAndSupport, April2019, cancellationToken).ConfigureAwait(false)
                : await NewPostAsync(api, "FSS-1", "family-support-worker", "FS1", 27_000, FamilySupport, April2019, cancellationToken).ConfigureAwait(false);
            await api.PostAsync($"/api/workforce/posts/{post}/vacancies", new VacancyRequest(April2019), cancellationToken).ConfigureAwait(false);
            vacantSupport.Add(post);
        }
        var filledSupport = new List<Guid>();
        var supportStaff = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            var post = await NewPostAsync(api, "SUPPORT-1", "business-support", "BS3", 26_500, ManagementAndSupport, April2019, cancellationToken).ConfigureAwait(false);
            supportStaff.Add(await StartWorkerAsync(api, "SUPPORT-1", "business-support", Employed, post, April2019, false, null, cancellationToken).ConfigureAwait(false));
            filledSupport.Add(post);
        }

        // Caseloads from April 2019: about 30 per worker, and two workers with more than 100 children; one job per worker.
        var caseloads = CscTeams.SelectMany(t => workers[t.Code].Select((worker, k) => (Team: t.Code, Worker: worker, N: k + 1)));
        await demo.ForEachAsync(caseloads, async (c, ct) =>
        {
            for (var i = 1; i <= InitialCaseload(c.Team, c.N); i++)
            {
                await api.PostAsync($"/api/workforce/staff/{c.Worker}/cases",
                    new AllocateCaseRequest($"{c.Team}-W{c.N}-{i}", new DateOnly(2019, 4, 15)), ct).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        // Supervision in spring 2019 for a handful only: the inspection found none was regular.
        foreach (var team in new[] { "ASSESS-1", "CIC-1" })
        {
            foreach (var worker in workers[team])
            {
                await api.PostAsync($"/api/workforce/staff/{worker}/supervisions", new SupervisionRequest(new DateOnly(2019, 5, 20)), cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        await RestructureAsync(api, vacantSupport, filledSupport, supportStaff, cancellationToken).ConfigureAwait(false);

        // December 2019 – March 2020: one job per team.
        await demo.ForEachAsync(CscTeams, (t, ct) => new ValueTask(FillAndRebalanceAsync(api, t.Code, workers[t.Code], ct)), cancellationToken)
            .ConfigureAwait(false);
        await demo.SayAsync($"workforce demo loaded: {demo.Gateway}/api/workforce/kpis?asAt=2019-09-30 and ?asAt=2020-03-31").ConfigureAwait(false);
    }

    /// <summary>"Investing in Children 2019": consultation opened 12 August, cabinet 20 August, council approval 16 October.</summary>
    private static async Task RestructureAsync(
        ApiClient api, List<Guid> vacantSupport, List<Guid> filledSupport, List<Guid> supportStaff, CancellationToken cancellationToken)
    {
        var programme = await api.CreateAsync("/api/workforce/restructures",
            new RestructureRequest("Investing in Children 2019", "Stoke-on-Trent City Council"), cancellationToken).ConfigureAwait(false);
        var path = $"/api/workforce/restructures/{programme}";
        await api.PostAsync($"{path}/consultation", new ConsultationRequest(new DateOnly(2019, 8, 12), new DateOnly(2019, 8, 12)), cancellationToken)
            .ConfigureAwait(false);
        foreach (var post in vacantSupport)
        {
            await api.PostAsync($"{path}/proposals", ProposalRequest.DeletePost(post, new DateOnly(2019, 11, 1)), cancellationToken).ConfigureAwait(false);
        }
        var deleteFilled = new List<Guid>();
        foreach (var post in filledSupport)
        {
            deleteFilled.Add(await api.CreateAsync($"{path}/proposals", ProposalRequest.DeletePost(post, new DateOnly(2019, 12, 1)), cancellationToken)
                .ConfigureAwait(false));
        }
        var november = new DateOnly(2019, 11, 1);
        foreach (var (team, _) in CscTeams)
        {
            for (var k = 0; k < 14; k++)
            {
                await api.PostAsync($"{path}/proposals", ProposalRequest.CreatePost(team, SocialWorker, "SW2", 42_500, SocialWork, november), cancellationToken)
                    .ConfigureAwait(false);
            }
            for (var k = 0; k < 2; k++)
            {
                await api.PostAsync($"{path}/proposals", ProposalRequest.CreatePost(team, "advanced-practitioner", "SW4", 51_000, SocialWork, november),
                    cancellationToken).ConfigureAwait(false);
            }
        }
        var newFamilySupport = new List<Guid>();
        for (var k = 0; k < 18; k++)
        {
            newFamilySupport.Add(await api.CreateAsync($"{path}/proposals",
                ProposalRequest.CreatePost("FSS-1", "family-support-worker", "FS1", 27_000, FamilySupport, november), cancellationToken).ConfigureAwait(false));
        }

        // 20 volunteers accepted (redundancy pay plus pension strain), 2 compulsory, 2 redeployed into new family support posts.
        for (var i = 0; i < 24; i++)
        {
            if (i < 20)
            {
                var application = await api.CreateAsync($"{path}/voluntary-redundancies",
                    new VoluntaryRedundancyRequest(supportStaff[i], 14_000 + i * 850 + 0.50m, new DateOnly(2019, 9, 2)), cancellationToken).ConfigureAwait(false);
                await api.PostAsync($"{path}/voluntary-redundancies/{application}/accept", new DecisionRequest(new DateOnly(2019, 9, 30)), cancellationToken)
                    .ConfigureAwait(false);
            }
            else if (i < 22)
            {
                await api.PostAsync($"{path}/proposals/{deleteFilled[i]}/outcome", new OutcomeRequest("compulsory-redundancy", RedundancyCost: 9_000 + i * 400),
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await api.PostAsync($"{path}/proposals/{deleteFilled[i]}/outcome", new OutcomeRequest("redeployment", RedeployToPostId: newFamilySupport[i - 22]),
                    cancellationToken).ConfigureAwait(false);
            }
        }
        await api.PostAsync($"{path}/approve", new ApprovalRequest(new DateOnly(2019, 10, 16)), cancellationToken).ConfigureAwait(false);
        await api.PostAsync($"{path}/implement", new ImplementRequest(new DateOnly(2020, 3, 31)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ten of the team's fourteen new social worker posts are filled; each new worker takes cases over from the most loaded
    /// colleague until nobody in the team holds more than 18. Then monthly supervision for everyone in the team.
    /// </summary>
    private static async Task FillAndRebalanceAsync(ApiClient api, string team, List<Guid> old, CancellationToken cancellationToken)
    {
        var funded = await api.GetAsync($"/api/workforce/posts?teamCode={team}&status=funded&pageSize=200", cancellationToken).ConfigureAwait(false);
        var newPosts = funded.GetProperty("items").EnumerateArray()
            .Where(p => p.GetProperty("jobRole").GetString() == SocialWorker)
            .Select(p => p.GetProperty("id").GetGuid())
            .ToList();
        if (newPosts.Count < 10) throw new InvalidOperationException($"expected 14 new social worker posts in {team}, found {newPosts.Count}");
        var counts = old.Select((_, k) => InitialCaseload(team, k + 1)).ToArray();
        var fresh = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            var month = FillMonths[i * 4 / 10];
            var worker = await StartWorkerAsync(api, team, SocialWorker, Employed, newPosts[i], month, true, null, cancellationToken).ConfigureAwait(false);
            fresh.Add(worker);
            for (var taken = 0; taken < 18; taken++)
            {
                // The most loaded original worker gives one case away (their highest-numbered).
                var (max, at) = (0, 0);
                for (var k = 0; k < counts.Length; k++)
                {
                    if (counts[k] > max) (max, at) = (counts[k], k);
                }
                if (max <= 18) break;
                await api.PostAsync($"/api/workforce/staff/{old[at]}/cases/{team}-W{at + 1}-{counts[at]}/transfer",
                    new TransferCaseRequest(worker, month), cancellationToken).ConfigureAwait(false);
                counts[at]--;
            }
        }
        foreach (var day in SupervisionDays)
        {
            foreach (var worker in old.Concat(fresh))
            {
                try
                {
                    await api.PostAsync($"/api/workforce/staff/{worker}/supervisions", new SupervisionRequest(day), cancellationToken).ConfigureAwait(false);
                }
                catch (ApiException)
                {
                    // Not yet started on that day: refused, as expected.
                }
            }
        }
    }

    private static Task<Guid> NewPostAsync(
        ApiClient api, string team, string role, string grade, decimal cost, string budgetLine, DateOnly from, CancellationToken cancellationToken) =>
        api.CreateAsync("/api/workforce/posts", new PostRequest(team, role, grade, 1, cost, budgetLine, from), cancellationToken);

    /// <summary>A worker starts on a post; a qualified social worker has a (synthetic) Social Work England registration number.</summary>
    private static Task<Guid> StartWorkerAsync(
        ApiClient api, string team, string role, string employmentType, Guid post, DateOnly start, bool qualified, decimal? agencyDayRate,
        CancellationToken cancellationToken) =>
        api.CreateAsync("/api/workforce/staff", new StartWorkerRequest(team, role, employmentType, 1, qualified,
#pragma warning disable CA5394 // a synthetic registration number, not a secret
            qualified ? $"SW{Random.Shared.Next(10_000, 100_000)}" : null,
#pragma warning restore CA5394
            post, start, agencyDayRate), cancellationToken);
}
