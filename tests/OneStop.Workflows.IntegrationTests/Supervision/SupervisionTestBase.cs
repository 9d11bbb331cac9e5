using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Testing;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// PostgreSQL, the demo centre and the shared fake clock (set in the centre's zone, Asia/Shanghai); sweeps are run by
/// calling the sweeper directly (the test server runs with <c>Supervision:Enabled=false</c>: no Hangfire).
/// </summary>
public abstract class SupervisionTestBase(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    /// <summary>A local date-time in the centre's zone, <c>yyyy-MM-ddTHH:mm:ss</c> (<see cref="CentreTime.At(string)"/>).</summary>
    protected static Instant At(string local) => CentreTime.At(local);

    protected void SetClock(string local) => Factory.Clock.Reset(At(local));

    protected void SetClock(Instant instant) => Factory.Clock.Reset(instant);

    protected Task<int> SweepAsync() => Factory.Services.GetRequiredService<DeadlineSweeper>().SweepAsync();

    protected async Task<T> InDbAsync<T>(Func<OneStopDbContext, Task<T>> query)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>The case's signal rows (fired and pending).</summary>
    protected Task<List<SignalRow>> SignalsAsync(string caseId)
    {
        var id = Guid.Parse(caseId);
        return InDbAsync(db => db.Signals.AsNoTracking().Where(s => s.CaseId == id).OrderBy(s => s.DueAt).ThenBy(s => s.Rule).ToListAsync());
    }

    /// <summary>Recipients of each fired signal of the case, by <c>rule</c>, sorted.</summary>
    protected async Task<Dictionary<string, string[]>> RecipientsAsync(string caseId)
    {
        var id = Guid.Parse(caseId);
        var alerts = await InDbAsync(db => db.Set<AlertRow>().AsNoTracking().Where(a => a.CaseId == id).ToListAsync());
        return alerts.GroupBy(a => a.Rule).ToDictionary(g => g.Key, g => g.Select(a => a.Recipient).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>Each open review of the case claimed and approved by its department's reviewer.</summary>
    protected async Task ApproveReviewsAsync(string caseId)
    {
        foreach (var review in await Driver.TasksAsync(caseId, "Review"))
        {
            var reviewer = $"reviewer.{review["department"]!.GetValue<string>()}";
            var id = review["id"]!.GetValue<string>();
            await HttpJson.ReadAsync(await (await Driver.As(reviewer)).PostAsync($"/api/tasks/{id}/claim", null), HttpStatusCode.OK);
            await Driver.DecideOkAsync(reviewer, id, "Approved", "No objection 无异议");
        }
    }

    protected async Task<JsonObject> GetAsync(string user, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await HttpJson.ReadAsync(await (await Driver.As(user)).GetAsync(url), expected);
}
