using NodaTime;

namespace OneStop.Workflows.Domain.Audit;

/// <summary>Who may see an audit event: staff only, or also the applicant in the progress view.</summary>
public enum AuditVisibility
{
    Internal,
    Public,
}

/// <summary>
/// An append-only record of something that happened: who, when, what (a past-tense action such as
/// <c>CaseSubmitted</c>), to which case/subject, and why. A case's timeline is its audit events.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent()
    {
        Actor = Action = string.Empty;
    }

    public AuditEvent(Instant at, string actor, string action, Guid? caseId, string? subject, string? details, string? reason,
        AuditVisibility visibility = AuditVisibility.Internal, string? publicText = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        Id = Shared.SequentialGuid.New();
        At = at;
        Actor = actor;
        Action = action;
        CaseId = caseId;
        Subject = subject;
        Details = details;
        Reason = reason;
        Visibility = visibility;
        PublicText = publicText;
    }

    public Guid Id { get; private set; }

    public Instant At { get; private set; }

    /// <summary>A user name, <c>applicant</c>, or <c>system</c>.</summary>
    public string Actor { get; private set; }

    public string Action { get; private set; }

    public Guid? CaseId { get; private set; }

    /// <summary>What the action was about besides the case (a task id, a user name, an item code).</summary>
    public string? Subject { get; private set; }

    /// <summary>Structured details as JSON.</summary>
    public string? Details { get; private set; }

    /// <summary>The written reason or opinion, if any.</summary>
    public string? Reason { get; private set; }

    public AuditVisibility Visibility { get; private set; }

    /// <summary>For public events: the wording the applicant sees (no internal opinions).</summary>
    public string? PublicText { get; private set; }
}
