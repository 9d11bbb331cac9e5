using Npgsql;

namespace OneStop.Workflows.Chaos.Invariants;

/// <summary>
/// Scenario 6's checks (a new flow version mid-flight): each case's workflow instance is pinned to the definition version
/// it started on and finished there, and no instance in the database is left unresumable.
/// </summary>
internal static class VersionInvariants
{
    public const string NoneUnresumable = "no instance unresumable";

    /// <summary>
    /// Each of <paramref name="caseIds"/>: Completed (Approved), its instance of <paramref name="definitionId"/> at
    /// <paramref name="version"/> (and that version's row id), Finished with no bookmark left, and its review
    /// <paramref name="reviewDepartment"/>'s task with the time limit that version gives it (<paramref name="reviewLimit"/>
    /// working days: the change between the versions, so the case really ran that version's flow).
    /// </summary>
    public static async Task<InvariantResult> PinnedAsync(NpgsqlConnection db, string name, IReadOnlyList<string> caseIds, string definitionId, int version,
        string reviewActivity, int reviewLimit, CancellationToken ct = default)
    {
        var department = reviewActivity.StartsWith("review-", StringComparison.Ordinal) ? reviewActivity["review-".Length..] : reviewActivity;
        await using var command = new NpgsqlCommand("""
            SELECT k.id::text,
                   c.id IS NULL OR c.status <> 'Completed' OR c.decision <> 'Approved'
                   OR i.id IS NULL OR i.definition_id <> @definition OR i.definition_version <> @version OR d.id IS NULL OR i.definition_version_id <> d.id
                   OR i.status <> 'Finished'
                   OR EXISTS (SELECT 1 FROM onestop.workflow_bookmarks b WHERE b.instance_id = i.id)
                   OR (SELECT count(*) FROM onestop.tasks t WHERE t.case_id = k.id AND t.kind = 'Review' AND t.department = @department
                         AND t.time_limit_working_days = @limit AND t.status = 'Decided') <> 1
            FROM unnest(@cases) AS k(id)
            LEFT JOIN onestop.cases c ON c.id = k.id
            LEFT JOIN onestop.workflow_instances i ON i.id = c.instance_id
            LEFT JOIN onestop.workflow_definitions d ON d.definition_id = @definition AND d.version = @version
            """, db) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("cases", caseIds.Select(Guid.Parse).ToArray());
        command.Parameters.AddWithValue("definition", definitionId);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.AddWithValue("department", department);
        command.Parameters.AddWithValue("limit", reviewLimit);
        var offenders = new List<string>();
        long total = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                total++;
                if (reader.GetBoolean(1))
                {
                    offenders.Add(reader.GetString(0));
                }
            }
        }

        return new InvariantResult(name, total, offenders.Count, offenders.Order(StringComparer.Ordinal).Take(InvariantResult.OffenderSample).ToList(),
            $"per case: Completed (Approved); instance on {definitionId} v{version} (that version's row), Finished, no bookmark; its {department} review decided with v{version}'s {reviewLimit} working days");
    }

    /// <summary>Every workflow instance: not Faulted, not left Running, and a Waiting one has a bookmark to resume it by.</summary>
    public static async Task<InvariantResult> NoneUnresumableAsync(NpgsqlConnection db, CancellationToken ct = default)
    {
        await using var count = new NpgsqlCommand("SELECT count(*) FROM onestop.workflow_instances", db);
        var total = (long)(await count.ExecuteScalarAsync(ct))!;
        await using var command = new NpgsqlCommand("""
            SELECT i.id::text FROM onestop.workflow_instances i
            WHERE i.status IN ('Faulted', 'Running')
               OR (i.status = 'Waiting' AND NOT EXISTS (SELECT 1 FROM onestop.workflow_bookmarks b WHERE b.instance_id = i.id))
               OR (i.status <> 'Waiting' AND EXISTS (SELECT 1 FROM onestop.workflow_bookmarks b WHERE b.instance_id = i.id))
            ORDER BY 1
            """, db) { CommandTimeout = 600 };
        var offenders = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                offenders.Add(reader.GetString(0));
            }
        }

        return new InvariantResult(NoneUnresumable, total, offenders.Count, offenders.Take(InvariantResult.OffenderSample).ToList(),
            "every instance: not Faulted or Running; Waiting only with a bookmark to resume; Finished/Cancelled with none left");
    }
}
