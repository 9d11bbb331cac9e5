using Npgsql;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Supervision;

namespace OneStop.Workflows.Chaos.Invariants;

/// <summary>
/// Scenario 3's checks (deadlines across crashes) over its plan table <c>chaos.deadline_plan</c> (id, in_window, due_at:
/// the due instant each seeded signal must keep): the window's signals fired exactly once and not early, their alerts
/// written once per recipient the alert rules name, and the later half untouched. Each answers an
/// <see cref="InvariantResult"/> with the offending signal ids.
/// </summary>
internal static class DeadlineInvariants
{
    public const string WindowFiredOnce = "window's signals fired once";
    public const string NoneEarly = "none fired early";
    public const string AlertsOncePerRecipient = "alerts once per recipient";
    public const string LaterUntouched = "later half untouched";

    private const string Raise = "CASE s.level WHEN 'Prompt' THEN 'PromptRaised' WHEN 'Yellow' THEN 'YellowRaised' ELSE 'RedRaised' END";

    /// <summary>Every signal of the window due by <paramref name="dueBy"/>: fired, with exactly one raise audit event, written at its firing instant.</summary>
    public static async Task<InvariantResult> WindowFiredOnceAsync(NpgsqlConnection db, DateTime dueBy, CancellationToken ct = default) =>
        await QueryAsync(db, WindowFiredOnce, $"""
            SELECT s.id::text,
                   s.fired_at IS NULL
                   OR (SELECT count(*) FROM onestop.audit_events a WHERE a.case_id = s.case_id AND a.subject = s.subject_id::text
                         AND a.action = {Raise} AND (a.details::jsonb ->> 'Rule') = s.rule) <> 1
                   OR NOT EXISTS (SELECT 1 FROM onestop.audit_events a WHERE a.case_id = s.case_id AND a.subject = s.subject_id::text
                         AND a.action = {Raise} AND a.at = s.fired_at)
            FROM chaos.deadline_plan p JOIN onestop.supervision_signals s ON s.id = p.id
            WHERE p.in_window AND p.due_at <= @due_by
            """, "every signal of the window due by the end: fired_at set, exactly one raise audit event (case, subject, rule), at the firing instant",
            [new("due_by", dueBy)], ct);

    /// <summary>No signal fired before its due instant, and none of the window's had its due instant changed.</summary>
    public static async Task<InvariantResult> NoneEarlyAsync(NpgsqlConnection db, CancellationToken ct = default) =>
        await QueryAsync(db, NoneEarly, """
            SELECT s.id::text, s.fired_at < s.due_at OR s.due_at <> p.due_at
            FROM chaos.deadline_plan p JOIN onestop.supervision_signals s ON s.id = p.id
            WHERE p.in_window AND s.fired_at IS NOT NULL
            """, "fired_at ≥ due_at (both the server's system clock, stored as timestamptz) and due_at as planned", [], ct);

    /// <summary>Every signal of the later half: pending, due as planned, no raise audit event, no alert.</summary>
    public static async Task<InvariantResult> LaterUntouchedAsync(NpgsqlConnection db, CancellationToken ct = default) =>
        await QueryAsync(db, LaterUntouched, $"""
            SELECT s.id::text,
                   s.fired_at IS NOT NULL OR s.due_at <> p.due_at
                   OR EXISTS (SELECT 1 FROM onestop.supervision_alerts a WHERE a.signal_id = s.id)
                   OR (s.level <> 'Action' AND EXISTS (SELECT 1 FROM onestop.audit_events a WHERE a.case_id = s.case_id
                         AND a.subject = s.subject_id::text AND a.action = {Raise} AND (a.details::jsonb ->> 'Rule') = s.rule))
            FROM chaos.deadline_plan p JOIN onestop.supervision_signals s ON s.id = p.id
            WHERE NOT p.in_window
            """, "not due during the run: still pending, due_at unchanged, no raise audit event, no alert", [], ct);

    /// <summary>
    /// Every fired signal of the window has one alert for each recipient <see cref="AlertRecipients.For"/> names (from the
    /// staff as they are now: the scenario changes none), no other, none twice, each written at the firing instant.
    /// </summary>
    public static async Task<InvariantResult> AlertsOnceAsync(NpgsqlConnection db, CancellationToken ct = default)
    {
        var staff = new List<AlertStaff>();
        await using (var command = new NpgsqlCommand("""
            SELECT u.user_name, u.role, u.department_code,
                   ARRAY(SELECT m.department_code FROM onestop.user_departments m WHERE m.user_name = u.user_name)
            FROM onestop.users u WHERE u.is_active
            """, db))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                staff.Add(new AlertStaff(reader.GetString(0), Enum.Parse<Role>(reader.GetString(1)), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetFieldValue<string[]>(3)));
            }
        }

        var alerts = new Dictionary<Guid, List<(string Recipient, DateTime At)>>();
        await using (var command = new NpgsqlCommand("""
            SELECT a.signal_id, a.recipient, a.created_at FROM onestop.supervision_alerts a JOIN chaos.deadline_plan p ON p.id = a.signal_id WHERE p.in_window
            """, db))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var signal = reader.GetGuid(0);
                if (!alerts.TryGetValue(signal, out var list))
                {
                    alerts[signal] = list = [];
                }

                list.Add((reader.GetString(1), reader.GetFieldValue<DateTime>(2)));
            }
        }

        long checkedSignals = 0, alertsChecked = 0;
        var offenders = new List<string>();
        await using (var command = new NpgsqlCommand("""
            SELECT s.id, s.level, s.subject_kind, COALESCE(t.department, c.lead_department), t.assignee, s.fired_at
            FROM chaos.deadline_plan p JOIN onestop.supervision_signals s ON s.id = p.id
            LEFT JOIN onestop.tasks t ON s.subject_kind = 'Step' AND t.id = s.subject_id
            LEFT JOIN onestop.cases c ON c.id = s.case_id
            WHERE p.in_window AND s.fired_at IS NOT NULL
            ORDER BY s.id
            """, db))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                checkedSignals++;
                var id = reader.GetGuid(0);
                var expected = AlertRecipients.For(Enum.Parse<SignalLevel>(reader.GetString(1)), Enum.Parse<ClockKind>(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), staff);
                var firedAt = reader.GetFieldValue<DateTime>(5);
                var written = alerts.GetValueOrDefault(id) ?? [];
                alertsChecked += written.Count;
                var recipients = written.Select(w => w.Recipient).Order(StringComparer.Ordinal).ToList();
                if (expected.Count == 0 || !recipients.SequenceEqual(expected, StringComparer.Ordinal) || written.Any(w => w.At != firedAt))
                {
                    offenders.Add(id.ToString());
                }
            }
        }

        return new InvariantResult(AlertsOncePerRecipient, checkedSignals, offenders.Count, offenders.Order(StringComparer.Ordinal).Take(InvariantResult.OffenderSample).ToList(),
            $"per fired signal of the window: its alerts ({alertsChecked:N0} in all) name exactly the recipients of the alert rules (assignee, department, heads, supervisors), each once, written at the firing instant");
    }

    /// <summary>Runs a query answering (id, offends) rows: checked = rows, offending = rows with offends true.</summary>
    private static async Task<InvariantResult> QueryAsync(NpgsqlConnection db, string name, string sql, string note, NpgsqlParameter[] parameters, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 600 };
        command.Parameters.AddRange(parameters);
        long total = 0;
        var offenders = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            total++;
            if (reader.GetBoolean(1))
            {
                offenders.Add(reader.GetString(0));
            }
        }

        return new InvariantResult(name, total, offenders.Count, offenders.Order(StringComparer.Ordinal).Take(InvariantResult.OffenderSample).ToList(), note);
    }
}
