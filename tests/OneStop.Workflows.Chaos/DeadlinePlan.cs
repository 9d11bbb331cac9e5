using System.Globalization;
using Npgsql;
using OneStop.Workflows.Benchmarks.Ui;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.Chaos;

/// <summary>
/// Scenario 3's schedule of the seeded signals, kept beside them in table <see cref="Table"/>: every pending signal of the
/// seeded cases has a row with the due instant it must keep; half of them (chosen at random among the cards) come due
/// inside the run's window, the others after the run. The seeder's own fired rows (signals due before the seed instant,
/// history written without a sweep, so without audit events or alerts) are removed first: they are not part of the run.
/// </summary>
/// <remarks>
/// The plan is made while the server is stopped; the window's signals wait on a placeholder after the run until
/// <see cref="OpenWindowAsync"/> moves them to <c>window start + offset</c> once the server is healthy, so the window is on
/// the server's clock (the system clock: the chaos server runs without <c>Clock:Mode=Simulated</c>, whose clock would not
/// survive a restart) and starts when the server can sweep.
/// </remarks>
internal sealed class DeadlinePlan(string connectionString)
{
    public const string Table = "chaos.deadline_plan";

    /// <summary>What the plan holds: seeded fired rows removed, pending signals planned, of them cards, due in the window,
    /// due later (and of those, how many were moved past the run's end because the seeder had them due during it).</summary>
    public sealed record Counts(long RemovedFired, long Pending, long Cards, long InWindow, long Later, long LaterMoved);

    public async Task<Counts> PrepareAsync(int seed, DateTime later)
    {
        await using var db = await OpenAsync();
        await using var transaction = await db.BeginTransactionAsync();
        var removed = await ExecuteAsync(db, """
            DELETE FROM onestop.supervision_signals s USING onestop.cases c
            WHERE c.id = s.case_id AND c.number LIKE @prefix AND s.fired_at IS NOT NULL
            """, later);
        await ExecuteAsync(db, $"SELECT setseed({(seed % 997 / 997.0).ToString("F6", CultureInfo.InvariantCulture)})", later);
        await ExecuteAsync(db, $"""
            CREATE SCHEMA IF NOT EXISTS chaos;
            DROP TABLE IF EXISTS {Table};
            CREATE TABLE {Table} AS
                SELECT q.id, q.card, q.seeded_due, random() AS pick, random() AS position, false AS in_window, NULL::timestamptz AS due_at
                FROM (SELECT s.id, s.level <> 'Action' AS card, s.due_at AS seeded_due
                      FROM onestop.supervision_signals s JOIN onestop.cases c ON c.id = s.case_id
                      WHERE c.number LIKE @prefix AND s.fired_at IS NULL ORDER BY s.id) q;
            ALTER TABLE {Table} ADD PRIMARY KEY (id);
            UPDATE {Table} p SET in_window = true
            FROM (SELECT id FROM {Table} WHERE card ORDER BY pick LIMIT (SELECT count(*) / 2 FROM {Table})) h WHERE p.id = h.id;
            UPDATE {Table} SET due_at = GREATEST(seeded_due, @later) WHERE NOT in_window;
            UPDATE onestop.supervision_signals s SET due_at = @later FROM {Table} p WHERE p.id = s.id AND p.in_window;
            UPDATE onestop.supervision_signals s SET due_at = p.due_at FROM {Table} p WHERE p.id = s.id AND NOT p.in_window AND s.due_at <> p.due_at;
            """, later);
        await using var count = new NpgsqlCommand($"""
            SELECT count(*), count(*) FILTER (WHERE card), count(*) FILTER (WHERE in_window), count(*) FILTER (WHERE NOT in_window),
                   count(*) FILTER (WHERE NOT in_window AND due_at <> seeded_due)
            FROM {Table}
            """, db);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        var counts = new Counts(removed, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        await reader.DisposeAsync();
        await transaction.CommitAsync();
        return counts;
    }

    /// <summary>Moves the window's signals to <paramref name="start"/> + their offset within <paramref name="window"/>.</summary>
    public async Task OpenWindowAsync(DateTime start, TimeSpan window)
    {
        await using var db = await OpenAsync();
        await using var transaction = await db.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"""
            UPDATE {Table} SET due_at = @start + (position * @window_ms) * interval '1 millisecond' WHERE in_window;
            UPDATE onestop.supervision_signals s SET due_at = p.due_at FROM {Table} p WHERE p.id = s.id AND p.in_window;
            """, db);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("window_ms", window.TotalMilliseconds);
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    /// <summary>How many of the window's signals due by <paramref name="dueBy"/> are still pending.</summary>
    public async Task<long> PendingInWindowAsync(DateTime dueBy)
    {
        await using var db = await OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT count(*) FROM {Table} p JOIN onestop.supervision_signals s ON s.id = p.id
            WHERE p.in_window AND s.fired_at IS NULL AND s.due_at <= @due_by
            """, db);
        command.Parameters.AddWithValue("due_by", dueBy);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The lag (fired − due, seconds) of the window's fired signals: p50, p99, max; and their count.</summary>
    public async Task<(long Fired, double P50, double P99, double Max)> LagAsync(DateTime? dueFrom = null, DateTime? dueBefore = null)
    {
        await using var db = await OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT count(*),
                   COALESCE(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.fired_at - s.due_at)), 0),
                   COALESCE(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM s.fired_at - s.due_at)), 0),
                   COALESCE(max(extract(epoch FROM s.fired_at - s.due_at)), 0)::float8
            FROM {Table} p JOIN onestop.supervision_signals s ON s.id = p.id
            WHERE p.in_window AND s.fired_at IS NOT NULL AND s.due_at >= @from AND s.due_at < @before
            """, db);
        command.Parameters.AddWithValue("from", dueFrom ?? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc));
        command.Parameters.AddWithValue("before", dueBefore ?? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc));
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3));
    }

    /// <summary>
    /// The sweep's batches since <paramref name="since"/> (one firing instant per batch): how many, the largest, and the
    /// firing rate of the full batches (a full batch is followed at once by the next in the same sweep, so its time is the
    /// gap to the next batch's instant) — the sweep's speed when it has a backlog, e.g. after a restart.
    /// </summary>
    public async Task<(int Batches, long Largest, int FullBatches, double FullBatchRate, DateTime? FirstFired)> BatchesAsync(DateTime since)
    {
        await using var db = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT fired_at, count(*) FROM onestop.supervision_signals WHERE fired_at >= @since AND level <> 'Action' GROUP BY fired_at ORDER BY fired_at", db);
        command.Parameters.AddWithValue("since", since);
        var batches = new List<(DateTime At, long Count)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                batches.Add((reader.GetFieldValue<DateTime>(0), reader.GetInt64(1)));
            }
        }

        long fullFired = 0;
        var fullSeconds = 0.0;
        var full = 0;
        for (var i = 0; i + 1 < batches.Count; i++)
        {
            if (batches[i].Count >= DeadlineSweeper.DefaultBatchSize)
            {
                full++;
                fullFired += batches[i].Count;
                fullSeconds += (batches[i + 1].At - batches[i].At).TotalSeconds;
            }
        }

        return (batches.Count, batches.Count == 0 ? 0 : batches.Max(b => b.Count), full, fullSeconds > 0 ? fullFired / fullSeconds : double.NaN,
            batches.Count == 0 ? null : batches[0].At);
    }

    /// <summary>The first firing instant at or after <paramref name="since"/> (the sweep running again after a restart).</summary>
    public async Task<DateTime?> FirstFiringAsync(DateTime since)
    {
        await using var db = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT min(fired_at) FROM onestop.supervision_signals WHERE fired_at >= @since", db);
        command.Parameters.AddWithValue("since", since);
        return await command.ExecuteScalarAsync() is DateTime at ? at : null;
    }

    /// <summary>
    /// Whether the server holds a firing transaction open right now: a backend of this database (not this one, not
    /// Hangfire's) inside a transaction of several statements, or running the batch's <c>SET fired_at</c> update.
    /// </summary>
    public static async Task<bool> SweepingAsync(NpgsqlConnection db)
    {
        await using var command = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM pg_stat_activity
                           WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
                             AND (xact_start < query_start OR query LIKE '%SET fired_at%') AND query NOT ILIKE '%hangfire%')
            """, db);
        return await command.ExecuteScalarAsync() is true;
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        return db;
    }

    private static async Task<long> ExecuteAsync(NpgsqlConnection db, string sql, DateTime later)
    {
        await using var command = new NpgsqlCommand(sql, db);
        command.CommandTimeout = 600;
        if (sql.Contains("@prefix", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("prefix", UiSeed.NumberPrefix + "%");
        }

        if (sql.Contains("@later", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("later", later);
        }

        return await command.ExecuteNonQueryAsync();
    }
}
