using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>100 cases whose departments all decide at the same instant: each completes exactly once.</summary>
public sealed class ConcurrentDecisionTests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    private const int CaseCount = 100;

    [Fact]
    public async Task Cases_CompleteExactlyOnce_WhenAllDepartmentsDecideAtOnce()
    {
        var cases = new List<string>();
        for (var i = 0; i < CaseCount; i++)
        {
            cases.Add(await Driver.SubmitAndAcceptAsync("clerk.housing", "construction-permit"));
        }

        var decisions = new List<(string Reviewer, string TaskId)>();
        foreach (var id in cases)
        {
            decisions.AddRange((await Driver.TasksAsync(id, "Review")).Select(t => ($"reviewer.{t["department"]}", t["id"]!.GetValue<string>())));
        }

        decisions.Count.Should().BeGreaterThanOrEqualTo(CaseCount * 3, "each case has three reviewing departments");
        foreach (var reviewer in decisions.Select(d => d.Reviewer).Distinct())
        {
            await Driver.As(reviewer);
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = decisions.Select(d => Task.Run(async () =>
        {
            await gate.Task;
            return await Driver.DecideAsync(d.Reviewer, d.TaskId, "Approved", "Approved 同意");
        })).ToList();
        gate.SetResult();
        var responses = await Task.WhenAll(requests);

        responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK, "no request fails");
        var contexts = Factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var ids = cases.Select(c => new Domain.Cases.CaseId(Guid.Parse(c))).ToList();
        var completed = await db.Cases.Where(c => ids.Contains(c.Id)).Select(c => new { c.Status, c.Decision }).ToListAsync();
        completed.Should().HaveCount(CaseCount).And.OnlyContain(c => c.Status == Domain.Cases.CaseStatus.Completed && c.Decision == Domain.Cases.CaseDecision.Approved);
        var guids = ids.Select(i => (Guid?)i.Value).ToList();
        var completions = await db.AuditEvents.Where(e => guids.Contains(e.CaseId) && e.Action == "CaseCompleted").GroupBy(e => e.CaseId).Select(g => g.Count()).ToListAsync();
        completions.Should().HaveCount(CaseCount).And.OnlyContain(n => n == 1);
        var decisionNotices = await db.Notifications.Where(n => n.Kind == "Decision").ToListAsync();
        var notifications = decisionNotices.Where(n => n.CaseId is { } c && ids.Contains(c)).GroupBy(n => n.CaseId).Select(g => g.Count()).ToList();
        notifications.Should().HaveCount(CaseCount).And.OnlyContain(n => n == 1);
    }
}
