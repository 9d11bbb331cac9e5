using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace OneStop.Workflows.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL server for tests. By default it runs <c>initdb</c> and <c>pg_ctl</c> on a temp
/// folder and listens on a free loopback port. If the environment variable <c>ONESTOP_TEST_POSTGRES</c> is
/// set, it is used as an admin connection string to an existing server instead and nothing is started.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    public const string ExternalServerVariable = "ONESTOP_TEST_POSTGRES";

    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);

    // runuser lives in /usr/sbin, which is not always on PATH.
    private static readonly Lazy<string> RunUser = new(() =>
        ProcessRunner.FindOnPath("runuser") ?? new[] { "/usr/sbin/runuser", "/sbin/runuser" }.FirstOrDefault(File.Exists) ?? "runuser");

    private readonly string? _rootDir;
    private readonly string? _dataDir;
    private readonly string? _pgCtl;
    private readonly bool _runAsPostgres;
    private readonly List<(string Name, string ConnectionString)> _databases = [];
    private readonly Lock _gate = new();
    private EventHandler? _processExitHandler;
    private int _disposed;

    private PostgresServer(string adminConnectionString, string? rootDir, string? dataDir, string? pgCtl, bool runAsPostgres)
    {
        AdminConnectionString = adminConnectionString;
        _rootDir = rootDir;
        _dataDir = dataDir;
        _pgCtl = pgCtl;
        _runAsPostgres = runAsPostgres;
    }

    /// <summary>Admin connection string (database <c>postgres</c>, user <c>postgres</c>).</summary>
    public string AdminConnectionString { get; private set; }

    /// <summary>The server's data folder (its <c>postmaster.pid</c> names the postmaster), or null for an external server.</summary>
    public string? DataDirectory => _dataDir;

    /// <summary>The folder of the PostgreSQL binaries in use (pgbench lives there too), or null for an external server.</summary>
    public string? BinDirectory => _pgCtl is null ? null : Path.GetDirectoryName(_pgCtl);

    /// <summary>True when an existing server from <c>ONESTOP_TEST_POSTGRES</c> is used.</summary>
    /// <summary>Extra <c>postgres</c> options for a throwaway server (profiling only).</summary>
    public const string ExtraOptionsVariable = "ONESTOP_TEST_POSTGRES_OPTIONS";

    public bool IsExternal => _rootDir is null;

    /// <summary>Starts a throwaway server tuned for tests: fsync, synchronous commit and full-page writes off.</summary>
    public static Task<PostgresServer> StartAsync(CancellationToken ct = default) => StartAsync(durable: false, ct);

    /// <summary>
    /// Starts a throwaway server; with <paramref name="durable"/> it keeps PostgreSQL's defaults for fsync, synchronous commit
    /// and full-page writes, as production does (the end-to-end load driver measures with them on).
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool durable, CancellationToken ct = default)
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(external, null, null, null, runAsPostgres: false);
        }

        var (initDb, pgCtl) = ProcessRunner.FindPostgresBinaries(ExternalServerVariable);
        var runAsPostgres = ProcessRunner.IsRoot();
        var rootDir = Path.Combine(Path.GetTempPath(), "onestop-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var dataDir = Path.Combine(rootDir, "data");
        var socketDir = Path.Combine(rootDir, "sock");
        var logFile = Path.Combine(rootDir, "server.log");
        var server = new PostgresServer(string.Empty, rootDir, dataDir, pgCtl, runAsPostgres);
        try
        {
            Directory.CreateDirectory(socketDir);
            if (!OperatingSystem.IsWindows())
            {
                const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
                File.SetUnixFileMode(rootDir, mode);
                File.SetUnixFileMode(socketDir, mode);
            }

            if (runAsPostgres)
            {
                await ProcessRunner.RunCheckedAsync("chown", ["-R", "postgres:postgres", rootDir], ProcessTimeout, rootDir, ct).ConfigureAwait(false);
            }

            var help = await server.RunPgAsync(initDb, ["--help"], checkExitCode: false, ct).ConfigureAwait(false);
            List<string> initArgs = ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale"];
            if (help.StandardOutput.Contains("--no-sync", StringComparison.Ordinal))
            {
                initArgs.Add("--no-sync");
            }

            await server.RunPgAsync(initDb, initArgs, checkExitCode: true, ct).ConfigureAwait(false);

            var port = ProcessRunner.GetFreeLoopbackPort();
            server.AdminConnectionString =
                $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres";
            string[] relaxed = durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"];
            // ONESTOP_TEST_POSTGRES_OPTIONS adds server options for a look inside, e.g.
            // "-c shared_preload_libraries=pg_stat_statements" while profiling the load (docs/benchmarks.md).
            string[] extra = Environment.GetEnvironmentVariable(ExtraOptionsVariable) is { Length: > 0 } more ? [more] : [];
            var options = string.Join(' ',
                [$"-p {port}", "-c listen_addresses=127.0.0.1", $"-k '{socketDir}'", .. relaxed, "-c max_connections=300", "-c shared_buffers=128MB", .. extra]);
            server._processExitHandler = (_, _) => server.StopOnProcessExit();
            AppDomain.CurrentDomain.ProcessExit += server._processExitHandler;
            var start = await server.RunPgAsync(
                pgCtl, ["-w", "-t", "60", "-D", dataDir, "-l", logFile, "start", "-o", options], checkExitCode: false, ct).ConfigureAwait(false);
            if (start.ExitCode != 0)
            {
                var log = File.Exists(logFile) ? await File.ReadAllTextAsync(logFile, ct).ConfigureAwait(false) : "(no server log written)";
                throw new InvalidOperationException(
                    $"PostgreSQL server failed to start.{Environment.NewLine}{start.Describe()}{Environment.NewLine}--- {logFile} ---{Environment.NewLine}{log}");
            }

            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Creates a fresh, empty database (from <c>template0</c>, UTF8) and returns a connection string for it.
    /// Without <paramref name="name"/> a unique name is generated; a given name is used as is.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        name ??= "onestop_test_" + Guid.NewGuid().ToString("N")[..16];
        if (!DatabaseNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Database name '{name}' must match {DatabaseNamePattern()}.", nameof(name));
        }

        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = name,
            IncludeErrorDetail = true,
            MaxPoolSize = 100,
            // Every test has its own database, and EF keeps each connection string's pool for the whole process: close
            // idle connections after a few seconds, or finished tests' pools add up against max_connections.
            ConnectionIdleLifetime = 3,
            ConnectionPruningInterval = 1,
        }.ConnectionString;

        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        lock (_gate)
        {
            _databases.Add((name, connectionString));
        }

        return connectionString;
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m immediate</c>) and deletes its folder, or drops the created databases on an external server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_processExitHandler is not null)
        {
            AppDomain.CurrentDomain.ProcessExit -= _processExitHandler;
        }

        List<(string Name, string ConnectionString)> databases;
        lock (_gate)
        {
            databases = [.. _databases];
            _databases.Clear();
        }

        foreach (var (_, connectionString) in databases)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        }

        if (IsExternal)
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            foreach (var (name, _) in databases)
            {
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            return;
        }

        if (AdminConnectionString.Length > 0)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(AdminConnectionString));
        }

        await StopAndDeleteAsync().ConfigureAwait(false);
    }

    private async Task StopAndDeleteAsync()
    {
        if (_pgCtl is not null && _dataDir is not null && File.Exists(Path.Combine(_dataDir, "postmaster.pid")))
        {
            int exitCode;
            try
            {
                var stop = await RunPgAsync(_pgCtl, ["-w", "-t", "30", "-D", _dataDir, "stop", "-m", "immediate"], checkExitCode: false, CancellationToken.None)
                    .ConfigureAwait(false);
                exitCode = stop.ExitCode;
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
            {
                exitCode = -1;
            }

            if (exitCode != 0)
            {
                ProcessRunner.KillPostmaster(_dataDir);
            }
        }

        if (_rootDir is not null && Directory.Exists(_rootDir))
        {
            try
            {
                Directory.Delete(_rootDir, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: the folder is in the temp directory and harmless if left behind.
            }
        }
    }

    private void StopOnProcessExit()
    {
        try
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"PostgresServer: cleanup at process exit failed: {ex.Message}");
        }
    }

    /// <summary>Runs a PostgreSQL binary, through <c>runuser -u postgres</c> when the current user is root.</summary>
    private Task<ProcessResult> RunPgAsync(string binary, IEnumerable<string> arguments, bool checkExitCode, CancellationToken ct)
    {
        var (fileName, args) = _runAsPostgres
            ? (RunUser.Value, new[] { "-u", "postgres", "--", binary }.Concat(arguments))
            : (binary, arguments);
        return checkExitCode
            ? ProcessRunner.RunCheckedAsync(fileName, args, ProcessTimeout, _rootDir, ct)
            : ProcessRunner.RunAsync(fileName, args, ProcessTimeout, _rootDir, ct);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex DatabaseNamePattern();
}
