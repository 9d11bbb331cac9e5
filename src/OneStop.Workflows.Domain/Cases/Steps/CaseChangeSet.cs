using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Domain.Cases.Steps;

/// <summary>
/// What a change to one case creates, in order: tasks, correction notices, clocks, applicant notifications, audit entries
/// and deemed-action signals (planned, withdrawn, carried out). Objects of the working set are changed in place;
/// <see cref="ChangedTasks"/> and <see cref="StoppedClocks"/> name the ones that changed.
/// </summary>
public sealed class CaseChangeSet(Case @case, Instant now, string channel)
{
    private readonly List<Clock> _touchedClocks = [];

    public Case Case => @case;

    public Instant Now => now;

    /// <summary>The notification channel (setting <c>Notifications:Channel</c>).</summary>
    public string Channel => channel;

    public List<ApprovalTask> NewTasks { get; } = [];

    public List<ApprovalTask> ChangedTasks { get; } = [];

    public List<CorrectionNotice> NewNotices { get; } = [];

    public List<Clock> NewClocks { get; } = [];

    public List<Clock> StoppedClocks { get; } = [];

    /// <summary>The clocks started or stopped, each once: their supervision signals are to be re-planned.</summary>
    public IReadOnlyList<Clock> TouchedClocks => _touchedClocks;

    public List<Notification> Notifications { get; } = [];

    public List<CaseAuditEntry> Audit { get; } = [];

    public List<DeemedActionSignal> PlannedSignals { get; } = [];

    public List<WithdrawnDeemedAction> WithdrawnSignals { get; } = [];

    /// <summary>The due deemed-action signal this step carries out: it is marked fired (and never withdrawn).</summary>
    public SignalId? FiredSignal { get; set; }

    /// <summary>Records an audit event of the case.</summary>
    public void Record(string action, string actor, string? subject, string? reason, object? details = null, string? publicText = null) =>
        Audit.Add(new CaseAuditEntry(action, actor, subject, reason, details, publicText));

    /// <summary>Writes a notification to the applicant (an outbox row) and audits it.</summary>
    public Notification Notify(string kind, string message)
    {
        var notification = new Notification(Shared.SequentialGuid.New(), Case.Id, channel, Case.Applicant.Phone, kind, message, now);
        Notifications.Add(notification);
        Record(AuditActions.ApplicantNotified, SystemActor.Name, notification.Id.ToString(), null, new { kind, channel });
        return notification;
    }

    /// <summary>Issues a correction notice: the applicant is told every item once, and the case waits for corrections.</summary>
    public Notification IssueNotice(CorrectionNotice notice, string actor)
    {
        notice.Issue(actor, now);
        Case.RecordCorrectionNoticeIssued(now);
        var notification = Notify("CorrectionNotice", notice.Text(Case.Number));
        Record(AuditActions.CorrectionNoticeIssued, actor, notice.Id.ToString(), null, new { notice.Items },
            "Correction notice issued 一次性告知: " + string.Join("; ", notice.Items.Select(i => $"{i.Material} — {i.Problem}")));
        return notification;
    }

    internal void Started(Clock clock)
    {
        NewClocks.Add(clock);
        Touch(clock);
    }

    internal void Stopped(Clock clock)
    {
        StoppedClocks.Add(clock);
        Touch(clock);
    }

    internal void Changed(ApprovalTask task)
    {
        if (!ChangedTasks.Contains(task) && !NewTasks.Contains(task))
        {
            ChangedTasks.Add(task);
        }
    }

    private void Touch(Clock clock)
    {
        if (!_touchedClocks.Contains(clock))
        {
            _touchedClocks.Add(clock);
        }
    }
}
