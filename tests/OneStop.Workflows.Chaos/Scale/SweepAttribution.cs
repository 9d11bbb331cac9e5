using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;

namespace OneStop.Workflows.Chaos.Scale;

/// <summary>
/// Which node ran which deadline sweep, from Hangfire's own tables: every run of the recurring <c>deadline-sweep</c> job has
/// a <c>Processing</c> state whose <c>ServerId</c> is <c>host:pid:guid</c> of the Hangfire server that took it, and a
/// <c>Succeeded</c> (or <c>Failed</c>) state when it ended. A signal's <c>fired_at</c> is the sweeping node's clock at the
/// batch, so it falls inside exactly one run's window (runs are seconds apart and take milliseconds here).
/// </summary>
internal sealed record SweepRun(int? ProcessId, string ServerId, DateTime Started, DateTime? Finished)
{
    public static async Task<IReadOnlyList<SweepRun>> LoadAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT p.createdat, p.data::text,
                   (SELECT min(f.createdat) FROM hangfire.state f WHERE f.jobid = j.id AND f.name IN ('Succeeded', 'Failed', 'Deleted'))
            FROM hangfire.job j
            JOIN hangfire.state p ON p.jobid = j.id AND p.name = 'Processing'
            WHERE j.invocationdata::text LIKE '%DeadlineSweepJob%'
            ORDER BY p.createdat
            """, db);
        var runs = new List<SweepRun>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var serverId = JsonNode.Parse(reader.GetString(1))?["ServerId"]?.GetValue<string>() ?? "?";
            var parts = serverId.Split(':');
            int? pid = parts.Length >= 3 && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
            runs.Add(new SweepRun(pid, serverId, DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc),
                reader.IsDBNull(2) ? null : DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc)));
        }

        return runs;
    }

    /// <summary>The run whose window holds <paramref name="firedAt"/> (a second of slack either side: two clocks, one machine).</summary>
    public static SweepRun? Holding(IReadOnlyList<SweepRun> runs, DateTime firedAt) =>
        runs.LastOrDefault(r => r.Started.AddSeconds(-1) <= firedAt && firedAt <= (r.Finished ?? DateTime.MaxValue.AddSeconds(-2)).AddSeconds(1));
}
