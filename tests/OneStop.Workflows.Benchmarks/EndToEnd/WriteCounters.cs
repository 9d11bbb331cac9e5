using System.Globalization;
using System.Text;
using Npgsql;

namespace OneStop.Workflows.Benchmarks.EndToEnd;

/// <summary>
/// What the database wrote, from PostgreSQL's own counters: WAL bytes (the whole cluster, autovacuum included) and per table
/// the rows inserted, updated (of them HOT, no index entries) and deleted, and the autovacuum runs. Machine-independent
/// figures of a case's write cost, unlike CPU time on a shared machine.
/// </summary>
internal sealed record WriteSnapshot(long WalBytes, IReadOnlyDictionary<string, TableWrites> Tables)
{
    public static async Task<WriteSnapshot> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var wal = new NpgsqlCommand("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection);
        var walBytes = (long)(await wal.ExecuteScalarAsync())!;
        await using var tables = new NpgsqlCommand(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, autovacuum_count, autoanalyze_count " +
            "FROM pg_stat_user_tables WHERE schemaname = 'onestop'", connection);
        var rows = new Dictionary<string, TableWrites>(StringComparer.Ordinal);
        await using var reader = await tables.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = new TableWrites(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
        }

        return new WriteSnapshot(walBytes, rows);
    }

    /// <summary>The markdown table of the writes between <paramref name="before"/> and this snapshot, per completed case.</summary>
    public string PerCase(WriteSnapshot before, int cases)
    {
        var per = (double)Math.Max(cases, 1);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Writes per completed case over the measured levels ({cases:N0} cases): WAL **{(WalBytes - before.WalBytes) / per / 1024:F1} KB**.");
        text.AppendLine();
        text.AppendLine("| table | rows inserted | rows updated (HOT) | rows deleted | autovacuum / autoanalyze runs (whole levels) |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, after) in Tables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var was = before.Tables.GetValueOrDefault(name) ?? new TableWrites(0, 0, 0, 0, 0, 0);
            var d = after.Minus(was);
            if (d.Inserted + d.Updated + d.Deleted == 0)
            {
                continue;
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {d.Inserted / per:F2} | {d.Updated / per:F2} ({d.HotUpdated / per:F2}) | {d.Deleted / per:F2} | {d.Autovacuums} / {d.Autoanalyzes} |");
        }

        return text.ToString();
    }
}

/// <summary>One table's cumulative write counters (pg_stat_user_tables).</summary>
internal sealed record TableWrites(long Inserted, long Updated, long HotUpdated, long Deleted, long Autovacuums, long Autoanalyzes)
{
    public TableWrites Minus(TableWrites other) => new(Inserted - other.Inserted, Updated - other.Updated, HotUpdated - other.HotUpdated,
        Deleted - other.Deleted, Autovacuums - other.Autovacuums, Autoanalyzes - other.Autoanalyzes);
}
