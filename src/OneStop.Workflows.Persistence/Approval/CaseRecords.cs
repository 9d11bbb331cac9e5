using System.Text.Json;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;

namespace OneStop.Workflows.Persistence.Approval;

/// <summary>The audit events and applicant notifications a case change writes, shaped in one place.</summary>
public static class CaseRecords
{
    public static AuditEvent Audit(OneStopDbContext db, Case c, Instant now, string action, string actor, string? subject, string? reason,
        object? details = null, string? publicText = null)
    {
        var entry = new AuditEvent(now, actor, action, c.Id.Value, subject, details is null ? null : JsonSerializer.Serialize(details, Shared.JsonColumn.Options), reason,
            publicText is null ? AuditVisibility.Internal : AuditVisibility.Public, publicText);
        db.AuditEvents.Add(entry);
        return entry;
    }

    public static Notification Notify(OneStopDbContext db, Case c, Instant now, string channel, string kind, string message)
    {
        var notification = new Notification(Domain.Shared.SequentialGuid.New(), c.Id, channel, c.Applicant.Phone, kind, message, now);
        db.Notifications.Add(notification);
        Audit(db, c, now, AuditActions.ApplicantNotified, SystemActor.Name, notification.Id.ToString(), null, new { kind, channel });
        return notification;
    }

    /// <summary>Issues a correction notice: the applicant is told every item once, and the case waits for corrections.</summary>
    public static Notification IssueNotice(OneStopDbContext db, Case c, CorrectionNotice notice, string actor, Instant now, string channel)
    {
        notice.Issue(actor, now);
        c.RecordCorrectionNoticeIssued(now);
        var notification = Notify(db, c, now, channel, "CorrectionNotice", notice.Text(c.Number));
        Audit(db, c, now, AuditActions.CorrectionNoticeIssued, actor, notice.Id.ToString(), null, new { notice.Items },
            "Correction notice issued 一次性告知: " + string.Join("; ", notice.Items.Select(i => $"{i.Material} — {i.Problem}")));
        return notification;
    }
}
