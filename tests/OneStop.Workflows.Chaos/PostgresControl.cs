using System.Diagnostics;
using System.Globalization;
using Npgsql;
using OneStop.Workflows.Testing.Postgres;

namespace OneStop.Workflows.Chaos;

/// <summary>
/// Stops the throwaway PostgreSQL the hard way (<c>pg_ctl stop -m immediate</c>: no checkpoint, crash recovery at the next
/// start) and starts it again on the same data folder, port and options as <see cref="PostgresServer"/> started it.
/// </summary>
internal sealed class PostgresControl(PostgresServer server)
{
    private readonly string _pgCtl = Path.Combine(server.BinDirectory ?? throw new InvalidOperationException("An external PostgreSQL (ONESTOP_TEST_POSTGRES) cannot be restarted by the chaos suite."), "pg_ctl");
    private readonly string _data = server.DataDirectory!;

    public Task StopImmediateAsync() => PgCtlAsync(["-w", "-t", "60", "-D", _data, "stop", "-m", "immediate"]);

    public Task StartAsync()
    {
        var root = Path.GetDirectoryName(_data)!;
        var port = new NpgsqlConnectionStringBuilder(server.AdminConnectionString).Port.ToString(CultureInfo.InvariantCulture);
        // The options PostgresServer.StartAsync(durable: true) starts with.
        var options = $"-p {port} -c listen_addresses=127.0.0.1 -k '{Path.Combine(root, "sock")}' -c max_connections=300 -c shared_buffers=128MB";
        return PgCtlAsync(["-w", "-t", "120", "-D", _data, "-l", Path.Combine(root, "server.log"), "start", "-o", options]);
    }

    private static async Task RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await output}{await errors}");
        }
    }

    private Task PgCtlAsync(string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync(File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "runuser", ["-u", "postgres", "--", _pgCtl, .. arguments])
            : RunAsync(_pgCtl, arguments);
}
