using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using OneStop.Workflows.Benchmarks.EndToEnd;

namespace OneStop.Workflows.Chaos;

/// <summary>
/// Scenario 1, process crash (issue 12): per round, cases are submitted and accepted until N review decisions are open;
/// all N are sent at once, each with its idempotency key, and the server is killed (SIGKILL) once a random share of them
/// (10–60 %) has been answered. The server restarts on the same database, every unanswered decision is re-sent with its key
/// until answered, and at the end every case must be completed with exactly the decisions the driver meant, and the
/// invariant check must pass.
/// </summary>
internal static class CrashScenario
{
    private sealed record Meant(string CaseId, string TaskId, string User, string Outcome, string Opinion, string Key)
    {
        public string Path => $"/api/tasks/{TaskId}/decision";

        public string Body => ChaosHttp.Decision(Outcome, Opinion, Key);
    }

    public static async Task<int> RunAsync(string[] args, ChaosOptions options)
    {
        var decisions = options.Decisions ?? (options.Short ? 100 : 500);
        var rounds = options.Rounds ?? (options.Short ? 3 : 20);
        var random = options.Seed is { } seed ? new Random(seed) : new Random();
        var clock = Stopwatch.StartNew();
        await using var run = await ChaosRun.StartAsync(options.SkipBuild);
        await run.HeaderAsync("process crash", args);
        run.Line($"{rounds} rounds × {decisions} review decisions in flight; kill -9 after 10–60 % of them are answered; restart on the same database; unanswered decisions re-sent with their keys.");
        run.Line();
        run.Line("| round | decisions sent | answered before the kill | unanswered (re-sent) | of them stored before the kill (answer lost) | re-sends until answered | restart to healthy (s) |");
        run.Line("|---|---|---|---|---|---|---|");
        var meant = new List<Meant>();
        var failures = new List<string>();
        for (var round = 1; round <= rounds; round++)
        {
            var open = await PrepareAsync(run, (decisions + 2) / CasePlayer.Reviewers.Length, round, failures);
            meant.AddRange(open);
            var answered = 0;
            var killAt = (int)(open.Count * (0.1 + random.NextDouble() * 0.5));
            var killed = new TaskCompletionSource();
            var sends = open.Select(async m =>
            {
                var answer = await run.Http.SendAsync(HttpMethod.Post, m.Path, m.User, m.Body);
                if (answer is { Status: 200 } && Interlocked.Increment(ref answered) >= killAt)
                {
                    killed.TrySetResult();
                }

                return (m, answer);
            }).ToList();
            await Task.WhenAny(killed.Task, Task.WhenAll(sends));
            await run.KillServerAsync();
            var results = await Task.WhenAll(sends);
            var unanswered = results.Where(r => r.answer is null).Select(r => r.m).ToList();
            var wrong = results.Where(r => r.answer is { Status: not 200 }).ToList();
            failures.AddRange(wrong.Select(w => $"round {round}: {w.m.Key} answered {w.answer!.Value.Status} {Shorten(w.answer.Value.Body)}"));
            var restart = Stopwatch.StartNew();
            await run.StartServerAsync();
            var healthy = restart.Elapsed;
            var storedUnanswered = await StoredAsync(run.ConnectionString, unanswered);
            var resends = 0;
            foreach (var m in unanswered)
            {
                resends += await ResendUntilAnsweredAsync(run, m, failures);
            }

            run.Line(string.Create(CultureInfo.InvariantCulture,
                $"| {round} | {open.Count} | {results.Length - unanswered.Count} | {unanswered.Count} | {storedUnanswered} | {resends} | {healthy.TotalSeconds:F1} |"));
        }

        run.Line();
        var expected = await ExpectedStateAsync(run.ConnectionString, meant);
        run.Line($"Expected final state: {meant.Select(m => m.CaseId).Distinct().Count():N0} cases, {meant.Count:N0} review decisions; {expected.Count:N0} not as meant{(expected.Count == 0 ? "" : ": " + string.Join(", ", expected.Take(5)))}.");
        run.Line($"Unexpected answers: {failures.Count}{(failures.Count == 0 ? "" : " — " + string.Join("; ", failures.Take(5)))}.");
        run.Line();
        var invariants = await run.CheckInvariantsAsync();
        run.Line($"Took {clock.Elapsed.TotalSeconds:F0} s; load average at the end {ChaosRun.LoadAverage()}.");
        return invariants && expected.Count == 0 && failures.Count == 0 ? 0 : 1;
    }

    /// <summary>Submits and accepts <paramref name="cases"/> cases (8 at a time); answers their open review decisions as meant.</summary>
    private static async Task<List<Meant>> PrepareAsync(ChaosRun run, int cases, int round, List<string> failures)
    {
        var open = new List<Meant>();
        using var gate = new SemaphoreSlim(8);
        var prepared = await Task.WhenAll(Enumerable.Range(0, cases).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return await PrepareCaseAsync(run, round, i);
            }
            finally
            {
                gate.Release();
            }
        }));
        foreach (var (reviews, error) in prepared)
        {
            if (error is not null)
            {
                failures.Add($"round {round}: preparing a case: {error}");
            }

            open.AddRange(reviews);
        }

        return open;
    }

    private static async Task<(List<Meant> Reviews, string? Error)> PrepareCaseAsync(ChaosRun run, int round, int number)
    {
        var http = run.Http;
        var submitted = await http.SendAsync(HttpMethod.Post, "/api/cases", CasePlayer.Clerk, CasePlayer.Application);
        if (submitted is not { Status: 201 } s || JsonNode.Parse(s.Body)?["id"]?.GetValue<string>() is not { } caseId)
        {
            return ([], $"submit answered {submitted?.Status}");
        }

        var acceptance = (await TasksAsync(http, caseId, "Acceptance")).SingleOrDefault();
        if (acceptance.Id is null)
        {
            return ([], "no acceptance task");
        }

        var accepted = await http.SendAsync(HttpMethod.Post, $"/api/tasks/{acceptance.Id}/decision", CasePlayer.Clerk,
            ChaosHttp.Decision("Accepted", "材料齐全 Materials complete", $"chaos-r{round}-{number}-accept-{acceptance.Id}"));
        if (accepted is not { Status: 200 })
        {
            return ([], $"accept answered {accepted?.Status}");
        }

        var reviews = await TasksAsync(http, caseId, "Review");
        return (reviews.Select(r => new Meant(caseId, r.Id!, $"reviewer.{r.Department}", "Approved",
            $"第{round}轮 round {round}: {r.Department} 同意 approved ({r.Id![..8]})", $"chaos-r{round}-{r.Id}")).ToList(), null);
    }

    private static async Task<List<(string? Id, string Department)>> TasksAsync(ChaosHttp http, string caseId, string kind)
    {
        var read = await http.SendAsync(HttpMethod.Get, $"/api/cases/{caseId}", CasePlayer.Clerk, null);
        return read is not { Status: 200 } r
            ? []
            : (JsonNode.Parse(r.Body)?["tasks"]?.AsArray() ?? []).OfType<JsonObject>()
                .Where(t => t["kind"]?.GetValue<string>() == kind && t["status"]?.GetValue<string>() == "Open")
                .Select(t => ((string?)t["id"]!.GetValue<string>(), t["department"]!.GetValue<string>())).ToList();
    }

    /// <summary>Re-sends one decision with its key until the server answers (at most 20 tries); answers how many tries it took.</summary>
    private static async Task<int> ResendUntilAnsweredAsync(ChaosRun run, Meant m, List<string> failures)
    {
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            var answer = await run.Http.SendAsync(HttpMethod.Post, m.Path, m.User, m.Body);
            if (answer is { Status: 200 })
            {
                return attempt;
            }

            if (answer is { } a)
            {
                failures.Add($"re-send {m.Key}: {a.Status} {Shorten(a.Body)}");
                return attempt;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt)); // back off; the server is starting
        }

        failures.Add($"re-send {m.Key}: no answer in 20 tries");
        return 20;
    }

    /// <summary>How many of the unanswered decisions the database already holds (committed, the answer lost in the crash).</summary>
    private static async Task<long> StoredAsync(string connectionString, List<Meant> unanswered)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM unnest(@tasks, @keys) AS m(task_id, key) JOIN onestop.tasks t ON t.id = m.task_id AND t.decision_key = m.key", db);
        command.Parameters.AddWithValue("tasks", unanswered.Select(m => Guid.Parse(m.TaskId)).ToArray());
        command.Parameters.AddWithValue("keys", unanswered.Select(m => m.Key).ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The ids of the meant decisions (or their cases) that are not in the database as meant.</summary>
    private static async Task<List<string>> ExpectedStateAsync(string connectionString, List<Meant> meant)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT m.key FROM unnest(@tasks, @users, @outcomes, @opinions, @keys) AS m(task_id, decided_by, outcome, opinion, key)
            LEFT JOIN onestop.tasks t ON t.id = m.task_id AND t.status = 'Decided' AND t.decided_by = m.decided_by
                 AND t.outcome = m.outcome AND t.opinion = m.opinion AND t.decision_key = m.key
            WHERE t.id IS NULL
            UNION ALL
            SELECT c.id::text FROM unnest(@cases) AS k(id)
            LEFT JOIN onestop.cases c ON c.id = k.id
            WHERE c.id IS NULL OR c.status <> 'Completed' OR c.decision <> 'Approved'
               OR EXISTS (SELECT 1 FROM onestop.tasks t WHERE t.case_id = k.id AND t.status <> 'Decided')
            """, db);
        command.Parameters.AddWithValue("tasks", meant.Select(m => Guid.Parse(m.TaskId)).ToArray());
        command.Parameters.AddWithValue("users", meant.Select(m => m.User).ToArray());
        command.Parameters.AddWithValue("outcomes", meant.Select(m => m.Outcome).ToArray());
        command.Parameters.AddWithValue("opinions", meant.Select(m => m.Opinion).ToArray());
        command.Parameters.AddWithValue("keys", meant.Select(m => m.Key).ToArray());
        command.Parameters.AddWithValue("cases", meant.Select(m => Guid.Parse(m.CaseId)).Distinct().ToArray());
        var offenders = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            offenders.Add(reader.GetString(0));
        }

        return offenders;
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
