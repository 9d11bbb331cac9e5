using System.Diagnostics;
using System.Globalization;
using Npgsql;
using OneStop.Workflows.Benchmarks.EndToEnd;
using OneStop.Workflows.Testing.Postgres;

namespace OneStop.Workflows.Benchmarks.Ui;

/// <summary>
/// Issue 12, scenario 8 (cold start): the Release server started on a database holding the web UI benchmark's centre
/// (100k open tasks, 1M pending signals; <see cref="UiSeed"/>) until <c>/health</c> answers 200, several times, and once on an
/// empty database for comparison; with the server's resident memory right after, which shows whether anything was loaded
/// in full. Target: ready in ≤ 10 s.
/// </summary>
internal static class ColdStartCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = UiBenchOptions.Parse(args);
        var starts = args.SkipWhile(a => a != "--starts").Skip(1).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).FirstOrDefault(3);
        var root = LoadCommand.RepositoryRoot();
        PostgresServer? postgres = null;
        try
        {
            string seeded;
            if (options.Connection is { } given)
            {
                seeded = given;
            }
            else
            {
                postgres = await PostgresServer.StartAsync(durable: true);
                seeded = await postgres.CreateDatabaseAsync("coldstart");
            }

            if (!options.NoSeed)
            {
                UiSeed.Print(await UiSeed.SeedAsync(seeded, options));
            }

            var empty = postgres is null ? null : await postgres.CreateDatabaseAsync("coldstart_empty");
            var rows = new List<string>();
            if (empty is not null)
            {
                // The first start on an empty database migrates and seeds the demo centre: the second is the comparison.
                await StartAsync(root, empty, skipBuild: true);
                var (time, rss) = await StartAsync(root, empty, skipBuild: true);
                rows.Add(Row("empty database (demo centre only), second start", await CountsAsync(empty), time, rss));
            }

            var counts = await CountsAsync(seeded);
            var times = new List<double>();
            for (var i = 1; i <= starts; i++)
            {
                var (time, rss) = await StartAsync(root, seeded, skipBuild: true);
                times.Add(time.TotalSeconds);
                rows.Add(Row($"seeded centre, start {i}", counts, time, rss));
            }

            Console.WriteLine();
            Console.WriteLine($"## Cold start, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            Console.WriteLine();
            Console.WriteLine($"Command: `dotnet run -c Release --project tests/OneStop.Workflows.Benchmarks -- cold-start {string.Join(' ', args)}`");
            Console.WriteLine();
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; PostgreSQL on the same machine (durable settings); the Release server as a child process (`dotnet OneStop.Workflows.Server.dll`), from process start to the first `GET /health` 200 (polled every 250 ms).");
            Console.WriteLine();
            Console.WriteLine("| database | open cases | pending signals | to health 200 (s) | resident memory after (MB) |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            rows.ForEach(Console.WriteLine);
            var worst = times.Max();
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Slowest start on the seeded centre: {worst:F1} s (target ≤ 10 s: {(worst <= 10 ? "met" : "**missed**")})."));
            return worst <= 10 ? 0 : 1;
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }
    }

    private static async Task<(TimeSpan Time, double RssMb)> StartAsync(string root, string connectionString, bool skipBuild)
    {
        var clock = Stopwatch.StartNew();
        await using var server = await ServerProcess.StartAsync(root, connectionString, LoadCommand.FreePort(), skipBuild);
        var time = clock.Elapsed;
        return (time, ResidentMb(server.ProcessId));
    }

    private static double ResidentMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static async Task<(long Cases, long Signals)> CountsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var cases = dataSource.CreateCommand("SELECT count(*) FROM onestop.cases WHERE status NOT IN ('Completed', 'NotAccepted')");
        await using var signals = dataSource.CreateCommand("SELECT count(*) FROM onestop.supervision_signals WHERE fired_at IS NULL");
        return ((long)(await cases.ExecuteScalarAsync())!, (long)(await signals.ExecuteScalarAsync())!);
    }

    private static string Row(string name, (long Cases, long Signals) counts, TimeSpan time, double rss) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {counts.Cases:N0} | {counts.Signals:N0} | {time.TotalSeconds:F1} | {rss:F0} |");
}
