using System.Globalization;
using Npgsql;

namespace OneStop.Workflows.Chaos.Scale;

/// <summary>One table's size and dead tuples at a moment (<c>pg_stat_user_tables</c>, <c>pg_total_relation_size</c>).</summary>
internal sealed record TableState(string Table, long Live, long Dead, long TotalBytes, long Autovacuums)
{
    public string Cell() => string.Create(CultureInfo.InvariantCulture, $"{Live:N0} live / {Dead:N0} dead, {TotalBytes / (1024.0 * 1024):F0} MB, {Autovacuums} autovacuums");
}

/// <summary>
/// What the soak reads besides the driver's latencies: the server's resident memory (<c>VmRSS</c> of
/// <c>/proc/PID/status</c>; the server exports no GC-heap counter over HTTP, its OpenTelemetry metrics go to an OTLP
/// collector when one is configured) and the size and dead tuples of the tables a case writes.
/// </summary>
internal static class SoakProbe
{
    /// <summary>The tables the soak reports: cases and the four the issue names (instances, tasks, journal, signals).</summary>
    public static readonly string[] Tables = ["cases", "workflow_instances", "tasks", "workflow_journal", "supervision_signals"];

    /// <summary>Resident memory of a process in MiB (VmRSS), or NaN when it cannot be read.</summary>
    public static double ResidentMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? double.NaN : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public static async Task<IReadOnlyList<TableState>> TablesAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT relname, n_live_tup, n_dead_tup, pg_total_relation_size(relid), autovacuum_count
            FROM pg_stat_user_tables WHERE schemaname = 'onestop' AND relname = ANY(@tables)
            """, db);
        command.Parameters.AddWithValue("tables", Tables);
        var states = new List<TableState>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            states.Add(new TableState(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return [.. states.OrderBy(s => Array.IndexOf(Tables, s.Table))];
    }

    /// <summary>Open cases (neither completed nor refused acceptance).</summary>
    public static async Task<long> OpenCasesAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM onestop.cases WHERE status NOT IN ('Completed', 'NotAccepted')", db);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
