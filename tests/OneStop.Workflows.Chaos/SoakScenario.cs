using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OneStop.Workflows.Benchmarks.EndToEnd;
using OneStop.Workflows.Chaos.Scale;

namespace OneStop.Workflows.Chaos;

/// <summary>
/// Scenario 7, soak (issue 12): 100k+ open cases are seeded (the web UI benchmark's <c>ui-seed</c>), the best throughput is
/// found with a short closed-loop ramp (or given with <c>--best</c>), then whole cases are offered at 70 % of it, paced, for
/// <c>--minutes</c> (default 60). Per minute (a table file) and per window (10 minutes; 2 when the run is shorter than
/// 30 minutes): completed cases/s, review decision p50 / p99, errors, the server's resident memory; per window the size and
/// dead tuples of the case tables. Verdicts: the last window keeps ≥ 85 % of the first window's cases/s, its p99 is at most
/// 1.5 × the first's, and memory is flat (the last window's RSS ≤ 1.2 × the second window's: the first includes the
/// warm-up). Then the seeded cards that came due are checked, the seeded rows removed and the invariant check run.
/// </summary>
internal static class SoakScenario
{
    private sealed class Minute
    {
        public LoadRecorder Recorder { get; } = new();
        public int Completed;
        public double ResidentMiB = double.NaN;
    }

    public static async Task<int> RunAsync(string[] args, ChaosOptions options)
    {
        if (ScaleOptions.Parse(args[1..], Console.Error) is not { } scale)
        {
            return 2;
        }

        var minutes = scale.Minutes ?? 60;
        var windowMinutes = scale.WindowMinutes ?? (minutes >= 30 ? 10 : 2);
        var openCases = scale.OpenCases ?? 100_000;
        var clock = Stopwatch.StartNew();
        await using var run = await ChaosRun.StartAsync(options.SkipBuild);
        await run.HeaderAsync("soak", args);
        var pid = run.Server!.ProcessId;

        // ≈ 0.3 open tasks and 3 pending signals per open case with the seeder's mix (reviews, acceptances, clock-only cases).
        var seedWatch = Stopwatch.StartNew();
        await SeededRows.SeedAsync(run.Root, run.ConnectionString, Math.Max(100, openCases * 3 / 10), Math.Max(1000, openCases * 3), run.Line);
        var open = await SoakProbe.OpenCasesAsync(run.ConnectionString);
        run.Line(string.Create(CultureInfo.InvariantCulture, $"Open cases after seeding: **{open:N0}** (seeding took {seedWatch.Elapsed.TotalSeconds:F0} s)."));
        run.Line();

        var tokens = new ConcurrentDictionary<string, string>(run.Http.Tokens);
        var player = new CasePlayer(run.Http.Client, tokens) { Answered = run.Http.Record };
        var runKey = "s" + Guid.NewGuid().ToString("N")[..6];
        double best;
        if (scale.Best is { } given)
        {
            best = given;
            run.Line(string.Create(CultureInfo.InvariantCulture, $"Best throughput given: {best:F1} cases/s (`--best`); a 10 s warm-up with 4 users first."));
            await ScaleLoad.ClosedLoopAsync("warm-up", player, 4, TimeSpan.FromSeconds(10), runKey + "w", () => TimeSpan.Zero);
        }
        else
        {
            run.Line("Ramp (closed loop, 20 s per level, after a 10 s warm-up):");
            run.Line();
            run.Line(LoadLevel.Header);
            await ScaleLoad.ClosedLoopAsync("warm-up", player, 4, TimeSpan.FromSeconds(10), runKey + "w", () => TimeSpan.Zero);
            var levels = new List<LoadLevel>();
            foreach (var users in new[] { 4, 8, 16 })
            {
                var level = await ScaleLoad.ClosedLoopAsync($"{users} users × 20 s", player, users, TimeSpan.FromSeconds(20), $"{runKey}r{users}", () => run.Server!.CpuTime);
                levels.Add(level);
                run.Line(level.Row());
            }

            best = levels.Max(l => l.CasesPerSecond);
            run.Line();
        }

        var rate = Math.Max(0.5, best * 0.7);
        var duration = TimeSpan.FromMinutes(minutes);
        run.Line(string.Create(CultureInfo.InvariantCulture,
            $"Soak: {rate:F2} cases/s offered (70 % of {best:F1}), paced, for {minutes} min; windows of {windowMinutes} min; sweep every {ChaosRun.SweepSeconds} s."));
        run.Line();
        var tablesAtStart = await SoakProbe.TablesAsync(run.ConnectionString);
        var soakStart = DateTimeOffset.UtcNow;
        var perMinute = new ConcurrentDictionary<int, Minute>();
        var windowTables = new ConcurrentDictionary<int, IReadOnlyList<TableState>>();
        var watch = Stopwatch.StartNew();
        Minute At(TimeSpan t) => perMinute.GetOrAdd((int)t.TotalMinutes, _ => new Minute());
        using var stopProbe = new CancellationTokenSource();
        var probe = ProbeAsync(run, pid, watch, perMinute, windowTables, windowMinutes, tokens, stopProbe.Token);

        var inFlight = new ConcurrentDictionary<int, Task>();
        for (var i = 0; ; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due >= duration)
            {
                break;
            }

            if (due > watch.Elapsed)
            {
                await Task.Delay(due - watch.Elapsed); // pacing: the next case's start time
            }

            var number = i;
            var minute = At(watch.Elapsed);
            inFlight[number] = Task.Run(async () =>
            {
                if (await player.PlayAsync(minute.Recorder, $"{runKey}-{number}", CancellationToken.None) is not null)
                {
                    Interlocked.Increment(ref At(watch.Elapsed).Completed); // counted in the minute it completed
                }

                inFlight.TryRemove(number, out _);
            });
        }

        await Task.WhenAll(inFlight.Values.ToArray());
        var elapsed = watch.Elapsed;
        await stopProbe.CancelAsync();
        await probe;
        var tablesAtEnd = await SoakProbe.TablesAsync(run.ConnectionString);

        var minuteFile = run.ServerLog.Replace("-server.log", "-soak-minutes.md", StringComparison.Ordinal);
        await File.WriteAllTextAsync(minuteFile, MinuteTable(perMinute, minutes));
        var windows = Enumerable.Range(0, (minutes + windowMinutes - 1) / windowMinutes)
            .Select(w => Window(perMinute, w * windowMinutes, Math.Min(minutes, (w + 1) * windowMinutes), minutes)).ToList();
        run.Line("| window (min) | completed cases/s | review decision p50 / p99 (ms) | whole case p99 (ms) | errors | server RSS at the end (MiB) |");
        run.Line("|---|---|---|---|---|---|");
        foreach (var w in windows)
        {
            run.Line(string.Create(CultureInfo.InvariantCulture,
                $"| {w.From}–{w.To} | {w.CasesPerSecond:F2} | {w.ReviewP50:F1} / {w.ReviewP99:F1} | {w.CaseP99:F0} | {w.Errors} | {w.ResidentMiB:F0} |"));
        }

        run.Line();
        run.Line($"Per minute: {minuteFile}.");
        run.Line();
        run.Line("| table | at the start of the soak | " + string.Join(" | ", windows.Select(w => $"after {w.To} min")) + " |");
        run.Line("|---|---|" + string.Concat(windows.Select(_ => "---|")));
        IReadOnlyList<TableState>? TablesAfter(int i) => windowTables.TryGetValue(i, out var t) ? t : i == windows.Count - 1 ? tablesAtEnd : null;
        foreach (var table in SoakProbe.Tables)
        {
            var cells = windows.Select((_, i) => TablesAfter(i)?.FirstOrDefault(x => x.Table == table)?.Cell() ?? "—");
            run.Line($"| {table} | {tablesAtStart.FirstOrDefault(t => t.Table == table)?.Cell() ?? "—"} | {string.Join(" | ", cells)} |");
        }

        run.Line();
        var first = windows[0];
        var last = windows[^1];
        var second = windows.Count > 1 ? windows[1] : windows[0];
        var throughputOk = last.CasesPerSecond >= 0.85 * first.CasesPerSecond;
        var driftOk = last.ReviewP99 <= 1.5 * first.ReviewP99;
        var memoryOk = last.ResidentMiB <= 1.2 * second.ResidentMiB;
        var errors = windows.Sum(w => w.Errors);
        run.Line(string.Create(CultureInfo.InvariantCulture,
            $"- throughput: last window {last.CasesPerSecond:F2} cases/s = {100 * last.CasesPerSecond / Math.Max(first.CasesPerSecond, 0.001):F0} % of the first window's {first.CasesPerSecond:F2} (≥ 85 %) — {(throughputOk ? "pass" : "**FAIL**")}"));
        run.Line(string.Create(CultureInfo.InvariantCulture,
            $"- p99 drift: review decision p99 {last.ReviewP99:F1} ms in the last window = {last.ReviewP99 / Math.Max(first.ReviewP99, 0.001):F2} × the first window's {first.ReviewP99:F1} ms (≤ 1.5 ×) — {(driftOk ? "pass" : "**FAIL**")}"));
        run.Line(string.Create(CultureInfo.InvariantCulture,
            $"- memory flat: server RSS {last.ResidentMiB:F0} MiB at the end of the last window = {last.ResidentMiB / Math.Max(second.ResidentMiB, 0.001):F2} × the second window's {second.ResidentMiB:F0} MiB (≤ 1.2 ×; the first window holds the warm-up) — {(memoryOk ? "pass" : "**FAIL**")}"));
        run.Line($"- errors during the soak: {errors} — {(errors == 0 ? "pass" : "**FAIL**")}");
        run.Line(string.Create(CultureInfo.InvariantCulture, $"- the soak ran {elapsed.TotalMinutes:F1} min (the last cases finished after the {minutes} min of offers)."));
        run.Line();

        await run.Http.SignInAsync(); // the replay's tokens: the sign-in of the start may have expired in a long soak
        var seededCards = await SeededRows.CardsAsync(run.ConnectionString, soakStart, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(ChaosRun.SweepSeconds + 10));
        var removeWatch = Stopwatch.StartNew();
        var removed = await SeededRows.RemoveAsync(run.ConnectionString);
        run.Line(string.Create(CultureInfo.InvariantCulture,
            $"Seeded cards: {seededCards.Checked:N0} came due during the soak, {seededCards.Offending:N0} offending — {(seededCards.Passed ? "pass" : "**FAIL** " + string.Join(", ", seededCards.FirstOffenders))}. Then the {removed:N0} seeded cases (COPY rows: no workflow instance, no audit trail) were removed ({removeWatch.Elapsed.TotalSeconds:F0} s) so that the check below covers every case the server made."));
        run.Line();
        var invariants = await run.CheckInvariantsAsync();
        run.Line($"Took {clock.Elapsed.TotalMinutes:F1} min; load average at the end {ChaosRun.LoadAverage()}.");
        return invariants && seededCards.Passed && throughputOk && driftOk && memoryOk && errors == 0 ? 0 : 1;
    }

    /// <summary>Every minute: the server's RSS; every window: the tables; every 20 minutes: fresh tokens (they last an hour).</summary>
    private static async Task ProbeAsync(ChaosRun run, int pid, Stopwatch watch, ConcurrentDictionary<int, Minute> perMinute,
        ConcurrentDictionary<int, IReadOnlyList<TableState>> windowTables, int windowMinutes, ConcurrentDictionary<string, string> tokens, CancellationToken stop)
    {
        var probed = 0; // whole minutes whose end has been probed
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
                while (probed < (int)watch.Elapsed.TotalMinutes)
                {
                    perMinute.GetOrAdd(probed, _ => new Minute()).ResidentMiB = SoakProbe.ResidentMiB(pid);
                    probed++;
                    if (probed % windowMinutes == 0)
                    {
                        windowTables[(probed / windowMinutes) - 1] = await SoakProbe.TablesAsync(run.ConnectionString);
                    }

                    if (probed % 20 == 0)
                    {
                        foreach (var user in CasePlayer.Users)
                        {
                            tokens[user] = await SignInAsync(run.Http.Client, user);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the soak ended
        }

        // The minute the soak ended in (its last cases finishing): the last window's memory figure when no minute-end came after.
        perMinute.GetOrAdd(probed, _ => new Minute()).ResidentMiB = SoakProbe.ResidentMiB(pid);
    }

    private static async Task<string> SignInAsync(HttpClient http, string user)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { userName = user, password = "Demo123!" });
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)?["accessToken"]?.GetValue<string>() ?? throw new InvalidOperationException($"Signing in as {user} failed: {(int)response.StatusCode}");
    }

    private sealed record WindowFigures(int From, int To, double CasesPerSecond, double ReviewP50, double ReviewP99, double CaseP99, int Errors, double ResidentMiB);

    /// <summary>A window's figures; the last window also counts the cases that completed after the last offer.</summary>
    private static WindowFigures Window(ConcurrentDictionary<int, Minute> perMinute, int from, int to, int minutes)
    {
        var merged = new LoadRecorder();
        var completed = 0;
        var errors = 0;
        var rss = double.NaN;
        for (var m = from; m < (to == minutes ? to + 1 : to); m++)
        {
            if (!perMinute.TryGetValue(m, out var minute))
            {
                continue;
            }

            completed += minute.Completed;
            errors += minute.Recorder.ErrorCount;
            Merge(minute.Recorder, merged);
            rss = double.IsNaN(minute.ResidentMiB) ? rss : minute.ResidentMiB;
        }

        return new WindowFigures(from, to, completed / ((to - from) * 60.0), merged.Percentile("review", 50), merged.Percentile("review", 99), merged.Percentile("case", 99), errors, rss);
    }

    private static void Merge(LoadRecorder from, LoadRecorder into)
    {
        foreach (var metric in new[] { "review", "case" })
        {
            foreach (var sample in from.Samples(metric))
            {
                into.Record(metric, TimeSpan.FromMilliseconds(sample));
            }
        }
    }

    private static string Ms(double value) => double.IsNaN(value) ? "—" : value.ToString("F1", CultureInfo.InvariantCulture);

    private static string MinuteTable(ConcurrentDictionary<int, Minute> perMinute, int minutes)
    {
        var text = new StringBuilder();
        text.AppendLine("| minute | completed cases | cases/s | review decision p50 / p99 (ms) | whole case p99 (ms) | errors | server RSS (MiB) |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (m, minute) in perMinute.Where(p => p.Key < minutes + 1).OrderBy(p => p.Key))
        {
            var r = minute.Recorder;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {m}{(m >= minutes ? " (the last cases finishing)" : "")} | {minute.Completed} | {minute.Completed / 60.0:F2} | {Ms(r.Percentile("review", 50))} / {Ms(r.Percentile("review", 99))} | {Ms(r.Percentile("case", 99))} | {r.ErrorCount} | {(double.IsNaN(minute.ResidentMiB) ? "—" : minute.ResidentMiB.ToString("F0", CultureInfo.InvariantCulture))} |");
        }

        return text.ToString();
    }
}
