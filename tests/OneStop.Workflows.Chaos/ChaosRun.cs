using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;
using OneStop.Workflows.Benchmarks.EndToEnd;
using OneStop.Workflows.Chaos.Invariants;
using OneStop.Workflows.Testing.Postgres;

namespace OneStop.Workflows.Chaos;

/// <summary>
/// What every scenario shares: a durable throwaway PostgreSQL with one database, the Release server on it (a short sweep
/// interval, so due cards fire within seconds), the driver's HTTP client and the Markdown report it prints.
/// </summary>
internal sealed class ChaosRun : IAsyncDisposable
{
    /// <summary>The sweep interval the scenarios run the server with (seconds).</summary>
    public const int SweepSeconds = 5;

    private readonly StringBuilder _report = new();
    private readonly bool _skipBuild;
    private readonly int _port = OneStop.Workflows.Benchmarks.EndToEnd.LocalMachine.FreePort();
    private readonly Lock _logGate = new();
    private StreamWriter? _log;
    private int _started;

    private ChaosRun(PostgresServer postgres, string connectionString, bool skipBuild)
    {
        Postgres = postgres;
        ConnectionString = connectionString;
        _skipBuild = skipBuild;
    }

    public PostgresServer Postgres { get; }

    public string ConnectionString { get; }

    public ServerProcess? Server { get; private set; }

    public ChaosHttp Http { get; private set; } = null!;

    public string Root { get; } = OneStop.Workflows.Benchmarks.EndToEnd.LocalMachine.RepositoryRoot();

    public static async Task<ChaosRun> StartAsync(bool skipBuild)
    {
        var postgres = await PostgresServer.StartAsync(durable: true);
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("onestop_chaos"))
        {
            ConnectionIdleLifetime = 300,
            ConnectionPruningInterval = 10,
        }.ConnectionString;
        var run = new ChaosRun(postgres, connectionString, skipBuild);
        await run.StartServerAsync();
        return run;
    }

    /// <summary>Starts the server on the same database and port (the first start builds it unless told not to) and signs the staff in.</summary>
    public async Task StartServerAsync()
    {
        Server = await ServerProcess.StartAsync(Root, ConnectionString, _port, _skipBuild || _started++ > 0, new Dictionary<string, string>
        {
            ["Supervision__SweepIntervalSeconds"] = SweepSeconds.ToString(CultureInfo.InvariantCulture),
        }, WriteServerLog);
        Http ??= new ChaosHttp(Server.BaseAddress);
        await Http.SignInAsync();
    }

    /// <summary>The server's output (every start appends), kept out of the report: a database outage logs hundreds of expected errors.</summary>
    public string ServerLog { get; } = Path.Combine(Path.GetTempPath(), $"onestop-chaos-{DateTime.UtcNow:yyyyMMdd-HHmmss}-server.log");

    private void WriteServerLog(string line)
    {
        lock (_logGate)
        {
            _log ??= new StreamWriter(ServerLog, append: true) { AutoFlush = true };
            _log.WriteLine(line);
        }
    }

    /// <summary>kill -9 of the server.</summary>
    public async Task KillServerAsync()
    {
        await Server!.KillAsync();
        await Server.DisposeAsync();
        Server = null;
    }

    public void Line(string text = "")
    {
        Console.WriteLine(text);
        _report.AppendLine(text);
    }

    /// <summary>The report's header: title, command, machine (with the load average: the machine may be shared).</summary>
    public async Task HeaderAsync(string title, string[] args)
    {
        Line($"## Chaos: {title}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line();
        Line($"Command: `dotnet run -c Release --project tests/OneStop.Workflows.Chaos -- {string.Join(' ', args)}`");
        Line();
        Line($"Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024)).ToString("F0", CultureInfo.InvariantCulture)} GiB; " +
             $".NET {Environment.Version}; {await ServerVersionAsync()} (fsync on); server and PostgreSQL on the same machine; load average at start {LoadAverage()}; sweep every {SweepSeconds} s; the server's log: {ServerLog}.");
        Line();
    }

    /// <summary>Runs the invariant check, prints its table and answers whether every invariant held.</summary>
    /// <param name="seededCasePrefix">Bulk-seeded cases to leave out of the case-structure invariants (<see cref="InvariantInput.SeededCasePrefix"/>).</param>
    public async Task<bool> CheckInvariantsAsync(string? seededCasePrefix = null)
    {
        var results = await InvariantCheck.RunAsync(new InvariantInput(ConnectionString, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(SweepSeconds),
            Http.Acknowledged.ToArray(), Http.ResendAsync) { SeededCasePrefix = seededCasePrefix });
        Line("Invariant check:");
        Line();
        Line(InvariantResult.Header);
        foreach (var result in results)
        {
            Line(result.Row());
        }

        Line();
        return results.All(r => r.Passed);
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private async Task<string> ServerVersionAsync()
    {
        await using var connection = new NpgsqlConnection(Postgres.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return "PostgreSQL " + await command.ExecuteScalarAsync();
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";


    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        await Postgres.DisposeAsync();
        lock (_logGate)
        {
            _log?.Dispose();
            _log = null;
        }
    }
}
