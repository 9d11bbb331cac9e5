using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Home;
using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Benchmarks.Ui;

/// <summary>
/// <c>ui</c>: seeds a throwaway PostgreSQL (or measures <c>--connection</c> with <c>--no-seed</c>), then runs the web UI's
/// reads as the pages call them — the real use cases in process, a fresh DI scope (and DbContext) per call, like
/// <c>UseCaseRunner</c> — and, unless <c>--no-render</c>, the real server's pages (<see cref="UiRender"/>). Prints a
/// Markdown report: p50/p95/p99/max per read against the acceptance's targets, and the EXPLAINs of the inbox and board statements.
/// </summary>
internal static class UiCommand
{
    private const int Warmup = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = UiBenchOptions.Parse(args);
        Testing.Postgres.PostgresServer? server = null;
        try
        {
            string connectionString;
            UiSeed.Stats? stats = null;
            if (options.Connection is { } given)
            {
                connectionString = given;
            }
            else
            {
                // Durable settings as in production: with the test cluster's synchronous_commit=off, a VACUUM right after the
                // seed's COPY cannot set the rows' commit hint bits (their commit is not yet flushed) and so marks no page
                // all-visible — the board's index-only scans then read every heap page (docs/benchmarks.md).
                server = await Testing.Postgres.PostgresServer.StartAsync(durable: true);
                connectionString = await server.CreateDatabaseAsync();
            }

            if (!options.NoSeed)
            {
                Console.WriteLine($"Seeding {options.Tasks:N0} open tasks and {options.Signals:N0} pending signals …");
                stats = await UiSeed.SeedAsync(connectionString, options);
                UiSeed.Print(stats);
            }

            return await MeasureAsync(connectionString, options, stats);
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task<int> MeasureAsync(string connectionString, UiBenchOptions options, UiSeed.Stats? stats)
    {
        await using var provider = UiServices.Build(connectionString);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var version = await ScalarAsync(dataSource, "SHOW server_version");
        // The board, the supervisor's desk and the signal list count with index-only scans (ADR 0010): as fast as the
        // signal table's pages are marked all-visible, which autovacuum keeps up in service. The seed vacuums; when pages are
        // still unmarked, vacuum once more. Reported either way.
        var visibleBefore = await VisibleShareAsync(dataSource);
        var visible = visibleBefore;
        if (visible < 0.99)
        {
            await using var vacuum = dataSource.CreateCommand("VACUUM (ANALYZE) onestop.supervision_signals");
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync();
            visible = await VisibleShareAsync(dataSource);
        }

        var perDepartment = await ScalarAsync(dataSource, "SELECT count(*) FROM onestop.tasks WHERE department = 'market' AND status IN ('Open', 'Paused')");
        var reviewer = new Actor("reviewer.market", Role.Reviewer, "market");
        var supervisor = new Actor("supervisor", Role.Supervisor, null);
        // The demo centre's approval bureau reviewer (home drc, further resources and ecology; ADR 0011), as sign-in makes its actor.
        var three = await BureauReviewerAsync(provider);
        var deep = Math.Max(0, (int.Parse(perDepartment, System.Globalization.CultureInfo.InvariantCulture) / 20) - 1);
        var deep3 = Math.Max(0, (deep * 3) - 1);

        var reads = new List<Read>
        {
            new("ListTasks, 1 department, newest first, page 0", 30, (sp, ct) => Inbox(sp, new(ListTasks.Scope.Department, 0, 20), reviewer, ct)),
            new($"ListTasks, 1 department, newest first, page {deep} (last)", 30, (sp, ct) => Inbox(sp, new(ListTasks.Scope.Department, deep, 20), reviewer, ct)),
            new("ListTasks, 1 department, by due (the inbox page's order), page 0", 30, (sp, ct) => Inbox(sp, new(ListTasks.Scope.Department, 0, 20, ListTasks.Order.Due), reviewer, ct)),
            new($"ListTasks, 1 department, by due, page {deep} (last)", 30, (sp, ct) => Inbox(sp, new(ListTasks.Scope.Department, deep, 20, ListTasks.Order.Due), reviewer, ct)),
            new("ListTasks, mine (assigned to me), by due, page 0", 30, (sp, ct) => Inbox(sp, new(ListTasks.Scope.Mine, 0, 20, ListTasks.Order.Due), reviewer, ct)),
            new("ListTasks, 3 departments (reviewer.bureau), by due, page 0", 75, (sp, ct) => Inbox(sp, new(ListTasks.Scope.Department, 0, 20, ListTasks.Order.Due), three, ct)),
            new($"ListTasks, 3 departments, by due, page {deep3} (last)", 75, (sp, ct) => Inbox(sp, new(ListTasks.Scope.Department, deep3, 20, ListTasks.Order.Due), three, ct)),
            new("ListTasks, 3 departments, newest first, page 0", 75, (sp, ct) => Inbox(sp, new(ListTasks.Scope.Department, 0, 20), three, ct)),
            new("GetCardBoard by department", 100, (sp, ct) => Ok(sp.GetRequiredService<GetCardBoard>().ExecuteAsync(new(GetCardBoard.GroupBy.Department), supervisor, ct))),
            new("GetCardBoard by service item", 100, (sp, ct) => Ok(sp.GetRequiredService<GetCardBoard>().ExecuteAsync(new(GetCardBoard.GroupBy.ServiceItem), supervisor, ct))),
            new("GetMyDesk (reviewer)", null, (sp, ct) => Ok(sp.GetRequiredService<GetMyDesk>().ExecuteAsync(new(), reviewer, ct))),
            new("GetMyDesk (supervisor)", null, (sp, ct) => Ok(sp.GetRequiredService<GetMyDesk>().ExecuteAsync(new(), supervisor, ct))),
            new("ListSignals, first page (supervisor)", null, (sp, ct) => Ok(sp.GetRequiredService<ListSignals>().ExecuteAsync(new(null, null, null, null, null, 0, 20), supervisor, ct))),
        };

        var report = new StringBuilder();
        void Line(string text)
        {
            Console.WriteLine(text);
            report.AppendLine(text);
        }

        var allMet = true;
        Line("");
        Line($"Run on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC ({Environment.ProcessorCount} cores, PostgreSQL {version}, .NET {Environment.Version}); " +
             $"{perDepartment} open tasks in `market`; {options.Iterations} timed calls per read after {Warmup} warm-up calls, one DI scope each; " +
             $"supervision_signals pages all-visible: {visible:P1}" + (visible == visibleBefore ? "." : $" (was {visibleBefore:P1} before a second VACUUM)."));
        Line("");
        Line("| Read (use case, as the page calls it) | p50 ms | p95 ms | p99 ms | max ms | target p99 | met |");
        Line("|---|---:|---:|---:|---:|---:|---|");
        foreach (var read in reads)
        {
            var times = await TimeAsync(provider, read, options.Iterations);
            var p99 = Percentile(times, 0.99);
            var met = read.TargetMs is not { } target || p99 <= target;
            allMet &= met;
            Line($"| {read.Name} | {Percentile(times, 0.50):F1} | {Percentile(times, 0.95):F1} | {p99:F1} | {times[^1]:F1} | {(read.TargetMs is { } t ? $"≤ {t}" : "—")} | {(read.TargetMs is null ? "—" : met ? "met" : "**missed**")} |");
        }

        Line("");
        foreach (var name in new[] { "ListTasks, 1 department, by due (the inbox page's order), page 0", "ListTasks, 3 departments (reviewer.bureau), by due, page 0", "GetCardBoard by department",
            "GetCardBoard by service item", "GetMyDesk (supervisor)", "ListSignals, first page (supervisor)" })
        {
            var read = reads.Single(r => r.Name == name);
            ExplainInterceptor.Instance.Plans.Clear();
            ExplainInterceptor.Instance.Capturing = true;
            await CallAsync(provider, read);
            ExplainInterceptor.Instance.Capturing = false;
            Line($"Statements of «{name}» with their plans (`EXPLAIN (ANALYZE, BUFFERS)` on the same connection, same parameters):");
            Line("");
            Line("```text");
            foreach (var (sql, plan) in ExplainInterceptor.Instance.Plans)
            {
                Line(sql.Trim());
                Line("--");
                Line(string.Join('\n', plan.Trim().Split('\n').Select(l => l.Length > 240 ? l[..240] + " …" : l)));
                Line("");
            }

            Line("```");
            Line("");
        }

        if (!options.NoRender)
        {
            allMet &= await UiRender.RunAsync(connectionString, options.SkipBuild || stats is not null, Line);
        }

        Line(allMet ? "All targets met." : "SOME TARGETS WERE MISSED (see above).");
        var path = Path.Combine(Path.GetTempPath(), $"onestop-ui-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
        await File.WriteAllTextAsync(path, report.ToString());
        Console.WriteLine($"(Report also written to {path}.)");
        return allMet ? 0 : 1;
    }

    private sealed record Read(string Name, int? TargetMs, Func<IServiceProvider, CancellationToken, Task> Call);

    private static async Task Inbox(IServiceProvider sp, ListTasks.Query query, Actor actor, CancellationToken ct) =>
        await Ok(sp.GetRequiredService<ListTasks>().ExecuteAsync(query, actor, ct));

    /// <summary>The stored <c>reviewer.bureau</c> as the actor sign-in builds (its claims carry the same departments).</summary>
    private static async Task<Actor> BureauReviewerAsync(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneStopDbContext>();
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.UserName == "reviewer.bureau");
        var actor = Actor.Of(user);
        return actor.Departments.Count == 3 ? actor : throw new InvalidOperationException($"reviewer.bureau works for {string.Join(", ", actor.Departments)}, not three departments.");
    }

    private static async Task Ok<T>(Task<Result<T>> call)
    {
        var result = await call;
        if (result.Refusal is { } refusal)
        {
            throw new InvalidOperationException($"Refused: {refusal.Code} {refusal.Message}");
        }
    }

    private static async Task CallAsync(ServiceProvider provider, Read read)
    {
        await using var scope = provider.CreateAsyncScope();
        await read.Call(scope.ServiceProvider, CancellationToken.None);
    }

    private static async Task<List<double>> TimeAsync(ServiceProvider provider, Read read, int iterations)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await CallAsync(provider, read);
        }

        var times = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            await CallAsync(provider, read);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times;
    }

    /// <summary>Nearest-rank percentile of a sorted list.</summary>
    internal static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task<double> VisibleShareAsync(NpgsqlDataSource dataSource) => double.Parse(
        await ScalarAsync(dataSource, "SELECT coalesce(relallvisible::float8 / nullif(relpages, 0), 1) FROM pg_class WHERE oid = 'onestop.supervision_signals'::regclass"),
        System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
