using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Model;
using Platform.ServiceDefaults.Security;

namespace Platform.Tests;

/// <summary>The audit trail of who changed what, and personal data kept out of logs and traces.</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class SecurityAuditTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_change_is_audited_with_the_token_subject_and_only_a_platform_admin_can_read_the_trail()
    {
        var code = $"AUD-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        var subject = $"manager-{Guid.NewGuid().ToString("N")[..6]}";
        using var manager = platform.CreateClient(PlatformRoles.WorkforceManager, subject);
        using var created = await manager.PostAsJsonAsync("/api/workforce/teams", new { code, name = "Audited team", directorate = "Children's Social Care" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var trail = await platform.Gateway.GetAsync($"/api/workforce/audit?subject={subject}");
        var page = JsonDocument.Parse(await trail.Content.ReadAsStringAsync()).RootElement;
        Assert.True(trail.StatusCode == HttpStatusCode.OK, page.ToString());
        var entry = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(subject, entry.GetProperty("subject").GetString());
        Assert.Equal("Team", entry.GetProperty("entity").GetString());
        Assert.Equal("added", entry.GetProperty("action").GetString());
        Assert.Equal("POST /teams", entry.GetProperty("request").GetString());
        Assert.Contains(code, entry.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.True(DateTimeOffset.UtcNow - entry.GetProperty("occurredAt").GetDateTimeOffset() < TimeSpan.FromHours(1));

        // The writer itself, and a read-only operator, may not read the trail.
        using var managerRead = await manager.GetAsync("/api/workforce/audit");
        Assert.Equal(HttpStatusCode.Forbidden, managerRead.StatusCode);
        using var operatorClient = platform.CreateClient(PlatformRoles.ReadOnlyOperator);
        foreach (var service in PlatformModel.RoutedByRole.Select(a => a.Name))
        {
            using var refused = await operatorClient.GetAsync($"/api/{service}/audit");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            using var allowed = await platform.Gateway.GetAsync($"/api/{service}/audit?pageSize=1");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
    }

    [Fact]
    public async Task A_change_the_database_refuses_leaves_no_audit_entry_though_the_audit_was_written_into_its_save()
    {
        // Through the service's own DbContext, with the interceptors every save goes through: the audit entry is added
        // to the save, and the database then refuses the save (a duplicate team code, as two racing requests would make).
        var code = $"AUDR-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        var accepted = $"accepted-{Guid.NewGuid().ToString("N")[..6]}";
        var refused = $"refused-{Guid.NewGuid().ToString("N")[..6]}";
        using (Platform.ServiceDefaults.Data.AuditActor.Use(new(accepted, "TEST first save")))
        {
            await using var scope = platform.WorkforceServices.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Platform.Workforce.Infrastructure.WorkforceDbContext>();
            db.Teams.Add(new Platform.Workforce.Domain.Team(code, "First", "Children's Social Care"));
            await db.SaveChangesAsync();
        }
        using (Platform.ServiceDefaults.Data.AuditActor.Use(new(refused, "TEST refused save")))
        {
            await using var scope = platform.WorkforceServices.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Platform.Workforce.Infrastructure.WorkforceDbContext>();
            db.Teams.Add(new Platform.Workforce.Domain.Team(code, "Duplicate", "Children's Social Care"));
            await Assert.ThrowsAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Contains(db.ChangeTracker.Entries<Platform.ServiceDefaults.Data.AuditEntry>(), e => e.Entity.Subject == refused);
        }

        Assert.Equal(1, await TrailCountAsync(accepted));
        Assert.Equal(0, await TrailCountAsync(refused));
    }

    [Fact]
    public async Task A_change_refused_before_it_is_saved_leaves_no_audit_entry()
    {
        var subject = $"refused-{Guid.NewGuid().ToString("N")[..6]}";
        using var manager = platform.CreateClient(PlatformRoles.WorkforceManager, subject);
        using var refused = await manager.PostAsJsonAsync("/api/workforce/teams", new { code = "", name = "x", directorate = "y" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, await TrailCountAsync(subject));
    }

    private async Task<int> TrailCountAsync(string subject)
    {
        using var trail = await platform.Gateway.GetAsync($"/api/workforce/audit?subject={subject}");
        return JsonDocument.Parse(await trail.Content.ReadAsStringAsync()).RootElement.GetProperty("totalCount").GetInt32();
    }

    [Fact]
    public async Task A_placement_request_leaves_no_child_identifier_in_logs_or_traces()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var logsBefore = platform.CapturedLogs.Records.Count;

        using var officer = platform.CreateClient(PlatformRoles.PlacementsOfficer, "placements-officer-logs");
        var child = $"C{Random.Shared.Next(100_000_000, 999_999_999)}";
        using (var registered = await officer.PostAsJsonAsync("/api/placements/children", new { childId = child, sex = "M", dateOfBirth = "2011-04-02", ethnicity = "WBRI", isUasc = false }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }
        using (var started = await officer.PostAsJsonAsync($"/api/placements/children/{child}/episodes", new
        {
            startDate = "2018-05-14", reasonForNewEpisode = "S", legalStatus = "C2", categoryOfNeed = "N1", placementType = "U6",
            placementProvider = "PR1", weeklyCost = 500m,
        }))
        {
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        }
        using (var read = await officer.GetAsync($"/api/placements/children/{child}/episodes"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        using (var refused = await officer.PostAsJsonAsync($"/api/placements/children/{child}/episodes", new { startDate = "not a date" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        // A refused read of the child's record: logged at Warning with its route, so the capture below has a record
        // about this child's path to look into (the requests above log nothing at Information).
        using (var finance = platform.CreateClient(PlatformRoles.FinanceOfficer, "finance-officer-logs"))
        using (var forbidden = await finance.GetAsync($"/api/placements/children/{child}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }
        await platform.WaitForPlacementsEventAsync("PlacementStarted", $"payload->>'childId' = '{child}'");

        // The capture saw this test's own requests (not only what was logged since start-up), or "nothing leaked" proves nothing.
        var ownLogs = platform.CapturedLogs.Records.Skip(logsBefore).ToList();
        Assert.True(ownLogs.Any(r => r.Contains("finance-officer-logs", StringComparison.Ordinal) && r.Contains("children", StringComparison.Ordinal)),
            "the log capture saw nothing of this test's requests:\n" + string.Join('\n', ownLogs.Take(5)));
        var leakedLogs = ownLogs.Where(r => r.Contains(child, StringComparison.Ordinal)).ToList();
        Assert.True(leakedLogs.Count == 0, "child id in logs:\n" + string.Join('\n', leakedLogs.Take(5)));

        // The platform's spans (the gateway's and the service's; not this test's own client call) name routes, not children.
        var platformSpans = spans.Where(s => s.Parent is not null || s.Kind == ActivityKind.Server || s.ParentId is not null).ToList();
        Assert.Contains(platformSpans, s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") is string route && route.Contains("{childId}", StringComparison.Ordinal));
        var leakedSpans = platformSpans
            .SelectMany(s => s.TagObjects.Select(t => $"{s.Source.Name} {s.DisplayName} {t.Key}={t.Value}").Append($"{s.Source.Name} {s.DisplayName}"))
            .Where(t => t.Contains(child, StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(leakedSpans.Count == 0, "child id in traces:\n" + string.Join('\n', leakedSpans.Take(10)));
    }
}
