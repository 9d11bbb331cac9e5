using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using OneStop.Workflows.Testing.Postgres;

namespace OneStop.Workflows.Benchmarks.EndToEnd;

/// <summary>
/// The end-to-end load driver (issue 9): <c>dotnet run -c Release --project tests/OneStop.Workflows.Benchmarks -- load …</c>
/// (options in <see cref="LoadOptions.Usage"/>). Starts a durable PostgreSQL (fsync on), measures the pgbench step ceiling
/// on it, starts the Release server against it, then plays whole cases (<see cref="CasePlayer"/>) with N virtual users for
/// T seconds per level — or offers a fixed number of cases per second (paced) — and prints a Markdown report: cases/s,
/// decision and whole-case latencies, PostgreSQL transactions per case (pg_stat_database), server and PostgreSQL CPU per
/// case (/proc), errors, and a check in the database that every played case is completed.
/// </summary>
internal static class LoadCommand
{
    private const string Database = "onestop_load";

    public static async Task<int> RunAsync(string[] args)
    {
        if (LoadOptions.Parse(args, Console.Error) is not { } options)
        {
            return 2;
        }

        var root = RepositoryRoot();
        var report = new StringBuilder();
        void Line(string text = "")
        {
            Console.WriteLine(text);
            report.AppendLine(text);
        }

        await using var postgres = await PostgresServer.StartAsync(durable: true);
        var pgbenchTps = options.PgBenchSeconds > 0
            ? await PgBenchBaseline.RunAsync(postgres, options.PgBenchClients, options.PgBenchSeconds)
            : double.NaN;
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync(Database))
        {
            ConnectionIdleLifetime = 300, // the server's own pooling, as in production
            ConnectionPruningInterval = 10,
        }.ConnectionString;
        await using var server = await ServerProcess.StartAsync(root, connectionString, FreePort(), options.SkipBuild);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
        {
            BaseAddress = server.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var player = new CasePlayer(http, await SignInAsync(http));
        var played = new ConcurrentBag<string>();
        var runKey = Guid.NewGuid().ToString("N")[..8];

        if (options.WarmupSeconds > 0)
        {
            Console.WriteLine($"Warming up: {options.UserLevels[0]} users for {options.WarmupSeconds} s …");
            await ClosedLoopAsync(player, new LoadRecorder(), options.UserLevels[0], TimeSpan.FromSeconds(options.WarmupSeconds), played, runKey + "w");
        }

        Line($"## End-to-end load, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line();
        Line($"Command: `dotnet run -c Release --project tests/OneStop.Workflows.Benchmarks -- load {string.Join(' ', args)}`");
        Line();
        Line($"Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {MemoryGiB()} GiB; .NET {Environment.Version}; {await ServerVersionAsync(postgres)} (fsync on, synchronous_commit on); server and PostgreSQL on the same machine; flow: {CasePlayer.ServiceItem}, submit → read → accept → read → {CasePlayer.Reviewers.Length} review decisions at once.");
        Line();
        Line(double.IsNaN(pgbenchTps)
            ? "pgbench step baseline: not run."
            : $"pgbench step baseline (2 KB jsonb update + journal insert + task upsert, {options.PgBenchClients} clients, {options.PgBenchSeconds} s): **{pgbenchTps:F0} transactions/s**.");
        Line();
        Line("| load | completed cases/s | review decision p50 / p95 / p99 (ms) | acceptance p50 / p99 (ms) | whole case p50 / p99 (ms) | PG transactions per case | server CPU ms per case | PG CPU ms per case | WAL KB per case | errors |");
        Line("|---|---|---|---|---|---|---|---|---|---|");
        var errors = 0;
        var measuredCases = 0;
        var writesBefore = await WriteSnapshot.TakeAsync(connectionString);
        foreach (var users in options.UserLevels)
        {
            var result = await MeasureAsync(postgres, server, (recorder, done) =>
                ClosedLoopAsync(player, recorder, users, TimeSpan.FromSeconds(options.Seconds), done, runKey + users), played);
            errors += result.Recorder.ErrorCount;
            measuredCases += result.Cases;
            Line(result.Row($"{users} users × {options.Seconds} s"));
        }

        if (options.PacedCasesPerSecond is { } rate)
        {
            var result = await MeasureAsync(postgres, server, (recorder, done) =>
                PacedAsync(player, recorder, rate, TimeSpan.FromSeconds(options.Seconds), done, runKey + "p"), played);
            errors += result.Recorder.ErrorCount;
            measuredCases += result.Cases;
            Line(result.Row($"paced {rate} cases/s × {options.Seconds} s"));
        }

        Line();
        Line((await WriteSnapshot.TakeAsync(connectionString)).PerCase(writesBefore, measuredCases));

        var notCompleted = await NotCompletedAsync(connectionString, played);
        Line();
        Line($"Check: {played.Count:N0} cases played, {notCompleted:N0} of them not completed in the database; {errors:N0} errors.");
        return notCompleted == 0 && errors == 0 ? 0 : 1;
    }

    private static async Task ClosedLoopAsync(CasePlayer player, LoadRecorder recorder, int users, TimeSpan duration, ConcurrentBag<string> done, string runKey)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, users).Select(async user =>
        {
            while (clock.Elapsed < duration)
            {
                if (await player.PlayAsync(recorder, $"{runKey}-{user}", CancellationToken.None) is { } id)
                {
                    done.Add(id);
                }
            }
        }));
    }

    private static async Task PacedAsync(CasePlayer player, LoadRecorder recorder, int casesPerSecond, TimeSpan duration, ConcurrentBag<string> done, string runKey)
    {
        var clock = Stopwatch.StartNew();
        var cases = new List<Task>();
        for (var i = 0; ; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / casesPerSecond);
            if (due >= duration)
            {
                break;
            }

            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var number = i;
            cases.Add(Task.Run(async () =>
            {
                if (await player.PlayAsync(recorder, $"{runKey}-{number}", CancellationToken.None) is { } id)
                {
                    done.Add(id);
                }
            }));
        }

        await Task.WhenAll(cases);
    }

    private static async Task<LevelResult> MeasureAsync(PostgresServer postgres, ServerProcess server,
        Func<LoadRecorder, ConcurrentBag<string>, Task> load, ConcurrentBag<string> played)
    {
        var recorder = new LoadRecorder();
        var done = new ConcurrentBag<string>();
        var transactionsBefore = await TransactionsAsync(postgres);
        var walBefore = (await WriteSnapshot.TakeAsync(postgres.AdminConnectionString)).WalBytes;
        var serverCpu = server.CpuTime;
        var postgresCpu = ProcessCpu.OfPostgres(postgres.DataDirectory!);
        var clock = Stopwatch.StartNew();
        await load(recorder, done);
        var elapsed = clock.Elapsed;
        var serverCpuUsed = server.CpuTime - serverCpu;
        var postgresCpuUsed = ProcessCpu.OfPostgres(postgres.DataDirectory!) - postgresCpu;
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // backends publish their transaction counts within a second of going idle
        var transactions = await TransactionsAsync(postgres) - transactionsBefore;
        var wal = (await WriteSnapshot.TakeAsync(postgres.AdminConnectionString)).WalBytes - walBefore;
        foreach (var id in done)
        {
            played.Add(id);
        }

        return new LevelResult(recorder, done.Count, elapsed, transactions, serverCpuUsed, postgresCpuUsed, wal);
    }

    private sealed record LevelResult(LoadRecorder Recorder, int Cases, TimeSpan Elapsed, long Transactions, TimeSpan ServerCpu, TimeSpan PostgresCpu, long WalBytes)
    {
        public string Row(string label)
        {
            var per = Math.Max(Cases, 1);
            var r = Recorder;
            return string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {Cases / Elapsed.TotalSeconds:F1} ({Cases:N0} in {Elapsed.TotalSeconds:F1} s) | {r.Percentile("review", 50):F1} / {r.Percentile("review", 95):F1} / {r.Percentile("review", 99):F1} | {r.Percentile("accept", 50):F1} / {r.Percentile("accept", 99):F1} | {r.Percentile("case", 50):F0} / {r.Percentile("case", 99):F0} | {(double)Transactions / per:F1} | {ServerCpu.TotalMilliseconds / per:F1} | {PostgresCpu.TotalMilliseconds / per:F1} | {WalBytes / per / 1024:F1} | {r.ErrorCount}{Describe(r.Errors)} |");
        }

        private static string Describe(IReadOnlyDictionary<string, int> errors) =>
            errors.Count == 0 ? string.Empty : " (" + string.Join("; ", errors.OrderByDescending(e => e.Value).Take(3).Select(e => $"{e.Value}× {e.Key.Replace('|', '/')}")) + ")";
    }

    internal static async Task<IReadOnlyDictionary<string, string>> SignInAsync(HttpClient http)
    {
        var tokens = new Dictionary<string, string>();
        foreach (var user in CasePlayer.Users)
        {
            using var response = await http.PostAsJsonAsync("/api/auth/token", new { userName = user, password = "Demo123!" });
            var text = await response.Content.ReadAsStringAsync();
            tokens[user] = response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(text)?["accessToken"]?.GetValue<string>() is { } token
                ? token
                : throw new InvalidOperationException($"Signing in as {user} failed: HTTP {(int)response.StatusCode} {text}");
        }

        return tokens;
    }

    private static async Task<long> TransactionsAsync(PostgresServer postgres)
    {
        await using var connection = new NpgsqlConnection(postgres.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", Database);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> NotCompletedAsync(string connectionString, IEnumerable<string> caseIds)
    {
        var ids = caseIds.Select(Guid.Parse).ToArray();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT @count - count(*) FROM onestop.cases WHERE id = ANY(@ids) AND status = 'Completed'", connection);
        command.Parameters.AddWithValue("count", (long)ids.Length);
        command.Parameters.AddWithValue("ids", ids);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    internal static async Task<string> ServerVersionAsync(PostgresServer postgres)
    {
        await using var connection = new NpgsqlConnection(postgres.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return "PostgreSQL " + await command.ExecuteScalarAsync();
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    private static string MemoryGiB() =>
        (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024)).ToString("F0", CultureInfo.InvariantCulture);

    internal static int FreePort() => LocalMachine.FreePort();

    internal static string RepositoryRoot() => LocalMachine.RepositoryRoot();
}
