using System.Diagnostics;
using Npgsql;
using OneStop.Workflows.Chaos.Invariants;

namespace OneStop.Workflows.Chaos.Scale;

/// <summary>
/// The soak's bulk-seeded open cases (the web UI benchmark's <c>ui-seed</c>, case numbers <c>UIB…</c>): written with COPY,
/// so they have cases, tasks, clocks and signals but no workflow instance, bookmark or audit trail. Their cards that came
/// due during the soak are checked here (fired once, not early, one raise audit event each); then the seeded rows are
/// removed so that the common invariant check covers every case the server itself made.
/// </summary>
internal static class SeededRows
{
    public const string Prefix = "UIB";

    /// <summary>Seeds through the benchmarks' <c>ui-seed</c> command (its own process) on the scenario's database.</summary>
    public static async Task SeedAsync(string root, string connectionString, int tasks, int signals, Action<string> line)
    {
        var start = new ProcessStartInfo("dotnet",
            ["run", "-c", "Release", "--project", Path.Combine(root, "tests", "OneStop.Workflows.Benchmarks"), "--", "ui-seed",
             "--connection", connectionString, "--tasks", tasks.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--signals", signals.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skip-build"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await errors;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ui-seed failed: " + text);
        }

        foreach (var seeded in text.Split('\n').Where(l => l.StartsWith("Seeded ", StringComparison.Ordinal)))
        {
            line("ui-seed: " + seeded.Trim());
        }
    }

    /// <summary>The seeded cards that came due after <paramref name="soakStart"/>: each fired once, not early, with one raise audit event.</summary>
    public static async Task<InvariantResult> CardsAsync(string connectionString, DateTimeOffset soakStart, DateTimeOffset now, TimeSpan lateness)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        const string Cards = """
            SELECT s.id, s.fired_at, s.due_at,
                   (SELECT count(*) FROM onestop.audit_events a
                    WHERE a.case_id = s.case_id AND a.subject = s.subject_id::text
                      AND a.action = CASE s.level WHEN 'Prompt' THEN 'PromptRaised' WHEN 'Yellow' THEN 'YellowRaised' ELSE 'RedRaised' END
                      AND (a.details::jsonb ->> 'Rule') = s.rule) AS raised
            FROM onestop.supervision_signals s JOIN onestop.cases c ON c.id = s.case_id AND c.number LIKE 'UIB%'
            WHERE s.level <> 'Action' AND ((s.fired_at IS NULL AND s.due_at <= @now) OR s.fired_at >= @start)
            """;
        await using var command = new NpgsqlCommand(
            $"""
            WITH cards AS ({Cards})
            SELECT count(*), count(*) FILTER (WHERE (fired_at IS NOT NULL AND (raised <> 1 OR fired_at < due_at)) OR (fired_at IS NULL AND due_at < @missing)),
                   array_agg(id::text) FILTER (WHERE (fired_at IS NOT NULL AND (raised <> 1 OR fired_at < due_at)) OR (fired_at IS NULL AND due_at < @missing))
            FROM cards
            """, db);
        command.CommandTimeout = 600;
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        command.Parameters.AddWithValue("start", soakStart.UtcDateTime);
        command.Parameters.AddWithValue("missing", (now - lateness).UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var offenders = reader.IsDBNull(2) ? [] : reader.GetFieldValue<string[]>(2);
        return new InvariantResult("seeded cards due in the soak fired once", reader.GetInt64(0), reader.GetInt64(1), offenders.Take(InvariantResult.OffenderSample).ToList(),
            "every card of a seeded case that came due during the soak: fired (not early) with exactly one raise audit event; none pending past now − sweep interval − grace");
    }

    /// <summary>Deletes the seeded cases and every row that names them (alerts first: they reference the signals).</summary>
    public static async Task<long> RemoveAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var tables = new List<string>();
        await using (var find = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'onestop' AND column_name = 'case_id' AND table_name <> 'cases' ORDER BY table_name = 'supervision_alerts' DESC, table_name", db))
        await using (var reader = await find.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        await using var transaction = await db.BeginTransactionAsync();
        await using (var mark = new NpgsqlCommand($"CREATE TEMP TABLE seeded ON COMMIT DROP AS SELECT id FROM onestop.cases WHERE number LIKE '{Prefix}%'", db, transaction))
        {
            await mark.ExecuteNonQueryAsync();
        }

        foreach (var table in tables)
        {
            await using var delete = new NpgsqlCommand($"DELETE FROM onestop.{table} WHERE case_id IN (SELECT id FROM seeded)", db, transaction) { CommandTimeout = 1200 };
            await delete.ExecuteNonQueryAsync();
        }

        await using var cases = new NpgsqlCommand("DELETE FROM onestop.cases WHERE id IN (SELECT id FROM seeded)", db, transaction) { CommandTimeout = 1200 };
        var removed = await cases.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return removed;
    }
}
