using Microsoft.Extensions.DependencyInjection;
using NodaTime.Text;
using Npgsql;
using OneStop.Workflows.Chaos.Invariants;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.IntegrationTests.Reliability;

/// <summary>
/// Issue 12: the chaos scenarios' own checks (tests/OneStop.Workflows.Chaos/Invariants, linked here) — scenario 3's
/// deadline checks over its plan table and scenario 6's version checks — pass on a healthy database and report exactly
/// the row broken for each: they can fail.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ScenarioChecks_Issue12Tests(PostgresServerFixture postgres) : IAsyncLifetime
{
    private const string Item = "construction-permit";
    private const string Clerk = "clerk.housing";

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
    public async Task DeadlineChecks_PassAfterASweep_AndReportEachBrokenRow()
    {
        for (var i = 0; i < 3; i++)
        {
            await _driver.SubmitAndAcceptAsync(Clerk, Item);
        }

        // The plan as scenario 3 makes it: the cards due by the median card's due instant are the window's, every other
        // pending signal is "later"; the clock then moves to that instant and the sweep runs.
        var median = (await IdsAsync("SELECT to_char(percentile_disc(0.5) WITHIN GROUP (ORDER BY due_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM onestop.supervision_signals WHERE fired_at IS NULL AND level <> 'Action'")).Single();
        var cut = InstantPattern.General.Parse(median).Value;
        await ExecuteAsync($"""
            CREATE SCHEMA IF NOT EXISTS chaos;
            DROP TABLE IF EXISTS chaos.deadline_plan;
            CREATE TABLE chaos.deadline_plan AS
                SELECT id, level <> 'Action' AS card, due_at AS seeded_due, 0.0 AS pick, 0.0 AS position,
                       (level <> 'Action' AND due_at <= '{cut}'::timestamptz) AS in_window, due_at
                FROM onestop.supervision_signals WHERE fired_at IS NULL
            """);
        _factory.Clock.Advance(cut - _factory.Clock.GetCurrentInstant());
        (await _factory.Services.GetRequiredService<DeadlineSweeper>().SweepAsync()).Should().BeGreaterThan(0);

        var dueBy = cut.ToDateTimeUtc();
        var healthy = await CheckDeadlinesAsync(dueBy);
        healthy.Should().OnlyContain(r => r.Passed && r.Checked > 0, Describe(healthy));

        var window = await IdsAsync("SELECT id FROM chaos.deadline_plan WHERE in_window ORDER BY id LIMIT 3");
        var later = (await IdsAsync("SELECT id FROM chaos.deadline_plan WHERE NOT in_window ORDER BY id LIMIT 1")).Single();
        var (unfired, moved, unalerted) = (window[0], window[1], window[2]);
        await ExecuteAsync(
            // a signal of the window back to pending
            $"UPDATE onestop.supervision_signals SET fired_at = NULL WHERE id = '{unfired}'",
            // one whose due instant now lies after its firing (early, and not as planned)
            $"UPDATE onestop.supervision_signals SET due_at = fired_at + interval '1 minute' WHERE id = '{moved}'",
            // one alert of a fired signal gone
            $"DELETE FROM onestop.supervision_alerts WHERE id = (SELECT id FROM onestop.supervision_alerts WHERE signal_id = '{unalerted}' LIMIT 1)",
            // a signal of the later half fired
            $"UPDATE onestop.supervision_signals SET fired_at = due_at WHERE id = '{later}'");

        var broken = (await CheckDeadlinesAsync(dueBy)).ToDictionary(r => r.Name);
        Offenders(broken, DeadlineInvariants.WindowFiredOnce).Should().Equal(unfired);
        Offenders(broken, DeadlineInvariants.NoneEarly).Should().Equal(moved);
        Offenders(broken, DeadlineInvariants.AlertsOncePerRecipient).Should().Equal(unalerted);
        Offenders(broken, DeadlineInvariants.LaterUntouched).Should().Equal(later);
    }

    [Fact]
    public async Task VersionChecks_PassForACaseOnItsVersion_AndReportAnotherVersionOrAFaultedInstance()
    {
        var caseId = await _driver.SubmitAndAcceptAsync(Clerk, Item);
        foreach (var review in await _driver.TasksAsync(caseId, "Review"))
        {
            await _driver.DecideOkAsync($"reviewer.{review["department"]!.GetValue<string>()}", review["id"]!.GetValue<string>(), "Approved");
        }

        await using var db = new NpgsqlConnection(_factory.ConnectionString);
        await db.OpenAsync();
        var onV1 = await VersionInvariants.PinnedAsync(db, "v1", [caseId], Item, 1, "review-fire", 3);
        onV1.Passed.Should().BeTrue(Describe([onV1]));
        onV1.Checked.Should().Be(1);
        (await VersionInvariants.PinnedAsync(db, "v2", [caseId], Item, 2, "review-fire", 3)).FirstOffenders.Should().Equal(caseId);
        (await VersionInvariants.PinnedAsync(db, "limit", [caseId], Item, 1, "review-fire", 2)).FirstOffenders.Should().Equal(caseId);
        (await VersionInvariants.NoneUnresumableAsync(db)).Passed.Should().BeTrue();

        var instance = (await IdsAsync($"SELECT instance_id FROM onestop.cases WHERE id = '{caseId}'")).Single();
        await ExecuteAsync($"UPDATE onestop.workflow_instances SET status = 'Faulted' WHERE id = '{instance}'");
        (await VersionInvariants.NoneUnresumableAsync(db)).FirstOffenders.Should().Equal(instance);
    }

    private async Task<List<InvariantResult>> CheckDeadlinesAsync(DateTime dueBy)
    {
        await using var db = new NpgsqlConnection(_factory.ConnectionString);
        await db.OpenAsync();
        return
        [
            await DeadlineInvariants.WindowFiredOnceAsync(db, dueBy),
            await DeadlineInvariants.NoneEarlyAsync(db),
            await DeadlineInvariants.AlertsOnceAsync(db),
            await DeadlineInvariants.LaterUntouchedAsync(db),
        ];
    }

    private static IEnumerable<string> Offenders(Dictionary<string, InvariantResult> results, string name)
    {
        results[name].Passed.Should().BeFalse($"{name} must report its broken row");
        return results[name].FirstOffenders;
    }

    private static string Describe(IEnumerable<InvariantResult> results) =>
        string.Join("; ", results.Select(r => $"{r.Name}: {r.Checked} checked, {r.Offending} offending {string.Join(",", r.FirstOffenders)}"));

    private async Task<List<string>> IdsAsync(string sql)
    {
        await using var db = new NpgsqlConnection(_factory.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetValue(0).ToString()!);
        }

        return ids;
    }

    private async Task ExecuteAsync(params string[] statements)
    {
        await using var db = new NpgsqlConnection(_factory.ConnectionString);
        await db.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, db);
            (await command.ExecuteNonQueryAsync()).Should().NotBe(0, sql);
        }
    }
}
