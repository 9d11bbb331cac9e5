using System.Text.Json.Nodes;
using Npgsql;

namespace OneStop.Workflows.Chaos.Invariants;

/// <summary>
/// The invariant check every chaos scenario ends with (issue 12): the SQL invariants of <see cref="DatabaseInvariants"/>
/// and, when a server runs, the replay of a sample of acknowledged requests with their idempotency keys.
/// </summary>
internal static class InvariantCheck
{
    public const string KeysReplay = "keys replay first answer";

    public static async Task<IReadOnlyList<InvariantResult>> RunAsync(InvariantInput input, CancellationToken ct = default)
    {
        var results = new List<InvariantResult>();
        await using (var db = new NpgsqlConnection(input.ConnectionString))
        {
            await db.OpenAsync(ct);
            results.Add(await DatabaseInvariants.OpenTasksAsync(db, input.SeededCasePrefix, ct));
            results.Add(await DatabaseInvariants.CompletedOnceAsync(db, ct));
            results.Add(await DatabaseInvariants.AcknowledgedAsync(db, input.Acknowledged, ct));
            results.Add(await DatabaseInvariants.SignalsAsync(db, input.Now, input.Now - input.SweepInterval - input.Grace, ct));
            results.Add(await DatabaseInvariants.AuditTrailAsync(db, input.SeededCasePrefix, ct));
            results.Add(await DatabaseInvariants.JournalAsync(db, ct));
        }

        if (input.Resend is { } resend)
        {
            results.Add(await ReplayAsync(input.Acknowledged, resend, input.ReplaySample, ct));
        }

        return results;
    }

    /// <summary>
    /// Re-sends an evenly spread sample of the acknowledged requests with their keys; each must answer the status and body
    /// (as JSON) of its first answer.
    /// </summary>
    public static async Task<InvariantResult> ReplayAsync(IReadOnlyCollection<Acknowledged> acknowledged,
        Func<Acknowledged, CancellationToken, Task<(int Status, string Body)?>> resend, int sample, CancellationToken ct)
    {
        var withKeys = acknowledged.Where(a => a.Key.Length > 0).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        var step = Math.Max(1, withKeys.Count / Math.Max(1, sample));
        var chosen = withKeys.Where((_, i) => i % step == 0).Take(sample).ToList();
        var offenders = new List<string>();
        foreach (var request in chosen)
        {
            var again = await resend(request, ct);
            if (again is not { } answer || answer.Status != request.Status || !SameJson(answer.Body, request.Answer))
            {
                offenders.Add(request.Key);
            }
        }

        return new InvariantResult(KeysReplay, chosen.Count, offenders.Count, offenders.Take(InvariantResult.OffenderSample).ToList(),
            $"a sample of acknowledged requests re-sent with their keys answers the first status and body");
    }

    private static bool SameJson(string a, string b)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
        }
        catch (System.Text.Json.JsonException)
        {
            return string.Equals(a, b, StringComparison.Ordinal);
        }
    }
}
