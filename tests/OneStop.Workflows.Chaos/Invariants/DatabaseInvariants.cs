using Npgsql;

namespace OneStop.Workflows.Chaos.Invariants;

/// <summary>
/// The invariants that are SQL over the database (schema <c>onestop</c>), each one query answering the offending ids. The
/// audit table has no per-case sequence number (its ids are time-ordered GUIDs, its rows carry a timestamp), so "no gaps in
/// a case's trail" is checked as: every step of the case's story that happened has exactly its one audit event; the
/// workflow journal does have a per-instance sequence, checked for gaps on its own.
/// </summary>
internal static class DatabaseInvariants
{
    public const string OpenTasksMatchBookmarks = "open tasks = open bookmarks";
    public const string CompletedOnce = "completed once";
    public const string AcknowledgedStored = "acknowledged is stored";
    public const string SignalsFiredOnce = "due signals fired once";
    public const string AuditTrailComplete = "audit trail complete";
    public const string JournalWithoutGaps = "journal without gaps";

    public static Task<InvariantResult> OpenTasksAsync(NpgsqlConnection db, CancellationToken ct) => OpenTasksAsync(db, null, ct);

    /// <param name="seededCasePrefix">Cases whose number starts with it are left out (bulk-seeded rows with no workflow instance
    /// or audit trail, e.g. scenario 3's; <see cref="InvariantInput.SeededCasePrefix"/>); null checks every case.</param>
    public static Task<InvariantResult> OpenTasksAsync(NpgsqlConnection db, string? seededCasePrefix, CancellationToken ct) => RunAsync(db, OpenTasksMatchBookmarks,
        "SELECT count(*) FROM onestop.cases c WHERE " + NotSeeded,
        """
        SELECT c.id::text FROM onestop.cases c
        CROSS JOIN LATERAL (SELECT count(*) AS open_tasks,
                                   count(b.id) AS matched
                            FROM onestop.tasks t
                            LEFT JOIN onestop.workflow_bookmarks b ON b.id = t.bookmark_id AND b.instance_id = c.instance_id
                            WHERE t.case_id = c.id AND t.status IN ('Open', 'Paused')) o
        CROSS JOIN LATERAL (SELECT count(*) AS bookmarks FROM onestop.workflow_bookmarks b WHERE b.instance_id = c.instance_id) k
        WHERE (o.open_tasks <> k.bookmarks OR o.matched <> o.open_tasks) AND
        """ + NotSeeded,
        "per case: its Open/Paused tasks, each task's bookmark among the instance's, and the instance's bookmarks are as many",
        [Seeded(seededCasePrefix)], ct);

    public static Task<InvariantResult> CompletedOnceAsync(NpgsqlConnection db, CancellationToken ct) => RunAsync(db, CompletedOnce,
        "SELECT count(*) FROM onestop.cases WHERE status = 'Completed'",
        """
        SELECT c.id::text FROM onestop.cases c
        WHERE (c.status = 'Completed' AND (c.completed_at IS NULL
               OR (SELECT count(*) FROM onestop.workflow_journal j WHERE j.instance_id = c.instance_id AND j.event = 'WorkflowFinished') <> 1
               OR (SELECT count(*) FROM onestop.notifications n WHERE n.case_id = c.id AND n.kind = 'Decision') <> 1
               OR (SELECT count(*) FROM onestop.audit_events a WHERE a.case_id = c.id AND a.action = 'CaseCompleted') <> 1))
           OR (c.status NOT IN ('Completed', 'NotAccepted')
               AND EXISTS (SELECT 1 FROM onestop.audit_events a WHERE a.case_id = c.id AND a.action = 'CaseCompleted'))
        """,
        "a Completed case: one WorkflowFinished, one Decision notification, one CaseCompleted; an open case: no CaseCompleted",
        [], ct);

    public static Task<InvariantResult> AcknowledgedAsync(NpgsqlConnection db, IReadOnlyCollection<Acknowledged> acknowledged, CancellationToken ct)
    {
        var decisions = acknowledged.Where(a => a.Kind == Acknowledged.Decision && a.TaskId is not null).ToList();
        var submissions = acknowledged.Where(a => a.Kind == Acknowledged.Submission && a.CaseId is not null).ToList();
        return RunAsync(db, AcknowledgedStored,
            $"SELECT {decisions.Count + submissions.Count}::bigint",
            """
            SELECT a.key FROM unnest(@tasks, @keys, @outcomes) AS a(task_id, key, outcome)
            LEFT JOIN onestop.tasks t ON t.id = a.task_id AND t.status = 'Decided' AND t.decision_key = a.key AND t.outcome = a.outcome
            WHERE t.id IS NULL
            UNION ALL
            SELECT s.id::text FROM unnest(@cases) AS s(id)
            LEFT JOIN onestop.cases c ON c.id = s.id
            WHERE c.id IS NULL
            """,
            "every 2xx decision: its task Decided with that key and outcome; every 2xx submission: its case exists",
            [
                new("tasks", decisions.Select(d => Guid.Parse(d.TaskId!)).ToArray()),
                new("keys", decisions.Select(d => d.Key).ToArray()),
                new("outcomes", decisions.Select(d => Outcome(d.Body)).ToArray()),
                new("cases", submissions.Select(s => Guid.Parse(s.CaseId!)).ToArray()),
            ], ct);
    }

    public static Task<InvariantResult> SignalsAsync(NpgsqlConnection db, DateTimeOffset now, DateTimeOffset missingBefore, CancellationToken ct) =>
        RunAsync(db, SignalsFiredOnce,
            "SELECT count(*) FROM onestop.supervision_signals WHERE level <> 'Action' AND (fired_at IS NOT NULL OR due_at <= @now)",
            """
            WITH cards AS (
                SELECT s.id, s.fired_at, s.due_at,
                       (SELECT count(*) FROM onestop.audit_events a
                        WHERE a.case_id = s.case_id AND a.subject = s.subject_id::text
                          AND a.action = CASE s.level WHEN 'Prompt' THEN 'PromptRaised' WHEN 'Yellow' THEN 'YellowRaised' ELSE 'RedRaised' END
                          AND (a.details::jsonb ->> 'Rule') = s.rule) AS raised
                FROM onestop.supervision_signals s
                WHERE s.level <> 'Action' AND (s.fired_at IS NOT NULL OR s.due_at <= @now))
            SELECT id::text FROM cards
            WHERE (fired_at IS NOT NULL AND (raised <> 1 OR fired_at < due_at))
               OR (fired_at IS NULL AND (raised > 0 OR due_at < @missing_before))
            """,
            "every card due by now: fired (not early) with exactly one raise audit event; none pending past now − sweep interval − grace",
            [new("now", now.UtcDateTime), new("missing_before", missingBefore.UtcDateTime)], ct);

    public static Task<InvariantResult> AuditTrailAsync(NpgsqlConnection db, CancellationToken ct) => AuditTrailAsync(db, null, ct);

    /// <param name="seededCasePrefix">As for <see cref="OpenTasksAsync(NpgsqlConnection, string?, CancellationToken)"/>.</param>
    public static Task<InvariantResult> AuditTrailAsync(NpgsqlConnection db, string? seededCasePrefix, CancellationToken ct) => RunAsync(db, AuditTrailComplete,
        "SELECT count(*) FROM onestop.cases c WHERE " + NotSeeded,
        """
        SELECT c.id::text FROM onestop.cases c
        WHERE
        """ + NotSeeded + """
         AND ((SELECT count(*) FROM onestop.audit_events a WHERE a.case_id = c.id AND a.action = 'CaseSubmitted') <> 1
           OR (c.accepted_at IS NOT NULL AND (SELECT count(*) FROM onestop.audit_events a WHERE a.case_id = c.id AND a.action = 'CaseAccepted') <> 1)
           OR EXISTS (SELECT 1 FROM onestop.tasks t WHERE t.case_id = c.id
                      AND (SELECT count(*) FROM onestop.audit_events a WHERE a.case_id = c.id AND a.action = 'TaskCreated' AND a.subject = t.id::text) <> 1)
           OR (SELECT count(*) FROM onestop.tasks t WHERE t.case_id = c.id AND t.kind = 'Review' AND t.status = 'Decided')
              <> (SELECT count(*) FROM onestop.audit_events a WHERE a.case_id = c.id AND a.action = 'ReviewDecided'))
        """,
        "per case (no per-case audit sequence exists): one CaseSubmitted, one CaseAccepted if accepted, one TaskCreated per task, one ReviewDecided per decided review",
        [Seeded(seededCasePrefix)], ct);

    public static Task<InvariantResult> JournalAsync(NpgsqlConnection db, CancellationToken ct) => RunAsync(db, JournalWithoutGaps,
        "SELECT count(*) FROM onestop.workflow_instances",
        """
        SELECT i.id::text FROM onestop.workflow_instances i
        LEFT JOIN LATERAL (SELECT min(j.sequence) AS first, max(j.sequence) AS last, count(*) AS entries
                           FROM onestop.workflow_journal j WHERE j.instance_id = i.id) j ON true
        WHERE j.entries = 0 OR j.first <> 1 OR j.last - j.first + 1 <> j.entries
        """,
        "per workflow instance: journal sequence 1..n without a gap",
        [], ct);

    /// <summary>The filter of the case invariants that can leave bulk-seeded cases out (<c>c</c> is the case; <c>@seeded</c> null keeps all).</summary>
    private const string NotSeeded = "(@seeded::text IS NULL OR c.number NOT LIKE @seeded::text || '%')";

    private static NpgsqlParameter Seeded(string? prefix) =>
        new("seeded", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)prefix ?? DBNull.Value };

    private static string Outcome(string body) =>
        System.Text.Json.Nodes.JsonNode.Parse(body)?["outcome"]?.GetValue<string>() ?? string.Empty;

    private static async Task<InvariantResult> RunAsync(NpgsqlConnection db, string name, string checkedSql, string offendersSql, string note,
        NpgsqlParameter[] parameters, CancellationToken ct)
    {
        long total;
        await using (var count = new NpgsqlCommand(checkedSql, db))
        {
            foreach (var p in parameters.Where(p => checkedSql.Contains("@" + p.ParameterName, StringComparison.Ordinal)))
            {
                count.Parameters.Add(p.Clone());
            }

            total = Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var command = new NpgsqlCommand($"SELECT count(*) OVER (), o.id FROM ({offendersSql}) AS o(id) ORDER BY o.id LIMIT {InvariantResult.OffenderSample}", db);
        command.CommandTimeout = 600;
        foreach (var p in parameters)
        {
            command.Parameters.Add(p.Clone());
        }

        long offending = 0;
        var first = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            offending = reader.GetInt64(0);
            first.Add(reader.GetString(1));
        }

        return new InvariantResult(name, total, offending, first, note);
    }
}
