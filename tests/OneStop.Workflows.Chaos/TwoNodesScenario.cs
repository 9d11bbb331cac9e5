using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using OneStop.Workflows.Benchmarks.EndToEnd;
using OneStop.Workflows.Chaos.Scale;

namespace OneStop.Workflows.Chaos;

/// <summary>
/// Scenario 5, two nodes on one PostgreSQL (issue 12). Node A starts; N virtual users play whole cases against it alone for
/// T seconds (the one-node figure). Node B starts on the same database (another port, the same settings: both run Hangfire
/// and the sweep); the supervisor connects to the live-alert hub of each node; a few cases are left in review with their
/// pending cards brought forward to come due one after another during the next T seconds; the same N users play cases for T
/// seconds with every request sent to the other node than the one before (the two-node figure). Then: every card brought
/// forward fired once, by whichever node's sweep (told from Hangfire's tables), every supervisor alert arrived exactly once
/// on each of the two connections (so an alert swept on A reached the connection on B and the other way round), and the
/// invariant check holds.
/// </summary>
internal static class TwoNodesScenario
{
    private const string Supervisor = "supervisor";

    public static async Task<int> RunAsync(string[] args, ChaosOptions options)
    {
        if (ScaleOptions.Parse(args[1..], Console.Error) is not { } scale)
        {
            return 2;
        }

        var users = options.Users ?? 8;
        var seconds = TimeSpan.FromSeconds(scale.Seconds ?? (options.Short ? 30 : 60));
        var warmup = TimeSpan.FromSeconds(options.Short ? 10 : 20);
        var alertCases = options.Short ? 6 : 12;
        var clock = Stopwatch.StartNew();
        await using var run = await ChaosRun.StartAsync(options.SkipBuild);
        await run.HeaderAsync("two nodes on one PostgreSQL", args);
        run.Line($"Nodes A and B start on the same database; {users} virtual users warm both up for {warmup.TotalSeconds:F0} s, then play whole cases ({CasePlayer.ServiceItem}) for {seconds.TotalSeconds:F0} s against node A alone (B up and idle), then for {seconds.TotalSeconds:F0} s against nodes A and B (every request to the other node than the one before). " +
                 $"During the two-node run the pending cards of {alertCases} cases left in review come due one after another; the supervisor is connected to the live-alert hub of each node.");
        run.Line();
        var nodeA = run.Server!;
        var failures = new List<string>();
        await using var nodeB = await ServerProcess.StartAsync(run.Root, run.ConnectionString, LocalMachine.FreePort(), skipBuild: true,
            new Dictionary<string, string> { ["Supervision__SweepIntervalSeconds"] = ChaosRun.SweepSeconds.ToString(CultureInfo.InvariantCulture) },
            NodeLog(run.ServerLog, "b"));
        var nodes = new[] { nodeA.BaseAddress, nodeB.BaseAddress };
        var spread = new AlternatingNodesHandler(nodes);
        using var both = new HttpClient(spread) { BaseAddress = nodeA.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var player = new CasePlayer(run.Http.Client, run.Http.Tokens) { Answered = run.Http.Record };
        var twoPlayer = new CasePlayer(both, run.Http.Tokens) { Answered = run.Http.Record }; // node A's tokens: the key ring is shared
        var runKey = "n" + Guid.NewGuid().ToString("N")[..6];

        // Both nodes warm (JIT, pools, caches) before either is measured; node B stays up, idle, during the one-node run.
        await ScaleLoad.ClosedLoopAsync("warm-up", twoPlayer, users, warmup, runKey + "w", () => TimeSpan.Zero);
        var one = await ScaleLoad.ClosedLoopAsync("1 node (A; B idle)", player, users, seconds, runKey + "a", () => nodeA.CpuTime + nodeB.CpuTime);
        var sentBefore = (A: spread.Sent(0), B: spread.Sent(1));

        var supervisorToken = await SignInAsync(run.Http.Client, Supervisor);
        await using var onA = await LiveAlertListener.ConnectAsync("supervisor @ node A", nodeA.BaseAddress, supervisorToken);
        await using var onB = await LiveAlertListener.ConnectAsync("supervisor @ node B", nodeB.BaseAddress, supervisorToken);
        var cases = await AlertCasesAsync(run, both, alertCases, failures);
        var phaseStart = DateTime.UtcNow;
        var moved = await BringCardsForwardAsync(run.ConnectionString, cases, TimeSpan.FromSeconds(2), seconds);
        var two = await ScaleLoad.ClosedLoopAsync("2 nodes", twoPlayer, users, seconds, runKey + "b", () => nodeA.CpuTime + nodeB.CpuTime);

        var fired = await UntilFiredAsync(run.ConnectionString, moved, TimeSpan.FromSeconds(3 * ChaosRun.SweepSeconds + 5));
        var expected = await SupervisorAlertsAsync(run.ConnectionString, moved);
        await UntilReceivedAsync([onA, onB], expected, TimeSpan.FromSeconds(10));

        run.Line(LoadLevel.Header);
        run.Line(one.Row());
        run.Line(two.Row());
        run.Line();
        run.Line(string.Create(CultureInfo.InvariantCulture,
            $"Requests in the two-node run (after a {warmup.TotalSeconds:F0} s warm-up over both nodes; the preparation of the alert cases included): node A {spread.Sent(0) - sentBefore.A:N0}, node B {spread.Sent(1) - sentBefore.B:N0}. Two nodes vs one: {two.CasesPerSecond / Math.Max(one.CasesPerSecond, 0.001):F2}× the cases/s (both nodes, PostgreSQL and the driver share the machine's {Environment.ProcessorCount} cores)."));
        run.Line();

        var runs = await SweepRun.LoadAsync(run.ConnectionString);
        var byNode = fired.Select(f => (f.Signal, Node: NodeOf(SweepRun.Holding(runs, f.FiredAt), nodeA.ProcessId, nodeB.ProcessId))).ToList();
        var nodeOfSignal = byNode.ToDictionary(b => b.Signal, b => b.Node);
        var sweepsInPhase = runs.Where(r => r.Started >= phaseStart.AddSeconds(-1)).GroupBy(r => NodeOf(r, nodeA.ProcessId, nodeB.ProcessId)).ToDictionary(g => g.Key, g => g.Count());
        run.Line("| node | sweeps run (Hangfire) during the two-node run | cards brought forward it fired | supervisor alerts of them received on A / on B |");
        run.Line("|---|---|---|---|");
        foreach (var node in new[] { "A", "B", "unknown" })
        {
            var signals = byNode.Where(b => b.Node == node).Select(b => b.Signal).ToHashSet();
            var alerts = expected.Where(e => signals.Contains(e.Signal)).Select(e => e.Alert).ToList();
            if (node == "unknown" && signals.Count == 0 && !sweepsInPhase.ContainsKey(node))
            {
                continue;
            }

            run.Line($"| {node} | {sweepsInPhase.GetValueOrDefault(node)} | {signals.Count} | {alerts.Count(a => onA.Received.ContainsKey(a))} / {alerts.Count(a => onB.Received.ContainsKey(a))} of {alerts.Count} |");
        }

        run.Line();
        var allFired = fired.Count == moved.Count;
        run.Line($"- cards brought forward: {moved.Count}, fired {fired.Count} — {(allFired && moved.Count > 0 ? "pass" : "**FAIL**")}");
        var deliveryOk = true;
        foreach (var listener in new[] { onA, onB })
        {
            var missing = expected.Count(e => !listener.Received.ContainsKey(e.Alert));
            var twice = listener.Received.Count(r => r.Value > 1);
            var ok = missing == 0 && twice == 0 && expected.Count > 0;
            deliveryOk &= ok;
            run.Line($"- {listener.Name}: {expected.Count} supervisor alerts of those cards, {missing} missing, {twice} delivered more than once ({listener.Received.Count} received in all) — {(ok ? "pass" : "**FAIL**")}");
        }

        var aToB = expected.Count(e => nodeOfSignal.GetValueOrDefault(e.Signal) == "A" && onB.Received.ContainsKey(e.Alert));
        var bToA = expected.Count(e => nodeOfSignal.GetValueOrDefault(e.Signal) == "B" && onA.Received.ContainsKey(e.Alert));
        var crossOk = options.Short ? aToB + bToA > 0 : aToB > 0 && bToA > 0;
        run.Line($"- across nodes: {aToB} alerts swept on A received on B, {bToA} swept on B received on A — {(crossOk ? "pass" : "**FAIL**")}{(options.Short ? " (short: at least one direction; which node's worker takes a sweep is Hangfire's choice)" : " (both directions)")}");
        run.Line($"- unexpected answers while preparing: {failures.Count}{(failures.Count == 0 ? "" : " — " + string.Join("; ", failures.Take(5)))}");
        var loadOk = one.Cases > 0 && two.Cases > 0 && one.Recorder.ErrorCount == 0 && two.Recorder.ErrorCount == 0;
        run.Line($"- both measurements completed cases without errors — {(loadOk ? "pass" : "**FAIL**")}");
        run.Line();
        var invariants = await run.CheckInvariantsAsync();
        run.Line($"Took {clock.Elapsed.TotalSeconds:F0} s; load average at the end {ChaosRun.LoadAverage()}; node B's log: {run.ServerLog.Replace("-server.log", "-node-b.log", StringComparison.Ordinal)}.");
        return invariants && allFired && moved.Count > 0 && deliveryOk && crossOk && loadOk && failures.Count == 0 ? 0 : 1;
    }

    private static string NodeOf(SweepRun? sweep, int pidA, int pidB) =>
        sweep?.ProcessId == pidA ? "A" : sweep?.ProcessId == pidB ? "B" : "unknown";

    private static Action<string> NodeLog(string serverLog, string node)
    {
        var path = serverLog.Replace("-server.log", $"-node-{node}.log", StringComparison.Ordinal);
        var gate = new Lock();
        return line =>
        {
            lock (gate)
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        };
    }

    private static async Task<string> SignInAsync(HttpClient http, string user)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { userName = user, password = "Demo123!" });
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)?["accessToken"]?.GetValue<string>() ?? throw new InvalidOperationException($"Signing in as {user} failed: {(int)response.StatusCode} {text}");
    }

    /// <summary>Submits and accepts cases through both nodes and leaves them in review (their cards pending); answers their ids.</summary>
    private static async Task<List<Guid>> AlertCasesAsync(ChaosRun run, HttpClient both, int count, List<string> failures)
    {
        var ids = new List<Guid>();
        var http = new ChaosCalls(both, run.Http);
        for (var i = 0; i < count; i++)
        {
            var submitted = await http.SendAsync(HttpMethod.Post, "/api/cases", CasePlayer.Clerk, CasePlayer.Application);
            if (submitted is not { Status: 201 } s || JsonNode.Parse(s.Body)?["id"]?.GetValue<string>() is not { } caseId)
            {
                failures.Add($"submit answered {submitted?.Status}");
                continue;
            }

            var read = await http.SendAsync(HttpMethod.Get, $"/api/cases/{caseId}", CasePlayer.Clerk, null);
            var acceptance = read is { Status: 200 } r
                ? (JsonNode.Parse(r.Body)?["tasks"]?.AsArray() ?? []).OfType<JsonObject>().FirstOrDefault(t => t["kind"]?.GetValue<string>() == "Acceptance")?["id"]?.GetValue<string>()
                : null;
            var accepted = acceptance is null ? null
                : await http.SendAsync(HttpMethod.Post, $"/api/tasks/{acceptance}/decision", CasePlayer.Clerk, ChaosHttp.Decision("Accepted", "材料齐全 Materials complete", $"nodes-accept-{acceptance}"));
            if (accepted is not { Status: 200 })
            {
                failures.Add($"accept answered {accepted?.Status}");
                continue;
            }

            ids.Add(Guid.Parse(caseId));
        }

        return ids;
    }

    /// <summary>
    /// Moves the pending cards (prompt / yellow / red) of <paramref name="cases"/> to come due evenly between
    /// <paramref name="from"/> and <paramref name="from"/> + <paramref name="span"/> from now, in their original order (so
    /// prompt, yellow, red of one clock stay in order); answers the moved signals' ids.
    /// </summary>
    private static async Task<List<Guid>> BringCardsForwardAsync(string connectionString, List<Guid> cases, TimeSpan from, TimeSpan span)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var move = new NpgsqlCommand(
            """
            WITH moved AS (
                SELECT s.id, row_number() OVER (ORDER BY s.due_at, s.id) AS n, count(*) OVER () AS total
                FROM onestop.supervision_signals s
                WHERE s.case_id = ANY(@cases) AND s.fired_at IS NULL AND s.level <> 'Action')
            UPDATE onestop.supervision_signals s SET due_at = now() + @from + @span * (moved.n::float8 / (moved.total + 1))
            FROM moved WHERE s.id = moved.id
            RETURNING s.id
            """, db);
        move.Parameters.AddWithValue("cases", cases.ToArray());
        move.Parameters.AddWithValue("from", from);
        move.Parameters.AddWithValue("span", span);
        var ids = new List<Guid>();
        await using var reader = await move.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static async Task<List<(Guid Signal, DateTime FiredAt)>> UntilFiredAsync(string connectionString, List<Guid> signals, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using var db = new NpgsqlConnection(connectionString);
            await db.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT id, fired_at FROM onestop.supervision_signals WHERE id = ANY(@ids) AND fired_at IS NOT NULL", db);
            command.Parameters.AddWithValue("ids", signals.ToArray());
            var fired = new List<(Guid, DateTime)>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    fired.Add((reader.GetGuid(0), reader.GetDateTime(1)));
                }
            }

            if (fired.Count == signals.Count || watch.Elapsed > limit)
            {
                return fired;
            }

            await Task.Delay(500); // the sweep runs every few seconds: poll the database, not the driver's clock
        }
    }

    private static async Task<List<(Guid Alert, Guid Signal)>> SupervisorAlertsAsync(string connectionString, List<Guid> signals)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, signal_id FROM onestop.supervision_alerts WHERE recipient = @who AND signal_id = ANY(@ids)", db);
        command.Parameters.AddWithValue("who", Supervisor);
        command.Parameters.AddWithValue("ids", signals.ToArray());
        var alerts = new List<(Guid, Guid)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            alerts.Add((reader.GetGuid(0), reader.GetGuid(1)));
        }

        return alerts;
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until every listener holds every expected alert: pushes follow the sweep's commit.</summary>
    private static async Task UntilReceivedAsync(LiveAlertListener[] listeners, List<(Guid Alert, Guid Signal)> expected, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit && !listeners.All(l => expected.All(e => l.Received.ContainsKey(e.Alert))))
        {
            await Task.Delay(250);
        }
    }

    /// <summary>Requests sent through the two-node client that are recorded as acknowledged with the scenario's other requests.</summary>
    private sealed class ChaosCalls(HttpClient http, ChaosHttp recorder)
    {
        public async Task<(int Status, string Body)?> SendAsync(HttpMethod method, string path, string user, string? body)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", recorder.Tokens[user]);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            try
            {
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                recorder.Record(method, path, user, body, response.StatusCode, text);
                return ((int)response.StatusCode, text);
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }
    }
}
