using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using OneStop.Workflows.Benchmarks.EndToEnd;

namespace OneStop.Workflows.Chaos;

/// <summary>
/// Scenario 2, database restart (issue 12): whole cases are played by virtual users while PostgreSQL is stopped with
/// <c>pg_ctl stop -m immediate</c>, kept down, then started again on the same data folder and port. The server is not
/// restarted: <c>/health</c> must answer 503 while the database is down and 200 again after, cases must complete again,
/// a card that comes due after the restart must be fired by the Hangfire sweep, no acknowledged change may be lost, and the
/// invariant check must pass.
/// </summary>
internal static class DatabaseRestartScenario
{
    public static async Task<int> RunAsync(string[] args, ChaosOptions options)
    {
        var users = options.Users ?? 8;
        var before = TimeSpan.FromSeconds(options.Short ? 10 : 60);
        var down = TimeSpan.FromSeconds(options.DownSeconds ?? (options.Short ? 10 : 30));
        var after = TimeSpan.FromSeconds(options.Short ? 15 : 60);
        var clock = Stopwatch.StartNew();
        await using var run = await ChaosRun.StartAsync(options.SkipBuild);
        await run.HeaderAsync("database restart", args);
        run.Line($"{users} virtual users play whole cases ({CasePlayer.ServiceItem}); after {before.TotalSeconds:F0} s PostgreSQL stops (immediate) for {down.TotalSeconds:F0} s, then starts on the same folder and port; the load goes on for {after.TotalSeconds:F0} s after /health is 200 again. The server keeps running.");
        run.Line();
        var serverPid = run.Server!.ProcessId;
        var postgres = new PostgresControl(run.Postgres);
        var player = new CasePlayer(run.Http.Client, run.Http.Tokens) { Answered = run.Http.Record };
        var phase = new Phase();
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, users).Select(u => PlayAsync(player, phase, $"db-{u}", stop.Token)));

        await Task.Delay(before);
        phase.Name = "down";
        await postgres.StopImmediateAsync();
        var outage = Stopwatch.StartNew();
        var whileDown = await PollHealthAsync(run, down);
        await postgres.StartAsync();
        phase.Name = "recovering";
        var recovery = Stopwatch.StartNew();
        var healthyAfter = await UntilHealthyAsync(run, TimeSpan.FromSeconds(90));
        var outageSeconds = outage.Elapsed.TotalSeconds;
        phase.Name = "after";
        await Task.Delay(after);
        stop.Cancel();
        await load;

        var sweep = await SweepResumesAsync(run);
        var samePid = run.Server!.ProcessId == serverPid && !Process.GetProcessById(serverPid).HasExited;
        run.Line("| phase | cases completed | failed calls |");
        run.Line("|---|---|---|");
        foreach (var name in new[] { "before", "down", "recovering", "after" })
        {
            run.Line($"| {name} | {phase.Completed.GetValueOrDefault(name)} | {phase.Failed.GetValueOrDefault(name)} |");
        }

        run.Line();
        var downOk = whileDown.Polls > 0 && whileDown.Unavailable == whileDown.Polls;
        run.Line(string.Create(CultureInfo.InvariantCulture,
            $"- /health while PostgreSQL was down: {whileDown.Unavailable} of {whileDown.Polls} polls answered 503{(whileDown.Other.Count == 0 ? "" : $" (others: {string.Join(", ", whileDown.Other.Distinct())})")} — {(downOk ? "pass" : "**FAIL**")}"));
        run.Line(string.Create(CultureInfo.InvariantCulture,
            $"- /health 200 again {(healthyAfter is { } h ? $"{h.TotalSeconds:F1} s after PostgreSQL started (outage {outageSeconds:F1} s)" : "never within 90 s")} — {(healthyAfter is null ? "**FAIL**" : "pass")}"));
        run.Line($"- the server process was not restarted (pid {serverPid}): {(samePid ? "pass" : "**FAIL**")}");
        var afterOk = phase.Completed.GetValueOrDefault("after") > 0;
        run.Line($"- cases complete after the restart: {phase.Completed.GetValueOrDefault("after")} — {(afterOk ? "pass" : "**FAIL**")}");
        run.Line($"- the Hangfire sweep resumed: {sweep.Text} — {(sweep.Passed ? "pass" : "**FAIL**")}");
        run.Line();
        var invariants = await run.CheckInvariantsAsync();
        run.Line($"Took {clock.Elapsed.TotalSeconds:F0} s; load average at the end {ChaosRun.LoadAverage()}.");
        return invariants && downOk && healthyAfter is not null && samePid && afterOk && sweep.Passed ? 0 : 1;
    }

    private sealed class Phase
    {
        public volatile string Name = "before";
        public ConcurrentDictionary<string, int> Completed { get; } = new();
        public ConcurrentDictionary<string, int> Failed { get; } = new();
    }

    private static async Task PlayAsync(CasePlayer player, Phase phase, string runKey, CancellationToken stop)
    {
        var recorder = new LoadRecorder();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var started = phase.Name;
            var errors = recorder.ErrorCount;
            if (await player.PlayAsync(recorder, $"{runKey}-{i}", CancellationToken.None) is not null)
            {
                phase.Completed.AddOrUpdate(started == phase.Name ? started : phase.Name, 1, (_, n) => n + 1);
            }
            else
            {
                phase.Failed.AddOrUpdate(phase.Name, recorder.ErrorCount - errors, (_, n) => n + recorder.ErrorCount - errors);
                await Task.Delay(200, CancellationToken.None); // a failed case: do not spin while the database is away
            }
        }
    }

    private sealed record HealthPolls(int Polls, int Unavailable, List<string> Other);

    private static async Task<HealthPolls> PollHealthAsync(ChaosRun run, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        int polls = 0, unavailable = 0;
        var other = new List<string>();
        while (watch.Elapsed < duration)
        {
            polls++;
            var status = await HealthAsync(run);
            if (status == 503)
            {
                unavailable++;
            }
            else
            {
                other.Add(status?.ToString(CultureInfo.InvariantCulture) ?? "no answer");
            }

            await Task.Delay(500);
        }

        return new HealthPolls(polls, unavailable, other);
    }

    private static async Task<TimeSpan?> UntilHealthyAsync(ChaosRun run, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (await HealthAsync(run) == 200)
            {
                return watch.Elapsed;
            }

            await Task.Delay(250);
        }

        return null;
    }

    private static async Task<int?> HealthAsync(ChaosRun run)
    {
        try
        {
            using var response = await run.Http.Client.GetAsync("/health");
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// After the restart a new case is submitted and accepted; its earliest pending card is moved to come due two seconds
    /// later, and the Hangfire sweep (every <see cref="ChaosRun.SweepSeconds"/> s) must fire it within three intervals.
    /// </summary>
    private static async Task<(bool Passed, string Text)> SweepResumesAsync(ChaosRun run)
    {
        var http = run.Http;
        var submitted = await http.SendAsync(HttpMethod.Post, "/api/cases", CasePlayer.Clerk, CasePlayer.Application);
        var caseId = submitted is { Status: 201 } s ? JsonNode.Parse(s.Body)?["id"]?.GetValue<string>() : null;
        var read = caseId is null ? null : await http.SendAsync(HttpMethod.Get, $"/api/cases/{caseId}", CasePlayer.Clerk, null);
        var acceptance = read is { Status: 200 } r
            ? (JsonNode.Parse(r.Body)?["tasks"]?.AsArray() ?? []).OfType<JsonObject>().FirstOrDefault(t => t["kind"]?.GetValue<string>() == "Acceptance")?["id"]?.GetValue<string>()
            : null;
        var accepted = acceptance is null ? null
            : await http.SendAsync(HttpMethod.Post, $"/api/tasks/{acceptance}/decision", CasePlayer.Clerk, ChaosHttp.Decision("Accepted", "材料齐全", $"db-sweep-{acceptance}"));
        if (accepted is not { Status: 200 })
        {
            return (false, $"could not make a case after the restart (submit {submitted?.Status}, accept {accepted?.Status})");
        }

        await using var db = new NpgsqlConnection(run.ConnectionString);
        await db.OpenAsync();
        await using var move = new NpgsqlCommand(
            """
            UPDATE onestop.supervision_signals SET due_at = now() + interval '2 seconds'
            WHERE id = (SELECT id FROM onestop.supervision_signals WHERE case_id = @case AND fired_at IS NULL AND level <> 'Action' ORDER BY due_at LIMIT 1)
            RETURNING id
            """, db);
        move.Parameters.AddWithValue("case", Guid.Parse(caseId!));
        if (await move.ExecuteScalarAsync() is not Guid signal)
        {
            return (false, "the new case has no pending card to bring forward");
        }

        var watch = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(2 + 3 * ChaosRun.SweepSeconds);
        while (watch.Elapsed < limit)
        {
            await using var fired = new NpgsqlCommand("SELECT fired_at IS NOT NULL FROM onestop.supervision_signals WHERE id = @id", db);
            fired.Parameters.AddWithValue("id", signal);
            if (await fired.ExecuteScalarAsync() is true)
            {
                return (true, string.Create(CultureInfo.InvariantCulture, $"a card brought forward to 2 s after the restart fired {watch.Elapsed.TotalSeconds:F1} s after"));
            }

            await Task.Delay(500);
        }

        return (false, $"a card due 2 s after the restart was still pending after {limit.TotalSeconds:F0} s");
    }
}
