using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using OneStop.Workflows.Testing.Postgres;

namespace OneStop.Workflows.Benchmarks.EndToEnd;

/// <summary>
/// The machine's ceiling for a workflow step's writes, measured with pgbench in the same run and on the same server as
/// the load: one transaction = a 2 KB jsonb instance update with a version bump + a journal insert + a task upsert.
/// </summary>
internal static partial class PgBenchBaseline
{
    private const string Schema = """
        CREATE TABLE bench_instance (id int PRIMARY KEY, version int NOT NULL, state jsonb NOT NULL);
        CREATE TABLE bench_journal (id bigserial PRIMARY KEY, instance_id int NOT NULL, at timestamptz NOT NULL, entry text NOT NULL);
        CREATE TABLE bench_task (id int PRIMARY KEY, instance_id int NOT NULL, status text NOT NULL, updated_at timestamptz NOT NULL);
        INSERT INTO bench_instance SELECT i, 1, jsonb_build_object('v', repeat('x', 2000)) FROM generate_series(1, 10000) i;
        """;

    private const string Step = """
        \set id random(1, 10000)
        \set task random(1, 30000)
        BEGIN;
        UPDATE bench_instance SET version = version + 1, state = jsonb_build_object('v', repeat('y', 2000), 'n', :id) WHERE id = :id;
        INSERT INTO bench_journal (instance_id, at, entry) VALUES (:id, now(), repeat('j', 200));
        INSERT INTO bench_task (id, instance_id, status, updated_at) VALUES (:task, :id, 'Open', now())
            ON CONFLICT (id) DO UPDATE SET status = 'Decided', updated_at = excluded.updated_at;
        END;
        """;

    /// <summary>Runs the step script with <paramref name="clients"/> clients for <paramref name="seconds"/> s; answers transactions/s.</summary>
    public static async Task<double> RunAsync(PostgresServer server, int clients, int seconds)
    {
        var connectionString = await server.CreateDatabaseAsync("pgbench_step");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(Schema, connection);
            await command.ExecuteNonQueryAsync();
        }

        var pgbench = FindPgBench(server);
        var script = Path.Combine(Path.GetTempPath(), $"onestop-step-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(script, Step);
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            using var run = Process.Start(new ProcessStartInfo(pgbench,
            [
                "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, "-n",
                "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
                "-T", seconds.ToString(CultureInfo.InvariantCulture), "-f", script, builder.Database!,
            ])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = await run.StandardOutput.ReadToEndAsync();
            var errors = await run.StandardError.ReadToEndAsync();
            await run.WaitForExitAsync();
            var tps = TpsLine().Match(output);
            return run.ExitCode == 0 && tps.Success
                ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"pgbench failed ({run.ExitCode}):{Environment.NewLine}{output}{errors}");
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>pgbench next to the server's pg_ctl (following a symlink to the real binaries folder), else on PATH.</summary>
    private static string FindPgBench(PostgresServer server)
    {
        var folders = new List<string>();
        if (server.BinDirectory is { } bin)
        {
            folders.Add(bin);
            if (new FileInfo(Path.Combine(bin, "pg_ctl")).ResolveLinkTarget(returnFinalTarget: true) is { } target
                && Path.GetDirectoryName(target.FullName) is { } real)
            {
                folders.Add(real);
            }
        }

        folders.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return folders.Select(f => Path.Combine(f, "pgbench")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("pgbench was not found next to pg_ctl or on PATH; it comes with the PostgreSQL packages (postgresql-contrib on older Debian).");
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
