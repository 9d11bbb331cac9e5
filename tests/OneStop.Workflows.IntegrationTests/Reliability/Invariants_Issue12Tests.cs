using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using OneStop.Workflows.Chaos.Invariants;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.IntegrationTests.Reliability;

/// <summary>
/// Issue 12: the chaos suite's invariant check (tests/OneStop.Workflows.Chaos/Invariants, linked here) passes on a healthy
/// database, and reports each invariant's break when one row is broken for it — the check can fail.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class Invariants_Issue12Tests(PostgresServerFixture postgres) : IAsyncLifetime
{
    private const string Item = "construction-permit";
    private const string Clerk = "clerk.housing";

    private readonly List<Acknowledged> _acknowledged = [];
    private OneStopApiFactory _factory = null!;
    private CaseDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _factory = new OneStopApiFactory("PostgreSql", await postgres.Server.CreateDatabaseAsync());
        _driver = new CaseDriver(_factory);
    }

    public async Task DisposeAsync()
    {
        await _driver.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task TheCheck_PassesOnAHealthyDatabase_AndReportsEachBrokenRow()
    {
        var completed = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            completed.Add(await PlayAsync(decideReviews: true));
        }

        var open = await PlayAsync(decideReviews: false);
        _factory.Clock.Advance(Duration.FromDays(40)); // the open case's cards all come due
        (await _factory.Services.GetRequiredService<DeadlineSweeper>().SweepAsync()).Should().BeGreaterThan(0);

        var healthy = await CheckAsync();
        healthy.Should().OnlyContain(r => r.Passed, Describe(healthy));
        healthy.Should().OnlyContain(r => r.Checked > 0, "every invariant looked at something: " + Describe(healthy));
        healthy.Select(r => r.Name).Should().BeEquivalentTo(
        [
            DatabaseInvariants.OpenTasksMatchBookmarks, DatabaseInvariants.CompletedOnce, DatabaseInvariants.AcknowledgedStored,
            DatabaseInvariants.SignalsFiredOnce, DatabaseInvariants.AuditTrailComplete, DatabaseInvariants.JournalWithoutGaps, InvariantCheck.KeysReplay,
        ]);

        var (a, b, c, d) = (completed[0], completed[1], completed[2], completed[3]);
        var lostDecision = Decision(b);
        var changedAnswer = Decision(c);
        var instance = (await ScalarAsync($"SELECT instance_id FROM onestop.cases WHERE id = '{d}'"))!.ToString()!;
        var unfired = (await ScalarAsync($"SELECT id FROM onestop.supervision_signals WHERE case_id = '{open}' AND fired_at IS NOT NULL AND level <> 'Action' LIMIT 1"))!.ToString()!;
        await ExecuteAsync(
            // an open task's bookmark gone
            $"DELETE FROM onestop.workflow_bookmarks WHERE instance_id = (SELECT instance_id FROM onestop.cases WHERE id = '{open}') AND id = (SELECT bookmark_id FROM onestop.tasks WHERE case_id = '{open}' AND status = 'Open' LIMIT 1)",
            // a second decision notification
            $"INSERT INTO onestop.notifications (id, case_id, channel, created_at, kind, message, recipient) SELECT gen_random_uuid(), case_id, channel, created_at, kind, message, recipient FROM onestop.notifications WHERE case_id = '{a}' AND kind = 'Decision'",
            // an acknowledged decision not stored as answered
            $"UPDATE onestop.tasks SET decision_key = 'another' WHERE id = '{lostDecision.TaskId}'",
            // a fired card back to pending: missing, and raised without being fired
            $"UPDATE onestop.supervision_signals SET fired_at = NULL WHERE id = '{unfired}'",
            // the acceptance's audit event gone
            $"DELETE FROM onestop.audit_events WHERE case_id = '{c}' AND action = 'CaseAccepted'",
            // a journal entry gone from the middle
            $"DELETE FROM onestop.workflow_journal WHERE instance_id = '{instance}' AND sequence = 2",
            // the stored decision no longer what was answered first
            $"UPDATE onestop.tasks SET opinion = 'changed afterwards' WHERE id = '{changedAnswer.TaskId}'");

        var broken = (await CheckAsync()).ToDictionary(r => r.Name);
        Offenders(broken, DatabaseInvariants.OpenTasksMatchBookmarks).Should().Equal(open);
        Offenders(broken, DatabaseInvariants.CompletedOnce).Should().Equal(a);
        Offenders(broken, DatabaseInvariants.AcknowledgedStored).Should().Equal(lostDecision.Key);
        Offenders(broken, DatabaseInvariants.SignalsFiredOnce).Should().Equal(unfired);
        Offenders(broken, DatabaseInvariants.AuditTrailComplete).Should().Equal(c);
        Offenders(broken, DatabaseInvariants.JournalWithoutGaps).Should().Equal(instance);
        Offenders(broken, InvariantCheck.KeysReplay).Should().BeEquivalentTo([lostDecision.Key, changedAnswer.Key]);
    }

    /// <summary>Submits and accepts a construction-permit case, then (optionally) approves its three reviews; records the 2xx answers.</summary>
    private async Task<string> PlayAsync(bool decideReviews)
    {
        var submitted = await SendAsync(Clerk, "/api/cases", CaseDriver.Application(Item).ToJsonString(), Acknowledged.Submission, null, string.Empty);
        var caseId = JsonNode.Parse(submitted)!["id"]!.GetValue<string>();
        var acceptance = (await _driver.TasksAsync(caseId, "Acceptance")).Single()["id"]!.GetValue<string>();
        await DecideAsync(Clerk, caseId, acceptance, "Accepted");
        if (decideReviews)
        {
            foreach (var review in await _driver.TasksAsync(caseId, "Review"))
            {
                await DecideAsync($"reviewer.{review["department"]!.GetValue<string>()}", caseId, review["id"]!.GetValue<string>(), "Approved");
            }
        }

        return caseId;
    }

    private Task<string> DecideAsync(string user, string caseId, string taskId, string outcome)
    {
        var key = _driver.NewKey();
        var body = new JsonObject { ["outcome"] = outcome, ["opinion"] = "同意 OK", ["idempotencyKey"] = key }.ToJsonString();
        return SendAsync(user, $"/api/tasks/{taskId}/decision", body, Acknowledged.Decision, (caseId, taskId), key);
    }

    private async Task<string> SendAsync(string user, string path, string body, string kind, (string CaseId, string TaskId)? task, string key)
    {
        using var response = await (await _driver.As(user)).PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        var caseId = task?.CaseId ?? JsonNode.Parse(text)!["id"]!.GetValue<string>();
        _acknowledged.Add(new Acknowledged(kind, caseId, task?.TaskId, key, path, user, body, (int)response.StatusCode, text));
        return text;
    }

    /// <summary>The last acknowledged decision of a case (a review's approval).</summary>
    private Acknowledged Decision(string caseId) => _acknowledged.Last(a => a.Kind == Acknowledged.Decision && a.CaseId == caseId);

    private Task<IReadOnlyList<InvariantResult>> CheckAsync() =>
        InvariantCheck.RunAsync(new InvariantInput(_factory.ConnectionString, _factory.Clock.GetCurrentInstant().ToDateTimeOffset(), TimeSpan.FromSeconds(30),
            _acknowledged, ResendAsync));

    private async Task<(int Status, string Body)?> ResendAsync(Acknowledged first, CancellationToken ct)
    {
        using var response = await (await _driver.As(first.User)).PostAsync(first.Path, new StringContent(first.Body, Encoding.UTF8, "application/json"), ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    private static IEnumerable<string> Offenders(Dictionary<string, InvariantResult> results, string name)
    {
        results[name].Passed.Should().BeFalse($"{name} must report its broken row");
        return results[name].FirstOffenders;
    }

    private static string Describe(IEnumerable<InvariantResult> results) => string.Join("; ", results.Select(r => $"{r.Name}: {r.Checked} checked, {r.Offending} offending {string.Join(",", r.FirstOffenders)}"));

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var db = new NpgsqlConnection(_factory.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(params string[] statements)
    {
        await using var db = new NpgsqlConnection(_factory.ConnectionString);
        await db.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, db);
            (await command.ExecuteNonQueryAsync()).Should().BeGreaterThan(0, sql);
        }
    }
}
