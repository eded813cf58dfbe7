using Platform.ServiceDefaults.Domain;
using Platform.Workforce.Domain;
using Platform.Workforce.IntegrationEvents;
using V1 = Platform.Contracts.Workforce.V1;

namespace Platform.UnitTests;

/// <summary>
/// What Workforce's entities tell the other services: each change raises its domain event, and the service's one
/// mapping turns it into the message Finance and Inspections consume.
/// </summary>
public sealed class WorkforceDomainEventsTests
{
    private static readonly DateOnly Start = new(2019, 4, 1);
    private static readonly CaseloadThreshold Limits = new(JobRoles.SocialWorker, 2, 3);
    private readonly WorkforceIntegrationEvents _mapping = new();

    private List<object> Published(params Entity[] entities) =>
        [.. entities.SelectMany(e => e.PendingDomainEvents).SelectMany(_mapping.Map)];

    private static Post SocialWorkerPost() => new(Guid.NewGuid(), "CIN-1", JobRoles.SocialWorker, "SW3", 1m, 42_000m, "social-work", Start);

    [Fact]
    public void A_new_post_and_each_change_of_its_terms_are_published_with_the_post_as_the_change_left_it()
    {
        var post = SocialWorkerPost();
        post.Change(new DateOnly(2019, 6, 1), null, null, 0.5m, 21_000m, null);
        post.Freeze(new DateOnly(2019, 7, 1));

        var published = Published(post);
        Assert.Equal(3, published.Count);
        Assert.Equal(new DateOnly(2019, 4, 1), Assert.IsType<V1.PostCreated>(published[0]).EffectiveFrom);
        var halved = Assert.IsType<V1.PostChanged>(published[1]);
        Assert.Equal((0.5m, 21_000m, "funded", new DateOnly(2019, 6, 1)), (halved.Fte, halved.AnnualCost, halved.Status, halved.EffectiveFrom));
        Assert.Equal(("frozen", new DateOnly(2019, 7, 1)), (Assert.IsType<V1.PostChanged>(published[2]).Status, ((V1.PostChanged)published[2]).EffectiveFrom));
    }

    [Fact]
    public void Opening_a_vacancy_is_news_of_the_vacancy_and_filling_it_also_changes_the_post()
    {
        var post = SocialWorkerPost();
        var vacancy = post.OpenVacancy(Guid.NewGuid(), new DateOnly(2019, 5, 1));
        var workerId = Guid.NewGuid();
        vacancy.Fill(post, new DateOnly(2019, 6, 10), workerId);

        var fromPost = Published(post);
        Assert.Equal([typeof(V1.PostCreated), typeof(V1.VacancyOpened), typeof(V1.PostChanged)], fromPost.Select(e => e.GetType()));
        Assert.Equal("filled", ((V1.PostChanged)fromPost[2]).Status);
        Assert.Equal(40, Assert.IsType<V1.VacancyFilled>(Assert.Single(Published(vacancy))).DaysToFill);
    }

    [Fact]
    public void A_caseload_breach_is_published_once_when_a_limit_is_crossed_not_again_while_over_it()
    {
        var worker = new StaffMember(Guid.NewGuid(), "CIN-1", JobRoles.SocialWorker, EmploymentType.Employed, 1m, true, "SW1", null, Start, null, null);
        var on = new DateOnly(2019, 5, 1);
        for (var i = 1; i <= 4; i++) worker.AllocateCase($"CASE-{i}", on, Limits);

        var published = Published(worker);
        Assert.IsType<V1.StaffMemberStarted>(published[0]);
        Assert.Equal([1, 2, 3, 4], published.OfType<V1.CaseloadChanged>().Select(e => e.Caseload));
        // Over 2 at the third case, over 3 at the fourth; each once.
        Assert.Equal([("warning", 3), ("critical", 4)], published.OfType<V1.CaseloadThresholdBreached>().Select(e => (e.Level, e.Caseload)));
    }

    [Fact]
    public void An_agency_engagement_is_charged_to_its_budget_line_and_its_end_is_not_a_leaver()
    {
        var worker = new StaffMember(Guid.NewGuid(), "CIN-1", JobRoles.SocialWorker, EmploymentType.Agency, 1m, true, "SW1", null, Start, 350m,
            new DateOnly(2019, 9, 30), "social-work");
        worker.Leave(new DateOnly(2019, 8, 31), LeavingReasons.All[0]);

        var published = Published(worker);
        Assert.Equal((350m, "social-work"), (Assert.IsType<V1.AgencyWorkerEngaged>(published[0]).DayRate, ((V1.AgencyWorkerEngaged)published[0]).BudgetLineCode));
        Assert.Equal(new DateOnly(2019, 8, 31), Assert.IsType<V1.AgencyWorkerEnded>(Assert.Single(published.Skip(1))).EndDate);
    }
}
