using System.Text.Json;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Cases.Steps;

namespace OneStop.Workflows.Persistence.Approval;

/// <summary>
/// Stores the audit events and applicant notifications of a case change. What they say is shaped by the domain's
/// <see cref="CaseChangeSet"/>; these helpers add them to the context (details serialized as the JSON column does).
/// </summary>
public static class CaseRecords
{
    public static AuditEvent Audit(OneStopDbContext db, Case c, Instant now, string action, string actor, string? subject, string? reason,
        object? details = null, string? publicText = null) =>
        Store(db, c, now, new CaseAuditEntry(action, actor, subject, reason, details, publicText));

    public static Notification Notify(OneStopDbContext db, Case c, Instant now, string channel, string kind, string message)
    {
        var changes = new CaseChangeSet(c, now, channel);
        var notification = changes.Notify(kind, message);
        AddRecords(db, changes);
        return notification;
    }

    /// <summary>Issues a correction notice (see <see cref="CaseChangeSet.IssueNotice"/>) and stores what it writes.</summary>
    public static Notification IssueNotice(OneStopDbContext db, Case c, CorrectionNotice notice, string actor, Instant now, string channel)
    {
        var changes = new CaseChangeSet(c, now, channel);
        var notification = changes.IssueNotice(notice, actor);
        AddRecords(db, changes);
        return notification;
    }

    /// <summary>Adds the change set's audit events, in order.</summary>
    public static void Store(OneStopDbContext db, CaseChangeSet changes)
    {
        foreach (var entry in changes.Audit)
        {
            Store(db, changes.Case, changes.Now, entry);
        }
    }

    private static void AddRecords(OneStopDbContext db, CaseChangeSet changes)
    {
        db.Notifications.AddRange(changes.Notifications);
        Store(db, changes);
    }

    private static AuditEvent Store(OneStopDbContext db, Case c, Instant now, CaseAuditEntry e)
    {
        var entry = new AuditEvent(now, e.Actor, e.Action, c.Id.Value, e.Subject, e.Details is null ? null : JsonSerializer.Serialize(e.Details, Shared.JsonColumn.Options), e.Reason,
            e.PublicText is null ? AuditVisibility.Internal : AuditVisibility.Public, e.PublicText);
        db.AuditEvents.Add(entry);
        return entry;
    }
}
