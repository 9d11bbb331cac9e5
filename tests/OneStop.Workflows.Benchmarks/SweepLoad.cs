using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Npgsql;
using NpgsqlTypes;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Testing.Postgres;

namespace OneStop.Workflows.Benchmarks;

/// <summary>
/// Load driver for the deadline sweep (issue 4), not a BenchmarkDotNet benchmark:
/// <c>dotnet run -c Release --project tests/OneStop.Workflows.Benchmarks -- sweep [--rows 1000000] [--overdue 500000] [--sweepers 4] [--idle-runs 20] [--no-alerts]</c>.
/// Starts a throwaway PostgreSQL, migrates it through the real persistence registration, bulk-loads pending signals with
/// binary COPY (none due), times idle sweeps and EXPLAINs the sweeper's batch statement, then makes some overdue and lets concurrent
/// <see cref="DeadlineSweeper"/>s raise them, checking that each is raised exactly once. Prints a Markdown summary.
/// </summary>
internal static partial class SweepLoad
{
    private const string Rule = "bench.deadline-sweep";

    /// <summary>The sweeper's batch statement as <see cref="DeadlineSweeper"/> sends it, with positional parameters.</summary>
    private static readonly string SweeperStatement = DeadlineSweeper.PostgreSqlFireBatch.Replace("{0}", "$1", StringComparison.Ordinal).Replace("{1}", "$2", StringComparison.Ordinal);

    private static readonly Instant Now = Instant.FromUtc(2026, 11, 27, 9, 0);

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows", 1_000_000);
        var overdue = Option(args, "--overdue", 500_000);
        var sweepers = Option(args, "--sweepers", 4);
        var idleRuns = Option(args, "--idle-runs", 20);
        var withAlerts = !args.Contains("--no-alerts");
        if (overdue > rows || rows <= 0 || sweepers <= 0 || idleRuns <= 0)
        {
            await Console.Error.WriteLineAsync("Expected 0 < --overdue <= --rows, --sweepers > 0, --idle-runs > 0.");
            return 2;
        }

        var report = new StringBuilder();
        var allOk = true;
        void Line(string text)
        {
            Console.WriteLine(text);
            report.AppendLine(text);
        }

        Console.WriteLine($"Deadline sweep load: {rows:N0} pending rows, {overdue:N0} overdue, {sweepers} sweeper(s).");
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [OneStopDatabaseOptions.ProviderKey] = nameof(DatabaseProvider.PostgreSql),
            ["ConnectionStrings:" + OneStopDatabaseOptions.ConnectionStringName] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        // EF logs the expected failed probe of the migrations history table on a fresh database as an error; failures
        // of the sweeps themselves still surface as exceptions.
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical));
        services.AddOneStopPersistence(configuration);
        services.AddSingleton<IClock>(new FakeClock(Now));
        if (withAlerts)
        {
            services.AddSingleton<ISignalFiredHandler, AlertRecipientsHandler>();
        }

        await using var provider = services.BuildServiceProvider();
        await provider.MigrateOneStopDatabaseAsync(CancellationToken.None);
        var handlers = provider.GetServices<ISignalFiredHandler>().Select(h => h.GetType().Name).ToList();
        await using (var db = await provider.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync())
        {
            // One active supervisor: with no case or task behind a signal, every non-Action signal alerts the supervisors,
            // so the handler writes exactly one alert per signal.
            db.Users.Add(new UserAccount("bench.supervisor", "Benchmark supervisor", Role.Supervisor, null, "not-a-real-hash"));
            await db.SaveChangesAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var version = (string)(await Scalar(dataSource, "SHOW server_version"))!;

        // Bulk load: every row pending and due in the future (1 hour to 30 days ahead).
        var load = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var copy = await connection.BeginBinaryImportAsync(
                "COPY onestop.supervision_signals (id, case_id, clock_id, subject_id, subject_kind, rule, level, due_at, basis, fired_at, created_at) FROM STDIN (FORMAT BINARY)");
            var created = Now.ToDateTimeUtc();
            string[] levels = ["Prompt", "Yellow", "Red"];
            for (var i = 0; i < rows; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(RowId(i), NpgsqlDbType.Uuid);
                await copy.WriteAsync(SyntheticGuid(0x10000000u + (uint)(i % 1000)), NpgsqlDbType.Uuid);
                await copy.WriteAsync(SyntheticGuid(0x20000000u + (uint)(i % 1000)), NpgsqlDbType.Uuid);
                await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await copy.WriteAsync("Case", NpgsqlDbType.Varchar);
                await copy.WriteAsync(Rule, NpgsqlDbType.Varchar);
                await copy.WriteAsync(levels[i % 3], NpgsqlDbType.Varchar);
                await copy.WriteAsync(created.AddHours(1).AddMinutes(i % (30 * 24 * 60)), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("Deadline sweep benchmark row.", NpgsqlDbType.Text);
                await copy.WriteNullAsync();
                await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await Execute(dataSource, "VACUUM ANALYZE onestop.supervision_signals");
        load.Stop();
        Console.WriteLine($"Loaded {rows:N0} rows in {load.Elapsed.TotalSeconds:F1} s.");

        // 1. Idle sweeps: nothing due.
        var sweeper = provider.GetRequiredService<DeadlineSweeper>();
        var warmUp = Stopwatch.StartNew();
        var warmUpFired = await sweeper.SweepAsync();
        warmUp.Stop();
        var idle = new List<double>();
        var idleFired = warmUpFired;
        for (var i = 0; i < idleRuns; i++)
        {
            var sw = Stopwatch.StartNew();
            idleFired += await sweeper.SweepAsync();
            idle.Add(sw.Elapsed.TotalMilliseconds);
        }

        idle.Sort();
        var (plan, planning, execution) = await ExplainAsync(dataSource, 5);
        var usesIndex = plan.Contains("ix_supervision_signals_pending_due_at", StringComparison.Ordinal) && !plan.Contains("Seq Scan", StringComparison.Ordinal);
        var idleDbMs = planning + execution;
        allOk &= idleFired == 0 && usesIndex && idleDbMs <= 2.0;

        // 2. Overdue: the first `overdue` rows (by id) become due in the last 24 hours.
        var prep = Stopwatch.StartNew();
        await Execute(dataSource,
            "UPDATE onestop.supervision_signals SET due_at = $1 - make_interval(secs => 1 + floor(random() * 86400)) WHERE id < $2",
            Now.ToDateTimeUtc(), RowId(overdue));
        await Execute(dataSource, "ANALYZE onestop.supervision_signals");
        prep.Stop();
        Console.WriteLine($"Made {overdue:N0} rows overdue (UPDATE + ANALYZE) in {prep.Elapsed.TotalSeconds:F1} s; sweeping...");

        var fired = 0L;
        using var progressStop = new CancellationTokenSource();
        var total = Stopwatch.StartNew();
        var progress = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(15), progressStop.Token);
                    // SweepAsync answers only when it runs out of full batches, so count the committed rows instead.
                    var done = (long)(await Scalar(dataSource, "SELECT count(*) FROM onestop.supervision_signals WHERE fired_at IS NOT NULL"))!;
                    Console.WriteLine($"  {total.Elapsed.TotalSeconds,6:F0} s: {done:N0} raised ({done / total.Elapsed.TotalSeconds:N0}/s)");
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var rounds = 0;
        while (true)
        {
            rounds++;
            await Task.WhenAll(Enumerable.Range(0, sweepers).Select(_ => Task.Run(async () =>
            {
                int count;
                while ((count = await sweeper.SweepAsync()) > 0)
                {
                    Interlocked.Add(ref fired, count);
                }
            })));
            if ((long)(await Scalar(dataSource, "SELECT count(*) FROM onestop.supervision_signals WHERE fired_at IS NULL AND due_at <= $1 AND level <> 'Action'", Now.ToDateTimeUtc()))! == 0)
            {
                break;
            }
        }

        total.Stop();
        await progressStop.CancelAsync();
        await progress;

        // Checks.
        var firedRows = (long)(await Scalar(dataSource, "SELECT count(*) FROM onestop.supervision_signals WHERE fired_at IS NOT NULL"))!;
        var firedOutsideRange = (long)(await Scalar(dataSource, "SELECT count(*) FROM onestop.supervision_signals WHERE fired_at IS NOT NULL AND id >= $1", RowId(overdue)))!;
        var raisedEvents = (long)(await Scalar(dataSource, "SELECT count(*) FROM onestop.audit_events WHERE action LIKE '%Raised'"))!;
        var raisedMatched = (long)(await Scalar(dataSource, """
            SELECT count(DISTINCT s.id) FROM onestop.audit_events a
            JOIN onestop.supervision_signals s ON a.subject = s.subject_id::text AND a.action = s.level || 'Raised'
            WHERE s.fired_at IS NOT NULL
            """))!;
        var alerts = (long)(await Scalar(dataSource, "SELECT count(*) FROM onestop.supervision_alerts"))!;
        var rerun = (await Task.WhenAll(Enumerable.Range(0, sweepers).Select(_ => Task.Run(() => sweeper.SweepAsync())))).Sum();
        var stillPending = (long)(await Scalar(dataSource, "SELECT count(*) FROM onestop.supervision_signals WHERE fired_at IS NULL"))!;
        var overdueSeconds = total.Elapsed.TotalSeconds;
        bool Check(bool ok) => allOk &= ok;
        var checks = new[]
        {
            ($"sweepers reported {fired:N0} raised (expected {overdue:N0})", Check(fired == overdue)),
            ($"rows with fired_at set: {firedRows:N0} (expected {overdue:N0}); fired outside the overdue id range: {firedOutsideRange:N0}", Check(firedRows == overdue && firedOutsideRange == 0)),
            ($"audit `…Raised` events: {raisedEvents:N0}, matching a fired signal's subject and level: {raisedMatched:N0} (expected {overdue:N0} each)", Check(raisedEvents == overdue && raisedMatched == overdue)),
            withAlerts
                ? ($"alerts written by AlertRecipientsHandler: {alerts:N0} (expected {overdue:N0}, one supervisor)", Check(alerts == overdue))
                : ($"alerts: {alerts:N0} (--no-alerts: no handler registered, expected 0)", Check(alerts == 0)),
            ($"rerun ({sweepers} sweepers at once) raised {rerun:N0} (expected 0)", Check(rerun == 0)),
            ($"still pending (not due): {stillPending:N0} (expected {rows - overdue:N0})", Check(stillPending == rows - overdue)),
        };
        var overdueOk = overdueSeconds <= 300;
        allOk &= overdueOk;

        Console.WriteLine();
        Line($"Run on {DateTime.UtcNow:yyyy-MM-dd} ({Environment.ProcessorCount} cores, PostgreSQL {version}, .NET {Environment.Version}); " +
             $"handlers in the firing transaction: {(handlers.Count == 0 ? "none (--no-alerts)" : string.Join(", ", handlers))}.");
        Line("");
        Line($"- Rows: {rows:N0} pending signals loaded with binary COPY in {load.Elapsed.TotalSeconds:F1} s (all due in the future; levels Prompt/Yellow/Red).");
        Line($"- Idle sweep (`DeadlineSweeper.SweepAsync()`, nothing due), {idleRuns} runs after one warm-up ({warmUp.Elapsed.TotalMilliseconds:F1} ms): " +
             $"median **{Median(idle):F2} ms**, max {idle[^1]:F2} ms, min {idle[0]:F2} ms wall time; raised {idleFired}.");
        Line($"- Database time of the sweeper's batch statement (`EXPLAIN (ANALYZE, BUFFERS)`, median of 5): planning {planning:F3} ms + execution {execution:F3} ms = " +
             $"**{idleDbMs:F3} ms** — target ≤ 2 ms: **{(idleDbMs <= 2.0 ? "met" : "MISSED")}**; partial index used: **{(usesIndex ? "yes" : "NO")}**.");
        Line($"- Overdue: {overdue:N0} rows made due (UPDATE + ANALYZE, {prep.Elapsed.TotalSeconds:F1} s, not counted); {sweepers} concurrent sweep loops raised them in " +
             $"**{overdueSeconds:F1} s** ({overdue / overdueSeconds:N0} signals/s, {rounds} round(s)) — target ≤ 300 s: **{(overdueOk ? "met" : "MISSED")}**.");
        Line("- Checks:");
        foreach (var (text, ok) in checks)
        {
            Line($"  - {(ok ? "ok" : "FAILED")}: {text}");
        }

        Line("");
        Line("Plan of the sweeper's batch statement with nothing due:");
        Line("");
        Line("```text");
        Line(plan.TrimEnd());
        Line("```");
        Line("");
        Line(allOk ? "All targets and checks met." : "SOME TARGETS OR CHECKS WERE MISSED (see above).");
        return allOk ? 0 : 1;
    }

    /// <summary>The sweeper's batch statement with the parameters it sends (now, batch size), in a transaction rolled back afterwards.</summary>
    private static async Task<(string Plan, double PlanningMs, double ExecutionMs)> ExplainAsync(NpgsqlDataSource dataSource, int runs)
    {
        var plans = new List<(string Plan, double Planning, double Execution)>();
        for (var i = 0; i < runs; i++)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + SweeperStatement, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = Now.ToDateTimeUtc(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = DeadlineSweeper.DefaultBatchSize, NpgsqlDbType = NpgsqlDbType.Integer });
            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    lines.Add(reader.GetString(0));
                }
            }

            await transaction.RollbackAsync();
            var text = string.Join('\n', lines);
            plans.Add((text, Millis(PlanningTime(), text), Millis(ExecutionTime(), text)));
        }

        var ordered = plans.OrderBy(p => p.Planning + p.Execution).ToList();
        var median = ordered[ordered.Count / 2];
        return (median.Plan, median.Planning, median.Execution);
    }

    private static double Millis(Regex pattern, string plan) =>
        pattern.Match(plan) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;

    [GeneratedRegex(@"Planning Time: ([0-9.]+) ms")]
    private static partial Regex PlanningTime();

    [GeneratedRegex(@"Execution Time: ([0-9.]+) ms")]
    private static partial Regex ExecutionTime();

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>Row ids ordered as their index (PostgreSQL compares uuids bytewise), so an id range is an index range.</summary>
    private static Guid RowId(int index) => SyntheticGuid((uint)index);

    private static Guid SyntheticGuid(uint prefix) =>
        Guid.ParseExact(prefix.ToString("x8", CultureInfo.InvariantCulture) + "-0000-7000-8000-000000000000", "D");

    private static async Task Execute(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return await command.ExecuteScalarAsync();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
