using System.Diagnostics;
using System.Globalization;
using OneStop.Workflows.Benchmarks.EndToEnd;
using OneStop.Workflows.Benchmarks.Ui;
using OneStop.Workflows.Chaos.Invariants;

namespace OneStop.Workflows.Chaos;

/// <summary>
/// Scenario 3, deadlines across crashes (issue 12): the web UI benchmark's seeder writes N pending signals on real cases
/// and clocks (binary COPY, the card ladder of the real domain); half of them are moved to come due during the run's
/// window, spread evenly over it on the server's clock (the system clock), the other half after the run
/// (<see cref="DeadlinePlan"/>). The Release server sweeps every <see cref="ChaosRun.SweepSeconds"/> s and is killed with
/// SIGKILL K times at random moments, each time preferably while a firing transaction is open, and restarted on the same
/// database. After the window and one sweep interval every signal of the window must have fired exactly once, none early,
/// with its alerts once per recipient, the later half untouched, and the invariant check must pass.
/// </summary>
internal static class DeadlinesScenario
{
    /// <summary>Virtual users playing whole cases alongside the sweeps.</summary>
    private const int LoadUsers = 2;

    private sealed record Kill(int Number, double AtSecond, bool InsideFiring, DateTime KilledAt, DateTime HealthyAt, double RestartSeconds);

    public static async Task<int> RunAsync(string[] args, ChaosOptions options)
    {
        var signals = options.Signals ?? (options.Short ? 10_000 : 100_000);
        var kills = options.Kills ?? (options.Short ? 2 : 5);
        var window = TimeSpan.FromSeconds(options.WindowSeconds ?? (options.Short ? 45 : 300));
        var seed = options.Seed ?? Random.Shared.Next(1, 1_000_000);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        await using var run = await ChaosRun.StartAsync(options.SkipBuild);
        await run.HeaderAsync("deadlines across crashes", args);

        // 1. Seed with the server stopped (the seeder starts and stops its own server once, which migrates and seeds the demo).
        await run.KillServerAsync();
        var seedWatch = Stopwatch.StartNew();
        var seeded = await UiSeed.SeedAsync(run.ConnectionString,
            new UiBenchOptions(null, Tasks: Math.Max(300, signals / 10), Signals: signals, Iterations: 0, SkipBuild: true, NoRender: true, NoSeed: false));
        var plan = new DeadlinePlan(run.ConnectionString);
        var later = DateTime.UtcNow + window + TimeSpan.FromDays(2);
        var counts = await plan.PrepareAsync(seed, later);
        seedWatch.Stop();
        run.Line(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {seeded.Cases:N0} cases ({seeded.OpenTasks:N0} open tasks, {seeded.Clocks:N0} clocks) with the web UI benchmark's seeder; its {counts.RemovedFired:N0} signals already due at the seed instant (history without audit events) removed; {counts.Pending:N0} pending signals ({counts.Cards:N0} cards, {counts.Pending - counts.Cards:N0} deemed actions): {counts.InWindow:N0} cards come due during the {window.TotalSeconds:F0} s window, spread evenly over it on the server's system clock, {counts.Later:N0} after the run ({counts.LaterMoved:N0} of them moved past its end from a due instant the ladder gave inside it). Seed and plan {seedWatch.Elapsed.TotalSeconds:F0} s. Kill points: seed {seed}."));
        run.Line();

        // 2. The server sweeps; the window opens once it is healthy.
        await run.StartServerAsync();
        var start = DateTime.UtcNow.AddSeconds(2);
        await plan.OpenWindowAsync(start, window);
        var end = start + window;

        // Alongside, a few virtual users play whole cases through the API across the kills, so that the invariant check
        // also has cases with workflow instances, decisions and idempotency keys (their cards come due in days, not now).
        using var stopLoad = new CancellationTokenSource();
        var load = new CaseLoad(run);
        var playing = Task.WhenAll(Enumerable.Range(0, LoadUsers).Select(u => load.PlayAsync($"dl-{u}", stopLoad.Token)));

        // 3. K kills in the first 80 % of the window, one in each K-th of it at a random moment, preferably inside a
        //    firing transaction; a kill that would fall in the window's last two sweep intervals (restarts ran long) is skipped.
        var done = new List<Kill>();
        var skipped = 0;
        var slot = window * 0.8 / Math.Max(1, kills);
        await using (var watch = await plan.OpenAsync())
        {
            for (var k = 0; k < kills; k++)
            {
                await UntilAsync(start + (slot * (k + 0.1 + (0.6 * random.NextDouble()))));
                if (DateTime.UtcNow > end - TimeSpan.FromSeconds(2 * ChaosRun.SweepSeconds))
                {
                    skipped = kills - k;
                    break;
                }

                var inside = await UntilSweepingAsync(watch, TimeSpan.FromSeconds((2 * ChaosRun.SweepSeconds) + 1));
                var killedAt = DateTime.UtcNow;
                await run.KillServerAsync();
                var restart = Stopwatch.StartNew();
                await run.StartServerAsync();
                done.Add(new Kill(k + 1, (killedAt - start).TotalSeconds, inside, killedAt, DateTime.UtcNow, restart.Elapsed.TotalSeconds));
            }
        }

        // 4. The window ends; one sweep interval (and the invariant check's grace of 10 s) for the last signals to fire. If a
        //    restart ran past the window's end, or the backlog of a long restart is still being fired, the check waits
        //    (at most five minutes more) for it, and the report says how long: late is reported, never passed off as on time.
        await UntilAsync(end);
        await stopLoad.CancelAsync();
        await playing;
        var onTime = end + TimeSpan.FromSeconds(ChaosRun.SweepSeconds + 10);
        await UntilAsync(onTime);
        var pendingOnTime = await plan.PendingInWindowAsync(end);
        var drainLimit = onTime + TimeSpan.FromMinutes(5);
        while (DateTime.UtcNow < drainLimit && await plan.PendingInWindowAsync(end) > 0)
        {
            await Task.Delay(500);
        }

        var drained = DateTime.UtcNow;
        await ReportAsync(run, plan, done, start, end, drained);
        run.Line(string.Create(CultureInfo.InvariantCulture,
            $"- One sweep interval + 10 s after the window's end: {pendingOnTime:N0} of its signals still pending{(pendingOnTime == 0 ? "" : $" (the server's last restart was healthy {(done.Count == 0 ? 0 : (done[^1].HealthyAt - end).TotalSeconds):F0} s after the window's end; all fired {(drained - end).TotalSeconds:F0} s after it)")}; kills done {done.Count} of {done.Count + skipped}{(skipped == 0 ? "" : $" ({skipped} skipped: the restarts before them ran into the window's last sweep intervals)")}."));
        run.Line($"- Alongside: {LoadUsers} virtual users completed {load.Completed:N0} whole cases through the API during the window; {load.Failed:N0} attempts failed while the server was down or starting (a case that broke off stays where it stopped; its acknowledged steps are checked below like any).");
        run.Line();
        var results = new List<InvariantResult>();
        await using (var db = await plan.OpenAsync())
        {
            results.Add(await DeadlineInvariants.WindowFiredOnceAsync(db, end));
            results.Add(await DeadlineInvariants.NoneEarlyAsync(db));
            results.Add(await DeadlineInvariants.AlertsOnceAsync(db));
            results.Add(await DeadlineInvariants.LaterUntouchedAsync(db));
        }

        run.Line("Scenario checks:");
        run.Line();
        run.Line(InvariantResult.Header);
        results.ForEach(r => run.Line(r.Row()));
        run.Line();
        var invariants = await run.CheckInvariantsAsync(UiSeed.NumberPrefix);
        run.Line($"The seeded cases (numbers {UiSeed.NumberPrefix}…: no workflow instance, no audit trail of their own) are left out of \"open tasks = open bookmarks\" and \"audit trail complete\"; their signals are in \"due signals fired once\".");
        run.Line();
        run.Line($"Took {clock.Elapsed.TotalSeconds:F0} s; load average at the end {ChaosRun.LoadAverage()}.");
        return invariants && results.All(r => r.Passed) ? 0 : 1;
    }

    private static async Task ReportAsync(ChaosRun run, DeadlinePlan plan, List<Kill> kills, DateTime start, DateTime end, DateTime drained)
    {
        run.Line("| kill | at (s into the window) | inside a firing transaction | restart to healthy (s) | restart to first firing (s) | came due while down | their lag p50 / max (s) |");
        run.Line("|---|---|---|---|---|---|---|");
        foreach (var kill in kills)
        {
            var restarted = kill.HealthyAt.AddSeconds(-kill.RestartSeconds);
            var first = await plan.FirstFiringAsync(restarted);
            var down = await plan.LagAsync(kill.KilledAt, kill.HealthyAt);
            run.Line(string.Create(CultureInfo.InvariantCulture,
                $"| {kill.Number} | {kill.AtSecond:F1} | {(kill.InsideFiring ? "yes" : "no (between sweeps)")} | {kill.RestartSeconds:F1} | {(first is { } f ? $"{(f - restarted).TotalSeconds:F1}" : "never")} | {down.Fired:N0} | {down.P50:F1} / {down.Max:F1} |"));
        }

        run.Line();
        var lag = await plan.LagAsync();
        var batches = await plan.BatchesAsync(start.AddSeconds(-30));
        var pending = await plan.PendingInWindowAsync(end);
        run.Line(string.Create(CultureInfo.InvariantCulture,
            $"- Fired: {lag.Fired:N0} signals of the window, {lag.Fired / Math.Max(1, (end - start).TotalSeconds):F0}/s on average over it (the rate they came due); {batches.Batches:N0} sweep batches, the largest {batches.Largest:N0} signals; {batches.FullBatches} full batches of 1,000 (a backlog after a restart){(batches.FullBatches > 0 ? $" fired at {batches.FullBatchRate:F0} signals/s" : "")}."));
        run.Line(string.Create(CultureInfo.InvariantCulture,
            $"- Lag (fired_at − due_at): p50 {lag.P50:F1} s, p99 {lag.P99:F1} s, max {lag.Max:F1} s (the sweep runs every {ChaosRun.SweepSeconds} s; a signal due while the server was down waits for the restart)."));
        run.Line(string.Create(CultureInfo.InvariantCulture,
            $"- At the check ({(drained - end).TotalSeconds:F1} s after the window's end): {pending:N0} of the window's signals still pending."));
        run.Line();
    }

    /// <summary>Plays whole cases one after another until stopped; a case that breaks off (the server died) is counted and left.</summary>
    private sealed class CaseLoad(ChaosRun run)
    {
        private int _completed;
        private int _failed;

        public int Completed => _completed;

        public int Failed => _failed;

        public async Task PlayAsync(string runKey, CancellationToken stop)
        {
            var recorder = new LoadRecorder();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                // A new player each time: a restart signs the staff in again (new tokens).
                var player = new CasePlayer(run.Http.Client, run.Http.Tokens) { Answered = run.Http.Record };
                if (await player.PlayAsync(recorder, $"{runKey}-{i}", CancellationToken.None) is not null)
                {
                    Interlocked.Increment(ref _completed);
                }
                else
                {
                    Interlocked.Increment(ref _failed);
                    await Task.Delay(500, CancellationToken.None); // the server is away: do not spin
                }
            }
        }
    }

    private static async Task UntilAsync(DateTime at)
    {
        var wait = at - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    /// <summary>Polls (every 10 ms, up to <paramref name="limit"/>) until a firing transaction is open; answers whether one was.</summary>
    private static async Task<bool> UntilSweepingAsync(Npgsql.NpgsqlConnection db, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (await DeadlinePlan.SweepingAsync(db))
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }
}
