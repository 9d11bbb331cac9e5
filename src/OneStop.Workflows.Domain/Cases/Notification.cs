using NodaTime;

namespace OneStop.Workflows.Domain.Cases;

/// <summary>
/// A message to an applicant, written in the step's transaction (an outbox). The configured notifier
/// (log by default; SMS / e-mail adapters by configuration) delivers it.
/// </summary>
public sealed class Notification
{
    private Notification()
    {
        Channel = Recipient = Kind = Message = string.Empty;
    }

    public Notification(Guid id, CaseId? caseId, string channel, string recipient, string kind, string message, Instant now)
    {
        Id = id;
        CaseId = caseId;
        Channel = channel;
        Recipient = recipient;
        Kind = kind;
        Message = message;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public CaseId? CaseId { get; private set; }

    public string Channel { get; private set; }

    public string Recipient { get; private set; }

    /// <summary>E.g. <c>CorrectionNotice</c>, <c>Decision</c>, <c>Information</c>.</summary>
    public string Kind { get; private set; }

    public string Message { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant? SentAt { get; private set; }

    public void MarkSent(Instant now) => SentAt = now;
}
